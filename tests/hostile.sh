#!/usr/bin/env bash
# Hostile inputs too big to keep as golden cases, generated here: each run
# of ivrc must end within its time limit (timeout) and address-space limit
# (ulimit -v), with the exit status and the first line of standard error
# given (the place and the code of the diagnostic). The small hostile inputs
# (NUL bytes, invalid UTF-8, a BOM, CRLF, an empty file, /dev/null, an alias
# bomb, a directory) are golden cases, which golden.sh bounds the same way.
#   tests/hostile.sh PATH/TO/ivrc
# Under ASan (which reserves terabytes of address space) the memory limit
# is left out and the time limits are tripled. Prints PASS/FAIL lines.
set -u
ivrc=$(readlink -f "${1:?usage: hostile.sh PATH/TO/ivrc}")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 LC_ALL=C
unset $(env | grep -oE '^(SMARTFLO|SONETEL|INFOBIP|IVRC)_[A-Z_]*' || true)
asan=0
grep -qa __asan_init "$ivrc" && asan=1

# run NAME SECONDS MEMORY_MB STATUS FIRST_LINE FILE ARGS...: PASS when ivrc
# ARGS FILE ends in time, in memory, with STATUS and FIRST_LINE first on stderr.
run() {
	local name=$1 secs=$2 mb=$3 want=$4 line=$5 file=$6
	shift 6
	[ $asan = 1 ] && secs=$((secs * 3))
	(
		cd "$tmp" || exit 99
		[ $asan = 0 ] && ulimit -v $((mb * 1024))
		timeout "$secs" "$ivrc" "$@" "$file" > /dev/null 2> "$tmp/err"
	) 2> /dev/null   # the shell's own "Aborted" line
	local status=$?
	local first
	first=$(head -n 1 "$tmp/err")
	if [ $status = 124 ]; then
		echo "FAIL hostile $name: still running after ${secs}s"
	elif [ "$status" != "$want" ]; then
		echo "FAIL hostile $name: exit $status, expected $want: $(head -c 300 "$tmp/err")"
	elif [ "$first" != "$line" ]; then
		echo "FAIL hostile $name: first line: $first"
		echo "    expected: $line"
	else
		echo "PASS hostile $name"
	fi
}

# bounded NAME SECONDS STATUS MAX_BYTES FILE ARGS...: PASS when ivrc ARGS
# FILE ends in time with STATUS and writes at most MAX_BYTES to standard
# error, none of them a control character but tab and newline (a snippet
# shows a window of a long line, with control bytes escaped).
bounded() {
	local name=$1 secs=$2 want=$3 max=$4 file=$5
	shift 5
	[ $asan = 1 ] && secs=$((secs * 3))
	(cd "$tmp" && timeout "$secs" "$ivrc" "$@" "$file" > /dev/null 2> "$tmp/err")
	local status=$? bytes
	bytes=$(wc -c < "$tmp/err")
	if [ $status = 124 ]; then
		echo "FAIL hostile $name: still running after ${secs}s"
	elif [ "$status" != "$want" ]; then
		echo "FAIL hostile $name: exit $status, expected $want: $(head -c 300 "$tmp/err")"
	elif [ "$bytes" -gt "$max" ]; then
		echo "FAIL hostile $name: $bytes bytes on standard error, at most $max expected"
	elif tr -d '\t\n' < "$tmp/err" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		echo "FAIL hostile $name: a control character on standard error"
	else
		echo "PASS hostile $name"
	fi
}

cd "$tmp" || exit 2
python3 - <<'EOF'
n = 100_000
open("deep_flow.yaml", "w").write("[" * n + "]" * n + "\n")
open("deep_block.yaml", "w").write("- " * n + "x\n")
open("deep.ivr", "w").write("ivrc 1\nname deep\nflow f {\n" + 'if "c" {\n' * n + "}\n" * n + "}\n")
big = "x" * 100_000_000
open("big_scalar.yaml", "w").write('ivrc: 1\nname: "' + big + '"\n')
open("big_string.ivr", "w").write('ivrc 1\nname "' + big + '"\n')
open("not_yaml.yaml", "wb").write(bytes(range(256)) * 4096)
# 20 000 menus in one cycle, every target declared.
m = 20_000
out = ["ivrc: 1", "name: ring", "entry: [menu:m0]",
       "targets: { smartflo: {}, sonetel: {}, infobip: {} }",
       "recordings:",
       '  r: { smartflo: 1, sonetel: "https://example.com/r.mp3", text: "Press 1." }',
       "menus:"]
