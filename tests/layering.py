#!/usr/bin/env python3
"""The rule of who may include whom (docs/ARCHITECTURE.md), over every
`#include "..."` of the sources, and what stays inside the target folders.

    cli/                        -> anything of ours
    grammar/, lint/, targets/   -> compiler/ and their own folder
    targets/NAME/               -> targets/ and compiler/, never another target
    compiler/                   -> compiler/ only

Outside targets/, no code names a target: no identifier `NAME_...` of a
target's folder and no string "NAME" (comments are not code). Prints one
PASS or FAIL line per file and per rule."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAYERS = ("cli", "compiler", "grammar", "lint", "targets")
ALLOWED = {
    "cli": set(LAYERS),
    "grammar": {"grammar", "compiler"},
    "lint": {"lint", "compiler"},
    "targets": {"targets", "compiler"},
    "compiler": {"compiler"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources():
    for layer in LAYERS:
        for d, _, files in os.walk(os.path.join(ROOT, layer)):
            for f in sorted(files):
                if f.endswith((".c", ".h", ".re")):
                    yield os.path.relpath(os.path.join(d, f), ROOT)


def target_names():
    base = os.path.join(ROOT, "targets")
    return sorted(d for d in os.listdir(base)
                  if os.path.isfile(os.path.join(base, d, "target.c")))


def where(path):
    """(layer, target folder or None) of a path relative to ROOT."""
    parts = path.split("/")
    folder = parts[1] if parts[0] == "targets" and len(parts) > 2 else None
    return parts[0], folder


def include_errors(path, text):
    layer, folder = where(path)
    errors = []
    for inc in INCLUDE.findall(text):
        to = os.path.normpath(os.path.join(os.path.dirname(path), inc))
        if to.startswith("build/") or not os.path.exists(os.path.join(ROOT, to)):
            continue                      # generated or not ours (re2c output)
        to_layer, to_folder = where(to)
        if to_layer not in ALLOWED[layer]:
            errors.append(f"{inc}: {layer}/ may not include {to_layer}/")
        elif layer == "targets" and to_folder and to_folder != folder:
            errors.append(f"{inc}: {'targets/' + folder if folder else 'targets/'}"
                          f" may not include targets/{to_folder}/")
    return errors


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def naming_errors(path, text, names):
    errors = []
    code = strip_comments(text)
    for name in names:
        for m in re.finditer(r'\b%s_\w+|"%s"' % (name, name), code):
            line = code.count("\n", 0, m.start()) + 1
            errors.append(f"line {line}: names target '{name}' ({m.group(0)})")
    return errors


def main():
    names = target_names()
    failed = 0
    for path in sources():
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            text = f.read()
        errors = include_errors(path, text)
        if not path.startswith("targets/"):
            errors += naming_errors(path, text, names)
        if errors:
            failed += 1
            print(f"FAIL layering {path}: " + "; ".join(errors))
        else:
            print(f"PASS layering {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
