#!/usr/bin/env python3
"""Validates ivrc's SARIF output against the SARIF 2.1.0 JSON schema.

The schema is tests/sarif/sarif-schema-2.1.0.json: the SARIF 2.1.0 schema as
Microsoft ships it in the npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT
licence; its file lib/schemas/sarif-2.1.0-rtm.5.json, the schema of the
2.1.0 release candidate 5 that OASIS published as 2.1.0). It is JSON Schema
draft-04; the validator below implements the keywords that schema uses
(standard library only, so the test needs nothing installed) and fails on
any keyword it does not know, so that it cannot pass by ignoring one.

Checked: the expected_stdout of every golden case whose args ask for
`--format sarif`, plus what SARIF needs beyond the schema for code scanning
(every result with ruleId, level, message and a region; ruleIndex pointing
at the rule of that id). One line per log: PASS/FAIL. With arguments: the
SARIF files to check instead.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "sarif", "sarif-schema-2.1.0.json")

# Keywords that only annotate.
ANNOTATIONS = {"description", "title", "$schema", "id", "default", "definitions"}
KNOWN = ANNOTATIONS | {
    "$ref", "type", "properties", "required", "additionalProperties", "items",
    "enum", "minimum", "maximum", "minItems", "uniqueItems", "pattern", "format",
    "anyOf", "oneOf", "allOf",
}

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")
URI_REF = re.compile(r"^[^\s]*$")
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


class Validator:
    def __init__(self, schema):
        self.root = schema

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise ValueError("unsupported $ref " + ref)
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def errors(self, value, schema, path="$"):
        """Every violation of value against schema, as 'path: reason'."""
        out = []
        unknown = set(schema) - KNOWN
        if unknown:
            raise ValueError("validator does not know keyword(s) %s at %s"
                             % (sorted(unknown), path))
        if "$ref" in schema:
            return self.errors(value, self.resolve(schema["$ref"]), path)
        t = schema.get("type")
        if t is not None:
            types = t if isinstance(t, list) else [t]
            if not any(TYPES[x](value) for x in types):
                return ["%s: expected %s, got %s" % (path, t, type(value).__name__)]
        if "enum" in schema and value not in schema["enum"]:
            out.append("%s: %r is not one of %r" % (path, value, schema["enum"]))
        if TYPES["number"](value):
            if "minimum" in schema and value < schema["minimum"]:
                out.append("%s: %r is below %r" % (path, value, schema["minimum"]))
            if "maximum" in schema and value > schema["maximum"]:
                out.append("%s: %r is above %r" % (path, value, schema["maximum"]))
        if isinstance(value, str):
            if "pattern" in schema and not re.search(schema["pattern"], value):
                out.append("%s: %r does not match %s" % (path, value, schema["pattern"]))
            fmt = schema.get("format")
            if fmt == "uri" and not URI.match(value):
                out.append("%s: %r is not a URI" % (path, value))
            elif fmt == "uri-reference" and not URI_REF.match(value):
                out.append("%s: %r is not a URI reference" % (path, value))
            elif fmt == "date-time" and not DATE_TIME.match(value):
                out.append("%s: %r is not a date-time" % (path, value))
        if isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                out.append("%s: fewer than %d items" % (path, schema["minItems"]))
            if schema.get("uniqueItems"):
                seen = [json.dumps(v, sort_keys=True) for v in value]
                if len(seen) != len(set(seen)):
                    out.append("%s: items are not unique" % path)
            if "items" in schema:
                for i, v in enumerate(value):
                    out += self.errors(v, schema["items"], "%s[%d]" % (path, i))
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for k in schema.get("required", []):
                if k not in value:
                    out.append("%s: missing required '%s'" % (path, k))
            extra = schema.get("additionalProperties", True)
            for k, v in value.items():
                if k in props:
                    out += self.errors(v, props[k], "%s.%s" % (path, k))
                elif extra is False:
                    out.append("%s: property '%s' is not allowed" % (path, k))
                elif isinstance(extra, dict):
                    out += self.errors(v, extra, "%s.%s" % (path, k))
        for s in schema.get("allOf", []):
            out += self.errors(value, s, path)
        if "anyOf" in schema:
            if not any(not self.errors(value, s, path) for s in schema["anyOf"]):
                out.append("%s: matches none of anyOf" % path)
        if "oneOf" in schema:
            n = sum(1 for s in schema["oneOf"] if not self.errors(value, s, path))
            if n != 1:
                out.append("%s: matches %d of oneOf, not exactly one" % (path, n))
        return out


def code_scanning_errors(log):
    """What GitHub code scanning and other consumers need beyond the schema."""
    out = []
    for r_i, run in enumerate(log.get("runs", [])):
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        if ids != sorted(ids) or len(ids) != len(set(ids)):
            out.append("runs[%d]: rules not sorted and unique" % r_i)
        for i, res in enumerate(run.get("results", [])):
            where = "runs[%d].results[%d]" % (r_i, i)
            for k in ("ruleId", "level", "message", "locations"):
                if k not in res:
                    out.append("%s: no %s" % (where, k))
            if "ruleIndex" in res and ids[res["ruleIndex"]] != res.get("ruleId"):
                out.append("%s: ruleIndex does not point at %s" % (where, res.get("ruleId")))
            for loc in res.get("locations", []):
                region = loc["physicalLocation"]["region"]
                for k in ("startLine", "startColumn", "endLine", "endColumn"):
                    if k not in region:
                        out.append("%s: region without %s" % (where, k))
                if (region.get("endLine"), region.get("endColumn")) < \
                        (region.get("startLine"), region.get("startColumn")):
                    out.append("%s: region ends before it starts" % where)
    return out


def check(validator, name, text):
    try:
        log = json.loads(text)
    except ValueError as e:
        return "FAIL sarif %s: not JSON: %s" % (name, e)
    errs = validator.errors(log, validator.root) + code_scanning_errors(log)
    if errs:
        return "FAIL sarif %s: %s" % (name, "; ".join(errs[:5]))
    return "PASS sarif %s" % name


def golden_logs():
    root = os.path.join(HERE, "golden")
    for case in sorted(os.listdir(root)):
        args = os.path.join(root, case, "args")
        out = os.path.join(root, case, "expected_stdout")
        if not os.path.isfile(args) or "--format sarif" not in open(args).read():
            continue
        text = open(out).read() if os.path.isfile(out) else ""
        if text.strip():
            yield case, text


def main():
    with open(SCHEMA) as f:
        validator = Validator(json.load(f))
    failed = False
    logs = [(p, open(p).read()) for p in sys.argv[1:]] or list(golden_logs())
    if not logs:
        print("FAIL sarif: no SARIF output to check")
        failed = True
    for name, text in logs:
        line = check(validator, name, text)
        print(line)
        failed |= line.startswith("FAIL")
    # The validator must reject what the schema forbids, or it proves nothing.
    if logs:
        broken = json.loads(logs[0][1])
        del broken["version"]
        broken["runs"][0]["results"] = [{"level": "loud", "message": {}}]
        errs = validator.errors(broken, validator.root)
        ok = any("version" in e for e in errs) and any("loud" in e for e in errs)
        print(("PASS" if ok else "FAIL") + " sarif validator rejects a broken log")
        failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