# Smartflo needs both handlers (IVR435).
h = "{ prompt: r, retries: 0, then: hangup }"
out += ["  m%d: { prompt: r, options: { 1: menu:m%d }, invalid: %s, no_input: %s }"
        % (i, (i + 1) % m, h, h) for i in range(m)]
open("cycle.yaml", "w").write("\n".join(out) + "\n")

# 40 000 Infobip scenarios (2.5 MB; 26 MB of bundle): build prints each as
# it is made, so its memory is about check's, not the bundle's.
m = 40_000
out = ["ivrc: 1", "name: many", "targets: { infobip: {} }",
       "recordings:", '  r: { text: "Press 1 for the desk." }', "menus:"]
out += ["  m%d: { prompt: r, options: { 1: hangup, 2: menu:m%d } }"
        % (i, (i + 1) % m if i % 2 else i) for i in range(m)]
open("scenarios.yaml", "w").write("\n".join(out) + "\n")

# A calendar with 200 000 ranges on every day (each day's array is made once).
open("calendar.yaml", "w").write("ivrc: 1\nname: x\ntargets: {smartflo: {}}\ncalendars:\n"
                                 "  c:\n    timezone: UTC\n    hours:\n      mon-sun: [" +
                                 ", ".join(['"09:00-10:00"'] * 200_000) + "]\n")

# One line of 2 000 Smartflo IVRs (the shape a list call answers), each
# with a field ivrc has no equivalent for: a finding for each, on one line.
ivr = ('{"id": %d, "name": "ivr %d", "recording": "recording||1", "timeout": 5, '
       '"option": ["1"], "destination": ["hangup||1"], "music_on_hold": "x\\u001b[2J", '
       '"incorrect_count": 0, "invalid_recording": "recording||1", '
       '"invalid_destination": "hangup||1", "timeout_tries": 0, '
       '"timeout_retry_recording": "recording||1", "timeout_recording": "recording||1", '
       '"timeout_destination": "hangup||1", "recording_invalid": "recording||1"}')
open("ivrs.json", "w").write('{"ivrs": [' + ", ".join(ivr % (i, i) for i in range(2000)) + "]}")
# One line of YAML (a flow mapping) with 1 000 menus that lint warns about.
menus = ", ".join("m%d: {prompt: r, options: {1: hangup}}" % i for i in range(1000))
open("one_line.yaml", "w").write("{ivrc: 1, name: x, targets: {infobip: {}}, "
                                 "recordings: {r: {text: hi}}, menus: {" + menus + "}}")
# 1 MB of YAML whose lines end in a lone CR, with an error on each line.
open("cr.yaml", "w").write("ivrc: 1\rname: x\rtargets: {smartflo: {}}\rrecordings: {}\r"
                           "menus:\r" + "".join("  m%d: {prompt: nope%d}\r" % (i, i)
                                                 for i in range(40_000)))
EOF
truncate -s 200M nul.yaml
python3 - <<'EOF'
import os
# 10 000 menus with a warning each for Sonetel (IVR420).
menus = "".join("  m%d: {prompt: r, options: {1: hangup}, invalid: {prompt: r, retries: 0, "
                "then: hangup}}\n" % i for i in range(10_000))
open("warnings.yaml", "w").write("ivrc: 1\nname: x\ntargets: {sonetel: {}}\n"
                                 "recordings: {r: {text: hi}}\nmenus:\n" + menus)
# 100 000 labels in one flow, each with a goto back to it.
steps = "".join('  l%d: say "x"\n  goto l%d { limit 1 }\n' % (i, i) for i in range(100_000))
open("labels.ivr", "w").write("ivrc 1\nname labels\ntarget infobip\nflow f {\n" + steps +
                              "  hangup\n}\n")
# Expressions (docs/LANGUAGE.md, "Expressions"): 100 000-deep parentheses,
# a 1 MB chain of operators, a 1 MB string in a condition, a template of
# 1 MB with 80 000 ${...}.
head = "ivrc: 1\nname: x\nparameters: [a]\ntargets: {infobip: {}}\nflows:\n  f:\n"
open("expr_deep.yaml", "w").write(head + '    - if: {cond: "' + "(" * 100_000 + "a" +
                                  ")" * 100_000 + '", then: [hangup]}\n')
