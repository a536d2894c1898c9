#!/usr/bin/env python3
"""`ivrc paths --emit-tests` against `ivrc test`: the paths model writes the
tests, the simulator runs them, two readings of the same semantics.

For each input (the examples, the golden inputs that check cleanly, two
generated files of bench/gen.py), with its tests taken out, and for the
language's semantics and each declared target: the emitted section is
appended and `ivrc test [--target T]` must pass every test it holds. One
PASS/FAIL line each.

usage: emitted_tests.py PATH/TO/ivrc
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ENV = dict(os.environ, NO_COLOR="1")


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, env=ENV)


def without_tests(text, dsl):
    """The file's text with its tests taken out."""
    if dsl:
        # `test "NAME" { ... }` on one line, or up to the `}` that starts a line.
        return re.sub(r'^test "[^\n]*?(?:\}\n|\{\n.*?^\}\n)', "", text, flags=re.S | re.M)
    return re.sub(r"^tests:\n(?:[ \-#][^\n]*\n|\n)*", "", text, flags=re.M)


def inputs():
    found = sorted(glob.glob(os.path.join(ROOT, "examples", "*.ivr*")))
    for d in sorted(glob.glob(os.path.join(HERE, "golden", "*", ""))):
        try:
            args = open(os.path.join(d, "args")).read()
            status = open(os.path.join(d, "expected_status")).read().strip()
        except OSError:
            continue
        if status == "0" and re.match(r"(check|build) ", args):
            found += sorted(glob.glob(d + "input*.ivr.yaml") + glob.glob(d + "input*.ivr"))
    return found


def generated(tmp):
    out = []
    for syntax, ext in (("yaml", ".ivr.yaml"), ("dsl", ".ivr")):
        path = os.path.join(tmp, "gen" + ext)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), "project",
                        "--size", "200000", "--syntax", syntax, "--seed", "7",
                        "--targets", "smartflo,sonetel", "-o", path], check=True)
        out.append(path)
    return out


def check(ivrc, path, tmp):
    name = os.path.relpath(path, ROOT) if path.startswith(ROOT) else os.path.basename(path)
    dsl = path.endswith(".ivr")
    ext = ".ivr" if dsl else ".ivr.yaml"
    base = os.path.join(tmp, "base" + ext)
    with open(base, "w") as f:
        f.write(without_tests(open(path).read(), dsl))
    ast = run(ivrc, "dump-ast", base)
    if ast.returncode != 0:
        return ["SKIP emitted-tests %s: not a valid program without its tests" % name]
    program = json.loads(ast.stdout)
    if program.get("tests"):
        return ["FAIL emitted-tests %s: its tests were not taken out" % name]
    lines = []
    for target in [None] + sorted(program.get("targets") or {}):
        flag = ["--target", target] if target else []
        label = "%s%s" % (name, " --target " + target if target else "")
        emitted = run(ivrc, "paths", "--emit-tests", *flag, base)
        if emitted.returncode != 0:
            lines.append("FAIL emitted-tests %s: paths exits %d: %s" %
                         (label, emitted.returncode, emitted.stderr.strip()[:200]))
            continue
        full = os.path.join(tmp, "full" + ext)
        with open(full, "w") as f:
            f.write(open(base).read() + emitted.stdout)
        ran = run(ivrc, "test", *flag, full)
        m = re.search(r"^(\d+) tests?, (\d+) passed, (\d+) failed$", ran.stdout, re.M)
        none = re.search(r"^# No test to emit: (.*)\.$", emitted.stdout, re.M)
        if m and m.group(1) == "0" and none and ran.returncode == 0:
            lines.append("PASS emitted-tests %s (no tests: %s)" % (label, none.group(1)))
        elif ran.returncode != 0 or not m or m.group(1) != m.group(2) or m.group(1) == "0":
            bad = [l for l in ran.stdout.splitlines() if not l.startswith("  ok")][:6]
            lines.append("FAIL emitted-tests %s: %s" % (label, " | ".join(bad) or
                                                      ran.stderr.strip()[:200]))
        else:
            lines.append("PASS emitted-tests %s (%s tests)" % (label, m.group(1)))
    return lines


def main():
    ivrc = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "ivrc"))
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for path in inputs() + generated(tmp):
            for line in check(ivrc, path, tmp):
                print(line)
                failed |= line.startswith("FAIL")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
