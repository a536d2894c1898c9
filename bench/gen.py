#!/usr/bin/env python3
"""Generates realistic IVR projects for the benchmarks (python3 stdlib only).

    gen.py project --size BYTES --syntax yaml|dsl [--seed N] [--targets T,..] [-o FILE]
    gen.py project --clusters N --syntax yaml|dsl [--seed N] [--targets T,..] [-o FILE]
    gen.py repo --files N [--seed N] -o DIR

A project is a list of "clusters", one per department of a company: a main
menu with a prompt, a timeout, 1-9 options (sub-menus, endpoints,
announcements, repeat, hangup), invalid and no-input handlers; 1-4 sub-menus
that lead back to it; the recordings they play; the endpoints they route to
(one literal per target: Smartflo extensions, ring groups and agents, Sonetel
users and phones, Infobip phones); sometimes an announcement, a broadcast into
the main menu, an Infobip flow that collects digits, calls an API, branches and
enters the menu, and a test. A project declares all three targets (or those
given by --targets) and is clean for each: `ivrc check` and `ivrc build
--target T` report no error (bench/validate.sh checks it). Sonetel's own
warnings remain: its menus have no invalid-key handler (IVR420) and it
ignores retries and timeouts (IVR421), so about one warning per menu.

Each cluster is drawn from its own random stream (seed, index), so the same
seed gives the same clusters in both syntaxes and at every size: a bigger
file is a smaller one with more clusters. --size stops adding clusters once
the output of the chosen syntax reaches BYTES. Both syntaxes of the same
--clusters N load into the same program (`ivrc dump-ast` prints the same).

Clusters are self-contained and nobody routes into a cluster's main menu
from outside it, so on Infobip each main menu is its own scenario and
scenarios stay small however big the file is (Infobip inlines sub-menus once
per path).

`repo` writes N small projects (1-3 clusters each, YAML) as DIR/pNNNN.ivr.yaml.
"""
import argparse
import os
import random
import sys

DEPARTMENTS = [
    "sales", "support", "billing", "claims", "orders", "returns", "shipping",
    "accounts", "loans", "cards", "pharmacy", "radiology", "clinic", "dental",
    "booking", "rentals", "service", "parts", "warranty", "helpdesk", "admissions",
    "records", "payroll", "benefits", "tickets", "lostfound", "catering", "events",
]
TOPICS = [
    "new", "existing", "status", "payments", "invoices", "technical", "upgrades",
    "cancel", "hours", "locations", "appointments", "refunds", "tracking",
    "complaints", "feedback", "partners", "press", "careers", "emergency", "renewals",
]
ROLES = ["desk", "agent", "manager", "team", "oncall", "backoffice", "escalation", "night"]
PHRASES = [
    "Thank you for calling", "Welcome to", "You have reached", "Hello and welcome to",
]
WHAT = {
    "new": "new customers", "existing": "existing customers", "status": "the status of a request",
    "payments": "payments", "invoices": "invoices", "technical": "technical help",
    "upgrades": "upgrades", "cancel": "cancellations", "hours": "opening hours",
    "locations": "our locations", "appointments": "appointments", "refunds": "refunds",
    "tracking": "tracking a delivery", "complaints": "complaints", "feedback": "feedback",
    "partners": "partners", "press": "press enquiries", "careers": "careers",
    "emergency": "emergencies", "renewals": "renewals",
}
COMPANIES = ["acme", "northwind", "contoso", "globex", "initech", "umbrella", "hooli",
             "vandelay", "wayne", "stark", "tyrell", "cyberdyne"]


