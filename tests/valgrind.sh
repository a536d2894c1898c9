#!/usr/bin/env bash
# `make valgrind`: the unit programs of BUILD_DIR and every golden case's
# ivrc run under valgrind, which must report no error and no leak (any
# error or leak makes valgrind exit 99, and its report lands in the case's
# stderr, so the case fails with the report in its diff). Ends like
# tests/run.sh with one line "N passed, N failed".
#   tests/valgrind.sh [BUILD_DIR]      (default: build)
set -u
dir=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
# --trace-children: plan and push exec ivrc-push, which runs under valgrind too.
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
--errors-for-leak-kinds=definite,indirect,possible --trace-children=yes"
# shellcheck source=count.sh
. "$here/count.sh"

echo "== valgrind: $dir"
for t in "$dir"/tests/test_*; do
	# shellcheck disable=SC2086
	[ -x "$t" ] && count "$(basename "$t")" $vg "$t"
done
count golden env GOLDEN_WRAPPER="$vg" GOLDEN_TIMEOUT="${GOLDEN_TIMEOUT:-300}" \
	"$here/golden.sh" "$dir/ivrc"
count_summary
