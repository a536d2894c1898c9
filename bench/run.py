#!/usr/bin/env python3
"""`make bench`: times ivrc against libyaml on generated projects and writes
the results into docs/PERFORMANCE.md (python3 stdlib only).

    run.py [--sizes 1,10,50] [--runs N] [--no-doc]

For each size (MB) it generates (once, cached under build/bench/in/) a YAML
project and a DSL project of that many bytes (bench/gen.py), then runs
  - the floor: build/bench/yaml_baseline (libyaml events, nothing else), and
    libyaml's document loader (yaml_baseline --document), for reference;
  - ivrc check, ivrc lint (when the command exists), ivrc build --target T for
    every target, on the YAML file; ivrc check on the DSL file;
each under bench/runstat (a small C program that forks, execs, waits and
reads getrusage(RUSAGE_CHILDREN); see runstat.c for why not from python).
After one warm-up run each, the commands run in rounds (every command once
per round, several rounds), so that a change in the machine's load falls on
all of them alike. Time is CPU time (user + system) of the process, median
over the rounds: on an idle machine it equals the wall time of these
single-threaded programs, and on a shared one (this machine's other jobs) it
is what the program itself costs; the wall time is shown beside it. Each row
shows ms, MB/s of the input, the ratio to the libyaml event baseline, peak
RSS as a multiple of the input, and the number of findings printed (to
/dev/null). Then: 2 000 small files in one `ivrc check` call against one file
of the same bytes, one small hand-written file run by run (start-up), the per-MB cost at the largest size against the smallest,
and bench/phases (in-process, per phase) on the 10 MB files.
A command runs with a time limit and an address-space limit; one that exceeds
them, crashes or exits with an unexpected status is reported as failed, and
the rest goes on.

The text between the `bench:begin` and `bench:end` markers of PERFORMANCE.md
is replaced; the rest of the file (the analysis) is left alone.
"""
import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "bench", "gen.py")
TARGETS = ["smartflo", "sonetel", "infobip"]
SEED = 1
TIMEOUT = 300           # seconds per run
MEM_FLOOR = 4 << 30     # bytes of address space a run may use, at least
MEM_PER_INPUT = 40      # ... or this many times the input, if more
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
BASE = "libyaml events (baseline)"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------- inputs ----------

def cached(path, make):
    """Makes path with make(path) unless it exists and is newer than gen.py."""
    if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(GEN):
        return path
    log(f"bench: generating {os.path.relpath(path, ROOT)}")
    make(path)
    return path


def gen_project(path, size, syntax, extra=()):
    subprocess.run([sys.executable, GEN, "project", "--size", str(size), "--syntax", syntax,
                    "--seed", str(SEED), *extra, "-o", path], check=True)


def gen_folder(path, args):
    """Generates a folder of files (gen.py ARGS -o DIR) into path, whole or not at all."""
    tmp = path + ".tmp"
    subprocess.run(["rm", "-rf", tmp], check=True)
    subprocess.run([sys.executable, GEN, *args, "--seed", str(SEED), "-o", tmp], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["rm", "-rf", path], check=True)
    os.rename(tmp, path)


def gen_repo(path):
    gen_folder(path, ["repo", "--files", "2000"])


def gen_projects(path):
    gen_folder(path, ["projects", "--projects", "500"])


def gen_projects_as_one(path):
    subprocess.run([sys.executable, GEN, "projects", "--projects", "500", "--as-one",
                    "--seed", str(SEED), "-o", path], check=True, stdout=subprocess.DEVNULL)


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


# ---------- running ----------