class Cluster:
    """One department: its objects, emitted in either syntax."""

    def __init__(self, seed, index):
        r = random.Random(seed * 1000003 + index)
        self.r = r
        self.p = f"{r.choice(DEPARTMENTS)}{index}"
        p = self.p
        self.root = f"{p}_main"
        self.subs = [f"{p}_{t}" for t in r.sample(TOPICS, r.randint(1, 4))]
        self.recs = []           # (name, smartflo id, text, extra dict)
        self.endpoints = []      # (name, {target: literal})
        self.announcements = []  # (name, prompt, then)
        self.menus = []          # dicts
        self.broadcasts = []
        self.flows = []          # (name, steps)
        self.tests = []
        self._build()

    # --- content -------------------------------------------------------
    def rec(self, name, text):
        r = self.r
        extra = {}
        if r.random() < 0.15:
            extra["url"] = f"https://media.example.com/{self.p}/{name}.wav"
        if r.random() < 0.1:
            extra["language"] = r.choice(["en", "en-GB", "en-US"])
        self.recs.append((name, r.randint(10000, 99999), text, extra))
        return name

    def phone(self):
        r = self.r
        return "+" + r.choice(["1415555", "4420794", "9180699", "4930123"]) + \
            "".join(r.choice("0123456789") for _ in range(4))

    def endpoint(self, role):
        r = self.r
        name = f"{self.p}_{role}"
        kind = r.random()
        if kind < 0.6:
            sf = "extension:0504753" + "".join(r.choice("0123456789") for _ in range(4))
        elif kind < 0.8:
            sf = f"ringgroup:{r.randint(100, 9999)}"
        else:
            sf = f"agent:{r.randint(1000, 99999)}"
        ph = self.phone()
        so = f"user:{r.randint(1000, 99999)}" if r.random() < 0.5 else f"phone:{ph}"
        lits = {"smartflo": sf, "sonetel": so, "infobip": f"phone:{ph}"}
        self.endpoints.append((name, {t: lits[t] for t in SELECTED}))
        return name

    def handler(self, then_choices):
        r = self.r
        h = {"prompt": self.invalid_rec, "retries": r.randint(1, 3),
             "then": r.choice(then_choices)}
        if r.random() < 0.5:
            h["final_prompt"] = self.goodbye_rec
        return h

    def _build(self):
        r, p = self.r, self.p
        company = r.choice(COMPANIES).capitalize()
        dept = p.rstrip("0123456789")
        roles = r.sample(ROLES, r.randint(2, 5))
        eps = [self.endpoint(role) for role in roles]
        self.invalid_rec = self.rec(f"{p}_invalid", "Sorry, that is not a valid choice.")
        self.retry_rec = self.rec(f"{p}_retry", "Are you still there? Please make a choice.")
        self.goodbye_rec = self.rec(f"{p}_goodbye", "We did not get your choice. Goodbye.")
        ann = None
        if r.random() < 0.4:
            ann = f"{p}_closed"
            self.rec(f"{ann}_msg", f"Our {dept} team is closed right now. Our hours are "
                     f"{r.randint(7, 10)} am to {r.randint(4, 8)} pm, Monday to Friday.")
            self.announcements.append((ann, f"{ann}_msg", r.choice(eps + ["hangup"])))
        # Sub-menus: endpoints, the announcement, a sibling, back to the main menu.
        for si, sub in enumerate(self.subs):
            topic = sub[len(p) + 1:]
            targets = eps + ([ann] if ann else [])
            n = r.randint(1, 6)
            opts = []
            text = [f"{WHAT[topic].capitalize()}."]
            for k in range(1, n + 1):
                if si + 1 < len(self.subs) and r.random() < 0.1:
                    to = "menu:" + self.subs[si + 1]
                else:
                    to = r.choice(targets)
                opts.append((str(k), to, r.randint(1000, 99999) if r.random() < 0.1 else None))
                text.append(f"For {to.split(':')[-1].split('_')[-1]} press {k}.")
            opts.append(("9", "menu:" + self.root, None))
            text.append("For the main menu press 9.")
            prompt = self.rec(f"{sub}_prompt", " ".join(text))
            self.menus.append(self.menu(sub, prompt, opts, eps))
        # The main menu: 1-9 options.
        n = r.randint(len(self.subs) + (1 if ann else 0), 9)
        keys = [str(k) for k in range(1, n + 1)]
        if n < 9 and r.random() < 0.5:
            keys[-1] = "0"
        opts, text = [], [f"{r.choice(PHRASES)} {company} {dept}."]
        for i, k in enumerate(keys):
            if ann and i == len(keys) - 1 and i >= len(self.subs):
                to, what = ann, "our opening hours"
            elif i < len(self.subs):
                to = "menu:" + self.subs[i]
                what = WHAT[self.subs[i][len(p) + 1:]]
            elif k == "0" or r.random() < 0.7:
                to = r.choice(eps + ([ann] if ann else []))
                what = "the " + to.split("_")[-1]
            elif r.random() < 0.5:
                to, what = "repeat", None
                text.append(f"To hear this again press {k}.")
            else:
                to, what = "hangup", None
                text.append(f"To end the call press {k}.")
            opts.append((k, to, r.randint(1000, 99999) if r.random() < 0.15 else None))
            if what:
                text.append(f"For {what} press {k}.")
        prompt = self.rec(f"{p}_welcome", " ".join(text))
        self.menus.insert(0, self.menu(self.root, prompt, opts, eps, root=True))
        if r.random() < 0.2:
            self.broadcast()
        if r.random() < 0.25:
            self.flow(eps)
        if r.random() < 0.3:
            k, to, _ = next((o for o in opts if o[1] in eps), (None, None, None))
            if k:
                self.tests.append((f"{p} key {k}", self.root, [k], ["menu:" + self.root, to]))
        self._drop_unused()

    def _drop_unused(self):
        """Recordings nothing plays and endpoints nothing routes to are left
        out, as in a maintained project (lint reports them)."""
        used = set()
        for m in self.menus:
            used.add(m["prompt"])
            used.update(to for _, to, _ in m["options"])
            for h in ("invalid", "no_input"):
                used.update(v for k, v in m[h].items() if k != "retries")
        for name, prompt, then in self.announcements:
            used.update((prompt, then))
        self.recs = [x for x in self.recs if x[0] in used]
        self.endpoints = [x for x in self.endpoints if x[0] in used]

    def menu(self, name, prompt, opts, eps, root=False):
        r = self.r
        m = {"name": name, "prompt": prompt, "options": opts}
        if r.random() < 0.3:
            m["description"] = f"{name.replace('_', ' ').capitalize()} menu"
        if r.random() < 0.7:
            m["timeout"] = r.choice(["8s", "10s", "15s", "20s", "30s"])
        back = eps + (["menu:" + self.root] if not root else ["hangup"])
        m["invalid"] = self.handler(back)
        h = self.handler(back)
        h["prompt"] = self.retry_rec
        m["no_input"] = h
        return m

    def broadcast(self):
        r = self.r
        retries = r.randint(0, 3)
        day = r.randint(1, 28)
        month = r.randint(1, 12)
        self.broadcasts.append({
            "name": f"{self.p}_campaign",
            "phone_list": r.randint(100, 99999),
            "destination": "menu:" + self.root,
            "caller_id": "+9180" + "".join(r.choice("0123456789") for _ in range(8)),
            "ring_timeout": r.choice(["40s", "45s", "1m30s", "2m"]),
            "concurrency": r.randint(1, 50),
            "retries": retries,
            "retry_after": [f"{r.choice([10, 15, 30, 45])}m" for _ in range(retries)],
            "dial_status": sorted(r.sample([1, 2, 3, 4, 5], r.randint(1, 5))),
            "retry_on": sorted(r.sample([1, 2, 3, 4, 5], r.randint(1, 3))),
            "window": (f"2031-{month:02d}-{day:02d} 09:00:00", f"2031-{month:02d}-{day:02d} 18:00:00",
                       r.randint(1, 40)),
        })

    def flow(self, eps):
        r, p = self.r, self.p
        digits = r.randint(4, 8)
        var, field = "account", r.choice(["status", "tier", "balance_state"])
        steps = [
            ("say", f"Please enter your {digits} digit account number."),
            ("collect", var, {"max_digits": digits, "timeout": f"{r.randint(5, 15)}s"}),
            ("call_api", f"https://api.example.com/{p}/accounts?id=${{{var}}}",
             {"method": r.choice(["GET", "POST"]), "response_fields": [field]}),
            ("switch", field, [
                ("active", [("say", "Your account is active."), ("goto", "menu:" + self.root)]),
                ("suspended", [("say", "Your account is suspended. Connecting you."),
                               ("dial", f"phone:{self.phone()}")]),
            ], [("say", "We could not find your account."), ("hangup",)]),
        ]
        if r.random() < 0.5:
            steps.insert(1, ("pause", f"{r.randint(1, 3)}s"))
        if r.random() < 0.5:
            steps.insert(-1, ("if", f"{field} == ''", [("say", "The service is busy."), ("hangup",)]))
        if r.random() < 0.3:
            steps[-1:-1] = [("set", "greeting", f"Hello, caller ${{{var}}}."),
                            ("say", "${greeting}")]
        self.flows.append((f"{p}_selfservice", steps))

    # --- YAML ----------------------------------------------------------
    def y_recordings(self, out):
        for name, sid, text, extra in self.recs:
            kv = [f"smartflo: {sid}"] + [f"{k}: {yq(v)}" for k, v in extra.items()]
            if self.r.random() < 0.5:
                out.append(f"  {name}: {{ {', '.join(kv)}, text: {yq(text)} }}\n")
            else:
                out.append(f"  {name}:\n" + "".join(f"    {x}\n" for x in kv) +
                           f"    text: {yq(text)}\n")

    def y_endpoints(self, out):
        for name, lits in self.endpoints:
            out.append(f"  {name}: {{ " + ", ".join(f"{t}: {v}" for t, v in lits.items()) + " }\n")

    def y_menus(self, out):
        for m in self.menus:
            out.append(f"  {m['name']}:\n")
            if "description" in m:
                out.append(f"    description: {yq(m['description'])}\n")
            out.append(f"    prompt: {m['prompt']}\n")
            if "timeout" in m:
                out.append(f"    timeout: {m['timeout']}\n")
            out.append("    options:\n")
            for k, to, sms in m["options"]:
                if sms:
                    out.append(f"      {k}: {{ to: {to}, sms_template: {sms} }}\n")
                else:
                    out.append(f"      {k}: {to}\n")
            for h in ("invalid", "no_input"):
                if h in m:
                    out.append(f"    {h}: {{ " + ", ".join(f"{k}: {v}" for k, v in m[h].items()) + " }\n")

    def y_announcements(self, out):
        for name, prompt, then in self.announcements:
            out.append(f"  {name}: {{ prompt: {prompt}, then: {then} }}\n")

    def y_broadcasts(self, out):
        for b in self.broadcasts:
            out.append(f"  {b['name']}:\n")
            for k in ("phone_list", "destination", "caller_id", "ring_timeout", "concurrency", "retries"):
                v = b[k]
                out.append(f"    {k}: {yq(v) if k == 'caller_id' else v}\n")
            if b["retry_after"]:
                out.append(f"    retry_after: [{', '.join(b['retry_after'])}]\n")
            out.append(f"    dial_status: [{', '.join(map(str, b['dial_status']))}]\n")
            out.append(f"    retry_on: [{', '.join(map(str, b['retry_on']))}]\n")
            s, e, g = b["window"]
            out.append(f"    window: {{ start: \"{s}\", end: \"{e}\", time_group: {g} }}\n")

    def y_flows(self, out):
        for name, steps in self.flows:
            out.append(f"  {name}:\n")
            y_steps(steps, out, 4)

    def y_tests(self, out):
        for name, start, inp, expect in self.tests:
            out.append(f"  - name: {yq(name)}\n    start: menu:{start}\n"
                       f"    input: [{', '.join(yq(k) for k in inp)}]\n"
                       f"    expect: [{', '.join(expect)}]\n")

    # --- DSL -----------------------------------------------------------
    def dsl(self, out):
        for name, sid, text, extra in self.recs:
            kv = [f"smartflo {sid}"] + [f"{k} {dq(v)}" for k, v in extra.items()]
            out.append(f"recording {name} {{ {'; '.join(kv)}; text {dq(text)} }}\n")
        for name, lits in self.endpoints:
            out.append(f"endpoint {name} {{ " + "; ".join(f"{t} {v}" for t, v in lits.items()) + " }\n")
        for name, prompt, then in self.announcements:
            out.append(f"announcement {name} {{ prompt {prompt}; then {then} }}\n")
        for m in self.menus:
            out.append(f"\nmenu {m['name']} {{\n")
            if "description" in m:
                out.append(f"  description {dq(m['description'])}\n")
            out.append(f"  prompt {m['prompt']}\n")
            if "timeout" in m:
                out.append(f"  timeout {m['timeout']}\n")
            for k, to, sms in m["options"]:
                out.append(f"  {k} -> {to}" + (f" {{ sms_template {sms} }}\n" if sms else "\n"))
            for h in ("invalid", "no_input"):
                if h in m:
                    out.append(f"  {h} {{ " + "; ".join(f"{k} {v}" for k, v in m[h].items()) + " }\n")
            out.append("}\n")
        for b in self.broadcasts:
            s, e, g = b["window"]
            out.append(f"\nbroadcast {b['name']} {{\n"
                       f"  phone_list {b['phone_list']}; destination {b['destination']}; "
                       f"caller_id {dq(b['caller_id'])}; ring_timeout {b['ring_timeout']}\n"
                       f"  concurrency {b['concurrency']}; retries {b['retries']}\n")
            if b["retry_after"]:
                out.append(f"  retry_after [{', '.join(b['retry_after'])}]\n")
            out.append(f"  dial_status [{', '.join(map(str, b['dial_status']))}]; "
                       f"retry_on [{', '.join(map(str, b['retry_on']))}]\n"
                       f"  window {{ start \"{s}\"; end \"{e}\"; time_group {g} }}\n}}\n")
        for name, steps in self.flows:
            out.append(f"\nflow {name} {{\n")
            d_steps(steps, out, 2)
            out.append("}\n")
        for name, start, inp, expect in self.tests:
            out.append(f"test {dq(name)} {{ start menu:{start}; input [{', '.join(dq(k) for k in inp)}]; "
                       f"expect [{', '.join(expect)}] }}\n")
        out.append("\n")


