#!/usr/bin/env bash
# Runs the whole suite for each build directory given (e.g. build build/san):
# the unit test programs in DIR/tests/, the golden cases, the hostile
# inputs too big to keep (hostile.sh), the syntax round trip, plan/push against the fake provider (push_test.py), the lint
# rules' pages (rule_docs.py), import as the inverse of build
# (import_roundtrip.py) and the tests `paths --emit-tests` writes, run by
# `ivrc test` (emitted_tests.py) with DIR/ivrc; then, once, the checks that read the
# golden cases' expected outputs (contracts, SARIF), the JSON Schema against
# every input (schema_check.py), `make install` with the man page and the
# completions (install_check.sh), and the rule of who may include whom
# (layering.py, docs/ARCHITECTURE.md), the man page's synopsis and the
# completions against the command table (cli_table.py), and the README's
# examples and GETTING_STARTED.md against what ivrc prints (doc_examples.py), and that
# `check FOLDER` reads each file once (read_once.sh), and that the docs
# name no file the repository lacks (doc_links.py). Every check
# prints `PASS ...` or `FAIL ...`; this counts them and ends with one line:
# "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=count.sh
. "$here/count.sh"

for dir in "$@"; do
	echo "== $dir"
	for t in "$dir"/tests/test_*; do
		[ -x "$t" ] && count "$(basename "$t")" "$t"
	done
	count golden "$here/golden.sh" "$dir/ivrc"
	count hostile "$here/hostile.sh" "$dir/ivrc"
	count roundtrip "$here/roundtrip.sh" "$dir/ivrc"
	count push python3 "$here/push_test.py" "$dir/ivrc"
	count rule-docs python3 "$here/rule_docs.py" "$dir/ivrc"
	count import-roundtrip python3 "$here/import_roundtrip.py" "$dir/ivrc"
	count emitted-tests python3 "$here/emitted_tests.py" "$dir/ivrc"
	count provider-examples python3 "$here/provider_examples.py" "$dir/ivrc"
done
echo "== contracts"
count contracts python3 "$here/contract.py"
count infobip-script python3 "$here/infobip_script_check.py"
count sarif python3 "$here/sarif_check.py"
count graphviz "$here/graphviz.sh"
count schema python3 "$here/schema_check.py" "$1/ivrc"
count install "$here/install_check.sh" "$1/ivrc"
count layering python3 "$here/layering.py"
count cli-table python3 "$here/cli_table.py" "$1/ivrc"
count docs python3 "$here/doc_examples.py" "$1/ivrc"
count read-once "$here/read_once.sh" "$1/ivrc"
count doc-links python3 "$here/doc_links.py"
count_summary
