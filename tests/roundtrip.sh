#!/usr/bin/env bash
# The two syntaxes say the same thing: every valid input (the examples and
# the golden inputs that check or build cleanly) goes YAML -> DSL -> YAML or
# DSL -> YAML -> DSL, and the checked program (ivrc dump-ast) must not change.
# The DSL that convert writes must already be canonical (fmt --check), and so
# must the DSL examples.
set -u
ivrc=$(readlink -f "${1:?usage: roundtrip.sh PATH/TO/ivrc}")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1

inputs() {
	ls "$root"/examples/*.ivr.yaml "$root"/examples/*.ivr
	for dir in "$root"/tests/golden/*/; do
		[ "$(cat "$dir/expected_status" 2>/dev/null)" = 0 ] || continue
		grep -qE '^(check|build) ' "$dir/args" 2>/dev/null || continue
		for f in "$dir"input*.yaml "$dir"input*.ivr; do
			[ -f "$f" ] && echo "$f"
		done
	done
}

one() {
	local f=$1 name=${1#"$root"/} from to
	case $f in *.ivr) from=dsl to=yaml ;; *) from=yaml to=dsl ;; esac
	"$ivrc" dump-ast --syntax $from "$f" > "$tmp/ast0" 2> "$tmp/err" || {
		echo "SKIP roundtrip $name (not a valid program)"; return; }
	"$ivrc" convert --syntax $from --to $to "$f" > "$tmp/one" 2>> "$tmp/err" &&
	"$ivrc" dump-ast --syntax $to "$tmp/one" > "$tmp/ast1" 2>> "$tmp/err" &&
	"$ivrc" convert --syntax $to --to $from "$tmp/one" > "$tmp/two" 2>> "$tmp/err" &&
	"$ivrc" dump-ast --syntax $from "$tmp/two" > "$tmp/ast2" 2>> "$tmp/err" || {
		echo "FAIL roundtrip $name: $(head -3 "$tmp/err")"; return; }
	if ! cmp -s "$tmp/ast0" "$tmp/ast1" || ! cmp -s "$tmp/ast0" "$tmp/ast2"; then
		echo "FAIL roundtrip $name: the program changed"
		diff "$tmp/ast0" "$tmp/ast1" | head -10
		return
	fi
	local dsl="$tmp/one"
	[ $from = dsl ] && dsl="$tmp/two"
	if ! "$ivrc" fmt --check --syntax dsl "$dsl" > /dev/null 2>&1; then
		echo "FAIL roundtrip $name: converted DSL is not canonical"
		return
	fi
	echo "PASS roundtrip $name"
}

while read -r f; do one "$f"; done < <(inputs)
for f in "$root"/examples/*.ivr; do
	if "$ivrc" fmt --check "$f" > /dev/null 2>&1; then
		echo "PASS fmt-check ${f#"$root"/}"
	else
		echo "FAIL fmt-check ${f#"$root"/}: not in canonical form"
	fi
done

# The project example (several files, two environments): lint finds
# nothing, and it builds in each environment.
shop="$root/examples/shop"
if "$ivrc" lint "$shop" > /dev/null 2>&1; then
	echo "PASS example shop: lint clean"
else
	echo "FAIL example shop: lint finds something: $("$ivrc" lint "$shop" 2>&1 | head -c 300)"
fi
for env in staging prod; do
	if "$ivrc" build --target smartflo --env $env "$shop/shop.ivr.yaml" > /dev/null 2>&1; then
		echo "PASS example shop: builds for smartflo --env $env"
	else
		echo "FAIL example shop: build --env $env failed"
	fi
done