def yq(v):
    return '"' + str(v) + '"'


def dq(v):
    return '"' + str(v) + '"'


def y_steps(steps, out, ind):
    pad = " " * ind
    for s in steps:
        k = s[0]
        if k == "say":
            out.append(f"{pad}- say: {yq(s[1])}\n")
        elif k in ("goto", "dial", "pause"):
            out.append(f"{pad}- {k}: {s[1]}\n")
        elif k == "hangup":
            out.append(f"{pad}- hangup\n")
        elif k == "collect":
            o = s[2]
            out.append(f"{pad}- collect: {{ into: {s[1]}, max_digits: {o['max_digits']}, timeout: {o['timeout']} }}\n")
        elif k == "call_api":
            o = s[2]
            out.append(f"{pad}- call_api: {{ url: {yq(s[1])}, method: {o['method']}, "
                       f"response_fields: [{', '.join(o['response_fields'])}] }}\n")
        elif k == "set":
            out.append(f"{pad}- set: {{ var: {s[1]}, value: {yq(s[2])} }}\n")
        elif k == "if":
            out.append(f"{pad}- if:\n{pad}    cond: {yq(s[1])}\n{pad}    then:\n")
            y_steps(s[2], out, ind + 6)
        elif k == "switch":
            out.append(f"{pad}- switch:\n{pad}    on: {s[1]}\n{pad}    cases:\n")
            for val, body in s[2]:
                out.append(f"{pad}      {val}:\n")
                y_steps(body, out, ind + 8)
            out.append(f"{pad}    default:\n")
            y_steps(s[3], out, ind + 6)


