#!/usr/bin/env python3
"""The docs stand alone: every file README.md and docs/*.md link to
(`[text](path)`) or name in their prose as a path of the repository (`docs/CLI.md`,
`tests/golden/NAME`, `examples/acme.ivr`, `bench/gen.py`, ...) is in the
repository, and none names a file outside it (`../shared/...`). One
PASS/FAIL line a document.

usage: doc_links.py
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Paths the docs name in prose: a top folder of the repository, then a path.
TOPS = ("docs", "tests", "examples", "bench", "cli", "compiler", "grammar", "lint",
        "targets", "scripts", "completions")
NAMED = re.compile(r"(?<![\w./-])((?:%s)/[\w./-]*[\w])" % "|".join(TOPS))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def problems(doc):
    text = open(doc).read()
    base = os.path.dirname(doc)
    out = []
    for m in LINK.finditer(text):
        target = m.group(1)
        if re.match(r"[a-z]+:", target):
            continue   # a URL
        if not os.path.exists(os.path.normpath(os.path.join(base, target))):
            out.append("links %s, which is not there" % target)
    # Fenced blocks are commands and what they print (doc_examples.py runs
    # them): a file a command writes is not the repository's.
    prose = re.sub(r"^```.*?^```$", "", text, flags=re.S | re.M)
    for m in NAMED.finditer(prose):
        path = m.group(1).rstrip(".")
        if any(c in path for c in "*<>") or re.search(r"(^|/)[A-Z]{3,}(/|$|\.)", path):
            continue   # a pattern (tests/golden/CASE), not a file
        if not glob.glob(os.path.join(ROOT, path) + "*"):
            out.append("names %s, which is not there" % path)
    if re.search(r"\.\./shared/(docs|seeds)", text):
        out.append("names ../shared, outside the project")
    return sorted(set(out))


def main():
    docs = [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
    failed = False
    for doc in docs:
        p = problems(doc)
        name = os.path.relpath(doc, ROOT)
        print("%s doc-links %s%s" % ("FAIL" if p else "PASS", name, ": " + "; ".join(p) if p else ""))
        failed |= bool(p)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
