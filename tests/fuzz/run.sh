#!/usr/bin/env bash
# Runs libFuzzer targets, each for SECONDS seconds, FUZZ_JOBS (2) at a time:
#   tests/fuzz/run.sh SECONDS BUILD_DIR TARGET...      (make fuzz FUZZ_SECONDS=N)
# BUILD_DIR/fuzzers/TARGET is the binary. Seeds come from the golden inputs
# and the examples (YAML for fuzz_yaml, and the yaml-test-suite inputs for
# fuzz_yaml_fast, DSL for fuzz_dsl, both for fuzz_fmt,
# tests/fuzz/scalar.seeds for fuzz_scalar, expr.seeds for fuzz_expr, the golden JSON inputs and
# bundles for fuzz_import); the corpus grows in
# BUILD_DIR/corpus/TARGET across runs; crashes, leaks, timeouts and
# out-of-memory inputs land in BUILD_DIR/artifacts/TARGET/, the log in
# BUILD_DIR/logs/TARGET.log. Prints one line per target (execs, corpus,
# coverage, new artifacts) and exits 1 when a target found something.
# FUZZ_JOBS: targets run at once (2); FUZZ_MAX_LEN: the largest input
# (16384); FUZZ_FLAGS: more libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1"
# to go on after a crash and collect every distinct one.
set -u
secs=${1:?usage: run.sh SECONDS BUILD_DIR TARGET...}
build=${2:?usage: run.sh SECONDS BUILD_DIR TARGET...}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${FUZZ_JOBS:-2}
max_len=${FUZZ_MAX_LEN:-16384}

# Regular files only: a golden case may hold a directory named like an input.
files_of() {
	local f
	for f in "$@"; do [ -f "$f" ] && echo "$f"; done
	return 0
}

seed_files() {
	local g=$root/tests/golden
	case $1 in
	fuzz_yaml) files_of "$g"/*/*.yaml "$root"/examples/*.yaml ;;
	fuzz_yaml_fast) files_of "$g"/*/*.yaml "$root"/examples/*.yaml "$root"/examples/*/*.yaml "$root"/tests/yaml_suite/*.yaml ;;
	fuzz_dsl) files_of "$g"/*/*.ivr "$root"/examples/*.ivr ;;
	fuzz_import)
		# Provider JSON: the golden import inputs and every bundle a
		# golden build printed.
		files_of "$g"/*/*.json
		grep -l '^build ' "$g"/*/args | while read -r a; do
			d=$(dirname "$a")
			[ "$(cat "$d/expected_status")" = 0 ] && [ -s "$d/expected_stdout" ] &&
				echo "$d/expected_stdout"
		done ;;
	*) files_of "$g"/*/*.yaml "$g"/*/*.ivr "$root"/examples/*.yaml "$root"/examples/*.ivr ;;
	esac
}

# Fills BUILD_DIR/seeds/TARGET afresh (the golden inputs may have changed).
make_seeds() {
	local t=$1 dir=$build/seeds/$1 i=0
	rm -rf "$dir"
	mkdir -p "$dir"
	if [ "$t" = fuzz_scalar ] || [ "$t" = fuzz_expr ]; then
		while IFS= read -r line; do
			printf '%s' "$line" > "$dir/s$i"
			i=$((i + 1))
		done < "$here/${t#fuzz_}.seeds"
		return
	fi
	seed_files "$t" | while read -r f; do
		# Inputs over max_len would only be cut.
		[ "$(stat -c %s "$f")" -le "$max_len" ] && cp "$f" "$dir/$(echo "$f" | cksum | cut -d' ' -f1)"
	done
}

run_one() {
	local t=$1 bin=$build/fuzzers/$1
	local corpus=$build/corpus/$t art=$build/artifacts/$t log=$build/logs/$t.log
	mkdir -p "$corpus" "$art" "$build/logs"
	make_seeds "$t"
	local dict=()
	[ -f "$here/$t.dict" ] && dict=(-dict="$here/$t.dict")
	local before
	before=$(find "$art" -type f | wc -l)
	# shellcheck disable=SC2086 # FUZZ_FLAGS: more libFuzzer flags, split
	timeout -k 10 $((secs + 120)) "$bin" -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
		-artifact_prefix="$art/" "${dict[@]}" ${FUZZ_FLAGS:-} "$corpus" "$build/seeds/$t" \
		> "$log" 2>&1
	local status=$? after
	after=$(find "$art" -type f | wc -l)
	local last execs
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	# -fork=N prints no stat:: lines; its "#N:" lines count every run.
	[ -z "$execs" ] && execs=$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
	printf '%s: %ss, %s execs, %s, %s new artifacts%s\n' "$t" "$secs" "${execs:-?}" \
		"$(echo "$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+(/[0-9a-zA-Z]+)?' || echo '?')" \
		"$((after - before))" "$([ $status -ne 0 ] && echo " (exit $status, see $log)")"
	[ "$after" -eq "$before" ] && [ $status -eq 0 ]
}

found=0
pids=()
for t in "$@"; do
	[ -x "$build/fuzzers/$t" ] || { echo "$t: not built ($build/fuzzers/$t)"; found=1; continue; }
	run_one "$t" &
	pids+=($!)
	if [ ${#pids[@]} -ge "$jobs" ]; then
		wait "${pids[0]}" || found=1
		pids=("${pids[@]:1}")
	fi
done
for p in "${pids[@]}"; do wait "$p" || found=1; done
if [ $found = 0 ]; then echo "fuzz: no crashes"; else echo "fuzz: something was found (see above)"; fi
exit $found