def d_steps(steps, out, ind):
    pad = " " * ind
    for s in steps:
        k = s[0]
        if k == "say":
            out.append(f"{pad}say {dq(s[1])}\n")
        elif k in ("goto", "dial", "pause"):
            out.append(f"{pad}{k} {s[1]}\n")
        elif k == "hangup":
            out.append(f"{pad}hangup\n")
        elif k == "collect":
            o = s[2]
            out.append(f"{pad}collect {s[1]} {{ max_digits {o['max_digits']}; timeout {o['timeout']} }}\n")
        elif k == "call_api":
            o = s[2]
            out.append(f"{pad}call_api {dq(s[1])} {{ method {o['method']}; "
                       f"response_fields [{', '.join(o['response_fields'])}] }}\n")
        elif k == "set":
            out.append(f"{pad}set {s[1]} {dq(s[2])}\n")
        elif k == "if":
            out.append(f"{pad}if {dq(s[1])} {{\n")
            d_steps(s[2], out, ind + 2)
            out.append(f"{pad}}}\n")
        elif k == "switch":
            out.append(f"{pad}switch {s[1]} {{\n")
            for val, body in s[2]:
                out.append(f"{pad}  case {dq(val)} {{\n")
                d_steps(body, out, ind + 4)
                out.append(f"{pad}  }}\n")
            out.append(f"{pad}  default {{\n")
            d_steps(s[3], out, ind + 4)
            out.append(f"{pad}  }}\n{pad}}}\n")


