#!/usr/bin/env python3
"""The JSON Schema of the YAML form (`ivrc schema`) against the files ivrc
reads: it is a valid draft 2020-12 schema; every example and every golden
input that checks or builds cleanly passes it (DSL files after `ivrc convert
--to yaml`), and so does the YAML every import case writes; golden inputs that
fail `ivrc check` with errors a schema can see (unknown keys, wrong kinds,
malformed scalars) fail it too. Uses Debian's python3-jsonschema and
python3-yaml (scripts/deps.sh); YAML is read as YAML 1.2 reads it (only
true/false are booleans, dates stay strings), as editors do.

usage: schema_check.py PATH/TO/ivrc
Prints one line per check: PASS schema ... or FAIL schema ...
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLDEN = os.path.join(HERE, "golden")

# Errors a schema sees (docs/DIAGNOSTICS.md); a case whose every error is one
# of these must fail the schema.
SCHEMA_CODES = {102, 103, 105, 106, 107, 108, 109, 110, 111, 112, 118, 142, 208}
# ... except those that need more than a pattern: a day past the month's
# end, a document that is empty, a NUL character in any string (a pattern
# on every string of the schema would say it, for one rare mistake).
# And a file with none of a root's keys (no ivrc, name, targets): it is
# also what a part that another file includes looks like, which the schema
# allows (docs/LANGUAGE.md, "Several files"); only the include tells.
NOT_BY_SCHEMA = {"check_bad_datetime_feb30", "check_empty_document", "fuzz_yaml_nul_in_string",
                 "check_missing_top_keys", "fuzz_yaml_empty_mapping"}


def fail(msg):
    print("FAIL schema " + msg)


try:
    import jsonschema
    import yaml
except ImportError as e:
    fail("validator: %s (scripts/deps.sh installs python3-jsonschema and python3-yaml)" % e)
    sys.exit(0)


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's yes/no/on/off booleans and timestamps."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for first in "tTfF":
    Yaml12Loader.yaml_implicit_resolvers.setdefault(first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


def jsonable(v):
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    return v


def load_yaml(text):
    return jsonable(yaml.load(text, Loader=Yaml12Loader))


def run(argv):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, NO_COLOR="1"))
    return p.returncode, p.stdout


def case_files(status_wanted, commands):
    """(case, input file) of golden cases with that status and command."""
    for case in sorted(os.listdir(GOLDEN)):
        d = os.path.join(GOLDEN, case)
        try:
            args = open(os.path.join(d, "args")).read().split()
            status = open(os.path.join(d, "expected_status")).read().strip()
        except OSError:
            continue
        if status != status_wanted or not args or args[0] not in commands or "--help" in args:
            continue
        for f in sorted(os.listdir(d)):
            if f.startswith("input") and (f.endswith(".yaml") or f.endswith(".ivr")):
                yield case, os.path.join(d, f)


def document(ivrc, path):
    """The file as JSON data; DSL through `ivrc convert --to yaml`."""
    if path.endswith(".ivr"):
        code, text = run([ivrc, "convert", "--to", "yaml", path])
        if code != 0:
            raise ValueError("ivrc convert failed")
    else:
        text = open(path, encoding="utf-8").read()
    return load_yaml(text)


def first_error(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    e = errors[0]
    return "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:200]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: schema_check.py PATH/TO/ivrc")
    ivrc = os.path.abspath(sys.argv[1])
    code, text = run([ivrc, "schema"])
    try:
        schema = json.loads(text)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (ValueError, jsonschema.SchemaError) as e:
        fail("ivrc schema: not a draft 2020-12 schema: %s" % str(e)[:300])
        return
    print("PASS schema ivrc schema is a draft 2020-12 schema")
    v = jsonschema.Draft202012Validator(schema)

    good = [("examples", os.path.join(ROOT, "examples", f))
            for f in sorted(os.listdir(os.path.join(ROOT, "examples")))
            if f.endswith(".ivr.yaml") or f.endswith(".ivr")]
    good += list(case_files("0", ("check", "build")))
    for case, path in good:
        name = "%s/%s" % (case, os.path.basename(path))
        try:
            err = first_error(v, document(ivrc, path))
        except (ValueError, yaml.YAMLError) as e:
            err = "cannot read it: %s" % str(e)[:200]
        if err:
            fail("valid %s: %s" % (name, err))
        else:
            print("PASS schema valid %s" % name)

    for case in sorted(os.listdir(GOLDEN)):
        d = os.path.join(GOLDEN, case)
        if not case.startswith("import_") or not os.path.exists(os.path.join(d, "expected_stdout")):
            continue
        if open(os.path.join(d, "expected_status")).read().strip() != "0":
            continue
        out = open(os.path.join(d, "expected_stdout")).read()
        if not out.strip():
            continue
        err = first_error(v, load_yaml(out))
        if err:
            fail("imported %s: %s" % (case, err))
        else:
            print("PASS schema imported %s" % case)

    for case, path in case_files("1", ("check",)):
        if case in NOT_BY_SCHEMA or not path.endswith(".yaml"):
            continue
        codes = set(int(c) for c in re.findall(
            r"\[IVR(\d+)\]", open(os.path.join(GOLDEN, case, "expected_stderr"), errors="replace").read()))
        if not codes or not codes <= SCHEMA_CODES:
            continue
        try:
            doc = load_yaml(open(path, encoding="utf-8").read())
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if first_error(v, doc):
            print("PASS schema invalid %s" % case)
        else:
            fail("invalid %s: passes the schema, but ivrc check reports %s" %
                 (case, ", ".join("IVR%d" % c for c in sorted(codes))))


if __name__ == "__main__":
    main()
