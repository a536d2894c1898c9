# Sourced by tests/run.sh and tests/valgrind.sh: runs checkers that print
# `PASS ...` / `FAIL ...` lines and adds them up.
#   count NAME COMMAND...   runs one: says so as it starts, shows what is not
#                           a PASS, and ends with its counts and seconds; a
#                           checker that fails without a FAIL line (a crash)
#                           counts as one
#   count_summary           prints "N passed, N failed"; false when any failed
count_log=$(mktemp)
count_out=$(mktemp)
trap 'rm -f "$count_log" "$count_out"' EXIT

count() {
	local name=$1 started=$SECONDS
	shift
	echo "  $name ..."
	"$@" > "$count_out" 2>&1
	local status=$?
	grep -v '^PASS ' "$count_out" | sed "s|^|  $name: |"
	local p f
	p=$(grep -c '^PASS ' "$count_out")
	f=$(grep -c '^FAIL ' "$count_out")
	if [ $status -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "  $name: exited with status $status"
		f=1
	fi
	echo "P $p" >> "$count_log"
	echo "F $f" >> "$count_log"
	echo "  $name: $p passed, $f failed ($((SECONDS - started)) s)"
}

count_summary() {
	local passed failed
	passed=$(awk '$1 == "P" { s += $2 } END { print s + 0 }' "$count_log")
	failed=$(awk '$1 == "F" { s += $2 } END { print s + 0 }' "$count_log")
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