open("expr_chain.yaml", "w").write(head + '    - if: {cond: "' + "a + " * 250_000 +
                                   'a", then: [hangup]}\n')
open("expr_string.yaml", "w").write(head + "    - if: {cond: \"a == '" + "x" * 1_000_000 +
                                    "'\", then: [hangup]}\n    - hangup\n")
# Includes 100 000 deep would recurse as deep: 100 files in a chain.
os.makedirs("chain", exist_ok=True)
open("chain/root.ivr.yaml", "w").write("ivrc: 1\nname: d\ntargets: {smartflo: {}}\n"
                                       "include: [f0.ivr.yaml]\n")
for i in range(100):
    open("chain/f%d.ivr.yaml" % i, "w").write("include: [f%d.ivr.yaml]\n" % (i + 1))
open("expr_template.yaml", "w").write(head + '    - set: {var: t, value: "' +
                                      "${a + 1} and " * 80_000 + '"}\n    - hangup\n')
EOF

run "includes 100 files deep" 10 256 1 \
	"chain/f63.ivr.yaml:1:11: error: includes nest more than 64 deep [IVR140]" \
	chain/root.ivr.yaml check
run "a condition in 100 000 parentheses" 10 256 1 \
	"expr_deep.yaml:7:83: error: nested more than 64 deep [IVR128]" expr_deep.yaml check
run "a condition of 250 000 operators (1 MB)" 10 256 1 \
	"expr_chain.yaml:7:4021: error: more than 1000 operators in one expression [IVR128]" \
	expr_chain.yaml check
run "a condition with a 1 MB string: build" 10 512 0 "" expr_string.yaml build --target infobip
run "a 1 MB template with 80 000 \${...}: build" 10 512 0 "" expr_template.yaml build \
	--target infobip
run "a 1 MB template with 80 000 \${...}: simulate" 20 512 0 "" expr_template.yaml simulate
run "YAML flow collections 100 000 deep" 10 256 1 \
	"deep_flow.yaml:1:65: error: nesting deeper than 64 levels [IVR115]" deep_flow.yaml check
run "YAML block sequences 100 000 deep" 10 256 1 \
	"deep_block.yaml:1:129: error: nesting deeper than 64 levels [IVR115]" deep_block.yaml check
run "DSL blocks 100 000 deep" 10 256 1 \
	"deep.ivr:67:8: error: nesting deeper than 64 levels [IVR115]" deep.ivr check
run "a 100 MB YAML scalar" 30 1024 1 \
	"big_scalar.yaml:1:1: error: missing required key 'targets' in the top level [IVR105]" \
	big_scalar.yaml check
# Out of memory is said as such, not as an input error (SIGABRT: 134).
[ $asan = 0 ] && run "a 100 MB YAML scalar in 200 MB of address space" 30 200 134 \
	"ivrc: out of memory" big_scalar.yaml check
run "a 100 MB DSL string" 30 512 1 \
	"big_string.ivr:2:6: error: token longer than 65536 bytes [IVR125]" big_string.ivr check
run "a file that is not YAML" 10 256 1 \
	"not_yaml.yaml:1:1: error: invalid YAML: control characters are not allowed [IVR101]" \
	not_yaml.yaml check
run "20 000 menus in one cycle: check" 30 512 1 \
	"cycle.yaml:8:3: error: the infobip scenario for 'm0' nests blocks more than 200 deep: menus, announcements and flows are inlined inside one another [IVR431]" \
	cycle.yaml check
run "20 000 menus in one cycle: lint" 30 512 1 \
	"cycle.yaml:8:3: error: the infobip scenario for 'm0' nests blocks more than 200 deep: menus, announcements and flows are inlined inside one another [IVR431]" \
	cycle.yaml lint
run "20 000 menus in one cycle: build --target smartflo" 30 1024 0 "" \
	cycle.yaml build --target smartflo
run "20 000 menus in one cycle: build --target sonetel" 30 1024 0 \
	"cycle.yaml:8:17: note: record the 'Main Menu' prompt of voice app 'ring-m0': \"Press 1.\" [IVR422]" \
	cycle.yaml build --target sonetel
run "20 000 menus in one cycle: build --target infobip" 30 512 1 \
	"cycle.yaml:8:3: error: the infobip scenario for 'm0' nests blocks more than 200 deep: menus, announcements and flows are inlined inside one another [IVR431]" \
	cycle.yaml build --target infobip
