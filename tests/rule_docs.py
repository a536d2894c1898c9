#!/usr/bin/env python3
"""The lint rules' pages (docs/rules/IVRxxx.md) against the rules and tests.

For every rule that `ivrc rules` lists: its page exists, its title is
"# IVRxxx: NAME", `ivrc explain IVRxxx` prints the page as it is (the
binary embeds it), and the page's Bad and Good examples are, byte for byte,
the inputs of the golden cases lint_IVRxxx_fires and lint_IVRxxx_silent, so
every example in the docs is a file the suite lints (and whose findings it
compares); a page's Configuration block is the .ivrc.yaml of its cases.
And every other code of compiler/codes.h has its docs/DIAGNOSTICS.md entry,
which `ivrc explain` prints. A page without a rule is a failure too. One PASS/FAIL line each.

usage: rule_docs.py PATH/TO/ivrc
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCS = os.path.join(ROOT, "docs", "rules")
GOLDEN = os.path.join(HERE, "golden")


def example(page, heading):
    """The first fenced block after '## heading', with its final newline."""
    m = re.search(r"^## %s\n\n```[a-z]*\n(.*?)^```$" % re.escape(heading), page,
                  re.S | re.M)
    return m.group(1) if m else None


def check_rule(ivrc, code, name):
    problems = []
    path = os.path.join(DOCS, code + ".md")
    if not os.path.isfile(path):
        return ["no page docs/rules/%s.md" % code]
    page = open(path).read()
    if not page.startswith("# %s: %s\n" % (code, name)):
        problems.append("the page's title is not '# %s: %s'" % (code, name))
    shown = subprocess.run([ivrc, "explain", code], capture_output=True, text=True)
    if shown.returncode != 0 or shown.stdout != page:
        problems.append("'ivrc explain %s' does not print the page (rebuild?)" % code)
    for heading, case in (("Bad", "fires"), ("Good", "silent")):
        text = example(page, heading)
        inp = os.path.join(GOLDEN, "lint_%s_%s" % (code, case), "input.ivr")
        if text is None:
            problems.append("no example under '## %s'" % heading)
        elif not os.path.isfile(inp):
            problems.append("no golden case lint_%s_%s" % (code, case))
        elif open(inp).read() != text:
            problems.append("the %s example differs from %s" % (heading, os.path.relpath(inp, ROOT)))
    # A rule that needs a setting shows it: each case's .ivrc.yaml.
    config = example(page, "Configuration")
    for case in ("fires", "silent", "suppressed"):
        cfg = os.path.join(GOLDEN, "lint_%s_%s" % (code, case), ".ivrc.yaml")
        if config is not None and (not os.path.isfile(cfg) or open(cfg).read() != config):
            problems.append("the Configuration differs from %s" % os.path.relpath(cfg, ROOT))
    if not os.path.isdir(os.path.join(GOLDEN, "lint_%s_suppressed" % code)):
        problems.append("no golden case lint_%s_suppressed" % code)
    return problems


def main():
    ivrc = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "ivrc"))
    listed = subprocess.run([ivrc, "rules"], capture_output=True, text=True)
    rules = [line.split()[:3] for line in listed.stdout.splitlines() if line.startswith("IVR")]
    failed = False
    if listed.returncode != 0 or not rules:
        print("FAIL rule-docs: 'ivrc rules' lists nothing")
        return 1
    for code, _, name in rules:
        problems = check_rule(ivrc, code, name)
        print("%s rule-docs %s%s" % ("FAIL" if problems else "PASS", code,
                                     ": " + "; ".join(problems) if problems else ""))
        failed |= bool(problems)
    # Every code of compiler/codes.h has an entry: `ivrc explain` prints it
    # (docs/DIAGNOSTICS.md's row, embedded) and exits 0.
    header = open(os.path.join(ROOT, "compiler", "codes.h")).read()
    for num in sorted(set(re.findall(r"=\s*(\d{3})\b", header))):
        shown = subprocess.run([ivrc, "explain", "IVR" + num], capture_output=True, text=True)
        ok = shown.returncode == 0 and shown.stdout.startswith("IVR" + num)
        if not ok:
            failed = True
        print("%s explain IVR%s%s" % ("PASS" if ok else "FAIL", num,
                                      "" if ok else ": no entry in docs/DIAGNOSTICS.md"))
    codes = {c for c, _, _ in rules}
    for f in sorted(os.listdir(DOCS)):
        if f.endswith(".md") and f[:-3] not in codes:
            print("FAIL rule-docs %s: a page for no rule" % f)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