# The targets a project declares (--targets); endpoints give a literal for each.
SELECTED = ["smartflo", "sonetel", "infobip"]
SETTINGS = {"smartflo": ("{}", ""), "sonetel": ("{ voice: en }", " { voice en }"),
            "infobip": ("{ language: en, voice: Joanna }", " { language en; voice Joanna }")}


def header(name, syntax, roots):
    """The top of a project; every cluster's main menu is an entry point (a
    phone number of its own): in YAML one to a line, in the DSL 8."""
    rows = [", ".join(f"menu:{r}" for r in roots[i:i + 8]) for i in range(0, len(roots), 8)]
    if syntax == "yaml":
        entry = f" [{rows[0]}]" if len(rows) == 1 else "".join(f"\n  - menu:{r}" for r in roots)
        return (f"ivrc: 1\nname: {name}\nentry:{entry}\n\ntargets:\n" +
                "".join(f"  {t}: {SETTINGS[t][0]}\n" for t in SELECTED))
    entry = f"[{rows[0]}]" if len(rows) == 1 else \
        "[\n" + ",\n".join(f"  {r}" for r in rows) + "\n]"
    return (f"ivrc 1\nname {name}\nentry {entry}\n\n" +
            "".join(f"target {t}{SETTINGS[t][1]}\n" for t in SELECTED) + "\n")


