#!/usr/bin/env python3
"""A fake of the provider APIs that `ivrc push` uses, for tests only.

Python 3 standard library; binds 127.0.0.1 on a free port (never another
address), prints the port on the first line of standard output, and serves
until it is terminated (or after --lifetime seconds, so that a crashed test
leaves nothing running).

It speaks, in memory (docs/TARGETS.md, "Push", has the facts):
  Smartflo  POST /v1/auth/login; POST /v1/{ivr,auto_attendant,broadcast,
            virtual_receptionist}; PUT /v1/KIND/ID; GET /v1/KINDs
            ({"KINDs": [...]}); answers {"success", "message"}, no ids.
  Sonetel   GET|POST /account/ACC/voiceapp; GET|PUT|DELETE .../voiceapp/ID;
            answers {"resource", "status", "response"}.
  Infobip   GET|POST /voice/ivr/1/scenarios (GET filters by ?name=);
            GET|PUT|DELETE /voice/ivr/1/scenarios/ID.
Every body sent is checked for a placeholder "@{" and, when it creates or
updates an object, against the provider's contract (tests/contracts, as
tests/contract.py checks build's bundles): each fault is a violation. Every
create is counted, every request is logged.

Control (no auth), for the test driver:
  POST /_control/reset            forget everything, default credentials
  POST /_control/config  {...}    e.g. {"smartflo_tokens": ["t"]}; "login_token":
                                  the token Smartflo's login answers
  POST /_control/faults  [...]    the fault rules (below), replacing the old
  POST /_control/edit    {"provider", "id", "set": {...}} or {"..., "delete": true}
  GET  /_control/dump             objects, creates, logins, log, violations

A fault rule: {"method": "POST", "path": REGEX (whole path, no query),
"kind": KIND, "times": N (default 1; -1: always), "skip": N (matching
requests let through first), ...}. Kinds:
  status       answer "status" (default 500) with "body" and "headers"; not applied
  rate_limit   429; "retry_after" (header text), "retry_after_in" (seconds:
               an HTTP date), "retry_after_ist" (seconds: Smartflo's body field)
  drop         close the connection without an answer; not applied
  drop_after   apply the request, then close without an answer
  slow         apply the request, wait "delay" seconds, then answer
  malformed    apply the request, answer 200 with a body that is not JSON
  fail_body    answer 200 with the provider's failure body (Infobip: 400); not applied
  expire_token the token in use expires; answer as the provider does
  bad_id       apply the request, answer with "id" (any JSON value) in place of
               the object's id (Sonetel's app_id, Infobip's id)
"""
import argparse
import email.utils
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import contract  # noqa: E402  (tests/contract.py)

CONTRACTS = contract.load_contracts(
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "contracts"))
LOCK = threading.RLock()
DEFAULTS = {
    "smartflo_tokens": ["sf-token-0a1b2c3d"],
    "smartflo_email": "ops@example.com",
    "smartflo_password": "sf-pass-9z8y7x",
    "sonetel_token": "st-token-4e5f6a7b",
    "sonetel_account": "1234567",
    "infobip_key": "ib-key-8c9d0e1f",
}
SF_KINDS = ("ivr", "auto_attendant", "broadcast", "virtual_receptionist")


def fresh_state():
    cfg = json.loads(json.dumps(DEFAULTS))
    return {
        "config": cfg,
        "expired": [],
        "objects": {},        # collection -> {id: object}
        "creates": {},        # collection -> count
        "next": 1000,
        "logins": 0,
        "log": [],
        "violations": [],
        "faults": [],
        "puts": [],
    }


STATE = fresh_state()


