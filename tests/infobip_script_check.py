#!/usr/bin/env python3
"""Checks the Infobip scenario scripts of the golden build cases.

For every golden case whose args run `build --target infobip` and whose
expected status is 0, parses expected_stdout and checks each scenario script:
  - actionIds are integers and unique within the script;
  - every goTo targets the actionId of an action that runs earlier on every
    path to the goTo: an enclosing action, or an earlier action of the same
    or an enclosing block (Infobip can only jump back);
  - nothing follows dial, dialToMany, dialToConversations, dialToWebRTC or
    "hangup" in a block;
  - what Infobip's schema says of single actions (docs/TARGETS.md): every
    goTo has its limit (1 to 100, no default); `record` is an integer;
    dialToMany's options are parallel, senderId and maxCallDuration only;
    a capture's maxSilence is at least 1 and under its timeout; a collect's
    mappedValues keys are digits and '*'; a request (Call API) is an https://
    address with a method of GET, POST, PUT, DELETE or PATCH.
Prints `PASS infobip-script CASE` or `FAIL infobip-script CASE: reason` per
case (tests/run.sh counts these lines). Usage: infobip_script_check.py [CASE_DIR...]
"""
import json
import os
import sys

ENDS = ("dial", "dialToMany", "dialToConversations", "dialToWebRTC")
BLOCK_KEYS = ("then", "else", "do", "repeat",
              "onDetecting", "onMachineDetected", "onTimeout", "onHumanDetected")


def is_infobip_build(argv):
    """A build for Infobip printed to standard output (-o DIR writes files)."""
    if "build" not in argv:
        return False
    for i, a in enumerate(argv):
        if a == "-o" and i + 1 < len(argv) and argv[i + 1] != "-":
            return False
    for i, a in enumerate(argv):
        if a == "--target" and i + 1 < len(argv) and argv[i + 1] == "infobip":
            return True
        if a == "--target=infobip":
            return True
    return False


def ends_block(action):
    if action == "hangup":
        return True
    return isinstance(action, dict) and any(k in action for k in ENDS)


def blocks_of(action):
    """The nested blocks (lists of actions) of one action, in order."""
    if not isinstance(action, dict):
        return
    for key in BLOCK_KEYS:
        if isinstance(action.get(key), list):
            yield key, action[key]
    if "switch" in action and isinstance(action.get("case"), dict):
        for value, block in action["case"].items():
            if isinstance(block, list):
                yield "case " + repr(value), block


def schema_errors(a):
    """What Infobip's schema refuses in one action."""
    out = []
    opts = a.get("options") if isinstance(a.get("options"), dict) else {}
    if "goTo" in a:
        limit = opts.get("goToLimit", opts.get("gotoLimit"))
        if not isinstance(limit, int) or not 1 <= limit <= 100:
            out.append("goTo without a limit of 1 to 100 (the schema has no default)")
    if "record" in a and (not isinstance(a["record"], int) or isinstance(a["record"], bool)):
        out.append("record %s is not an integer" % json.dumps(a["record"]))
    if "dialToMany" in a:
        extra = set(opts) - {"parallel", "senderId", "maxCallDuration"}
        if extra:
            out.append("dialToMany options %s are not DialToManyOptions" % sorted(extra))
    if "capture" in a:
        so = a.get("speechOptions") or {}
        sil, t = so.get("maxSilence"), a.get("timeout")
        if not isinstance(sil, int) or sil < 1 or not isinstance(t, int) or sil >= t:
            out.append("capture maxSilence %s is not at least 1 and under timeout %s" % (
                json.dumps(sil), json.dumps(t)))
    if "request" in a:
        if not isinstance(a["request"], str) or not a["request"].startswith("https://"):
            out.append("request %s is not an https:// address" % json.dumps(a["request"]))
        if opts.get("method") not in ("GET", "POST", "PUT", "DELETE", "PATCH"):
            out.append("request without a method of CallsHttpMethod (options.method is "
                       "required)")
        if not isinstance(opts.get("collectResponse", False), bool):
            out.append("request collectResponse is not a boolean")
    if "collectInto" in a:
        for k in (opts.get("mappedValues") or {}):
            if not all(ch.isdigit() or ch == "*" for ch in k):
                out.append("collect mappedValues key %s holds more than digits and '*'"
                           % json.dumps(k))
    return out


