# bash completion for ivrc: commands, their flags, targets, formats, and
# the lint rule codes (asked of `ivrc rules` when completing, so they are
# always those of the installed ivrc). Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/ivrc; or `source` this file.

# Files of one kind (yaml: *.yaml *.yml *.ivr; json: *.json) and directories.
_ivrc_files()
{
	local cur=$1 kind=$2 f
	local IFS=$'\n'
	COMPREPLY=()
	for f in $(compgen -f -- "$cur"); do
		if [ -d "$f" ]; then
			COMPREPLY+=("$f/")
		else
			case $kind:$f in
			yaml:*.yaml | yaml:*.yml | yaml:*.ivr | json:*.json | any:*) COMPREPLY+=("$f") ;;
			esac
		fi
	done
	compopt -o nospace 2>/dev/null
	[ ${#COMPREPLY[@]} -eq 1 ] && [ "${COMPREPLY[0]%/}" = "${COMPREPLY[0]}" ] &&
		compopt +o nospace 2>/dev/null
	return 0
}

_ivrc_flags()
{
	case $1 in
	check) echo "--format --syntax --help" ;;
	lint) echo "--format --config --fail-on --now --syntax --help" ;;
	build) echo "--target --env -o --state --format --syntax --help" ;;
	plan) echo "--target --env --state --refresh --detailed-exitcode --prune --format --syntax --help" ;;
	push) echo "--target --env --state --dry-run --yes --prune --refresh --cacert --lock-timeout --syntax --help" ;;
	fmt) echo "-w --check --syntax --help" ;;
	convert) echo "--to --syntax --help" ;;
	graph) echo "--format --times --target --env --syntax --help" ;;
	simulate) echo "--start --input --at --target --env --format --api-fixture --syntax --help" ;;
	paths) echo "--target --from --format --limit --emit-tests --env --syntax --help" ;;
	test) echo "--target --env --api-fixture --syntax --help" ;;
	import) echo "--from -o --to --allow-loss --help" ;;
	dump-ast) echo "--syntax --help" ;;
	*) echo "--help" ;;
	esac
}

_ivrc()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands="check lint rules explain build plan push fmt convert graph simulate paths test import schema dump-ast"
	local targets="smartflo sonetel infobip"
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
		return 0
	fi
	local cmd=${COMP_WORDS[1]} words=""
	case $prev in
	--target) words=$targets ;;
	--from)
		# import: the provider; paths: a destination of the file.
		[ "$cmd" = import ] && words=$targets || return 0 ;;
	--syntax | --to) words="yaml dsl" ;;
	--fail-on) words="error warning note" ;;
	--format)
		case $cmd in
		graph) words="dot mermaid" ;;
		simulate | build) words="text json" ;;
		paths) words="text json csv" ;;
		*) words="text json sarif github" ;;
		esac ;;
	--state | --api-fixture) _ivrc_files "$cur" json; return 0 ;;
	--config) _ivrc_files "$cur" yaml; return 0 ;;
	--cacert) _ivrc_files "$cur" any; return 0 ;;
	-o)
		# build writes a directory (or - for standard output); import a file.
		if [ "$cmd" = build ]; then
			COMPREPLY=($(compgen -d -- "$cur") -)
		else
			_ivrc_files "$cur" yaml
		fi
		return 0 ;;
	--start | --input | --now | --limit) return 0 ;;
	esac
	if [ -n "$words" ]; then
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return 0
	fi
	if [ "$cmd" = explain ]; then
		local codes
		codes=$("${COMP_WORDS[0]}" rules 2>/dev/null | awk '/^IVR[0-9]/ { print $1 }')
		COMPREPLY=($(compgen -W "$codes" -- "$cur"))
		return 0
	fi
	case $cur in
	-*) COMPREPLY=($(compgen -W "$(_ivrc_flags "$cmd")" -- "$cur")) ;;
	*)
		case $cmd in
		rules | schema) ;;
		import) _ivrc_files "$cur" json ;;
		*) _ivrc_files "$cur" yaml ;;
		esac ;;
	esac
	return 0
}

complete -F _ivrc ivrc