def placeholders(value, where, out):
    if isinstance(value, str):
        if "@{" in value:
            out.append("%s: placeholder %r" % (where, value))
    elif isinstance(value, dict):
        for k, v in value.items():
            placeholders(v, where + "." + str(k), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            placeholders(v, "%s[%d]" % (where, i), out)


def object_kind(path):
    """(target, kind) of the object a POST or PUT to path creates or updates."""
    m = re.fullmatch(r"/v1/(ivr|auto_attendant|broadcast|virtual_receptionist)(/[^/]+)?", path)
    if m:
        return "smartflo", "vr" if m.group(1) == "virtual_receptionist" else m.group(1)
    if re.fullmatch(r"/account/[^/]+/voiceapp(/[^/]+)?", path):
        return "sonetel", "voiceapp"
    if re.fullmatch(r"/voice/ivr/1/scenarios(/[^/]+)?", path):
        return "infobip", "scenario"
    return None


def contract_faults(method, path, body, out):
    """What of body breaks its contract, appended to out."""
    tk = object_kind(path) if method in ("POST", "PUT") else None
    if tk is None:
        return
    mine = [c for c in CONTRACTS if (c["target"], c["kind"]) == tk]
    hit = [c for c in mine if contract.matches(body, c)]
    if len(hit) != 1:
        out.append("%s %s: the body matches %d contracts of %s %s" % (method, path, len(hit),
                                                                    *tk))
        return
    errors = []
    contract.check_object(body, hit[0], "", errors)
    if errors:
        out.append("%s %s: %s: %s" % (method, path, hit[0]["_file"], "; ".join(errors)))


def next_id():
    STATE["next"] += 1
    return STATE["next"]


def ist(seconds):
    t = datetime.now(timezone(timedelta(hours=5, minutes=30))) + timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%d %H:%M:%S")


class Answer(Exception):
    """Raised to answer at once: status, JSON body."""

    def __init__(self, status, body):
        super().__init__(status)
        self.status, self.body = status, body


# ---------- providers: each returns (status, body) and may raise Answer ----------

def collection(provider, name):
    key = provider + ":" + name
    STATE["objects"].setdefault(key, {})
    return key, STATE["objects"][key]


def create(provider, name, body, idfn, idkey):
    key, objs = collection(provider, name)
    if not isinstance(body, dict) or not body.get("name"):
        return None
    oid = idfn()
    obj = dict(body)
    obj[idkey] = oid
    objs[str(oid)] = obj
    STATE["creates"][key] = STATE["creates"].get(key, 0) + 1
    return obj


def smartflo(method, path, query, body, headers):
    if method == "POST" and path == "/v1/auth/login":
        cfg = STATE["config"]
        if (isinstance(body, dict) and body.get("email") == cfg["smartflo_email"]
                and body.get("password") == cfg["smartflo_password"]):
            STATE["logins"] += 1
            tok = cfg.get("login_token") or "sf-login-%d-5ecret" % STATE["logins"]
            cfg["smartflo_tokens"].append(tok)
            return 200, {"success": True, "access_token": tok, "token_type": "bearer",
                         "expires_in": 3600}
        return 401, {"success": False, "message": "Invalid credentials"}
    auth = headers.get("Authorization", "")
    tok = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
    if tok in STATE["expired"]:
        raise Answer(401, {"success": False, "message": "Token has expired"})
    if tok not in STATE["config"]["smartflo_tokens"]:
        raise Answer(401, {"success": False, "message": "Deleted or blacklisted token provided"})
    m = re.fullmatch(r"/v1/([a-z_]+?)(s?)(?:/([^/]+))?", path)
    if not m or m.group(1) not in SF_KINDS:
        return 404, {"success": False, "message": "no such endpoint"}
    kind, plural, oid = m.groups()
    key, objs = collection("smartflo", kind)
    if method == "GET" and plural and not oid:
        return 200, {kind + "s": list(objs.values())}
    if plural:
        return 404, {"success": False, "message": "no such endpoint"}
    if method == "POST" and not oid:
        if not create("smartflo", kind, body, next_id, "id"):
            return 400, {"success": False, "message": "The name field is required."}
        return 200, {"success": True, "message": "%s created successfully" % kind}
    if method == "PUT" and oid:
        if oid not in objs:
            return 404, {"success": False, "message": "%s not found" % kind}
        obj = dict(body)
        obj["id"] = objs[oid]["id"]
        objs[oid] = obj
        return 200, {"success": True, "message": "%s updated successfully" % kind}
    return 405, {"success": False, "message": "method not allowed"}


def sonetel_id():
    n = next_id()
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = digits[r] + s
    return "VA" + s.rjust(10, "q")


def sonetel(method, path, query, body, headers):
    env = lambda status, resp: {"resource": "voiceapp", "status": status, "response": resp}
    auth = headers.get("Authorization", "")
    tok = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
    if tok in STATE["expired"] or tok != STATE["config"]["sonetel_token"]:
        raise Answer(401, {"error": "invalid_token",
                           "error_description": "Access token expired or invalid"})
    m = re.fullmatch(r"/account/([^/]+)/voiceapp(?:/([^/]+))?", path)
    if not m:
        return 404, env("failed", {"detail": "no such resource", "code": "404"})
    acc, oid = m.groups()
    if acc != STATE["config"]["sonetel_account"]:
        return 200, env("failed", {"detail": "Account not found", "code": "ACC_NOT_FOUND"})
    key, objs = collection("sonetel", "voiceapp")
    if method == "GET" and not oid:
        return 200, env("success", list(objs.values()))
    if method == "POST" and not oid:
        if not isinstance(body, dict) or body.get("app_type") not in ("ivr", "mailbox"):
            return 200, env("failed", {"detail": "app_type is required", "code": "BAD"})
        obj = create("sonetel", "voiceapp", body, sonetel_id, "app_id")
        if not obj:
            return 200, env("failed", {"detail": "name is required", "code": "BAD"})
        return 200, env("success", obj)
    if oid not in objs:
        return 404, env("failed", {"detail": "Voice app not found", "code": "NOT_FOUND"})
    if method == "GET":
        return 200, env("success", objs[oid])
    if method == "PUT":
        objs[oid].update(body)      # PUT may merge (docs/TARGETS.md)
        return 200, env("success", objs[oid])
    if method == "DELETE":
        del objs[oid]
        return 200, env("success", "Voice App deleted successfully")
    return 405, env("failed", {"detail": "method not allowed", "code": "405"})


def infobip_error(status, mid, text):
    return status, {"requestError": {"serviceException": {"messageId": mid, "text": text}}}


def infobip_id():
    return "%032X" % (0xE83E787CF2613450157ADA3476171E00 + next_id())


def infobip(method, path, query, body, headers):
    auth = headers.get("Authorization", "")
    key = auth[len("App "):] if auth.startswith("App ") else None
    if key in STATE["expired"] or key != STATE["config"]["infobip_key"]:
        raise Answer(*infobip_error(401, "UNAUTHORIZED", "Invalid login details"))
    m = re.fullmatch(r"/voice/ivr/1/scenarios(?:/([^/]+))?", path)
    if not m:
        return infobip_error(404, "NOT_FOUND", "no such resource")
    oid = m.group(1)
    _, objs = collection("infobip", "scenarios")
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime())
    if method == "GET" and not oid:
        names = query.get("name")
        return 200, [o for o in objs.values() if not names or o["name"] == names[0]]
    if method == "POST" and not oid:
        if not isinstance(body, dict) or not isinstance(body.get("script"), list):
            return infobip_error(400, "BAD_REQUEST", "script is required")
        obj = create("infobip", "scenarios", dict(body, createTime=now, updateTime=now),
                     infobip_id, "id")
        if not obj:
            return infobip_error(400, "BAD_REQUEST", "name is required")
        return 200, obj
    if oid not in objs:
        return infobip_error(404, "NOT_FOUND", "Scenario not found")
    if method == "GET":
        return 200, objs[oid]
    if method == "PUT":
        STATE["puts"].append(time.time())
        obj = dict(body, id=objs[oid]["id"], createTime=objs[oid]["createTime"], updateTime=now)
        objs[oid] = obj
        return 200, obj
    if method == "DELETE":
        del objs[oid]
        return 204, None
    return infobip_error(405, "METHOD_NOT_ALLOWED", "method not allowed")


