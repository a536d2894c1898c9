#!/usr/bin/env bash
# Does simulating (and graphing) a call grow linearly with the program? A
# chain of N menus (each key 1 leads to the next; the last hangs up) is
# played with N keys at N = 1 000 and 10 000; the best of 3 wall times at
# 10 000 must stay under 12 times the time at 1 000. Not part of `make test`
# (timed tests are not): `make bench` runs it, or bench/sim_scaling.sh IVRC.
set -eu
ivrc=$(readlink -f "${1:-./ivrc}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

chain() {
	local n=$1 i
	{
		printf 'ivrc: 1\nname: chain\ntargets: { smartflo: {} }\n'
		printf 'recordings: { p: { smartflo: 1, text: "Press 1." } }\nmenus:\n'
		for ((i = 0; i < n - 1; i++)); do
			printf '  m%d: { prompt: p, options: { 1: menu:m%d } }\n' "$i" $((i + 1))
		done
		printf '  m%d: { prompt: p, options: { 1: hangup } }\n' $((n - 1))
	} > "$tmp/chain$n.yaml"
	yes 1 | head -n "$n" | paste -sd, > "$tmp/input$n"
}

# Best of three wall times of a command, in microseconds.
best() {
	local b=0 t0 t1 i
	for i in 1 2 3; do
		t0=$(date +%s%N)
		"$@" > /dev/null
		t1=$(date +%s%N)
		t1=$(((t1 - t0) / 1000))
		if [ "$b" = 0 ] || [ "$t1" -lt "$b" ]; then b=$t1; fi
	done
	echo "$b"
}

status=0
for n in 1000 10000; do chain $n; done
tail=$("$ivrc" simulate "$tmp/chain10000.yaml" --input "$(cat "$tmp/input10000")" | tail -2 | head -1)
[ "$tail" = "end hangup" ] || { echo "sim_scaling: the 10 000-menu call did not end in hangup: $tail"; exit 1; }
printf '%-10s %12s %12s %8s\n' step "1 000 (us)" "10 000 (us)" ratio
for what in check simulate graph; do
	case $what in
	check) a=$(best "$ivrc" check "$tmp/chain1000.yaml"); b=$(best "$ivrc" check "$tmp/chain10000.yaml") ;;
	simulate)
		a=$(best "$ivrc" simulate "$tmp/chain1000.yaml" --input "$(cat "$tmp/input1000")")
		b=$(best "$ivrc" simulate "$tmp/chain10000.yaml" --input "$(cat "$tmp/input10000")") ;;
	graph) a=$(best "$ivrc" graph "$tmp/chain1000.yaml"); b=$(best "$ivrc" graph "$tmp/chain10000.yaml") ;;
	esac
	ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", b / a }')
	printf '%-10s %12d %12d %8s\n' "$what" "$a" "$b" "${ratio}x"
	if [ "$what" != check ] && awk -v a="$a" -v b="$b" 'BEGIN { exit !(b >= 12 * a) }'; then
		echo "sim_scaling: $what grows faster than linearly (${ratio}x for 10x the menus)"
		status=1
	fi
done
exit $status
