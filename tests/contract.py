#!/usr/bin/env python3
"""Contract test: every body that a golden build case expects must fit the
provider's contract (tests/contracts/*.json, written from the seeds and the
providers' references, not from what ivrc emits).

A golden case is a build case when its args start with `build` (and not
--help) and its expected_status is 0; its bundle is expected_stdout, or,
for `-o DIR` cases, each `== .../bundle.json` section of expected_files.
Every body must match exactly one contract of its target and kind and obey
it. A case that builds outside the documented contract on purpose (a setting
for accounts that differ) holds a file `contract_exempt` saying why; its
bodies are not checked (`PASS contract CASE: exempt`). One line per body: `PASS contract CASE KIND:NAME` or
`FAIL contract CASE KIND:NAME: reason` (a bad contract file or bundle is a
FAIL line too). Exit status 1 when anything failed.

Contract file:
  {"target": "smartflo", "kind": "ivr",
   "match": {"field": value, ...},          which bodies (all equal; {} = all)
   "required": {"field": TYPE, ...},        must be there, of that type
   "optional": {"field": TYPE, ...},        may be there; nothing else may
   "enums": {"field": [values]},            allowed values (of each element of an array)
   "patterns": {"field": "regex"},          a string (or each string of an array) must
                                            match it whole
   "arrays": {"field": TYPE},               the type of every element
   "aligned": [["a", "b", ...]],            arrays (those present) of equal length
   "one_of": [["a", "b", ...]],             exactly one of these optional fields is there
   "objects": {"field": CONTRACT},          nested contract for an object field, or for
                                            every element of an array of objects
   "pattern_keys": "regex",                 nested only: every key must match it
   "value": CONTRACT or TYPE,               nested only: applied to every value
   "note": "..."}                           free text, ignored
TYPE: string, number (int or float), integer, boolean, array, object. A
number or integer field also takes a whole-string placeholder "@{kind:name}":
build output without a state file holds one where push puts the remote id.
"""
import json
import os
import re
import shlex
import sys

TYPES = {"string", "number", "integer", "boolean", "array", "object"}
TOP_KEYS = {"target", "kind", "match", "required", "optional", "enums", "patterns", "arrays",
            "aligned", "one_of", "objects", "note"}
NESTED_KEYS = {"required", "optional", "enums", "patterns", "arrays", "aligned", "one_of",
               "objects",
               "pattern_keys", "value", "note"}
PLACEHOLDER = re.compile(r"@\{[A-Za-z0-9_]+:[^{}]+\}")


class ContractError(Exception):
    pass


def type_ok(value, t):
    if t in ("number", "integer") and isinstance(value, str):
        return PLACEHOLDER.fullmatch(value) is not None
    if t == "string":
        return isinstance(value, str)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool) or \
            isinstance(value, float) and value.is_integer()
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "array":
        return isinstance(value, list)
    if t == "object":
        return isinstance(value, dict)
    return False