class Cmd:
    """One command to time: its arguments, the input's size, and results."""

    def __init__(self, name, argv, input_bytes):
        self.name, self.argv, self.bytes = name, argv, input_bytes
        self.walls, self.cpus, self.rss, self.error, self.findings = [], [], 0, None, None

    @property
    def mb(self):
        return self.bytes / 1e6

    @property
    def cpu(self):
        return statistics.median(self.cpus) if self.cpus and not self.error else None

    @property
    def wall(self):
        return statistics.median(self.walls) if self.walls and not self.error else None

    def run(self, keep=True):
        if self.error:
            return
        limit = max(MEM_FLOOR, MEM_PER_INPUT * self.bytes)
        err_path = os.path.join(CACHE, "stderr.txt")
        env = dict(os.environ, NO_COLOR="1", IVRC_NOW="2030-01-01 00:00:00", LC_ALL="C")
        with open(os.devnull, "wb") as null, open(err_path, "wb") as err:
            subprocess.run([RUNSTAT, str(limit), str(TIMEOUT), *self.argv], stdout=null,
                           stderr=err, env=env)
        with open(err_path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        m = re.search(r"^runstat: ([0-9.]+) ([0-9.]+) (\d+) (-?\d+)$", text, re.M)
        if not m:
            self.error = f"runstat failed: {last_line(text)}"
            return
        wall, cpu, code = float(m.group(1)), float(m.group(2)), int(m.group(4))
        self.rss = max(self.rss, int(m.group(3)) * 1024)
        text = text[:m.start()]
        self.findings = len(re.findall(r"\[IVR\d+\]", text))
        if code == -9 and wall >= TIMEOUT:
            self.error = f"timed out after {TIMEOUT}s"
        elif code < 0:
            self.error = f"killed by signal {-code}: {last_line(text)}"
        elif code != 0:
            why = "out of memory" if "out of memory" in text else last_line(text)
            self.error = f"exit {code}: {why}"
        elif keep:
            self.walls.append(wall)
            self.cpus.append(cpu)


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1][:120] if lines else ""


def measure(cmds, runs):
    """One warm-up run each, then `runs` rounds of every command."""
    for c in cmds:
        c.run(keep=False)
    for _ in range(runs):
        for c in cmds:
            c.run()


def have_command(ivrc, cmd):
    p = subprocess.run([ivrc, cmd, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode == 0


# ---------- the machine ----------

def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass

    def version(argv):
        try:
            out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
            return out.decode().splitlines()[0].strip()
        except (OSError, IndexError):
            return "unknown"
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} CPUs (nproc), {cpu}, {mem / 2**30:.1f} GiB memory; "
            f"{platform.system()} {platform.release()}; {version(['cc', '--version'])}; "
            f"libyaml {version(['pkg-config', '--modversion', 'yaml-0.1'])}; "
            f"load average {load:.1f} at the start")


# ---------- the report ----------

HEAD = ("| command | CPU time | MB/s | vs libyaml events | wall time | peak RSS / input "
        "| findings |\n|---|---|---|---|---|---|---|")


def row(c, base):
    if c.error:
        return f"| {c.name} | failed: {c.error} | | | | {c.rss / c.bytes:.1f}x | |"
    mbs = c.mb / c.cpu
    ratio = f"{mbs / (base.mb / base.cpu):.2f}x" if base and base.cpu else ""
    return (f"| {c.name} | {c.cpu * 1000:.0f} ms | {mbs:.1f} | {ratio} | "
            f"{c.wall * 1000:.0f} ms | {c.rss / c.bytes:.1f}x | {c.findings} |")


def times_table(p, cmds, first="command"):
    """CPU and wall time, peak RSS as a multiple of the input, findings."""
    p(f"| {first} | CPU time | wall time | peak RSS / input | findings |")
    p("|---|---|---|---|---|")
    for c in cmds:
        if c.error:
            p(f"| {c.name} | failed: {c.error} | | | |")
        else:
            p(f"| {c.name} | {c.cpu * 1000:.0f} ms | {c.wall * 1000:.0f} ms | "
              f"{c.rss / c.bytes:.1f}x | {c.findings} |")


def against_one(p, many, single, target):
    """The table of many files against one file of the same bytes, and the ratio."""
    times_table(p, (many, single), "input")
    if many.cpu and single.cpu:
        p("")
        p(f"Ratio: {many.cpu / single.cpu:.2f}x the time of one file (target: {target}).")
    p("")


def phases(path, exe):
    limit = max(MEM_FLOOR, MEM_PER_INPUT * os.path.getsize(path))

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        r = subprocess.run([exe, "-n", "5", path], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIMEOUT, preexec_fn=limits)
        text = r.stdout.decode("utf-8", "replace").strip()
        if r.returncode != 0:
            text += f"\n(exit {r.returncode})"
    except subprocess.TimeoutExpired:
        text = f"(timed out after {TIMEOUT}s)"
    return text


