#!/usr/bin/env bash
# Checks that bench/gen.py writes valid projects: for each seed, a project in
# both syntaxes passes `ivrc check` and `ivrc build --target T` for every
# target with no error, `ivrc lint` finds nothing but Sonetel's IVR420, both
# syntaxes load into the same program (dump-ast), and every file of a small
# generated repository checks without error.
#   bench/validate.sh [PATH/TO/ivrc] [SEEDS] [CLUSTERS]
set -u
ivrc=$(readlink -f "${1:-build/ivrc}")
seeds=${2:-20}
clusters=${3:-40}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
has_lint=0
"$ivrc" lint --help > /dev/null 2>&1 && has_lint=1
ok() { # FILE ARGS...: exit 0 and no error
	local f=$1
	shift
	if ! "$ivrc" "$@" "$f" > /dev/null 2> "$tmp/err" || grep -q ': error:' "$tmp/err"; then
		echo "FAIL gen: $* $f"
		head -5 "$tmp/err"
		fail=1
	fi
}
for seed in $(seq 1 "$seeds"); do
	python3 "$here/gen.py" project --clusters "$clusters" --seed "$seed" -o "$tmp/p.ivr.yaml"
	python3 "$here/gen.py" project --clusters "$clusters" --seed "$seed" --syntax dsl -o "$tmp/p.ivr"
	for f in "$tmp/p.ivr.yaml" "$tmp/p.ivr"; do
		ok "$f" check
		for t in smartflo sonetel infobip; do ok "$f" build --target "$t"; done
		# A maintained project: lint finds nothing but Sonetel's own
		# warning about invalid handlers (IVR420).
		if [ "$has_lint" = 1 ] && "$ivrc" lint "$f" 2>&1 | grep -E '\[IVR[0-9]+\]' |
			grep -qv 'IVR420'; then
			echo "FAIL gen: lint $f"
			"$ivrc" lint "$f" 2>&1 | grep -E '\[IVR[0-9]+\]' | grep -v IVR420 | head -5
			fail=1
		fi
	done
	"$ivrc" dump-ast "$tmp/p.ivr.yaml" > "$tmp/a.json" 2> /dev/null
	"$ivrc" dump-ast "$tmp/p.ivr" > "$tmp/b.json" 2> /dev/null
	if ! cmp -s "$tmp/a.json" "$tmp/b.json"; then
		echo "FAIL gen: seed $seed: the YAML and DSL projects differ (dump-ast)"
		fail=1
	fi
	[ $fail = 0 ] && echo "PASS gen seed $seed"
done
python3 "$here/gen.py" repo --files 50 --seed 3 -o "$tmp/repo" > /dev/null
for f in "$tmp"/repo/*; do ok "$f" check; done
[ $fail = 0 ] && echo "PASS gen repo"
exit $fail
