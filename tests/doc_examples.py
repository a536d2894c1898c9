#!/usr/bin/env python3
"""The docs show what ivrc prints: README.md and docs/GETTING_STARTED.md
are run as a reader would run them.

In each document, in order:
- a fenced block whose first line is `$ ivrc ...` (or a block, such as a
  Mermaid one GitHub draws, after the comment `<!-- $ ivrc ... -->`) is
  run and must show, byte for byte, what the command prints: standard
  output and standard error in the order written, as a terminal shows
  them (standard output alone after `2>/dev/null`). Blocks about files of
  the reader's own (menus.yaml) are not run.
- a fenced block after `<!-- file: PATH -->` must be that file as it is.
Commands run in a fresh copy of examples/ (a push's state file lands
there, and the next block sees it), with a fake provider started on
127.0.0.1 (tests/fake_provider/server.py) and its address and the test
credentials in the environment, as GETTING_STARTED.md has the reader set
them. One PASS/FAIL line a block.

usage: doc_examples.py PATH/TO/ivrc [--write]
(--write: put what each command prints into the documents instead)
"""
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCS = ("README.md", os.path.join("docs", "GETTING_STARTED.md"))
FAKE = os.path.join(HERE, "fake_provider", "server.py")
# The credentials the fake accepts (tests/push_test.py) and GETTING_STARTED.md shows.
CRED = {"SMARTFLO_TOKEN": "sf-token-0a1b2c3d"}


def blocks(text):
    """(line, kind, what, shown, where shown is): kind "run" (what: the
    command) or "file" (what: the path)."""
    for m in re.finditer(r"^(?:<!-- (?:\$ (ivrc [^\n]*?)|file: ([^\n]*?)) -->\n)?```[a-z]*\n"
                         r"(?:\$ (ivrc [^\n]*)\n)?(.*?)^```$", text, re.S | re.M):
        line = text.count("\n", 0, m.start()) + 1
        if m.group(2):
            yield line, "file", m.group(2), m.group(4), m.span(4)
        elif m.group(1) or m.group(3):
            yield line, "run", m.group(1) or m.group(3), m.group(4), m.span(4)


class Fake:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, FAKE, "--lifetime", "300"],
                                     stdout=subprocess.PIPE, text=True)
        self.base = "http://127.0.0.1:%d" % int(self.proc.stdout.readline())

    def stop(self):
        self.proc.terminate()
        self.proc.wait(5)


def environment(fake):
    env = {k: v for k, v in os.environ.items()
           if not re.match(r"(SMARTFLO|SONETEL|INFOBIP|IVRC)_", k) and
           not k.lower().endswith("_proxy")}
    env.update(NO_COLOR="1", LC_ALL="C", SMARTFLO_BASE_URL=fake.base, **CRED)
    return env


def run_doc(ivrc, name, write, fake):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        return ["FAIL docs %s: not there" % name], False
    text = open(path).read()
    edits, lines, failed = [], [], False
    work = tempfile.mkdtemp()
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(work, "examples"))
    env = environment(fake)
    try:
        for line, kind, what, shown, span in blocks(text):
            label = "%s:%d %s" % (name, line, what)
            if kind == "file":
                got = open(os.path.join(ROOT, what)).read() if os.path.isfile(
                    os.path.join(ROOT, what)) else None
            else:
                argv = shlex.split(what, comments=True)
                quiet = "2>/dev/null" in argv
                argv = [a for a in argv if a != "2>/dev/null"]
                files = [a for a in argv[1:] if not a.startswith("-") and "/" in a]
                if any(a in ("<", ">", "|") or a.startswith("2>") for a in argv) or \
                        not files or not all(os.path.exists(os.path.join(work, f)) for f in files):
                    continue
                # One pipe for both, as a terminal shows them: in the order written.
                r = subprocess.run([ivrc] + argv[1:], cwd=work, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL if quiet else subprocess.STDOUT,
                                   text=True, env=env)
                got = r.stdout
            if got == shown:
                lines.append("PASS docs %s" % label)
            elif write and got is not None and kind == "run":
                edits.append((span, got))
                lines.append("WROTE docs %s" % label)
            else:
                failed = True
                lines.append("FAIL docs %s: the document shows something else" % label)
                lines += ["  " + d for d in difflib.unified_diff(
                    shown.splitlines(), (got or "(no such file)\n").splitlines(),
                    "document", "actual", lineterm="", n=1)]
    finally:
        shutil.rmtree(work)
    if write and edits:
        for (start, end), got in reversed(edits):
            text = text[:start] + got + text[end:]
        with open(path, "w") as f:
            f.write(text)
    return lines, failed


def main():
    ivrc = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "ivrc"))
    write = "--write" in sys.argv
    failed = False
    for name in DOCS:
        fake = Fake()
        try:
            lines, bad = run_doc(ivrc, name, write, fake)
        finally:
            fake.stop()
        print("\n".join(lines))
        failed |= bad
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
