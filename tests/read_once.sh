#!/usr/bin/env bash
# Each file is read once a call (docs/CLI.md, "check and lint"): `ivrc check
# FOLDER` on generated projects that all include one shared prompts file
# (bench/gen.py projects) opens every IVR file exactly once, the shared one
# too (named by each project as ../shared/...), and asks no stat of any by
# its path: a file's identity comes from the open that reads it, and a glob
# from the folder scan. Traced with strace; prints PASS/FAIL lines.
set -u
ivrc=$(readlink -f "${1:?usage: read_once.sh PATH/TO/ivrc}")
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v strace > /dev/null; then
	echo "FAIL read-once: 'strace' is not installed (scripts/deps.sh installs it)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/gen.py" projects --projects 20 -o "$tmp/p" > /dev/null
files=$(cd "$tmp" && find p -name '*.ivr*' | wc -l)
(cd "$tmp" && strace -f -qq -e trace=open,openat,stat,lstat,newfstatat,statx -o trace \
	"$ivrc" check p > out 2>&1)
status=$?
ivr='\.ivr(\.ya?ml)?"'
opens=$(grep -E 'open(at)?\(' "$tmp/trace" | grep -cE "$ivr")
distinct=$(grep -E 'open(at)?\(' "$tmp/trace" | grep -oE '"[^"]*'"$ivr" | sort -u | wc -l)
stats=$(grep -E 'stat' "$tmp/trace" | grep -cE "$ivr")
check() {
	if [ "$2" = "$3" ]; then echo "PASS read-once $1 ($2)"; else echo "FAIL read-once $1: $2, expected $3"; fi
}
check "check exits 0" "$status" 0
check "IVR files opened" "$opens" "$files"
check "each by one path" "$distinct" "$files"
check "IVR files stat'ed by path" "$stats" 0