SECTIONS = ["recordings", "endpoints", "announcements", "menus", "broadcasts", "flows", "tests"]


def project(seed, syntax, size=None, clusters=None, name=None):
    """Returns the text of one project: clusters are added until the text
    reaches size bytes (or there are `clusters` of them)."""
    name = name or f"bench-{seed}"
    secs = {s: [] for s in (["dsl"] if syntax == "dsl" else SECTIONS)}
    roots, total, i = [], 200, 0
    while (clusters is None and total < size) or (clusters is not None and i < clusters):
        c = Cluster(seed, i)
        roots.append(c.root)
        total += len(c.root) + 9          # its line in the entry list
        for s in secs:
            out = []
            getattr(c, "y_" + s if syntax == "yaml" else "dsl")(out)
            chunk = "".join(out)
            secs[s].append(chunk)
            total += len(chunk.encode())
        i += 1
    text = [header(name, syntax, roots)]
    for s, chunks in secs.items():
        body = "".join(chunks)
        if body:
            text.append(body if syntax == "dsl" else f"\n{s}:\n{body}")
    return "".join(text)


def write(path, text):
    if path in (None, "-"):
        sys.stdout.write(text)
        return
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def repo(seed, files, out):
    os.makedirs(out, exist_ok=True)
    total = 0
    for i in range(files):
        r = random.Random(seed * 7919 + i)
        text = project(seed * 100000 + i, "yaml", clusters=r.randint(1, 3),
                       name=f"{r.choice(COMPANIES)}-{i:04d}")
        write(os.path.join(out, f"p{i:04d}.ivr.yaml"), text)
        total += len(text.encode())
    return total


PROMPTS = ['  p%d: { smartflo: %d, text: "Prompt %d. For the next menu press 1, to go back press 9." }'
           % (i, 1000 + i, i) for i in range(40)]