run "a calendar of 200 000 ranges a day: check" 10 512 0 "" calendar.yaml check
run "40 000 Infobip scenarios: build in 80 MB of address space (the bundle needed 150)" \
	20 80 0 "" scenarios.yaml build --target infobip
run "20 000 menus in one cycle: graph" 30 512 0 "" cycle.yaml graph
run "20 000 menus in one cycle: simulate" 30 512 0 "" cycle.yaml simulate --input "1 1 1"
bounded "import of a one-line list of 2 000 Smartflo IVRs" 60 0 3000000 \
	ivrs.json import --allow-loss --from smartflo
bounded "lint of 1 000 menus on one line" 60 0 2000000 one_line.yaml lint
bounded "200 MB of NUL bytes" 60 1 2000 nul.yaml check
bounded "40 000 lines ended by a lone CR, an error on each" 60 1 100000 cr.yaml check
# A file name that is not UTF-8: --format json stays valid UTF-8 JSON.
bad_name=$(printf 'bad\377name.yaml')
printf 'ivrc: 1\nname: x\ntargets: {smartflo: {}}\nrecordings: {}\nmenus:\n  main: {prompt: nope}\n' > "$tmp/$bad_name"
if (cd "$tmp" && "$ivrc" check --format json "$bad_name" 2> /dev/null) |
	python3 -c 'import json, sys; d = json.loads(sys.stdin.buffer.read().decode("utf-8")); sys.exit(d[0]["file"] != "bad\\xffname.yaml")'; then
	echo "PASS hostile --format json: a file name that is not UTF-8"
else
	echo "FAIL hostile --format json: a file name that is not UTF-8: not valid UTF-8 JSON, or not shown as bad\\xffname.yaml"
fi
run "100 000 labels in one flow (a hang guard: one lookup a label)" 10 512 1 \
	"labels.ivr:4:6: error: the infobip scenario for 'f' needs more than 10000 actions: a menu, announcement or flow is inlined once per path that reaches it [IVR430]" \
	labels.ivr check
bounded "10 000 warnings: 100 shown, then a count" 60 0 40000 warnings.yaml check
# Past a file size limit (ulimit -f 2: 2 KiB) a write fails: exit 2 with
# the reason, and no temporary file is left (SIGXFSZ used to kill ivrc).
python3 -c 'print("ivrc 1\nname big\n# " + "x" * 4000)' > "$tmp/big.ivr"
printf 'ivrc: 1\nname: big\ntargets: {smartflo: {}}\nrecordings: {r: {smartflo: 1}}\nmenus:\n  main: {prompt: r, options: {1: hangup}, description: "%s", invalid: &h {prompt: r, retries: 0, then: hangup}, no_input: *h}\n' \
	"$(python3 -c 'print("x" * 3000)')" > "$tmp/big.yaml"
for cmd in "fmt -w big.ivr" "build --target smartflo -o out big.yaml"; do
	(cd "$tmp" && ulimit -f 2 && exec "$ivrc" $cmd) > /dev/null 2> "$tmp/err"
	status=$?
	left=$(find "$tmp" -name '*.tmp-*' | wc -l)
	if [ $status = 2 ] && grep -q 'File too large' "$tmp/err" && [ "$left" = 0 ]; then
		echo "PASS hostile ulimit -f 2: ivrc $cmd: exit 2, no temporary file left"
	else
		echo "FAIL hostile ulimit -f 2: ivrc $cmd: exit $status, $left temporary files: $(head -c 200 "$tmp/err")"
	fi
done
# Every file ivrc reads is capped (256 MiB): a stream is read up to the cap,
# a bigger regular file refused at once.
truncate -s 2G "$tmp/huge.yaml"
run "a 2 GiB file: refused before it is read" 10 64 2 \
	"ivrc: huge.yaml: file larger than 256 MiB (the most ivrc reads)" huge.yaml check
run "/dev/zero as the file: read up to the cap" 20 400 2 \
	"ivrc: /dev/zero: file larger than 256 MiB (the most ivrc reads)" /dev/zero check
cp "$here/fake_provider/project.ivr.yaml" "$tmp/project.ivr.yaml"
run "/dev/zero as the state file: read up to the cap" 20 400 2 \
	"ivrc: /dev/zero: cannot read the state file: file larger than 256 MiB (the most ivrc reads)" \
	project.ivr.yaml plan --target smartflo --state /dev/zero