def provider_of(path):
    if path.startswith("/v1/"):
        return "smartflo", smartflo
    if path.startswith("/account/"):
        return "sonetel", sonetel
    if path.startswith("/voice/ivr/"):
        return "infobip", infobip
    return None, None


def failure_body(provider):
    if provider == "smartflo":
        return 200, {"success": False, "message": "Recording not found: recording|28935"}
    if provider == "sonetel":
        return 200, {"resource": "voiceapp", "status": "failed",
                     "response": {"detail": "Invalid voice", "code": "INVALID_VOICE"}}
    return infobip_error(400, "BAD_REQUEST", "Invalid script: unknown action")


def expire(provider, headers):
    auth = headers.get("Authorization", "")
    tok = auth.split(" ", 1)[1] if " " in auth else auth
    STATE["expired"].append(tok)
    if provider == "smartflo":
        return 401, {"success": False, "message": "Token has expired"}
    if provider == "sonetel":
        return 401, {"error": "invalid_token", "error_description": "Access token expired"}
    return infobip_error(401, "UNAUTHORIZED", "Invalid login details")


def with_id(answer, value):
    """answer with its object's id (app_id, id; at the top or in
    "response") replaced by value."""
    for obj in (answer.get("response"), answer):
        if isinstance(obj, dict):
            for key in ("app_id", "id"):
                if key in obj:
                    obj[key] = value
                    return answer
    return answer


