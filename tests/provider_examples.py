#!/usr/bin/env python3
"""Import loses nothing (issue 27): every documented provider example in
tests/provider_examples/ (extract.py, SOURCES.md) goes through
`ivrc import`, and what it imports is built again for the same target. The
outcome of each is one of:

  same      import and build are silent, and every object built does what
            the example's does: for Infobip the same script (key order,
            actionId numbering and goTo by number aside: a goTo is compared
            by the action it jumps to); for Sonetel the same app fields
            (the answer-only app_id, shortcode, sip_address, tts_allowed
            aside);
  refused   import exits 1 with an error at the example's line:col, and
            writes nothing;
  changed   anything else: a warning, or a program that builds something
            the example does not do.

tests/provider_examples/expected.txt holds the outcome each file must have
(`changed` ones are issue 27's known losses, each with its reason); a file
whose outcome differs fails, whichever way, so that the list moves only on
purpose.

usage: provider_examples.py PATH/TO/ivrc
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "provider_examples")
SONETEL_ANSWER_ONLY = {"app_id", "shortcode", "sip_address", "tts_allowed"}
# The object's name is the remote_name pattern's (import notes a change,
# IVR134); what the object does is the rest.
SONETEL_IDENTITY = {"name"}


def run(argv):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, NO_COLOR="1"))
    return p.returncode, p.stdout, p.stderr


def action_paths(script, prefix, out):
    """actionId -> the path of its action, for every action under script."""
    if isinstance(script, list):
        for i, a in enumerate(script):
            action_paths(a, prefix + [i], out)
    elif isinstance(script, dict):
        if "actionId" in script:
            out[script["actionId"]] = "/".join(map(str, prefix))
        for k, v in script.items():
            if isinstance(v, (list, dict)):
                action_paths(v, prefix + [k], out)


def normal(v, paths):
    """v without actionIds, each goTo naming its target's path."""
    if isinstance(v, list):
        return [normal(x, paths) for x in v]
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k == "actionId":
                continue
            if k == "goTo":
                x = "-> " + paths.get(x, "?%r" % (x,))
            out[k] = normal(x, paths)
        return out
    return v


def infobip_meaning(body):
    script = body.get("script", [])
    paths = {}
    action_paths(script, [], paths)
    return normal(script, paths)


def sonetel_meaning(body):
    return {k: v for k, v in body.items()
            if k not in SONETEL_ANSWER_ONLY and k not in SONETEL_IDENTITY}


def originals(target, doc):
    """The provider objects an example file holds."""
    if target == "sonetel" and isinstance(doc, dict) and "response" in doc:
        doc = doc["response"]
    return doc if isinstance(doc, list) else [doc]


def outcome(ivrc, target, path):
    """(outcome, why)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "imported.ivr.yaml")
        code, _, err = run([ivrc, "import", "--from", target, "-o", out, path])
        if code != 0:
            written = os.path.exists(out)
            at = re.search(r"^%s:\d+:\d+: error: .*\[(IVR\d+)\]" % re.escape(path), err, re.M)
            if code == 1 and at and not written:
                return "refused", at.group(1)
            return "changed", "import exited %d: %s" % (code, err.strip()[:300])
        said = [l for l in err.splitlines() if ": warning:" in l or ": error:" in l]
        if said:   # notes (a name the language writes otherwise) change nothing
            return "changed", "import said: " + said[0][:300]
        code, text, err = run([ivrc, "build", "--target", target, out])
        if code != 0:
            return "changed", "build exited %d: %s" % (code, err.strip()[:300])
        said = [l for l in err.splitlines() if ": warning:" in l or ": error:" in l]
        if said:
            return "changed", "build said: " + said[0][:300]
        built = [o["body"] for o in json.loads(text)["objects"]]
        want = originals(target, json.load(open(path)))
        meaning = infobip_meaning if target == "infobip" else sonetel_meaning
        if len(built) != len(want):
            return "changed", "%d objects built from %d" % (len(built), len(want))
        for w, b in zip(want, built):
            if meaning(w) != meaning(b):
                return "changed", "built %s for %s" % (
                    json.dumps(meaning(b))[:300], json.dumps(meaning(w))[:300])
        return "same", ""


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: provider_examples.py PATH/TO/ivrc")
    ivrc = os.path.abspath(sys.argv[1])
    expected = {}
    for line in open(os.path.join(HERE, "expected.txt")):
        line = line.split("#", 1)[0].strip()
        if line:
            name, want = line.split(None, 1)
            expected[name] = want.split()[0]
    seen = set()
    for target in ("infobip", "sonetel"):
        for f in sorted(os.listdir(os.path.join(HERE, target))):
            rel = target + "/" + f
            seen.add(rel)
            got, why = outcome(ivrc, target, os.path.join(HERE, rel))
            want = expected.get(rel, "(not listed)")
            ok = got == want or (got == "refused" and want.startswith("refused"))
            print("%s provider-example %s: %s%s" % (
                "PASS" if ok else "FAIL", rel, got,
                "" if ok else ", expected %s (%s)" % (want, why)))
    for rel in sorted(set(expected) - seen):
        print("FAIL provider-example %s: listed in expected.txt, no such file" % rel)


if __name__ == "__main__":
    main()
