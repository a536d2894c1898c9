#!/usr/bin/env bash
# Graphviz accepts every graph ivrc prints: for each golden case whose args
# run `graph` in DOT form and exit 0, `dot -Tsvg` must read expected_stdout
# without an error or a warning. Prints `PASS graphviz CASE` or
# `FAIL graphviz CASE: what dot said`. scripts/deps.sh installs graphviz.
set -u
root=$(cd "$(dirname "$0")/golden" && pwd)
if ! command -v dot > /dev/null; then
	echo "FAIL graphviz: 'dot' is not installed (scripts/deps.sh installs graphviz)"
	exit 1
fi
err=$(mktemp)
trap 'rm -f "$err"' EXIT
for dir in "$root"/*/; do
	name=$(basename "$dir")
	read -r -a argv < "$dir/args" 2> /dev/null || continue
	[ "${argv[0]:-}" = graph ] || continue
	[ "$(cat "$dir/expected_status" 2> /dev/null)" = 0 ] || continue
	case " ${argv[*]} " in *" --format mermaid "*) continue ;; esac
	if dot -Tsvg "$dir/expected_stdout" > /dev/null 2> "$err" && [ ! -s "$err" ]; then
		echo "PASS graphviz $name"
	else
		echo "FAIL graphviz $name: $(head -3 "$err" | tr '\n' ' ')"
	fi
done
