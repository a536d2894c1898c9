#!/usr/bin/env bash
# Golden tests: each folder under tests/golden/ is one case:
#   args             the arguments to ivrc, one line (run inside the folder)
#   stdin            optional: fed to standard input
#   expected_stdout, expected_stderr, expected_status
#   expected_files   optional: the files the run creates or changes, each as
#                    "== PATH" and its contents, then the files it removes,
#                    each as "== PATH (removed)"; such a case runs in a copy of
#                    its folder
# Prints one line per case (PASS/FAIL) and a diff for failures.
# UPDATE_GOLDEN=1 rewrites the expected files from what ivrc does now.
# GOLDEN_WRAPPER runs ivrc under a command (`make valgrind` sets it to
# valgrind); GOLDEN_TIMEOUT is the limit per case in seconds (default 20);
# GOLDEN_MEMORY_MB the address space a case may use (default 1024; not
# under ASan, which reserves terabytes, nor under a wrapper).
set -u
ivrc=$(readlink -f "${1:?usage: golden.sh PATH/TO/ivrc [CASE...]}")
shift
root=$(cd "$(dirname "$0")/golden" && pwd)
export NO_COLOR=1 LC_ALL=C
# The cases see no provider credentials or ivrc settings from the caller's
# environment: what a case needs, it passes as a flag.
unset $(env | grep -oE '^(SMARTFLO|SONETEL|INFOBIP|IVRC)_[A-Z_]*' || true)
cases=("$@")
memory_kb=$((${GOLDEN_MEMORY_MB:-1024} * 1024))
if grep -qa __asan_init "$ivrc" || [ -n "${GOLDEN_WRAPPER:-}" ]; then
	memory_kb=unlimited
fi
[ ${#cases[@]} -eq 0 ] && cases=("$root"/*/)
out=$(mktemp -d)
# "CRC SIZE PATH" of every file below $1, sorted.
files_sums() { (cd "$1" && find . -type f -print0 | xargs -0 -r cksum | sort); }
trap 'rm -rf "$out"' EXIT
for dir in "${cases[@]}"; do
	dir=$(cd "${dir%/}" && pwd)   # absolute: the case runs after a cd
	name=$(basename "$dir")
	[ -f "$dir/args" ] || { echo "FAIL $name: no args file"; continue; }
	read -r -a argv < "$dir/args"
	stdin=/dev/null
	[ -f "$dir/stdin" ] && stdin="$dir/stdin"
	compare=(stdout stderr status)
	rundir=$dir
	if [ -f "$dir/expected_files" ]; then
		compare+=(files)
		rundir=$out/run
		rm -rf "$rundir"
		cp -a "$dir" "$rundir"
		files_sums "$rundir" > "$out/before"
	fi
	# shellcheck disable=SC2086 # GOLDEN_WRAPPER is a command and its options
	(cd "$rundir" && ulimit -v "$memory_kb" &&
		timeout "${GOLDEN_TIMEOUT:-20}" ${GOLDEN_WRAPPER:-} "$ivrc" "${argv[@]}" \
		< "$stdin" > "$out/stdout" 2> "$out/stderr")
	echo $? > "$out/status"
	if [ -f "$dir/expected_files" ]; then
		files_sums "$rundir" > "$out/after"
		comm -13 "$out/before" "$out/after" | cut -d' ' -f3- | sort |
			while IFS= read -r f; do
				echo "== ${f#./}"
				cat "$rundir/$f"
			done > "$out/files"
		comm -23 <(cut -d' ' -f3- "$out/before" | sort) <(cut -d' ' -f3- "$out/after" | sort) |
			while IFS= read -r f; do
				echo "== ${f#./} (removed)"
			done >> "$out/files"
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		for f in "${compare[@]}"; do cp "$out/$f" "$dir/expected_$f"; done
	fi
	ok=1
	for f in "${compare[@]}"; do
		if ! cmp -s "$out/$f" "$dir/expected_$f"; then
			ok=0
			echo "--- $name: $f differs"
			diff -u "$dir/expected_$f" "$out/$f" | head -40
		fi
	done
	if [ $ok = 1 ]; then echo "PASS golden $name"; else echo "FAIL golden $name"; fi
done