HANDLER = "{ prompt: p0, retries: 1, then: hangup }"


def project_menus(rng, k, prefix=""):
    """The menus of project k: three files (a, b, c) of four menus each, as
    (file, the lines under `menus:`); prefix goes before every menu name."""
    out = []
    for f, nxt in (("a", "b"), ("b", "c"), ("c", "a")):
        lines = []
        for m in range(4):
            lines.append("  %s%s%d:\n    prompt: p%d\n    options: { 1: menu:%s%s%d, 9: menu:%s%s%d }\n"
                         "    invalid: %s\n    no_input: %s"
                         % (prefix, f, m, rng.randrange(40), prefix, nxt, m, prefix, f, (m + 1) % 4,
                            HANDLER, HANDLER))
        out.append((f, lines))
    return out


def projects(seed, n, out):
    """n projects of four files each (a root and three menu files), every
    root including one shared prompts file: docs/LANGUAGE.md, "Several
    files". Returns the bytes written."""
    rng = random.Random(seed)
    shared = os.path.join(out, "shared")
    os.makedirs(shared, exist_ok=True)
    text = "\n".join(["recordings:"] + PROMPTS) + "\n"
    write(os.path.join(shared, "prompts.ivr.yaml"), text)
    total = len(text.encode())
    for k in range(n):
        d = os.path.join(out, "p%04d" % k)
        os.makedirs(os.path.join(d, "menus"), exist_ok=True)
        root = ("ivrc: 1\nname: shop-%04d\ntargets: { smartflo: {} }\nentry: [menu:a0]\n"
                "include: [../shared/prompts.ivr.yaml, \"menus/*.ivr.yaml\"]\n" % k)
        write(os.path.join(d, "root.ivr.yaml"), root)
        total += len(root.encode())
        for f, lines in project_menus(rng, k):
            body = "\n".join(["menus:"] + lines) + "\n"
            write(os.path.join(d, "menus", f + ".ivr.yaml"), body)
            total += len(body.encode())
    return total


def projects_as_one(seed, n, path):
    """The same menus as `projects` (each project's names prefixed pNNNN_)
    and the prompts once, as one program in one file: the same parsing and
    checking work, without the files. Returns the bytes written."""
    rng = random.Random(seed)
    menus = []
    for k in range(n):
        for _, lines in project_menus(rng, k, "p%04d_" % k):
            menus += lines
    entry = ", ".join("menu:p%04d_a0" % k for k in range(n))
    text = ("ivrc: 1\nname: shops\ntargets: { smartflo: {} }\nentry: [%s]\n" % entry +
            "\n".join(["recordings:"] + PROMPTS + ["menus:"] + menus) + "\n")
    write(path, text)
    return len(text.encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("project")
    p.add_argument("--size", type=int)
    p.add_argument("--clusters", type=int)
    p.add_argument("--syntax", choices=["yaml", "dsl"], default="yaml")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--targets", default=",".join(SELECTED),
                   help="comma-separated targets to declare (default: all three)")
    p.add_argument("-o", "--output")
    q = sub.add_parser("repo")
    q.add_argument("--files", type=int, default=2000)
    q.add_argument("--seed", type=int, default=1)
    q.add_argument("-o", "--output", required=True)
    r = sub.add_parser("projects")
    r.add_argument("--projects", type=int, default=500)
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--as-one", action="store_true",
                   help="the same menus as one program in one file (-o names the file)")
    r.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    if a.cmd == "project":
        if (a.size is None) == (a.clusters is None):
            ap.error("give one of --size and --clusters")
        SELECTED[:] = [t for t in SELECTED if t in a.targets.split(",")]
        write(a.output, project(a.seed, a.syntax, a.size, a.clusters))
    elif a.cmd == "projects" and a.as_one:
        print(projects_as_one(a.seed, a.projects, a.output))
    elif a.cmd == "projects":
        print(projects(a.seed, a.projects, a.output))
    else:
        print(repo(a.seed, a.files, a.output))


if __name__ == "__main__":
    main()
