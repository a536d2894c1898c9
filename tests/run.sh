#!/usr/bin/env bash
# Runs the whole suite for each build directory given (e.g. build build/san):
# the unit test programs in DIR/tests/ and the golden cases with DIR/ivrc.
# Ends with one line: "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for dir in "$@"; do
	echo "== $dir"
	for t in "$dir"/tests/test_*; do
		[ -x "$t" ] || continue
		"$t" > "$log.out" 2>&1
		status=$?
		sed "s|^|  $(basename "$t"): |" "$log.out" | grep -v ': PASS ' || true
		grep -c '^PASS ' "$log.out" | sed 's/^/P /' >> "$log"
		grep -c '^FAIL ' "$log.out" | sed 's/^/F /' >> "$log"
		# A crash or a non-zero exit without a FAIL line still counts as a failure.
		if [ $status -ne 0 ] && ! grep -q '^FAIL ' "$log.out"; then
			echo "  $(basename "$t"): exited with status $status"
			echo "F 1" >> "$log"
		fi
	done
	"$here/golden.sh" "$dir/ivrc" > "$log.out" 2>&1
	grep -v '^PASS ' "$log.out" | sed 's/^/  /'
	grep -c '^PASS ' "$log.out" | sed 's/^/P /' >> "$log"
	grep -c '^FAIL ' "$log.out" | sed 's/^/F /' >> "$log"
done
rm -f "$log.out"
passed=$(awk '$1 == "P" { s += $2 } END { print s + 0 }' "$log")
failed=$(awk '$1 == "F" { s += $2 } END { print s + 0 }' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
