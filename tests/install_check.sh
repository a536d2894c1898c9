#!/usr/bin/env bash
# `make install DESTDIR=...` installs the binary, the man page and the bash
# and zsh completions; the man page renders without warnings; the man page
# and both completions know every command `ivrc --help` lists; the bash
# completion completes commands, targets, flags and the rule codes `ivrc
# rules` lists; the zsh completion parses and lists the same codes.
# usage: install_check.sh PATH/TO/ivrc. Prints PASS/FAIL lines.
set -u
ivrc=$(readlink -f "${1:?usage: install_check.sh PATH/TO/ivrc}")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1

check() {  # check NAME COMMAND...: PASS when the command succeeds
	local name=$1
	shift
	if "$@" > "$tmp/out" 2>&1; then
		echo "PASS install $name"
	else
		echo "FAIL install $name: $(head -c 300 "$tmp/out" | tr '\n' ' ')"
	fi
}

dest=$tmp/dest
check "make install DESTDIR PREFIX" make -s -C "$root" install DESTDIR="$dest" PREFIX=/usr
for f in bin/ivrc bin/ivrc-push share/man/man1/ivrc.1 share/bash-completion/completions/ivrc \
	share/zsh/site-functions/_ivrc; do
	check "installs $f" test -s "$dest/usr/$f"
done
check "installed binary runs" "$dest/usr/bin/ivrc" --version
# plan and push run in ivrc-push, beside ivrc; ivrc itself loads no libcurl.
check "installed ivrc runs plan through ivrc-push" \
	bash -c '"$1" plan --help | grep -q "^usage: ivrc"' _ "$dest/usr/bin/ivrc"
check "ivrc does not load libcurl" bash -c '! ldd "$1" | grep -q libcurl' _ "$dest/usr/bin/ivrc"
check "ivrc-push loads libcurl" bash -c 'ldd "$1" | grep -q libcurl' _ "$dest/usr/bin/ivrc-push"
mkdir -p "$tmp/alone"
cp "$dest/usr/bin/ivrc" "$tmp/alone/ivrc"
out=$(cd "$tmp/alone" && PATH=/nonexistent ./ivrc push --target smartflo x.ivr.yaml 2>&1)
check "push without ivrc-push says so and exits 2" bash -c \
	'[ "$1" = "ivrc: push: cannot run ivrc-push (installed beside ivrc): No such file or directory" ]' \
	_ "$out"
(cd "$tmp/alone" && PATH=/nonexistent ./ivrc push --target smartflo x.ivr.yaml > /dev/null 2>&1)
check "push without ivrc-push exits 2" test $? -eq 2

check "man page renders without warnings" \
	bash -c 'out=$(groff -man -ww -z -Tutf8 "$1" 2>&1) && [ -z "$out" ]' _ "$root/docs/ivrc.1"
check "man -l renders the page" \
	bash -c 'MANWIDTH=80 man -l "$1" 2>&1 | grep -q "compile IVR menus"' _ "$root/docs/ivrc.1"

# The commands of `ivrc --help`: the first word of each entry.
commands=$("$ivrc" --help | sed -n '/^commands:/,/^$/p' |
	sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p; s/^  \([a-z][a-z-]*\)$/\1/p')
for c in $commands; do
	check "man page lists '$c'" grep -q "^\.B.*$(echo "$c" | sed 's/-/\\\\-/g')" "$root/docs/ivrc.1"
	check "bash completion knows '$c'" grep -qw -- "$c" "$root/completions/ivrc.bash"
	check "zsh completion knows '$c'" grep -q "'$c:" "$root/completions/_ivrc"
done

# bash: complete the words given, print the candidates.
complete_bash() {
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ivrc
		printf "%s\n" "${COMPREPLY[@]}"' _ "$root/completions/ivrc.bash" "$@"
}
out=$(complete_bash ivrc imp)
check "bash completes 'ivrc imp' to import" test "$out" = import
out=$(complete_bash ivrc build --target "" | tr '\n' ' ')
targets=$("$ivrc" build --help | sed -n 's/^usage: ivrc build --target \([^ ]*\).*/\1/p' | tr '|' ' ')
check "bash completes --target with the targets" test "$out" = "$targets "
out=$(complete_bash ivrc import --f | tr '\n' ' ')
check "bash completes import's --from" test "$out" = "--from "
codes=$("$ivrc" rules 2>/dev/null | awk '/^IVR[0-9]/ { print $1 }' | tr '\n' ' ')
out=$(complete_bash "$ivrc" explain IVR | tr '\n' ' ')
check "bash completes explain with the rule codes" test "$out" = "$codes"

if command -v zsh > /dev/null; then
	check "zsh completion parses" zsh -n "$root/completions/_ivrc"
	out=$(zsh -c '
		_describe() { local a=${@[-1]}; print -l -- "${(@P)a}" }
		_call_program() { shift; "$@" }
		_arguments() { }
		words=("$1" explain ""); CURRENT=3
		source "$2"
		_ivrc_rule_codes' _ "$ivrc" "$root/completions/_ivrc" | cut -d: -f1 | tr '\n' ' ')
	check "zsh completion lists the rule codes" test "$out" = "$codes"
else
	echo "FAIL install zsh: not installed (scripts/deps.sh installs it)"
fi
