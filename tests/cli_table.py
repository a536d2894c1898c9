#!/usr/bin/env python3
"""The command table (cli/commands.c) against what repeats it: the man
page's SYNOPSIS (docs/ivrc.1, written by this script: --write-man), both
completion files, and the synopsis at the top of docs/CLI.md (every
command's options but --syntax, which it states once for all). What the table says is read from `ivrc --help` and
`ivrc COMMAND --help`, which cli.c prints from it.

usage: cli_table.py IVRC [--write-man]"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAN = os.path.join(ROOT, "docs", "ivrc.1")
BASH = os.path.join(ROOT, "completions", "ivrc.bash")
ZSH = os.path.join(ROOT, "completions", "_ivrc")
CLI_MD = os.path.join(ROOT, "docs", "CLI.md")
failed = 0


def check(ok, what, detail=""):
    global failed
    print(("PASS " if ok else "FAIL ") + what + ("" if ok else ": " + detail))
    failed += not ok


def run(ivrc, *args):
    return subprocess.run([ivrc, *args], capture_output=True, text=True, check=True).stdout


def commands(ivrc):
    text = run(ivrc, "--help")
    block = text.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines()]


def command_help(ivrc, name):
    """(synopsis pieces, option names, the targets' names or None)."""
    text = run(ivrc, name, "--help")
    usage = text.split("\n\n", 1)[0][len("usage: "):]
    words = " ".join(usage.split())[len("ivrc " + name):].strip()
    pieces = re.findall(r"\[[^\]]*\]|\S+", words)
    options, targets = [], None
    for line in text.split("options:\n", 1)[1].splitlines():
        first = line.split("  ")[1] if line.startswith("  ") else ""
        for word in first.split(", "):
            opt = word.split(" ")[0]
            if opt not in ("-h", "--help") and opt.startswith("-"):
                options.append(opt)
            if opt in ("--target", "--from"):
                targets = word.split(" ")[1].split("|")
    aliases = {w for line in text.splitlines() for w in re.findall(r"^  (-\w), ", line)}
    return pieces, [o for o in options if o not in aliases], targets


def roff(text):
    return text.replace("\\", "\\e").replace("-", "\\-").replace('"', '\\(dq')


def man_synopsis(ivrc, names):
    lines = [".nh"]        # no hyphenation inside option names and values
    for name in names:
        pieces, _, _ = command_help(ivrc, name)
        lines.append(".B ivrc " + roff(name))
        for p in pieces:
            optional = p.startswith("[")
            body = p[1:-1] if optional else p
            opt, _, value = body.partition(" ")
            if not opt.startswith("-"):
                lines.append('.I "%s"' % roff(body))
                continue
            arg = roff(opt) + (" \\fI%s\\fR" % roff(value) if value else "")
            lines.append('.RB [ "%s" ]' % arg if optional else '.B "%s"' % arg)
        lines.append(".br")
    lines += [".B ivrc \\-\\-version", "|", ".B \\-\\-help", "|", ".I COMMAND",
              ".B \\-\\-help", ".hy"]
    return "\n".join(lines) + "\n"


def man_section(text):
    return text.split(".SH SYNOPSIS\n", 1)[1].split(".SH ", 1)[0]


def bash_flags(text, name):
    m = re.search(r"^\t%s\) echo \"([^\"]*)\" ;;" % re.escape(name), text, re.M)
    if not m:
        m = re.search(r'^\t\*\) echo "([^"]*)" ;;', text, re.M)
    return sorted(f for f in m.group(1).split() if f != "--help")


def zsh_arm(text, name):
    for m in re.finditer(r"^\t([a-z|-]+)\)\n(.*?);;", text, re.M | re.S):
        if name in m.group(1).split("|"):
            return m.group(2)
    return ""


def zsh_flags(arm):
    flags = set(re.findall(r"['\"](--?[a-z-]+)\[", arm))
    if "$syntax" in arm:
        flags.add("--syntax")
    return sorted(flags - {"--help"})


def cli_md_synopsis(text):
    """command -> the words of its lines in CLI.md's first code block."""
    block = text.split("```\n", 2)[1]
    out, name = {}, None
    for line in block.splitlines():
        here = re.findall(r"\bivrc (\w[\w-]*)", line)
        for name in here:
            out.setdefault(name, []).append(line)
        if not here and name:
            out[name].append(line)   # a continuation of the last command's
        name = here[-1] if here else name
    return {k: " ".join(v) for k, v in out.items()}


def main():
    ivrc = sys.argv[1]
    names = commands(ivrc)
    if "--write-man" in sys.argv:
        with open(MAN, encoding="utf-8") as f:
            text = f.read()
        text = text.replace(man_section(text), man_synopsis(ivrc, names))
        with open(MAN, "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    with open(MAN, encoding="utf-8") as f:
        man = f.read()
    with open(BASH, encoding="utf-8") as f:
        bash = f.read()
    with open(ZSH, encoding="utf-8") as f:
        zsh = f.read()
    check(man_section(man) == man_synopsis(ivrc, names),
          "docs/ivrc.1's SYNOPSIS is the table's", "run tests/cli_table.py IVRC --write-man")
    m = re.search(r'local commands="([^"]*)"', bash)
    check(m and sorted(m.group(1).split()) == sorted(names),
          "bash completion: the table's commands", m.group(1) if m else "no list")
    zcmds = re.findall(r"^\t\t'([a-z-]+):", zsh, re.M)
    check(sorted(zcmds) == sorted(names), "zsh completion: the table's commands", str(zcmds))
    with open(CLI_MD, encoding="utf-8") as f:
        synopsis = cli_md_synopsis(f.read())
    targets_checked = False
    for name in names:
        _, options, targets = command_help(ivrc, name)
        line = synopsis.get(name, "")
        missing = [o for o in options if o != "--syntax" and
                   not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), line)]
        check(name in synopsis and not missing, f"docs/CLI.md's synopsis: the options of {name}",
              "no line" if name not in synopsis else "lacks " + " ".join(missing))
        want = sorted(options)
        got = bash_flags(bash, name)
        check(got == want, f"bash completion: the options of {name}", f"{got} != {want}")
        got = zsh_flags(zsh_arm(zsh, name))
        check(got == want, f"zsh completion: the options of {name}", f"{got} != {want}")
        if targets and not targets_checked:
            targets_checked = True
            m = re.search(r'local targets="([^"]*)"', bash)
            check(m and m.group(1).split() == targets, "bash completion: the targets",
                  m.group(1) if m else "no list")
            m = re.search(r"local targets='\(([^)]*)\)'", zsh)
            check(m and m.group(1).split() == targets, "zsh completion: the targets",
                  m.group(1) if m else "no list")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