def main():
    global CACHE, RUNSTAT
    ap = argparse.ArgumentParser()
    ap.add_argument("--ivrc", default=os.path.join(ROOT, "build", "ivrc"))
    ap.add_argument("--baseline", default=os.path.join(ROOT, "build", "bench", "yaml_baseline"))
    ap.add_argument("--phases", default=os.path.join(ROOT, "build", "bench", "phases"))
    ap.add_argument("--runstat", default=os.path.join(ROOT, "build", "bench", "runstat"))
    ap.add_argument("--cache", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--sizes", default="1,10,50")
    ap.add_argument("--runs", type=int, default=0, help="rounds (default 7, 3 at >= 50 MB)")
    ap.add_argument("--no-doc", action="store_true", help="print only, leave PERFORMANCE.md alone")
    a = ap.parse_args()
    CACHE, RUNSTAT = a.cache, a.runstat
    inp = os.path.join(CACHE, "in")
    os.makedirs(inp, exist_ok=True)
    sizes = [float(s) for s in a.sizes.split(",")]
    ivrc, base = a.ivrc, a.baseline
    lint = have_command(ivrc, "lint")
    out = []
    p = out.append
    p(f"Measured by `make bench` (bench/run.py) on {time.strftime('%Y-%m-%d %H:%M')}.  ")
    p(f"Machine: {machine()}.")
    p("")
    p("CPU time is user + system time of the process, the median of several rounds "
      "(every command once per round, after one warm-up run); MB/s and the ratio to "
      "libyaml's event parser on the same YAML file are computed from it. Wall time is "
      "the median wall time. Peak RSS is getrusage's ru_maxrss over the rounds, as a "
      "multiple of the input size. Findings: how many the run printed (to /dev/null). "
      "The DSL row divides by the DSL file's own size.")
    p("")
    by_size = {}
    for mb in sizes:
        size = int(mb * 1e6)
        tag = f"{mb:g}MB"
        y = cached(os.path.join(inp, f"proj-{tag}.ivr.yaml"), lambda f: gen_project(f, size, "yaml"))
        d = cached(os.path.join(inp, f"proj-{tag}.ivr"), lambda f: gen_project(f, size, "dsl"))
        yb, db = os.path.getsize(y), os.path.getsize(d)
        cmds = [Cmd(BASE, [base, y], yb),
                Cmd("libyaml document loader", [base, "--document", y], yb),
                Cmd("ivrc check (YAML)", [ivrc, "check", y], yb)]
        if lint:
            cmds.append(Cmd("ivrc lint (YAML)", [ivrc, "lint", y], yb))
        cmds += [Cmd(f"ivrc build --target {t}", [ivrc, "build", "--target", t, y], yb)
                 for t in TARGETS]
        cmds.append(Cmd("ivrc check (DSL)", [ivrc, "check", d], db))
        runs = a.runs or (3 if mb >= 50 else 7)
        log(f"bench: {tag} ({runs} rounds)")
        measure(cmds, runs)
        by_size[mb] = {c.name: c for c in cmds}
        p(f"### {tag} (YAML {yb / 1e6:.2f} MB, DSL {db / 1e6:.2f} MB; {runs} rounds)")
        p("")
        p(HEAD)
        for c in cmds:
            p(row(c, cmds[0]))
        if not lint:
            p("| ivrc lint (YAML) | not measured: this ivrc has no `lint` command yet "
              "| | | | | |")
        p("")
        log("\n".join(out[-len(cmds) - 4:]))

    # The same generator with Smartflo and Infobip only (no Sonetel warnings),
    # to show what printing findings costs.
    if 10 in sizes:
        y = cached(os.path.join(inp, "proj-10MB-noso.ivr.yaml"),
                   lambda f: gen_project(f, 10_000_000, "yaml", ["--targets", "smartflo,infobip"]))
        yb = os.path.getsize(y)
        cmds = [Cmd(BASE, [base, y], yb), Cmd("ivrc check (YAML)", [ivrc, "check", y], yb),
                Cmd("ivrc build --target smartflo", [ivrc, "build", "--target", "smartflo", y], yb)]
        log("bench: 10 MB without findings")
        measure(cmds, a.runs or 7)
        p("### 10MB without findings (targets Smartflo and Infobip only)")
        p("")
        p(HEAD)
        for c in cmds:
            p(row(c, cmds[0]))
        p("")

    # 2 000 small files in one call against one file of the same bytes.
    repo = cached(os.path.join(inp, "repo2000"), gen_repo)
    files = sorted(os.path.join(repo, f) for f in os.listdir(repo))
    total = dir_bytes(repo)
    one = cached(os.path.join(inp, "repo2000-one.ivr.yaml"), lambda f: gen_project(f, total, "yaml"))
    many, single = Cmd("2 000 files", [ivrc, "check", *files], total), \
        Cmd("one file", [ivrc, "check", one], os.path.getsize(one))
    log("bench: 2 000 files")
    measure([many, single], a.runs or 7)
    p("### 2 000 small files in one call")
    p("")
    p(f"`ivrc check` on 2 000 generated files ({total / 1e6:.2f} MB in all, "
      f"{total / 2000 / 1000:.1f} KB on average) in one call, against one generated file of "
      f"{os.path.getsize(one) / 1e6:.2f} MB:")
    p("")
    against_one(p, many, single, "under 2x")

    # 500 projects of four files, every root including one shared prompts
    # file (docs/LANGUAGE.md, "Several files"), checked by folder in one
    # call, against one file of the same bytes (Smartflo, as the projects).
    projs = cached(os.path.join(inp, "projects500"), gen_projects)
    ptotal = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(projs) for f in fs)
    same = cached(os.path.join(inp, "projects500-as-one.ivr.yaml"), gen_projects_as_one)
    folder, pfile = Cmd("ivrc check FOLDER (500 projects)", [ivrc, "check", projs], ptotal), \
        Cmd("ivrc check (the same menus in one file)", [ivrc, "check", same],
            os.path.getsize(same))
    floor = Cmd("reading the 2 001 files (find -exec cat)",
                ["sh", "-c", 'find "$0" -type f -exec cat {} + > /dev/null', projs], ptotal)
    log("bench: 500 projects")
    measure([folder, pfile, floor], a.runs or 7)
    p("### 500 projects sharing a prompts file")
    p("")
    p(f"`ivrc check FOLDER` on 500 projects of four files each (a root, three files of "
      f"menus) that all include one shared prompts file: 2 001 files, {ptotal / 1e6:.2f} MB "
      f"in all; each file is opened once per call (tests/read_once.sh). Against the same "
      f"6 000 menus and prompts as one program in one file "
      f"({os.path.getsize(same) / 1e6:.2f} MB, bench/gen.py projects --as-one):")
    p("")
    against_one(p, folder, pfile, "1.2x")
    if floor.cpu and pfile.cpu:
        p(f"Only opening and reading the same 2 001 files, with `cat` (no parsing), takes "
          f"{floor.cpu * 1000:.0f} ms of CPU, {floor.cpu / pfile.cpu:.2f}x the one file's whole "
          f"check: on this machine the files cost that much before ivrc parses a byte.")
        p("")

    # Every caller path's summary (docs/CLI.md, "paths") from each entry
    # point of the 10 MB file, by dynamic programming over the menu states
    # (--limit 1: one path listed per start), and lint with every caller
    # budget set, which asks the same model. Target: the summary under 1 s.
    if 10 in sizes:
        y = os.path.join(inp, "proj-10MB.ivr.yaml")
        yb = os.path.getsize(y)
        budgets = os.path.join(inp, "caller.ivrc.yaml")
        with open(budgets, "w") as f:
            f.write("caller:\n  max_seconds_to_human: 60\n  max_keys_to_human: 4\n"
                    "  escape_key: \"0\"\n  replay_on_timeout: true\n")
        cmds = [Cmd("ivrc check (YAML)", [ivrc, "check", y], yb),
                Cmd("ivrc paths --target smartflo --limit 1",
                    [ivrc, "paths", "--target", "smartflo", "--limit", "1", y], yb),
                Cmd("ivrc lint, every caller budget set",
                    [ivrc, "lint", "--config", budgets, y], yb)]
        log("bench: caller paths")
        measure(cmds, a.runs or 7)
        starts = subprocess.run([ivrc, "paths", "--target", "smartflo", "--limit", "1", y],
                                capture_output=True, text=True).stdout.count("  summary:")
        p("### Caller paths on the 10 MB file")
        p("")
        p(f"`ivrc paths` prints the summary of each of the file's {starts} entry points (the "
          f"fastest and slowest ways to a human, the ends counted, the hangups and the menus "
          f"left only by hanging up), by dynamic programming over the menu states, with one "
          f"path listed each; `lint` with every `caller:` budget set judges every menu "
          f"callers reach. `check` alone for comparison:")
        p("")
        times_table(p, cmds)
        if cmds[1].cpu:
            p("")
            p(f"The summaries take {cmds[1].cpu:.2f} s of CPU (target: under 1 s).")
        p("")

    # One small hand-written file, run by run: what a hook or an editor pays
    # each time; start-up (dynamic loading) is most of it.
    acme = os.path.join(ROOT, "examples", "acme.ivr.yaml")
    ab = os.path.getsize(acme)
    cmds = [Cmd(BASE, [base, acme], ab), Cmd("ivrc check", [ivrc, "check", acme], ab),
            Cmd("ivrc lint", [ivrc, "lint", acme], ab),
            Cmd("ivrc build --target smartflo", [ivrc, "build", "--target", "smartflo", acme], ab)]
    log("bench: one small file")
    measure(cmds, a.runs or 21)
    p(f"### One small file (examples/acme.ivr.yaml, {ab / 1000:.1f} KB)")
    p("")
    p("| command | CPU time | wall time | peak RSS |")
    p("|---|---|---|---|")
    for c in cmds:
        if c.error:
            p(f"| {c.name} | failed: {c.error} | | |")
        else:
            p(f"| {c.name} | {c.cpu * 1000:.2f} ms | {c.wall * 1000:.2f} ms | "
              f"{c.rss / 1e6:.1f} MB |")
    p("")

    # Linearity: per-MB cost at the largest size against the smallest.
    lo, hi = min(sizes), max(sizes)
    if lo != hi:
        p(f"### Linearity (CPU time per MB at {hi:g} MB / at {lo:g} MB; target at most 1.2)")
        p("")
        p(f"| command | per MB at {lo:g} MB | per MB at {hi:g} MB | ratio |")
        p("|---|---|---|---|")
        for name, cl in by_size[lo].items():
            ch = by_size[hi].get(name)
            if cl.cpu and ch and ch.cpu:
                a1, a2 = cl.cpu / cl.mb * 1000, ch.cpu / ch.mb * 1000
                p(f"| {name} | {a1:.1f} ms | {a2:.1f} ms | {a2 / a1:.2f} |")
            else:
                p(f"| {name} | {'failed' if cl.error else ''} | "
                  f"{'failed' if not ch or ch.error else ''} | |")
        p("")

    # Where the time goes (in-process, bench/phases).
    if 10 in sizes and os.path.exists(a.phases):
        log("bench: phases")
        p("### Phases (bench/phases: in-process, 10 MB files, median of 5)")
        p("")
        for f in ("proj-10MB.ivr.yaml", "proj-10MB.ivr"):
            p(f"`{f}`:")
            p("```")
            p(phases(os.path.join(inp, f), a.phases))
            p("```")
        p("")

    report = "\n".join(out)
    print(report)
    if not a.no_doc:
        doc = os.path.join(ROOT, "docs", "PERFORMANCE.md")
        old = open(doc).read() if os.path.exists(doc) else \
            "# Performance\n\n" + BEGIN + "\n" + END + "\n"
        if BEGIN not in old or END not in old:
            old = old.rstrip("\n") + "\n\n" + BEGIN + "\n" + END + "\n"
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        with open(doc + ".tmp", "w") as f:
            f.write(head + BEGIN + "\n" + report + "\n" + END + tail)
        os.replace(doc + ".tmp", doc)
        log(f"bench: wrote {os.path.relpath(doc, ROOT)}")


if __name__ == "__main__":
    main()
