#!/usr/bin/env python3
"""End-to-end tests of `ivrc plan` and `ivrc push` against the fake provider
(tests/fake_provider/server.py), which this script starts on 127.0.0.1 and
stops again. No request goes anywhere else: every base URL is the fake's,
proxies are cleared from the environment, and the one test of a
non-loopback URL is a --dry-run, which opens no connection at all.

Usage: tests/push_test.py PATH/TO/ivrc
Prints one line per check, `PASS ...` or `FAIL ...: detail` (tests/run.sh
counts them); exits 1 when a check failed. Bounded: every ivrc run has a
timeout, and the whole script stops at its deadline.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
FAKE = os.path.join(HERE, "fake_provider", "server.py")
PROJECT = os.path.join(HERE, "fake_provider", "project.ivr.yaml")
DEADLINE = time.monotonic() + 420
TARGETS = ("smartflo", "sonetel", "infobip")
KIND = {"smartflo": "ivr", "sonetel": "voiceapp", "infobip": "scenario"}
CRED = {
    "SMARTFLO_TOKEN": "sf-token-0a1b2c3d",
    "SONETEL_TOKEN": "st-token-4e5f6a7b",
    "SONETEL_ACCOUNT_ID": "1234567",
    "INFOBIP_API_KEY": "ib-key-8c9d0e1f",
}
LOGIN = {"SMARTFLO_EMAIL": "ops@example.com", "SMARTFLO_PASSWORD": "sf-pass-9z8y7x"}
# Never in an output or a state file: the tokens, the password, the key,
# and the tokens the fake hands out at login (they all hold "5ecret").
SECRETS = ("sf-token-0a1b2c3d", "st-token-4e5f6a7b", "ib-key-8c9d0e1f", "sf-pass-9z8y7x",
           "5ecret")

failures = 0
outputs = []       # every stdout and stderr of ivrc, and every state file


def report(ok, what, detail=""):
    global failures
    if ok:
        print("PASS push %s" % what)
    else:
        failures += 1
        detail = detail.strip().replace("\n", "\n    ")
        print("FAIL push %s: %s" % (what, detail or "failed"))
    sys.stdout.flush()
    return ok


class Deadline(Exception):
    pass


def left():
    t = DEADLINE - time.monotonic()
    if t <= 0:
        raise Deadline()
    return t


# ---------- the fake provider ----------

class Fake:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, FAKE, "--lifetime", "600"],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.port = int(line)
        self.base = "http://127.0.0.1:%d" % self.port
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def call(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data,
                                     method="GET" if data is None else "POST")
        with self.opener.open(req, timeout=10) as r:
            return json.loads(r.read() or b"null")

    def reset(self):
        self.call("/_control/reset", {})

    def faults(self, rules):
        self.call("/_control/faults", rules)

    def config(self, cfg):
        self.call("/_control/config", cfg)

    def edit(self, provider, oid, **kw):
        self.call("/_control/edit", dict(kw, provider=provider, id=oid))

    def dump(self):
        return self.call("/_control/dump")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def clean_env(fake, **extra):
    env = {k: v for k, v in os.environ.items()
           if not k.lower().endswith("_proxy") and
           not k.startswith(("SMARTFLO_", "SONETEL_", "INFOBIP_", "IVRC_"))}
    env.update(NO_COLOR="1", LC_ALL="C", IVRC_BACKOFF_SCALE="0", IVRC_PACE_SCALE="0",
               IVRC_HTTP_TIMEOUT="20", SMARTFLO_BASE_URL=fake.base,
               SONETEL_BASE_URL=fake.base, INFOBIP_BASE_URL=fake.base)
    env.update(CRED)
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


# ---------- running ivrc ----------

class Run:
    def __init__(self, status, out, err):
        self.status, self.out, self.err = status, out, err

    def __str__(self):
        return "status %s\n--- stdout\n%s--- stderr\n%s" % (self.status, self.out, self.err)


def ivrc(args, env, cwd, stdin=subprocess.DEVNULL):
    p = subprocess.run([IVRC] + args, cwd=cwd, env=env, stdin=stdin, capture_output=True,
                       text=True, timeout=min(60, left()))
    outputs.append(("ivrc " + " ".join(args), p.stdout + p.stderr))
    return Run(p.returncode, p.stdout, p.stderr)


def state_of(work):
    path = os.path.join(work, "ivrc.state.json")
    if not os.path.exists(path):
        return {}
    text = open(path).read()
    outputs.append(("state file", text))
    return json.loads(text)


def section(st, target, project="pushtest"):
    """The objects of one project and target in a state file (version 2)."""
    return (st.get("projects", {}).get(project, {}).get("targets", {}).get(target, {})
            .get("objects", {}))


def entries(work, target, project="pushtest"):
    return section(state_of(work), target, project)


def writes(dump, since=0):
    return [e for e in dump["log"][since:] if e["method"] in ("POST", "PUT", "DELETE")
            and not e["path"].endswith("/auth/login")]


def fill_ids(value, ids, numeric):
    """value with every "@{kind:name}" the ids know replaced by the id; with
    numeric, a string that is one whole placeholder of a numeric id becomes
    that number."""
    if isinstance(value, dict):
        return {k: fill_ids(v, ids, numeric) for k, v in value.items()}
    if isinstance(value, list):
        return [fill_ids(v, ids, numeric) for v in value]
    if not isinstance(value, str):
        return value
    m = re.fullmatch(r"@\{([^{}]+)\}", value)
    if numeric and m and ids.get(m.group(1), "").isdigit():
        return int(ids[m.group(1)])
    return re.sub(r"@\{([^{}]+)\}", lambda p: ids.get(p.group(1), p.group(0)), value)


def remote_objects(dump, target):
    out = []
    for key, objs in dump["objects"].items():
        if key.startswith(target + ":"):
            out.extend(objs.values())
    return out


class Suite:
    """The checks of one target, each in a fresh directory and a reset fake."""

    def __init__(self, fake, target, tmp):
        self.fake, self.t, self.tmp = fake, target, tmp
        self.env = clean_env(fake)

    def name(self, what):
        return "%s: %s" % (self.t, what)

    def fresh(self, text=None):
        self.fake.reset()
        work = tempfile.mkdtemp(dir=self.tmp)
        with open(os.path.join(work, "project.ivr.yaml"), "w") as f:
            f.write(text if text is not None else open(PROJECT).read())
        return work

    def push(self, work, *extra, env=None):
        return ivrc(["push", "--target", self.t, "--yes"] + list(extra) + ["project.ivr.yaml"],
                    env or self.env, work)

    def plan(self, work, *extra, env=None):
        return ivrc(["plan", "--target", self.t] + list(extra) + ["project.ivr.yaml"],
                    env or self.env, work)

    def bundle(self, work, state=True):
        """The build output, with the ids of the state file put in place of
        the placeholders (here, independently of ivrc's own filling)."""
        r = ivrc(["build", "--target", self.t, "project.ivr.yaml"], self.env, work)
        if r.status != 0:
            return None
        b = json.loads(r.out)
        if state:
            ids = {k: str(e["id"]) for k, e in entries(work, self.t).items() if "id" in e}
            for o in b["objects"]:
                # Smartflo's virtual receptionists take the ids they route to
                # as numbers (docs/TARGETS.md).
                o["body"] = fill_ids(o["body"], ids, self.t == "smartflo" and o["kind"] == "vr")
        return b

    def edit_file(self, work, old, new):
        path = os.path.join(work, "project.ivr.yaml")
        text = open(path).read()
        assert old in text, old
        open(path, "w").write(text.replace(old, new, 1))

    def key_id(self, work, name):
        e = entries(work, self.t).get("%s:%s" % (KIND[self.t], name), {})
        return e.get("id")

    # -- what must hold after every successful push --
    def consistent(self, work, what):
        dump = self.fake.dump()
        b = self.bundle(work)
        problems = []
        if b is None:
            problems.append("build failed")
            b = {"objects": []}
        if "@{" in json.dumps(b):
            problems.append("the state lacks ids: placeholders remain in the bundle")
        remote = remote_objects(dump, self.t)
        by_name = {}
        for o in remote:
            by_name.setdefault(o.get("name"), []).append(o)
        for o in b["objects"]:
            have = by_name.get(o["remote_name"], [])
            if len(have) != 1:
                problems.append("%d remote objects named %s" % (len(have), o["remote_name"]))
                continue
            for k, v in o["body"].items():
                if have[0].get(k) != v:
                    problems.append("%s.%s is %r remotely, %r in the file" %
                                    (o["remote_name"], k, have[0].get(k), v))
        if len(remote) != len(b["objects"]):
            problems.append("%d remote objects for %d declared" % (len(remote), len(b["objects"])))
        if dump["violations"]:
            problems.append("sent against the contract or with placeholders: %s" %
                            dump["violations"][:3])
        return report(not problems, self.name(what), "\n".join(problems))

    def recovers(self, what, rules, expect, grep=None, method="POST", env=None, rerun_env=None,
                 before=None):
        """Injects faults, pushes, checks the status; then pushes again
        without faults and checks that nothing is missing or doubled."""
        work = self.fresh()
        if before:
            before(work)
        self.fake.faults(rules)
        r = self.push(work, env=env)
        ok = report(r.status == expect and (not grep or re.search(grep, r.err + r.out)),
                    self.name("%s: status %d%s" % (what, expect,
                                                   " with '%s'" % grep if grep else "")), str(r))
        self.fake.faults([])
        if expect != 0:
            self.fake.config({"expired": []})
            r2 = self.push(work, env=rerun_env)
            report(r2.status == 0, self.name("%s: a second push finishes" % what), str(r2))
        if ok or expect != 0:
            self.consistent(work, "%s: every object once, with real ids" % what)
        return work

    # ---------- the checks ----------

    def clean(self):
        work = self.fresh()
        p = self.plan(work, "--detailed-exitcode", env=clean_env(self.fake, **{
            k: None for k in list(CRED) + list(LOGIN)}))
        report(p.status == 4 and "create" in p.out and not self.fake.dump()["log"],
               self.name("plan on a fresh state: creates, exit 4, nothing sent, no credentials"),
               str(p))
        r = self.push(work)
        report(r.status == 0 and "created" in r.out, self.name("clean push"), str(r))
        dump = self.fake.dump()
        b = self.bundle(work, state=False)
        posts = [e["body"].get("name") for e in writes(dump) if e["method"] == "POST"]
        want = [o["remote_name"] for o in b["objects"]]
        report(posts == want, self.name("creates each object once, in link order"),
               "posts %s\nwant  %s" % (posts, want))
        self.consistent(work, "clean push: every body holds the real ids")
        st = state_of(work)
        b_sent = {o["remote_name"]: o["body"] for o in self.bundle(work)["objects"]}
        recorded = all("id" in e and "path" in e and e.get("body") == b_sent.get(e["remote_name"])
                       for e in section(st, self.t).values())
        mode = os.stat(os.path.join(work, "ivrc.state.json")).st_mode & 0o777
        report(mode == 0o600, self.name("a new state file is 0600"), oct(mode))
        report(st.get("version") == 2 and recorded and len(section(st, self.t)) == len(want),
               self.name("state file: version 2, id, path and the body sent of every object"),
               json.dumps(st, indent=1)[:2000])
        r = ivrc(["build", "--target", self.t, "--state", "ivrc.state.json", "project.ivr.yaml"],
                 self.env, work)
        built = json.loads(r.out)["objects"] if r.status == 0 else []
        report([o["body"] for o in built] == [o["body"] for o in self.bundle(work)["objects"]]
               and all(o["method"] == "PUT" for o in built) and built,
               self.name("build --state reads the state file push wrote"), str(r)[:2000])
        n = len(dump["log"])
        r = self.push(work)
        report(r.status == 0 and "nothing to do" in r.out and not writes(self.fake.dump(), n),
               self.name("second push changes nothing"), str(r))
        p = self.plan(work, "--detailed-exitcode")
        report(p.status == 0 and "unchanged" in p.out and "0 to create, 0 to update" in p.out,
               self.name("plan after push: unchanged, exit 0"), str(p))
        self.edit_file(work, "options: { 1: sales, 2: menu:support",
                       "options: { 1: billing, 2: menu:support")
        p = self.plan(work, "--detailed-exitcode")
        key = "%s:main" % KIND[self.t]
        report(p.status == 4 and re.search(r"update\s+%s" % key, p.out) and
               "1 to update" in p.out, self.name("plan after an edit: one update, exit 4"), str(p))
        d = ivrc(["push", "--target", self.t, "--dry-run", "project.ivr.yaml"], self.env, work)
        n = len(self.fake.dump()["log"])
        main_id = self.key_id(work, "main")
        report(d.status == 0 and d.out.count("\nPUT ") + d.out.startswith("PUT ") == 1 and
               "***" in d.out and n == len(self.fake.dump()["log"]),
               self.name("dry run after an edit: one PUT printed, token as ***, nothing sent"),
               str(d))
        r = self.push(work)
        w = writes(self.fake.dump(), n)
        report(r.status == 0 and len(w) == 1 and w[0]["method"] == "PUT" and
               w[0]["path"].endswith("/" + str(main_id)),
               self.name("an edit updates only what changed"), "%s\nwrites %s" % (r, w))
        self.consistent(work, "after the edit")
        return work

    def dry_run(self):
        work = self.fresh()
        r = ivrc(["push", "--target", self.t, "--dry-run", "project.ivr.yaml"], self.env, work)
        report(r.status == 0 and "POST " in r.out and "***" in r.out and
               not self.fake.dump()["log"] and not os.path.exists(
                   os.path.join(work, "ivrc.state.json")),
               self.name("dry run: every request printed, nothing sent, no state written"), str(r))
        if self.t != "infobip":
            report(re.search(r"\nPUT \S+/@\{", r.out) is not None,
                   self.name("dry run: the cycle's update printed after its creates"), r.out[-3000:])
        r = ivrc(["push", "--target", self.t, "project.ivr.yaml"], self.env, work)
        report(r.status == 2 and "--yes" in r.err and not self.fake.dump()["log"],
               self.name("no terminal and no --yes: exit 2, nothing sent"), str(r))
        env = clean_env(self.fake, **{"%s_BASE_URL" % self.t.upper(): "http://example.com"})
        r = ivrc(["push", "--target", self.t, "--dry-run", "project.ivr.yaml"], env, work)
        report(r.status == 2 and "loopback" in r.err,
               self.name("plain http to a host that is not loopback is refused"), str(r))
        r = ivrc(["push", "--target", self.t, "--yes", "--cacert", "no-such.pem",
                  "project.ivr.yaml"], self.env, work)
        report(r.status == 2 and "CA bundle" in r.err and not self.fake.dump()["log"],
               self.name("--cacert that cannot be read: exit 2, nothing sent"), str(r))
        env = clean_env(self.fake, **{k: None for k in CRED})
        if self.t == "infobip":
            env["INFOBIP_BASE_URL"] = self.fake.base
        r = self.push(work, env=env)
        report(r.status == 2 and "credentials" in r.err and not self.fake.dump()["log"],
               self.name("no credentials: exit 2, nothing sent"), str(r))

    def faults(self):
        post = {"method": "POST", "path": r"(?!/v1/auth).*"}
        self.recovers("HTTP 500 twice", [dict(post, kind="status", status=500, times=2)], 0,
                      "retrying")
        self.recovers("HTTP 503 always", [dict(post, kind="status", status=503, times=-1)], 3,
                      "gave up after 6 attempts")
        self.recovers("429 with Retry-After seconds",
                      [dict(post, kind="rate_limit", retry_after="2")], 0,
                      r"retrying in 2\.0 s \(Retry-After")
        self.recovers("429 with a Retry-After date",
                      [dict(post, kind="rate_limit", retry_after_in=3)], 0,
                      r"retrying in [1-3]\.\d s \(Retry-After")
        self.recovers("429 without Retry-After", [dict(post, kind="rate_limit", times=2)], 0,
                      r"\(backoff")
        self.recovers("connection dropped after the create was applied",
                      [dict(post, kind="drop_after")], 0, "looking for")
        self.recovers("connection dropped after the create was applied (not the first)",
                      [dict(post, kind="drop_after", skip=1)], 0, "looking for")
        self.recovers("connection dropped before the create",
                      [dict(post, kind="drop", skip=1)], 0, "looking for")
        self.recovers("slow answer past the timeout", [dict(post, kind="slow", delay=2)], 0,
                      "looking for", env=dict(self.env, IVRC_HTTP_TIMEOUT="1"))
        self.recovers("malformed JSON answer", [dict(post, kind="malformed", skip=1)], 0,
                      "not JSON")
        msg = {"smartflo": "Recording not found", "sonetel": "Invalid voice",
               "infobip": "Invalid script"}[self.t]
        self.recovers("HTTP 200 with a failure body", [dict(post, kind="fail_body", skip=1)], 3,
                      msg)
        self.recovers("expired token", [dict(post, kind="expire_token", skip=1)], 3,
                      "credentials were refused")
        ok_body = {"smartflo": {"success": True, "message": "IVR created"},
                   "sonetel": {"resource": "voiceapp", "status": "success",
                               "response": {"app_id": "VA999"}},
                   "infobip": {"id": "E999", "name": "x"}}[self.t]
        self.recovers("a 307 whose body says success (not applied, not followed)",
                      [dict(post, kind="status", status=307, body=ok_body, skip=1,
                            headers={"Location": "http://127.0.0.1:9/elsewhere"})], 3,
                      r"HTTP 307")
        self.recovers("list fails twice (HTTP 500)",
                      [{"method": "GET", "kind": "status", "status": 500, "times": 2}]
                      + ([dict(post, kind="drop_after")] if self.t != "smartflo" else []), 0,
                      "retrying")

        def pushed(work):
            r = self.push(work)
            assert r.status == 0, str(r)
            self.edit_file(work, "options: { 1: sales, 2: menu:support",
                           "options: { 1: billing, 2: menu:support")
        self.recovers("connection dropped after an update was applied",
                      [{"method": "PUT", "kind": "drop_after"}], 0, "retrying", before=pushed)

    def closed_output(self):
        """`ivrc push ... | head -1`: the reader goes after the first line."""
        work = self.fresh()
        r, w = os.pipe()
        p = subprocess.Popen([IVRC, "push", "--target", self.t, "--yes", "project.ivr.yaml"],
                             cwd=work, env=self.env, stdin=subprocess.DEVNULL, stdout=w,
                             stderr=subprocess.PIPE, text=True)
        os.close(w)
        with os.fdopen(r) as reader:
            reader.readline()
        err = p.communicate(timeout=min(60, left()))[1]
        outputs.append(("ivrc push | head -1", err))
        want = len(self.bundle(work, state=False)["objects"])
        ids = [e for e in entries(work, self.t).values() if "id" in e]
        report(p.returncode == 0 and "standard output was closed" in err and len(ids) == want,
               self.name("standard output closed early: the push finishes, records every id "
                         "and says so"),
               "status %s, %d of %d ids\n%s" % (p.returncode, len(ids), want, err))
        self.consistent(work, "standard output closed early: every object once")

    def interrupt(self):
        work = self.fresh()
        self.fake.faults([{"method": "POST", "path": r"(?!/v1/auth).*", "kind": "slow",
                           "delay": 0.6, "times": -1}])
        p = subprocess.Popen([IVRC, "push", "--target", self.t, "--yes", "project.ivr.yaml"],
                             cwd=work, env=self.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while not remote_objects(self.fake.dump(), self.t) and time.monotonic() < DEADLINE:
            time.sleep(0.05)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=min(30, left()))
        outputs.append(("ivrc push (interrupted)", out + err))
        ids = [e for e in entries(work, self.t).values() if "id" in e]
        report(p.returncode == 3 and "interrupted" in err and len(ids) >= 1,
               self.name("Ctrl-C: stops after the current request, ids saved, exit 3"),
               "status %s ids %s\n%s%s" % (p.returncode, ids, out, err))
        self.fake.faults([])
        r = self.push(work)
        report(r.status == 0, self.name("Ctrl-C: a second push finishes"), str(r))
        self.consistent(work, "Ctrl-C: nothing created twice")

    def killed(self):
        work = self.fresh()
        self.fake.faults([{"method": "POST", "path": r"(?!/v1/auth).*", "kind": "slow",
                           "delay": 3}])
        p = subprocess.Popen([IVRC, "push", "--target", self.t, "--yes", "project.ivr.yaml"],
                             cwd=work, env=self.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not remote_objects(self.fake.dump(), self.t) and time.monotonic() < DEADLINE:
            time.sleep(0.05)
        p.kill()
        p.wait()
        pending = [k for k, e in entries(work, self.t).items() if e.get("pending") == "create"]
        report(len(pending) == 1, self.name("killed during a create: the state marks it pending"),
               json.dumps(state_of(work)))
        self.fake.faults([])
        r = self.push(work)
        report(r.status == 0 and "found" in r.out, self.name(
            "killed during a create: the next push finds it by name"), str(r))
        self.consistent(work, "killed during a create: nothing created twice")

    def refresh(self):
        work = self.fresh()
        self.push(work)
        oid = self.key_id(work, "main")
        field = {"smartflo": ("timeout", 99), "sonetel": ("voice", "swe"),
                 "infobip": ("description", "edited by hand")}[self.t]
        self.fake.edit(self.t, oid, set={field[0]: field[1]})
        p = self.plan(work, "--detailed-exitcode")
        report(p.status == 0, self.name("plan without --refresh trusts the state"), str(p))
        p = self.plan(work, "--refresh", "--detailed-exitcode")
        old = json.dumps(field[1])
        line = re.search(r"^      %s: %s -> (.+)  \(changed on the provider: put back\)$"
                         % (re.escape(field[0]), re.escape(old)), p.out, re.M)
        report(p.status == 4 and line and
               "changed on the provider since the last push: put back" in p.out,
               self.name("plan --refresh shows drift field by field, exit 4"), str(p))
        n = len(self.fake.dump()["log"])
        r = self.push(work, "--refresh")
        w = writes(self.fake.dump(), n)
        report(r.status == 0 and len(w) == 1 and w[0]["method"] == "PUT",
               self.name("push --refresh repairs the drift with one update"), "%s\n%s" % (r, w))
        p = self.plan(work, "--refresh", "--detailed-exitcode")
        report(p.status == 0, self.name("plan --refresh after the repair: exit 0"), str(p))
        gone = "support" if self.t != "infobip" else "promo"
        self.fake.edit(self.t, self.key_id(work, gone), delete=True)
        p = self.plan(work, "--refresh")
        report(re.search(r"create\s+%s:%s.*gone remotely" % (KIND[self.t], gone), p.out),
               self.name("plan --refresh: an object deleted by hand is created again"), str(p))
        r = self.push(work, "--refresh")
        report(r.status == 0, self.name("push --refresh creates it again"), str(r))
        self.consistent(work, "after creating it again, what points at it has its new id")

    def prune(self):
        work = self.fresh()
        self.push(work)
        promo_id = self.key_id(work, "promo")
        self.edit_file(work, "  promo:\n    prompt: promo\n"
                       "    invalid: {prompt: promo, retries: 0, then: hangup}\n"
                       "    no_input: {prompt: promo, retries: 0, then: hangup}\n"
                       "    options: { 1: sales }\n", "")
        key = "%s:promo" % KIND[self.t]
        p = self.plan(work, "--detailed-exitcode")
        report(p.status == 0 and re.search(r"orphan\s+%s" % key, p.out),
               self.name("plan: an object no longer declared is an orphan"), str(p))
        p = self.plan(work, "--prune", "--detailed-exitcode")
        r = self.push(work, "--prune")
        left_ids = [o.get("id", o.get("app_id")) for o in remote_objects(self.fake.dump(), self.t)]
        if self.t == "smartflo":
            report(p.status == 0 and "no delete call" in p.out and r.status == 0 and
                   key in entries(work, self.t),
                   self.name("prune: Smartflo has no delete call; the object is kept"),
                   "%s\n%s" % (p, r))
        else:
            report(p.status == 4 and re.search(r"delete\s+%s" % key, p.out) and r.status == 0 and
                   promo_id not in left_ids and key not in entries(work, self.t),
                   self.name("prune deletes the object and its state entry"), "%s\n%s" % (p, r))


def smartflo_login(fake, tmp):
    s = Suite(fake, "smartflo", tmp)
    env = clean_env(fake, SMARTFLO_TOKEN=None, **LOGIN)
    work = s.fresh()
    r = s.push(work, env=env)
    report(r.status == 0 and fake.dump()["logins"] == 1,
           "smartflo: email and password: one login per run", str(r))
    s.consistent(work, "email and password: pushed")
    s.recovers("login, then the token expires",
               [{"method": "POST", "path": "/v1/ivr", "kind": "expire_token", "skip": 1}], 0,
               "logging in again", env=env)
    report(fake.dump()["logins"] == 2, "smartflo: an expired token: one more login")
    s.recovers("429 on login with retry_after",
               [{"method": "POST", "path": "/v1/auth/login", "kind": "rate_limit",
                 "retry_after_ist": 30}], 0,
               # 30 s ahead, so that a slow start (ASan, a loaded CI machine)
               # still sees a wait taken from retry_after, not the 1 s backoff.
               r"retrying in (2\d|30)\.\d s \(retry_after", env=env)
    bad = dict(env, SMARTFLO_PASSWORD="wrong-password")
    work = s.fresh()
    r = s.push(work, env=bad)
    report(r.status == 3 and "Invalid credentials" in r.err and "wrong-password" not in r.out + r.err,
           "smartflo: a refused login: exit 3, the password not shown", str(r))


def header_and_url_safety(fake, tmp):
    """What goes into a header or is printed of a URL (issue: no leaks)."""
    s = Suite(fake, "smartflo", tmp)
    work = s.fresh()
    fake.reset()
    r = s.push(work, env=clean_env(fake, SMARTFLO_TOKEN="tok\r\nX-Injected: 1"))
    report(r.status == 2 and "SMARTFLO_TOKEN holds a control character" in r.err and
           not fake.dump()["log"],
           "smartflo: a token with CR/LF: refused before any request, exit 2", str(r))
    work = s.fresh()
    fake.reset()
    fake.config({"login_token": "sf\r\nX-Injected: 1"})
    r = s.push(work, env=clean_env(fake, SMARTFLO_TOKEN=None, **LOGIN))
    log = fake.dump()["log"]
    report(r.status == 3 and "access_token holds a control character" in r.err and
           len(log) == 1 and log[0]["path"] == "/v1/auth/login",
           "smartflo: a login answer's token with CR/LF: refused, nothing sent with it",
           "%s\n%s" % (r, [e["path"] for e in log]))
    fake.reset()
    work = s.fresh()
    r = s.push(work, env=clean_env(
        fake, SMARTFLO_BASE_URL="http://ops:hunter2@example.com/api?access_token=abc123#x"))
    report(r.status == 2 and "refused" in r.err and "http://example.com/api?..." in r.err and
           "hunter2" not in r.err + r.out and "abc123" not in r.err + r.out,
           "a refused base URL is printed without its user, password and query", str(r))


def dry_run(s, work, env):
    return ivrc(["push", "--target", s.t, "--dry-run", "project.ivr.yaml"], env, work)


def redact_login_body(fake, tmp):
    """Issue 19, 4: the login body's password is masked by field, so a
    password that JSON escapes (a quote, a backslash, a tab) is not printed
    in its escaped form either."""
    s = Suite(fake, "smartflo", tmp)
    work = s.fresh()
    pw = 'p"w\\\t\x01-5ecret'
    escaped = json.dumps(pw)[1:-1]
    r = dry_run(s, work, clean_env(fake, SMARTFLO_TOKEN=None, SMARTFLO_EMAIL=LOGIN["SMARTFLO_EMAIL"],
                                   SMARTFLO_PASSWORD=pw))
    shown = r.out + r.err
    report(r.status == 0 and '"password":\t"***"' in r.out and pw not in shown and
           escaped not in shown and "5ecret" not in shown and not fake.dump()["log"],
           "smartflo: dry run: a password with a quote, a backslash and a tab is shown as ***",
           str(r))
    body = json.dumps({"email": LOGIN["SMARTFLO_EMAIL"], "password": pw})
    fake.faults([{"path": "/v1/auth/login", "kind": "status", "status": 401,
                  "body": {"success": False, "message": "Invalid credentials: %s or %s" %
                           (body, pw)}}])
    r = s.push(work, env=clean_env(fake, SMARTFLO_TOKEN=None,
                                   SMARTFLO_EMAIL=LOGIN["SMARTFLO_EMAIL"], SMARTFLO_PASSWORD=pw))
    fake.faults([])
    shown = r.out + r.err
    report(r.status == 3 and 'Invalid credentials: {"email": "ops@example.com", "password": "***"}'
           in r.err and "5ecret" not in shown,
           "smartflo: a refused login whose message quotes the password, raw and "
           "JSON-escaped: both shown as ***", str(r))


def redact_provider_message(fake, tmp):
    """Issue 19, 5: a provider's message is redacted whole, then cut: a
    secret it echoes near the cut shows no prefix; and it never reaches the
    terminal raw (control characters)."""
    def failure(t, msg):
        if t == "smartflo":
            return {"success": False, "message": msg}
        if t == "sonetel":
            return {"resource": "voiceapp", "status": "failed",
                    "response": {"detail": msg, "code": "BAD"}}
        return {"requestError": {"serviceException": {"messageId": "BAD_REQUEST", "text": msg}}}

    def check(s, what, secret, env, before=None):
        work = s.fresh()
        if before:
            before()
        # The old cut kept 1,023 bytes: the secret's last byte fell off.
        msg = "a" * (1024 - len(secret)) + secret + " \x1b[2J\r\n\x07" + "b" * 2000
        s.fake.faults([{"path": r"(?!/v1/auth).*", "kind": "status", "status": 400,
                        "body": failure(s.t, msg)}])
        r = s.push(work, env=env)
        s.fake.faults([])
        shown = r.out + r.err
        prefixes = [secret[:n] for n in range(6, len(secret) + 1) if secret[:n] in shown]
        longest = max(len(line) for line in r.err.split("\n"))
        report(r.status == 3 and "a" * 20 + "***" in r.err and not prefixes and
               not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", shown) and longest < 1200,
               s.name("%s echoed at byte 1,000 of a provider's message: masked, then the "
                      "message cut; no control character printed" % what),
               "prefixes shown %s; longest line %d\n%s" % (prefixes, longest, str(r)[:3000]))

    for t, key in (("smartflo", "SMARTFLO_TOKEN"), ("sonetel", "SONETEL_TOKEN"),
                   ("infobip", "INFOBIP_API_KEY")):
        s = Suite(fake, t, tmp)
        check(s, key, CRED[key], s.env)
    s = Suite(fake, "smartflo", tmp)
    token = "sf-login-token-5ecret"
    check(s, "the login answer's token", token,
          clean_env(fake, SMARTFLO_TOKEN=None, **LOGIN),
          before=lambda: fake.config({"login_token": token}))


def redact_in_place(fake, tmp):
    """Issue 19, 7a: a credential is masked where it is (the Authorization
    header, the login body's password), never by searching what ivrc built;
    a provider's text is still searched, whatever the secret's length."""
    s = Suite(fake, "smartflo", tmp)
    work = s.fresh()
    r = dry_run(s, work, clean_env(fake, SMARTFLO_TOKEN="x"))
    report(r.status == 0 and '"extension||05047530000"' in r.out and "***tension" not in r.out
           and "Authorization: Bearer ***" in r.out,
           "smartflo: dry run with a one-letter token: bodies printed intact, the header as ***",
           str(r)[:3000])
    r = dry_run(s, work, clean_env(fake, SMARTFLO_TOKEN=None, SMARTFLO_EMAIL="ops@example.com",
                                   SMARTFLO_PASSWORD="e"))
    report(r.status == 0 and '"email":\t"ops@example.com"' in r.out and
           '"password":\t"***"' in r.out and '"extension||05047530000"' in r.out,
           "smartflo: dry run with a one-letter password: the login body and the bodies intact",
           str(r)[:3000])
    fake.faults([{"path": r"(?!/v1/auth).*", "kind": "status", "status": 400,
                  "body": {"success": False, "message": "token x refused"}}])
    r = s.push(work, env=clean_env(fake, SMARTFLO_TOKEN="x"))
    fake.faults([])
    report(r.status == 3 and "token *** refused" in r.err and "POST /v1/ivr" in r.err,
           "smartflo: a provider's message is searched for even a one-letter token", str(r))


def infobip_pacing(fake, tmp):
    s = Suite(fake, "infobip", tmp)
    menus = "".join("  m%d:\n    prompt: shared\n    options: { 1: hangup }\n" % i
                    for i in range(8))
    text = ("ivrc: 1\nname: pace\ntargets:\n  infobip: {}\nrecordings:\n"
            "  shared: { text: \"Hello.\" }\nmenus:\n" + menus)
    work = s.fresh(text)
    r = s.push(work)
    s.edit_file(work, '"Hello."', '"Hello again."')
    n = len(fake.dump()["log"])
    r = s.push(work)
    puts = [e for e in writes(fake.dump(), n) if e["method"] == "PUT"]
    paced = re.search(r"pacing: waiting 60 s before updating scenario:m6 ", r.out)
    report(r.status == 0 and len(puts) == 8 and paced,
           "infobip: 8 updates: the 7th waits for Infobip's 6 a minute", str(r))


def one_state_file(fake, tmp):
    s = Suite(fake, "smartflo", tmp)
    work = s.fresh()
    for t in ("smartflo", "sonetel"):
        ivrc(["push", "--target", t, "--yes", "project.ivr.yaml"], s.env, work)
    st = state_of(work)
    report(set(st.get("projects", {}).get("pushtest", {}).get("targets", {}))
           == {"smartflo", "sonetel"},
           "one state file, a section per target", json.dumps(st)[:1000])


def two_projects_text(name, menus):
    body = "".join("  %s: { prompt: hello, options: { 1: hangup }, invalid: *h, no_input: *h }\n"
                   % m for m in menus[1:])
    return ("ivrc: 1\nname: %s\ntargets: { sonetel: {} }\nrecordings:\n"
            "  hello: { text: \"Hello.\" }\nmenus:\n"
            "  %s: { prompt: hello, options: { 1: hangup },\n"
            "    invalid: &h { prompt: hello, retries: 0, then: hangup }, no_input: *h }\n"
            % (name, menus[0]) + body)


def ownership(fake, tmp):
    """Issue 19, 1 and 3: two projects in one folder never touch each
    other's objects; an entry or a remote object that is not the project's
    is neither updated nor deleted."""
    s = Suite(fake, "sonetel", tmp)
    work = s.fresh()
    for name, menus in (("sales", ("main", "extra")), ("support", ("main",))):
        open(os.path.join(work, name + ".ivr.yaml"), "w").write(two_projects_text(name, menus))
    push = lambda name, *extra: ivrc(["push", "--target", "sonetel", "--yes"] + list(extra)
                                     + [name + ".ivr.yaml"], s.env, work)
    r1 = push("sales")
    n = len(fake.dump()["log"])
    r2 = push("support", "--prune")
    w = writes(fake.dump(), n)
    names = sorted(o.get("name") for o in remote_objects(fake.dump(), "sonetel"))
    st = state_of(work)
    report(r1.status == 0 and r2.status == 0 and
           [(e["method"], e["body"].get("name")) for e in w] == [("POST", "support-main")] and
           names == ["sales-extra", "sales-main", "support-main"] and
           set(section(st, "sonetel", "sales")) == {"voiceapp:main", "voiceapp:extra"} and
           set(section(st, "sonetel", "support")) == {"voiceapp:main"},
           "two projects in one folder: push --prune of one creates its own objects "
           "and leaves the other's alone", "%s\n%s\nwrites %s\nremote %s" % (r1, r2, w, names))

    # A hand-edited state: support's entry holds sales' object.
    st["projects"]["support"]["targets"]["sonetel"]["objects"]["voiceapp:main"] = \
        section(st, "sonetel", "sales")["voiceapp:main"]
    open(os.path.join(work, "ivrc.state.json"), "w").write(json.dumps(st))
    with open(os.path.join(work, "support.ivr.yaml"), "a") as f:
        f.write("  other: { prompt: hello, options: { 1: hangup }, invalid: *h, "
                "no_input: *h }\n")
    n = len(fake.dump()["log"])
    r = push("support")
    report(r.status == 2 and not fake.dump()["log"][n:] and "'sales-main'" in r.err and
           "'support-main'" in r.err,
           "an entry recorded under another remote name: exit 2, both names said, "
           "nothing sent", str(r))

    # The provider's object of a recorded id was renamed by hand.
    work = s.fresh()
    s.push(work)
    oid = s.key_id(work, "support")
    fake.edit("sonetel", oid, set={"name": "someone-elses"})
    s.edit_file(work, "options: { 1: billing, 9: menu:main }", "options: { 1: sales, 9: menu:main }")
    n = len(fake.dump()["log"])
    r = s.push(work)
    report(r.status == 2 and not writes(fake.dump(), n) and "'someone-elses'" in r.err and
           "'pushtest-support'" in r.err,
           "sonetel: an object renamed on the provider: not updated, exit 2", str(r))
    fake.edit("sonetel", oid, set={"name": "pushtest-support"})
    promo = s.key_id(work, "promo")
    fake.edit("sonetel", promo, set={"name": "someone-elses-promo"})
    s.edit_file(work, "options: { 1: sales, 9: menu:main }", "options: { 1: billing, 9: menu:main }")
    s.edit_file(work, "  promo:\n    prompt: promo\n"
                      "    invalid: {prompt: promo, retries: 0, then: hangup}\n"
                      "    no_input: {prompt: promo, retries: 0, then: hangup}\n"
                      "    options: { 1: sales }\n", "")
    n = len(fake.dump()["log"])
    r = s.push(work, "--prune")
    report(r.status == 2 and not writes(fake.dump(), n) and "'someone-elses-promo'" in r.err,
           "sonetel: push --prune of an object renamed on the provider: not deleted, exit 2",
           str(r))

    s = Suite(fake, "smartflo", tmp)
    work = s.fresh()
    s.push(work)
    fake.edit("smartflo", s.key_id(work, "support"), set={"name": "renamed by hand\x1b[2J"})
    s.edit_file(work, "options: { 1: billing, 9: menu:main }", "options: { 1: sales, 9: menu:main }")
    n = len(fake.dump()["log"])
    r = s.push(work)
    report(r.status == 2 and not writes(fake.dump(), n) and
           "named 'renamed by hand\\x1b[2J'" in r.err and "\x1b" not in r.err,
           "smartflo: an object renamed on the provider (found in its list): not updated, "
           "exit 2, its name shown escaped", str(r))


def locking(fake, tmp):
    """Issue 19, 2: one push at a time per state file."""
    s = Suite(fake, "sonetel", tmp)

    def start_slow(work, target="sonetel"):
        fake.faults([{"method": "POST", "kind": "slow", "delay": 0.3, "times": -1}])
        p = subprocess.Popen([IVRC, "push", "--target", target, "--yes", "project.ivr.yaml"],
                             cwd=work, env=s.env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        while not any(e["method"] == "POST" for e in fake.dump()["log"]):
            if p.poll() is not None or left() < 60:
                break
            time.sleep(0.05)
        return p

    work = s.fresh()
    first = start_slow(work)
    n = len(fake.dump()["log"])
    r = s.push(work)
    sent_by_second = [e for e in fake.dump()["log"][n:] if e["method"] != "POST"]
    out, err = first.communicate(timeout=min(60, left()))
    fake.faults([])
    report(r.status == 2 and re.search(r"another push \(pid \d+ since [0-9T:-]+Z\) holds "
                                       r"the state file ivrc.state.json", r.err) and
           not sent_by_second and first.returncode == 0,
           "sonetel: a second push of the same state while one runs: exit 2 at once, "
           "nothing sent, the first finishes", "%s\nfirst: %s %s" % (r, out, err))
    s.consistent(work, "after two pushes at once: every object once, with real ids")

    work = s.fresh()
    first = start_slow(work)
    r = s.push(work, "--lock-timeout", "120")
    first.communicate(timeout=min(60, left()))
    fake.faults([])
    report(r.status == 0 and "waiting for another push" in r.err and "nothing to do" in r.out,
           "sonetel: --lock-timeout waits for the other push, then has nothing to do", str(r))
    s.consistent(work, "after a push that waited: every object once, with real ids")

    work = s.fresh()
    first = start_slow(work, "smartflo")
    r = ivrc(["push", "--target", "sonetel", "--yes", "--lock-timeout", "120",
              "project.ivr.yaml"], s.env, work)
    first.communicate(timeout=min(60, left()))
    fake.faults([])
    st = state_of(work)
    report(r.status == 0 and first.returncode == 0 and
           len(section(st, "smartflo")) == 5 and len(section(st, "sonetel")) == 6,
           "smartflo and sonetel pushed at once on one state file: both sections kept",
           "%s\n%s" % (r, json.dumps(st)[:800]))
    r = ivrc(["push", "--target", "sonetel", "--yes", "--lock-timeout", "x",
              "project.ivr.yaml"], s.env, work)
    report(r.status == 2 and "--lock-timeout takes seconds" in r.err,
           "--lock-timeout x: a usage error", str(r))


def answered_ids(fake, tmp):
    """Issue 19, 8: an id in an answer enters the state only when it is
    one of the provider's ids."""
    for t in ("sonetel", "infobip"):
        s = Suite(fake, t, tmp)
        for bad in ("@{%s:main}" % KIND[t], 1e300, -1.5, "a/../b", "x\x1b[2J"):
            work = s.fresh()
            fake.faults([{"method": "POST", "kind": "bad_id", "id": bad}])
            r = s.push(work)
            st = json.dumps(state_of(work))
            shown = json.dumps(bad) if not isinstance(bad, str) else bad
            report(r.status == 3 and "which is not 1 to 64 letters" in r.err and
                   "\x1b" not in r.err and '"pending": "create"' in st and
                   "@{" not in st and "1e+300" not in st and "-1.5" not in st and
                   "-2" not in st and "../" not in st,
                   s.name("a create answered with the id %s: not recorded, exit 3" % shown),
                   "%s\n%s" % (r, st))
            fake.faults([])
            r = s.push(work)
            report(r.status == 0 and "found" in r.out,
                   s.name("then a push finds the object by its name"), str(r))
            s.consistent(work, "after an id %s: every object once, with real ids" % shown)


def three_way(fake, tmp):
    """Issue 19, 11 and 12: plan --refresh tells apart a change in the file,
    one made on the provider since the last push, and both, field by field;
    push puts the file's values back and a plan after it is clean."""
    s = Suite(fake, "sonetel", tmp)
    work = s.fresh()
    s.push(work)
    oid = s.key_id(work, "support")
    remote = fake.dump()["objects"]["sonetel:voiceapp"][oid]
    menu = json.loads(json.dumps(remote["menu"]))
    menu["digit_1"]["id"] = "+19995550000"
    fake.edit("sonetel", oid, set={"play_welcome": "yes", "menu": menu})
    s.edit_file(work, "options: { 1: billing, 9: menu:main }", "options: { 1: sales, 9: menu:main }")
    p = s.plan(work, "--refresh", "--detailed-exitcode")
    want = [
        "  update    voiceapp:support (id %s): changed in the file and on the provider" % oid,
        '      play_welcome: "yes" -> "no"  (changed on the provider: put back)',
        '      menu.digit_1.to: "phnum" -> "user"',
        '      menu.digit_1.id: "+19995550000" -> "8810"  (changed in the file, and on the '
        'provider: the file\'s wins) (last pushed: "+14155550120")',
    ]
    got = [l for l in p.out.splitlines() if "voiceapp:support" in l or l.startswith("      ")]
    report(p.status == 4 and got == want,
           "sonetel: plan --refresh: a field changed in the file, one on the provider, one "
           "in both", "%s\nwant:\n%s" % (p, "\n".join(want)))
    j = s.plan(work, "--refresh", "--format", "json")
    doc = json.loads(j.out) if j.status == 0 else {}
    fields = [o.get("fields") for o in doc.get("objects", []) if o["key"] == "voiceapp:support"]
    report(fields == [[
        {"path": "play_welcome", "before": "yes", "after": "no", "changed": "provider"},
        {"path": "menu.digit_1.to", "before": "phnum", "after": "user", "changed": "file"},
        {"path": "menu.digit_1.id", "before": "+19995550000", "after": "8810",
         "last_pushed": "+14155550120", "changed": "both"}]],
        "sonetel: plan --refresh --format json: the same fields", str(j))
    n = len(fake.dump()["log"])
    r = s.push(work)
    w = writes(fake.dump(), n)
    p = s.plan(work, "--refresh", "--detailed-exitcode")
    report(r.status == 0 and [e["method"] for e in w] == ["PUT"] and p.status == 0,
           "sonetel: push puts them back with one update; plan --refresh after it: exit 0",
           "%s\n%s\n%s" % (r, w, p))
    s.consistent(work, "after putting drift back: every object once, as the file says")
    # Drift alone: a plain push (no --refresh) reads the provider and puts it back.
    fake.edit("sonetel", oid, set={"play_welcome": "yes"})
    n = len(fake.dump()["log"])
    r = s.push(work)
    report(r.status == 0 and [e["method"] for e in writes(fake.dump(), n)] == ["PUT"] and
           "changed on the provider since the last push: put back" in r.out,
           "sonetel: push without --refresh sees drift on an object the file did not change, "
           "says so and puts it back", str(r))


def golden_projects(fake, tmp):
    """Issue 19, 13: every golden project that builds, pushed to the fake,
    then planned again (from the state, and reading the provider): 0 changes."""
    golden = os.path.join(HERE, "golden")
    n = bad = 0
    problems = []
    for case in sorted(os.listdir(golden)):
        d = os.path.join(golden, case)
        try:
            args = open(os.path.join(d, "args")).read().split()
            status = open(os.path.join(d, "expected_status")).read().strip()
        except OSError:
            continue
        if (len(args) != 4 or args[:2] != ["build", "--target"] or status != "0" or
                args[2] not in TARGETS):
            continue
        t, src = args[2], args[3]
        s = Suite(fake, t, tmp)
        work = s.fresh(open(os.path.join(d, src)).read())
        r = s.push(work)
        if r.status != 0:
            continue          # a project the fake refuses (a contract it checks) is not this test's
        n += 1
        for extra in ((), ("--refresh",)):
            p = s.plan(work, "--detailed-exitcode", *extra)
            if p.status != 0:
                bad += 1
                problems.append("%s (%s) plan %s: %s" % (case, t, " ".join(extra), p.out[-600:]))
    report(n >= 20 and not bad,
           "plan right after push: 0 changes for %d golden projects, with and without "
           "--refresh" % n, "\n".join(problems[:5]))


def provider_text_escaped(fake, tmp):
    """Issue 20, 5: a provider's message reaches the terminal escaped."""
    s = Suite(fake, "sonetel", tmp)
    work = s.fresh()
    fake.faults([{"method": "POST", "kind": "status", "status": 400,
                  "body": {"resource": "voiceapp", "status": "failed",
                           "response": {"detail": "bad \u001b[2J \u009b2J \u202e end"}}}])
    r = s.push(work)
    fake.faults([])
    report(r.status == 3 and "bad \\e[2J \\u009b2J \\u202e end" in r.err and
           "\x1b" not in r.err and "\u009b" not in r.err,
           "sonetel: a provider's message with ESC, a C1 control and a bidi override: shown "
           "escaped", str(r))


def secrets_scan():
    leaks = [(what, secret) for what, text in outputs for secret in SECRETS if secret in text]
    report(not leaks, "no token, password or key in %d outputs and state files" % len(outputs),
           str(leaks[:5]))


ENV_PROJECT = """ivrc: 1
name: envs
targets: { sonetel: { remote_name: "{env}-{project}-{name}" } }
environments:
  staging:
    endpoints: { desk: { sonetel: "phone:+14155550100" } }
  prod: { include: prod.ivr.yaml }
recordings:
  hello: { text: "Hello." }
endpoints:
  desk: {}
menus:
  main: { prompt: hello, options: { 1: desk },
          invalid: &h { prompt: hello, retries: 0, then: hangup }, no_input: *h }
"""


def environments(fake, tmp):
    """Issue 22: staging and prod are two provider accounts (two fake
    providers); one state file keeps each environment's objects apart, so
    pushing prod never touches staging's, and promoting an unchanged
    project plans no change."""
    prod_fake = Fake()
    try:
        work = os.path.join(tmp, "environments")
        os.makedirs(work)
        open(os.path.join(work, "envs.ivr.yaml"), "w").write(ENV_PROJECT)
        open(os.path.join(work, "prod.ivr.yaml"), "w").write(
            "endpoints:\n  desk: { sonetel: \"phone:+14155550199\" }\n")
        fake.reset()
        prod_fake.reset()
        staging_env, prod_env = clean_env(fake), clean_env(prod_fake)
        run = lambda env, name, *args: ivrc(list(args) + ["--target", "sonetel", "--env", name,
                                                          "envs.ivr.yaml"], env, work)
        none = ivrc(["push", "--target", "sonetel", "--yes", "envs.ivr.yaml"], staging_env, work)
        report(none.status == 2 and "--env" in none.err and not fake.dump()["log"],
               "environments: push without --env: exit 2, nothing sent", str(none))
        r1 = run(staging_env, "staging", "push", "--yes")
        staging_log = len(fake.dump()["log"])
        r2 = run(prod_env, "prod", "push", "--yes")
        st = state_of(work)
        envs = st.get("projects", {}).get("envs", {}).get("environments", {})
        prod_objects = remote_objects(prod_fake.dump(), "sonetel")
        report(r1.status == 0 and r2.status == 0 and
               len(fake.dump()["log"]) == staging_log and
               set(envs) == {"staging", "prod"} and
               "+14155550199" in json.dumps(prod_objects) and
               [o.get("name") for o in prod_objects] == ["prod-envs-main"] and
               "+14155550199" not in json.dumps(remote_objects(fake.dump(), "sonetel")),
               "environments: push --env prod writes prod's account only (names from "
               "remote_name: prod-envs-main), each environment its own state section", "%s\n%s\n%s" % (r1, r2, json.dumps(st)[:800]))
        n = len(prod_fake.dump()["log"])
        plan = run(prod_env, "prod", "plan", "--detailed-exitcode")
        report(plan.status == 0 and not writes(prod_fake.dump(), n),
               "environments: plan --env prod of an unchanged project: no change (exit 0)",
               str(plan))
    finally:
        prod_fake.stop()


def main():
    global IVRC
    if len(sys.argv) != 2:
        print("usage: push_test.py PATH/TO/ivrc", file=sys.stderr)
        return 2
    IVRC = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="ivrc-push-")
    fake = Fake()
    try:
        for t in TARGETS:
            s = Suite(fake, t, tmp)
            for check in (s.clean, s.dry_run, s.faults, s.closed_output, s.interrupt,
                          s.killed, s.refresh, s.prune):
                check()
        smartflo_login(fake, tmp)
        header_and_url_safety(fake, tmp)
        redact_login_body(fake, tmp)
        redact_provider_message(fake, tmp)
        redact_in_place(fake, tmp)
        infobip_pacing(fake, tmp)
        one_state_file(fake, tmp)
        ownership(fake, tmp)
        locking(fake, tmp)
        answered_ids(fake, tmp)
        three_way(fake, tmp)
        golden_projects(fake, tmp)
        provider_text_escaped(fake, tmp)
        environments(fake, tmp)
        secrets_scan()
    except Deadline:
        report(False, "deadline", "the push tests ran out of time")
    except Exception as e:          # a broken check is one failure, not a hang
        report(False, "harness", "%s: %s" % (type(e).__name__, e))
    finally:
        fake.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
