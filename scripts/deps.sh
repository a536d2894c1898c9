#!/bin/sh
# Installs the Debian packages ivrc needs to build and test, when missing.
# Run as root on Debian 12; prints nothing when everything is there.
# `deps.sh fuzz` also installs what `make fuzz` needs (clang and libFuzzer);
# `deps.sh valgrind` what `make valgrind` needs.
set -eu
# graphviz: the tests check that `dot` reads every graph `ivrc graph` prints.
# python3-jsonschema, python3-yaml: the tests validate files against `ivrc
# schema`; groff-base, man-db: they render docs/ivrc.1; zsh: they load the
# zsh completion; strace: they count what `check FOLDER` asks of the files.
# tzdata: calendars' time zones come from the system's tz database.
need="gcc make pkg-config re2c libyaml-dev libcjson-dev libcurl4-openssl-dev python3 graphviz"
need="$need python3-jsonschema python3-yaml groff-base man-db zsh strace tzdata"
case "${1:-}" in
fuzz) need="$need clang libclang-rt-14-dev" ;;
valgrind) need="$need valgrind" ;;
esac
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing packages:$missing (run as root, or install them)" >&2
	exit 2
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
