#!/usr/bin/env python3
"""The README shows what ivrc prints: every fenced block that starts with
`$ ivrc ...` (or follows `<!-- $ ivrc ... -->`) on a file the repository has (the examples) is run from the
repository's root, and what the block shows after the command must be,
byte for byte, what the command prints (standard output and standard
error in the order written, as a terminal shows them; standard output
alone after `2>/dev/null`). Blocks about files of
the reader's own (menus.yaml) are not run.
One PASS/FAIL line each.

usage: readme_examples.py PATH/TO/ivrc [--write]
(--write: put what each command prints into the README instead)
"""
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def blocks(text):
    """(line, command, what is shown): a block whose first line is the
    command, or a block (Mermaid, drawn by GitHub) after the comment
    `<!-- $ ivrc ... -->`."""
    for m in re.finditer(r"^(?:<!-- \$ (ivrc [^\n]*?) -->\n)?```[a-z]*\n"
                         r"(?:\$ (ivrc [^\n]*)\n)?(.*?)^```$", text, re.S | re.M):
        if m.group(1) or m.group(2):
            yield text.count("\n", 0, m.start()) + 1, m.group(1) or m.group(2), m.group(3)


def main():
    ivrc = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "ivrc"))
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C")
    for k in list(env):
        if re.match(r"(SMARTFLO|SONETEL|INFOBIP|IVRC)_", k):
            del env[k]
    failed = False
    path = os.path.join(ROOT, "README.md")
    readme = open(path).read()
    write = "--write" in sys.argv
    out = readme
    for line, command, shown in blocks(readme):
        argv = shlex.split(command, comments=True)
        quiet = "2>/dev/null" in argv
        argv = [a for a in argv if a != "2>/dev/null"]
        files = [a for a in argv[1:] if not a.startswith("-") and "/" in a]
        if any(a in ("<", ">", "|") or a.startswith("2>") for a in argv) or not files or \
                not all(os.path.isfile(os.path.join(ROOT, f)) for f in files):
            continue
        # One pipe for both, as a terminal shows them: in the order written.
        r = subprocess.run([ivrc] + argv[1:], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL if quiet else subprocess.STDOUT,
                           text=True, env=env)
        got = r.stdout
        name = "README.md:%d %s" % (line, command)
        if write and got != shown:
            start = sum(len(l) + 1 for l in readme.split("\n")[:line])   # after the fence
            at = out.index(shown, start - (len(readme) - len(out)))
            out = out[:at] + got + out[at + len(shown):]
            print("WROTE readme %s" % name)
        elif got == shown:
            print("PASS readme %s" % name)
        else:
            failed = True
            print("FAIL readme %s: the README shows something else" % name)
            for d in __import__("difflib").unified_diff(shown.splitlines(), got.splitlines(),
                                                        "README", "ivrc", lineterm="", n=1):
                print("  " + d)
    if write and out != readme:
        with open(path, "w") as f:
            f.write(out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
