# Sourced by tests/run.sh and tests/valgrind.sh: runs checkers that print
# `PASS ...` / `FAIL ...` lines and adds them up.
#   count NAME COMMAND...   runs one; shows what is not a PASS; a checker that
#                           fails without a FAIL line (a crash) counts as one
#   count_summary           prints "N passed, N failed"; false when any failed
count_log=$(mktemp)
count_out=$(mktemp)
trap 'rm -f "$count_log" "$count_out"' EXIT

count() {
	local name=$1
	shift
	"$@" > "$count_out" 2>&1
	local status=$?
	grep -v '^PASS ' "$count_out" | sed "s|^|  $name: |"
	echo "P $(grep -c '^PASS ' "$count_out")" >> "$count_log"
	echo "F $(grep -c '^FAIL ' "$count_out")" >> "$count_log"
	if [ $status -ne 0 ] && ! grep -q '^FAIL ' "$count_out"; then
		echo "  $name: exited with status $status"
		echo "F 1" >> "$count_log"
	fi
}

count_summary() {
	local passed failed
	passed=$(awk '$1 == "P" { s += $2 } END { print s + 0 }' "$count_log")
	failed=$(awk '$1 == "F" { s += $2 } END { print s + 0 }' "$count_log")
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