class Checker:
    def __init__(self):
        self.errors = []
        self.ids = {}          # actionId -> where it is
        self.visible = {}      # actionId -> count: ids that have run on every path here

    def error(self, where, msg):
        if len(self.errors) < 5:
            self.errors.append("%s: %s" % (where, msg))

    def block(self, actions, where):
        added = []
        for i, action in enumerate(actions):
            here = "%s[%d]" % (where, i)
            if i > 0 and ends_block(actions[i - 1]):
                self.error(here, "an action follows %s" % json.dumps(
                    actions[i - 1] if isinstance(actions[i - 1], str)
                    else [k for k in ENDS if k in actions[i - 1]][0]))
            if not isinstance(action, (dict, str)):
                self.error(here, "not an action: %s" % json.dumps(action))
                continue
            if isinstance(action, dict) and "goTo" in action:
                target = action["goTo"]
                if not isinstance(target, int) or isinstance(target, bool):
                    self.error(here, "goTo %s is not an integer" % json.dumps(target))
                elif not self.visible.get(target):
                    self.error(here, "goTo %d: no action with that id runs before it on "
                               "every path" % target)
            if isinstance(action, dict):
                for msg in schema_errors(action):
                    self.error(here, msg)
            aid = action.get("actionId") if isinstance(action, dict) else None
            if aid is not None:
                if not isinstance(aid, int) or isinstance(aid, bool):
                    self.error(here, "actionId %s is not an integer" % json.dumps(aid))
                elif aid in self.ids:
                    self.error(here, "actionId %d is also used at %s" % (aid, self.ids[aid]))
                else:
                    self.ids[aid] = here
                    self.visible[aid] = self.visible.get(aid, 0) + 1
                    added.append(aid)
            for key, inner in blocks_of(action):
                self.block(inner, "%s.%s" % (here, key))
        for aid in added:
            self.visible[aid] -= 1


def check_case(case_dir):
    name = os.path.basename(os.path.normpath(case_dir))
    try:
        with open(os.path.join(case_dir, "expected_stdout"), encoding="utf-8") as f:
            bundle = json.load(f)
    except (OSError, ValueError) as e:
        return name, ["expected_stdout: %s" % e]
    errors = []
    objects = bundle.get("objects") if isinstance(bundle, dict) else None
    if not isinstance(objects, list):
        return name, ["expected_stdout: no 'objects' list"]
    for obj in objects:
        if not isinstance(obj, dict) or obj.get("kind") != "scenario":
            continue
        script = (obj.get("body") or {}).get("script")
        label = "scenario %s" % obj.get("name")
        if not isinstance(script, list):
            errors.append("%s: 'script' is not a list" % label)
            continue
        c = Checker()
        c.block(script, "script")
        errors.extend("%s: %s" % (label, e) for e in c.errors)
    return name, errors


def main(argv):
    sys.setrecursionlimit(20000)
    here = os.path.dirname(os.path.abspath(__file__))
    cases = argv[1:] or sorted(
        os.path.join(here, "golden", d) for d in os.listdir(os.path.join(here, "golden")))
    failed = 0
    for case_dir in cases:
        try:
            with open(os.path.join(case_dir, "args"), encoding="utf-8") as f:
                args = f.read().split()
            with open(os.path.join(case_dir, "expected_status"), encoding="utf-8") as f:
                status = f.read().strip()
        except OSError:
            continue
        if not is_infobip_build(args) or status != "0":
            continue
        name, errors = check_case(case_dir)
        if errors:
            failed += 1
            print("FAIL infobip-script %s: %s" % (name, "; ".join(errors[:5])))
        else:
            print("PASS infobip-script %s" % name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
