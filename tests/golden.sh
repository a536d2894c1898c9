#!/usr/bin/env bash
# Golden tests: each folder under tests/golden/ is one case:
#   args             the arguments to ivrc, one line (run inside the folder)
#   stdin            optional: fed to standard input
#   expected_stdout, expected_stderr, expected_status
# Prints one line per case (PASS/FAIL) and a diff for failures.
# UPDATE_GOLDEN=1 rewrites the expected files from what ivrc does now.
set -u
ivrc=$(readlink -f "${1:?usage: golden.sh PATH/TO/ivrc [CASE...]}")
shift
root=$(cd "$(dirname "$0")/golden" && pwd)
export NO_COLOR=1 LC_ALL=C
unset IVRC_NOW
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=("$root"/*/)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for dir in "${cases[@]}"; do
	dir=${dir%/}
	name=$(basename "$dir")
	[ -f "$dir/args" ] || { echo "FAIL $name: no args file"; continue; }
	read -r -a argv < "$dir/args"
	stdin=/dev/null
	[ -f "$dir/stdin" ] && stdin="$dir/stdin"
	(cd "$dir" && timeout 20 "$ivrc" "${argv[@]}" < "$stdin" > "$out/stdout" 2> "$out/stderr")
	echo $? > "$out/status"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$out/stdout" "$dir/expected_stdout"
		cp "$out/stderr" "$dir/expected_stderr"
		cp "$out/status" "$dir/expected_status"
	fi
	ok=1
	for f in stdout stderr status; do
		if ! cmp -s "$out/$f" "$dir/expected_$f"; then
			ok=0
			echo "--- $name: $f differs"
			diff -u "$dir/expected_$f" "$out/$f" | head -40
		fi
	done
	if [ $ok = 1 ]; then echo "PASS golden $name"; else echo "FAIL golden $name"; fi
done
