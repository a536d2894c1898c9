#!/usr/bin/env python3
"""Import is the inverse of build: for every golden case that builds cleanly,
the bundle it expects goes back through `ivrc import` (to YAML and to the
DSL) and is built again with the case's own arguments; the result must be the
same bundle, byte for byte once parsed (same objects, order, bodies). Importing
our own output must also be silent (nothing it cannot express), and the DSL
it writes must already be canonical (fmt --check). Cases that wrote bodies
with -o DIR are also imported from those body files, named by their paths.

usage: import_roundtrip.py PATH/TO/ivrc [CASE...]
Prints one line per case and syntax: PASS import-roundtrip ... or FAIL ...
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")


def run(argv, cwd=None):
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                       env=dict(os.environ, NO_COLOR="1"), timeout=60)
    return p.returncode, p.stdout, p.stderr


def sections(text):
    """The `== PATH` sections of an expected_files listing."""
    out, path, lines = {}, None, []
    for line in text.splitlines(keepends=True):
        if line.startswith("== "):
            if path:
                out[path] = "".join(lines)
            path, lines = line[3:].rstrip("\n"), []
        else:
            lines.append(line)
    if path:
        out[path] = "".join(lines)
    return out


def case_info(case):
    """(target, state file or None, bundle, {relative body path: text}) or None."""
    d = os.path.join(ROOT, case)
    try:
        args = shlex.split(open(os.path.join(d, "args")).read())
        status = open(os.path.join(d, "expected_status")).read().strip()
    except OSError:
        return None
    if not args or args[0] != "build" or "--help" in args or status != "0":
        return None
    opt = {args[i]: args[i + 1] for i in range(1, len(args) - 1) if args[i].startswith("-")}
    target, state = opt.get("--target"), opt.get("--state")
    bodies, bundle = {}, None
    files = os.path.join(d, "expected_files")
    if os.path.exists(files):
        for path, text in sections(open(files).read()).items():
            if path.endswith("/bundle.json"):
                bundle = json.loads(text)
            elif path.endswith(".json"):
                bodies[path] = text
    if bundle is None:
        try:
            bundle = json.loads(open(os.path.join(d, "expected_stdout")).read())
        except ValueError:
            return None
    return target, state and os.path.join(d, state), bundle, bodies


def first_difference(want, got):
    if want.get("project") != got.get("project"):
        return "project %r, expected %r" % (got.get("project"), want.get("project"))
    wo, go = want.get("objects", []), got.get("objects", [])
    for w, g in zip(wo, go):
        if w != g:
            for key in w:
                if w.get(key) != g.get(key):
                    return "%s:%s %s: %s, expected %s" % (
                        w["kind"], w["name"], key, json.dumps(g.get(key))[:300],
                        json.dumps(w.get(key))[:300])
            return "%s:%s differs" % (w["kind"], w["name"])
    if len(wo) != len(go):
        return "%d objects, expected %d" % (len(go), len(wo))
    return "differs"


def rebuild(ivrc, tmp, target, state, inputs, syntax):
    """Imports inputs, builds the result; (bundle, error)."""
    out = os.path.join(tmp, "imported.ivr" if syntax == "dsl" else "imported.ivr.yaml")
    code, _, err = run([ivrc, "import", "--from", target, "-o", out] + inputs)
    if code != 0 or err:
        return None, "import exited %d: %s" % (code, err.strip()[:400])
    if syntax == "dsl":
        code, _, err = run([ivrc, "fmt", "--check", out])
        if code != 0:
            return None, "the imported DSL is not canonical " + err.strip()[:200]
    argv = [ivrc, "build", "--target", target] + (["--state", state] if state else []) + [out]
    code, text, err = run(argv)
    if code != 0:
        return None, "build exited %d: %s" % (code, err.strip()[:400])
    return json.loads(text), None


def check(ivrc, case):
    info = case_info(case)
    if not info:
        return
    target, state, bundle, bodies = info
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bundle.json")
        with open(path, "w") as f:
            json.dump(bundle, f)
        for syntax in ("yaml", "dsl"):
            got, err = rebuild(ivrc, tmp, target, state, [path], syntax)
            if not err and got != bundle:
                err = first_difference(bundle, got)
            print("%s import-roundtrip %s (%s)%s" % (
                "FAIL" if err else "PASS", case, syntax, ": " + err if err else ""))
        if not bodies:
            return
        inputs = []
        for rel, text in sorted(bodies.items()):
            p = os.path.join(tmp, "files", rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(text)
            inputs.append(p)
        got, err = rebuild(ivrc, tmp, target, state, inputs, "yaml")
        if not err:
            key = lambda o: (o["kind"], o["name"])
            want_b = {key(o): o["body"] for o in bundle["objects"]}
            got_b = {key(o): o["body"] for o in got["objects"]}
            bad = sorted(k for k in set(want_b) | set(got_b) if want_b.get(k) != got_b.get(k))
            if bad:
                err = "bodies differ: %s" % ", ".join("%s:%s" % k for k in bad)
        print("%s import-roundtrip %s (body files)%s" % (
            "FAIL" if err else "PASS", case, ": " + err if err else ""))


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: import_roundtrip.py PATH/TO/ivrc [CASE...]")
    ivrc = os.path.abspath(sys.argv[1])
    cases = sys.argv[2:] or sorted(os.listdir(ROOT))
    for case in cases:
        check(ivrc, os.path.basename(case.rstrip("/")))


if __name__ == "__main__":
    main()