def type_name(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


# ---------- validating the contracts themselves ----------

def check_type_name(t, where):
    if t not in TYPES:
        raise ContractError("%s: unknown type %r" % (where, t))


def validate(c, where, nested):
    if not isinstance(c, dict):
        raise ContractError("%s: a contract is an object" % where)
    allowed = NESTED_KEYS if nested else TOP_KEYS
    for k in c:
        if k not in allowed:
            raise ContractError("%s: unknown key %r" % (where, k))
    for part in ("required", "optional", "arrays"):
        fields = c.get(part, {})
        if not isinstance(fields, dict):
            raise ContractError("%s: %s is an object" % (where, part))
        for f, t in fields.items():
            check_type_name(t, "%s.%s.%s" % (where, part, f))
    both = set(c.get("required", {})) & set(c.get("optional", {}))
    if both:
        raise ContractError("%s: both required and optional: %s" % (where, sorted(both)))
    for f, vals in c.get("enums", {}).items():
        if not isinstance(vals, list) or not vals:
            raise ContractError("%s.enums.%s: a non-empty list" % (where, f))
    for f, rx in c.get("patterns", {}).items():
        try:
            re.compile(rx)
        except (re.error, TypeError) as e:
            raise ContractError("%s.patterns.%s: %s" % (where, f, e))
    for part in ("aligned", "one_of"):
        for group in c.get(part, []):
            if not isinstance(group, list) or not all(isinstance(f, str) for f in group):
                raise ContractError("%s.%s: lists of field names" % (where, part))
    for f, sub in c.get("objects", {}).items():
        validate(sub, "%s.objects.%s" % (where, f), True)
    if "pattern_keys" in c:
        try:
            re.compile(c["pattern_keys"])
        except (re.error, TypeError) as e:
            raise ContractError("%s.pattern_keys: %s" % (where, e))
    if "value" in c:
        if isinstance(c["value"], str):
            check_type_name(c["value"], where + ".value")
        else:
            validate(c["value"], where + ".value", True)
    if not nested:
        for k in ("target", "kind"):
            if not isinstance(c.get(k), str):
                raise ContractError("%s: %r is required (a string)" % (where, k))
        if not isinstance(c.get("match", {}), dict):
            raise ContractError("%s: match is an object" % where)


def load_contracts(folder):
    contracts = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            try:
                c = json.load(f)
            except ValueError as e:
                raise ContractError("%s: not JSON: %s" % (name, e))
        validate(c, name, False)
        c["_file"] = name
        contracts.append(c)
    return contracts


# ---------- checking a body ----------

def check_value(value, spec, where, errors):
    """spec: a TYPE name or a nested contract."""
    if isinstance(spec, str):
        if not type_ok(value, spec):
            errors.append("%s: expected %s, got %s" % (where, spec, type_name(value)))
    else:
        check_object(value, spec, where, errors)


def check_field(body, c, f, t, where, errors):
    v = body[f]
    at = where + f
    if not type_ok(v, t):
        errors.append("%s: expected %s, got %s" % (at, t, type_name(v)))
        return
    if f in c.get("enums", {}):
        vals = c["enums"][f]
        for x in (v if isinstance(v, list) else [v]):
            if x not in vals:
                errors.append("%s: %s is not one of %s" % (at, json.dumps(x), json.dumps(vals)))
    if f in c.get("patterns", {}):
        rx = c["patterns"][f]
        for x in (v if isinstance(v, list) else [v]):
            if isinstance(x, str) and not re.fullmatch(rx, x):
                errors.append("%s: %s does not match %s" % (at, json.dumps(x), rx))
    if f in c.get("arrays", {}) and isinstance(v, list):
        for i, x in enumerate(v):
            check_value(x, c["arrays"][f], "%s[%d]" % (at, i), errors)
    if f in c.get("objects", {}):
        sub = c["objects"][f]
        for i, x in enumerate(v if isinstance(v, list) else [v]):
            here = "%s[%d]" % (at, i) if isinstance(v, list) else at
            check_object(x, sub, here, errors)


def check_object(body, c, where, errors):
    if not isinstance(body, dict):
        errors.append("%s: expected object, got %s" % (where or "body", type_name(body)))
        return
    prefix = where + "." if where else ""
    req, opt = c.get("required", {}), c.get("optional", {})
    for f in req:
        if f not in body:
            errors.append("%s%s: required field missing" % (prefix, f))
    pattern = c.get("pattern_keys")
    for f in body:
        if pattern is not None and not re.fullmatch(pattern, f):
            errors.append("%s%s: key does not match %s" % (prefix, f, pattern))
        elif pattern is None and f not in req and f not in opt:
            errors.append("%s%s: field not in the contract" % (prefix, f))
        if f in req or f in opt:
            check_field(body, c, f, req.get(f) or opt.get(f), prefix, errors)
        if "value" in c:
            check_value(body[f], c["value"], prefix + f, errors)
    for group in c.get("aligned", []):
        lens = {f: len(body[f]) for f in group if isinstance(body.get(f), list)}
        if len(set(lens.values())) > 1:
            errors.append("%snot aligned: %s" % (prefix, ", ".join(
                "%s has %d" % (f, n) for f, n in lens.items())))
    for group in c.get("one_of", []):
        there = [f for f in group if f in body]
        if len(there) != 1:
            errors.append("%sexactly one of %s, got %s" % (
                prefix, ", ".join(group), ", ".join(there) or "none"))


def matches(body, c):
    m = c.get("match", {})
    return isinstance(body, dict) and all(k in body and body[k] == v for k, v in m.items())


# ---------- golden cases ----------

def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def bundles_of(case_dir):
    """[(label, text)] of the bundles a build case expects."""
    out = read(os.path.join(case_dir, "expected_stdout")) or ""
    found = []
    if out.strip():
        found.append(("stdout", out))
    files = read(os.path.join(case_dir, "expected_files"))
    if files:
        sections = re.split(r"^== (.*)\n", files, flags=re.M)
        for path, text in zip(sections[1::2], sections[2::2]):
            if path.endswith("/bundle.json"):
                found.append((path, text))
    return found


def build_cases(golden):
    for name in sorted(os.listdir(golden)):
        d = os.path.join(golden, name)
        args = read(os.path.join(d, "args"))
        status = read(os.path.join(d, "expected_status"))
        if args is None or status is None or status.strip() != "0":
            continue
        try:
            argv = shlex.split(args.splitlines()[0] if args.strip() else "")
        except ValueError:
            argv = args.split()
        if not argv or argv[0] != "build" or "--help" in argv or "-h" in argv:
            continue
        yield name, d, argv


def check_bundle(case, label, text, contracts, lines):
    try:
        bundle = json.loads(text)
        target = bundle["target"]
        objects = bundle["objects"]
        assert isinstance(objects, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        lines.append("FAIL contract %s: %s is not a bundle" % (case, label))
        return
    for o in objects:
        kind = o.get("kind") if isinstance(o, dict) else None
        who = "%s %s:%s" % (case, kind, o.get("name") if isinstance(o, dict) else None)
        body = o.get("body") if isinstance(o, dict) else None
        mine = [c for c in contracts if c["target"] == target and c["kind"] == kind]
        hit = [c for c in mine if matches(body, c)]
        if not mine:
            lines.append("FAIL contract %s: no contract for %s %s" % (who, target, kind))
            continue
        if len(hit) != 1:
            lines.append("FAIL contract %s: matches %d contracts of %s %s%s" % (
                who, len(hit), target, kind,
                " (" + ", ".join(c["_file"] for c in hit) + ")" if hit else ""))
            continue
        errors = []
        check_object(body, hit[0], "", errors)
        if errors:
            lines.append("FAIL contract %s: %s: %s" % (who, hit[0]["_file"], "; ".join(errors)))
        else:
            lines.append("PASS contract %s" % who)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    golden = os.path.join(here, "golden")
    try:
        contracts = load_contracts(os.path.join(here, "contracts"))
    except (ContractError, OSError) as e:
        print("FAIL contract files: %s" % e)
        return 1
    lines = []
    only = set(sys.argv[1:])
    for name, d, argv in build_cases(golden):
        if only and name not in only:
            continue
        exempt = read(os.path.join(d, "contract_exempt"))
        if exempt is not None:
            lines.append("PASS contract %s: exempt (%s)" % (name, exempt.strip()))
            continue
        found = bundles_of(d)
        if not found:
            lines.append("FAIL contract %s: a build case without a bundle" % name)
        for label, text in found:
            check_bundle(name, label, text, contracts, lines)
    for line in lines:
        print(line)
    return 1 if any(line.startswith("FAIL") for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