def find_fault(method, path):
    for f in STATE["faults"]:
        if f.get("method", method) != method or not re.fullmatch(f.get("path", ".*"), path):
            continue
        if f.get("skip", 0) > 0:
            f["skip"] -= 1
            continue
        times = f.get("times", 1)
        if times == 0:
            continue
        if times > 0:
            f["times"] = times - 1
        return f
    return None


# ---------- HTTP ----------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"       # keep-alive, as ivrc uses it
    server_version = "fake-provider/1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, body, headers=None, raw=None):
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        try:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if data:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def drop(self):
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(2)
        except OSError:
            pass

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        if not raw:
            return None, raw
        try:
            return json.loads(raw), raw
        except ValueError:
            return raw.decode("utf-8", "replace"), raw

    def control(self, path, body):
        global STATE
        with LOCK:
            if path == "/_control/reset":
                STATE = fresh_state()
            elif path == "/_control/config":
                STATE["config"].update(body or {})
                if body and "expired" in body:
                    STATE["expired"] = body["expired"]
            elif path == "/_control/faults":
                STATE["faults"] = body or []
            elif path == "/_control/edit":
                prov = body["provider"]
                for key, objs in STATE["objects"].items():
                    if key.startswith(prov + ":") and str(body["id"]) in objs:
                        if body.get("delete"):
                            del objs[str(body["id"])]
                        else:
                            objs[str(body["id"])].update(body.get("set", {}))
            elif path == "/_control/dump":
                return self.answer(200, {k: STATE[k] for k in (
                    "objects", "creates", "logins", "log", "violations", "puts")})
            else:
                return self.answer(404, {"error": "no such control"})
        return self.answer(200, {"ok": True})

    def handle_any(self, method):
        url = urllib.parse.urlsplit(self.path)
        path, query = url.path, urllib.parse.parse_qs(url.query)
        body, raw = self.read_body()
        if path.startswith("/_control/"):
            return self.control(path, body)
        name, fn = provider_of(path)
        with LOCK:
            STATE["log"].append({"method": method, "path": self.path, "provider": name,
                                 "body": body, "time": time.time()})
            if body is not None:
                placeholders(body, "%s %s" % (method, path), STATE["violations"])
                contract_faults(method, path, body, STATE["violations"])
            fault = find_fault(method, path)
        if fn is None:
            return self.answer(404, {"error": "unknown path"})
        kind = fault["kind"] if fault else None
        if kind == "drop":
            return self.drop()
        if kind == "status":
            return self.answer(fault.get("status", 500), fault.get("body"),
                               fault.get("headers"))
        if kind == "rate_limit":
            return self.rate_limit(fault)
        if kind == "fail_body":
            return self.answer(*failure_body(name))
        if kind == "expire_token":
            with LOCK:
                return self.answer(*expire(name, self.headers))
        with LOCK:
            try:
                status, out = fn(method, path, query, body, self.headers)
            except Answer as a:
                status, out = a.status, a.body
        if kind == "drop_after":
            return self.drop()
        if kind == "bad_id":
            out = with_id(json.loads(json.dumps(out)), fault.get("id"))
        if kind == "slow":
            time.sleep(float(fault.get("delay", 2)))
        if kind == "malformed":
            return self.answer(200, None, raw=b'{"success": true, "message": "creat')
        return self.answer(status, out)

    def rate_limit(self, fault):
        headers, body = {}, {"success": False, "message": "Too Many Requests",
                             "errorCode": "E429"}
        if "retry_after" in fault:
            headers["Retry-After"] = str(fault["retry_after"])
        if "retry_after_in" in fault:
            headers["Retry-After"] = email.utils.formatdate(
                time.time() + fault["retry_after_in"], usegmt=True)
        if "retry_after_ist" in fault:
            body["retry_after"] = ist(fault["retry_after_ist"])
        return self.answer(429, body, headers)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lifetime", type=float, default=900)
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    timer = threading.Timer(args.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
