#!/usr/bin/env python3
"""`make bench`: times ivrc against libyaml on generated projects and writes
the results into docs/PERFORMANCE.md (python3 stdlib only).

    run.py [--sizes 1,10,50] [--runs N] [--no-doc] [--quick]

For each size (MB) it generates (once, cached under build/bench/in/) a YAML
project and a DSL project of that many bytes (bench/gen.py), then runs, each
several times, taking the median wall time and the largest peak RSS (from
bench/runstat, a small C program that forks, execs, waits and reads
getrusage(RUSAGE_CHILDREN); see runstat.c for why not from python):
  - the floor: build/bench/yaml_baseline (libyaml events, nothing else), and
    libyaml's document loader (yaml_baseline --document), for reference;
  - ivrc check, ivrc lint (when the command exists), ivrc build --target T for
    every target, on the YAML file; ivrc check on the DSL file.
Each row shows MB/s, the ratio to the libyaml event baseline of the same run,
and peak RSS as a multiple of the input. Then: 2 000 small files in one
`ivrc check` call against one file of the same bytes, the per-MB cost at the
largest size against the smallest, and bench/phases on the 10 MB files.
Findings go to /dev/null (each run's count is shown). A command runs with a
time limit and an address-space limit; one that exceeds them, crashes or exits
with an unexpected status is reported as failed, and the rest goes on.

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


def gen_repo(path):
    tmp = path + ".tmp"
    subprocess.run(["rm", "-rf", tmp], check=True)
    subprocess.run([sys.executable, GEN, "repo", "--files", "2000", "--seed", str(SEED),
                    "-o", tmp], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["rm", "-rf", path], check=True)
    os.rename(tmp, path)


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


# ---------- running ----------

class Result:
    def __init__(self):
        self.times, self.rss, self.error, self.findings = [], 0, None, None

    @property
    def median(self):
        return statistics.median(self.times) if self.times else None


def run_once(argv, limit_bytes, expect=(0,)):
    """Runs argv under bench/runstat; returns (seconds, peak RSS bytes, error
    or None, number of findings printed)."""
    err_path = os.path.join(CACHE, "stderr.txt")
    env = dict(os.environ, NO_COLOR="1", IVRC_NOW="2030-01-01 00:00:00", LC_ALL="C")
    with open(os.devnull, "wb") as null, open(err_path, "wb") as err:
        subprocess.run([RUNSTAT, str(limit_bytes), str(TIMEOUT), *argv], stdout=null,
                       stderr=err, env=env)
    with open(err_path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    m = re.search(r"^runstat: ([0-9.]+) (\d+) (-?\d+)$", text, re.M)
    if not m:
        return None, 0, f"runstat failed: {last_line(text)}", 0
    elapsed, rss, code = float(m.group(1)), int(m.group(2)) * 1024, int(m.group(3))
    text = text[:m.start()]
    findings = len(re.findall(r"\[IVR\d+\]", text))
    if code == -9 and elapsed >= TIMEOUT:
        return None, rss, f"timed out after {TIMEOUT}s", findings
    if code < 0:
        return None, rss, f"killed by signal {-code}: {last_line(text)}", findings
    if code not in expect:
        why = "out of memory" if "out of memory" in text else last_line(text)
        return None, rss, f"exit {code}: {why}", findings
    return elapsed, rss, None, findings


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1][:120] if lines else ""


def measure(argv, input_bytes, runs, warmup=1):
    r = Result()
    limit = max(MEM_FLOOR, MEM_PER_INPUT * input_bytes)
    for i in range(warmup + runs):
        t, rss, err, findings = run_once(argv, limit)
        r.rss = max(r.rss, rss)
        r.findings = findings
        if err:
            r.error = err
            return r
        if i >= warmup:
            r.times.append(t)
    return r


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
    yaml = version(["pkg-config", "--modversion", "yaml-0.1"])
    return (f"{os.cpu_count()} CPUs (nproc), {cpu}, {mem / 2**30:.1f} GiB memory; "
            f"{platform.system()} {platform.release()}; {version(['cc', '--version'])}; "
            f"libyaml {yaml}")


# ---------- the report ----------

def fmt_row(name, mb, r, base_mbs):
    if r.error:
        return f"| {name} | failed: {r.error} | | {r.rss / 1e6 / mb:.1f}x | |"
    mbs = mb / r.median
    ratio = f"{mbs / base_mbs:.2f}x" if base_mbs else ""
    findings = "" if r.findings is None else str(r.findings)
    return (f"| {name} | {r.median * 1000:.0f} ms, {mbs:.1f} MB/s | {ratio} | "
            f"{r.rss / 1e6 / mb:.1f}x | {findings} |")


def main():
    global CACHE, RUNSTAT
    ap = argparse.ArgumentParser()
    ap.add_argument("--ivrc", default=os.path.join(ROOT, "build", "ivrc"))
    ap.add_argument("--baseline", default=os.path.join(ROOT, "build", "bench", "yaml_baseline"))
    ap.add_argument("--phases", default=os.path.join(ROOT, "build", "bench", "phases"))
    ap.add_argument("--runstat", default=os.path.join(ROOT, "build", "bench", "runstat"))
    ap.add_argument("--cache", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--sizes", default="1,10,50")
    ap.add_argument("--runs", type=int, default=0, help="runs per command (default 5, 3 at >= 50 MB)")
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
    p(f"Measured by `make bench` (bench/run.py) on {time.strftime('%Y-%m-%d')}.  ")
    p(f"Machine: {machine()}.  ")
    p("Each row: the median wall time of several runs (one warm-up run first), MB/s of "
      "the input, the ratio to libyaml's event parser on the same YAML file in the same "
      "run, peak RSS as a multiple of the input size, and the number of findings "
      "printed (to /dev/null). The DSL row divides by the DSL file's own size.")
    p("")
    rows_by_size = {}
    for mb in sizes:
        size = int(mb * 1e6)
        tag = f"{mb:g}MB"
        y = cached(os.path.join(inp, f"proj-{tag}.ivr.yaml"), lambda f: gen_project(f, size, "yaml"))
        d = cached(os.path.join(inp, f"proj-{tag}.ivr"), lambda f: gen_project(f, size, "dsl"))
        ymb, dmb = os.path.getsize(y) / 1e6, os.path.getsize(d) / 1e6
        runs = a.runs or (3 if mb >= 50 else 5)
        log(f"bench: {tag} ({runs} runs each)")
        rows = {}
        rows["libyaml events (baseline)"] = (ymb, measure([base, y], os.path.getsize(y), runs))
        rows["libyaml document loader"] = (ymb, measure([base, "--document", y], os.path.getsize(y), runs))
        rows["ivrc check (YAML)"] = (ymb, measure([ivrc, "check", y], os.path.getsize(y), runs))
        if lint:
            rows["ivrc lint (YAML)"] = (ymb, measure([ivrc, "lint", y], os.path.getsize(y), runs))
        for t in TARGETS:
            rows[f"ivrc build --target {t}"] = (ymb, measure([ivrc, "build", "--target", t, y],
                                                          os.path.getsize(y), runs))
        rows["ivrc check (DSL)"] = (dmb, measure([ivrc, "check", d], os.path.getsize(d), runs))
        rows_by_size[mb] = rows
        base_r = rows["libyaml events (baseline)"][1]
        base_mbs = ymb / base_r.median if base_r.median else None
        p(f"### {tag} (YAML {ymb:.2f} MB, DSL {dmb:.2f} MB)")
        p("")
        p("| command | time, throughput | vs libyaml events | peak RSS / input | findings |")
        p("|---|---|---|---|---|")
        for name, (m, r) in rows.items():
            p(fmt_row(name, m, r, base_mbs))
        if not lint:
            p("| ivrc lint (YAML) | not measured: this ivrc has no `lint` command yet | | | |")
        p("")
        for line in out[-len(rows) - 5:]:
            log(line)

    # Clean input: the same generator with Smartflo and Infobip only (no
    # Sonetel warnings), at 10 MB, to show what printing findings costs.
    if 10 in sizes:
        y = cached(os.path.join(inp, "proj-10MB-noso.ivr.yaml"),
                   lambda f: gen_project(f, 10_000_000, "yaml", ["--targets", "smartflo,infobip"]))
        r = measure([ivrc, "check", y], os.path.getsize(y), a.runs or 5)
        base_r = rows_by_size[10]["libyaml events (baseline)"][1]
        b = measure([base, y], os.path.getsize(y), a.runs or 5)
        p("### Without findings (10 MB, targets Smartflo and Infobip only)")
        p("")
        p("| command | time, throughput | vs libyaml events | peak RSS / input | findings |")
        p("|---|---|---|---|---|")
        ymb = os.path.getsize(y) / 1e6
        p(fmt_row("libyaml events (baseline)", ymb, b, ymb / b.median if b.median else None))
        p(fmt_row("ivrc check (YAML)", ymb, r, ymb / b.median if b.median else None))
        p("")

    # 2 000 small files in one call against one file of the same bytes.
    repo = cached(os.path.join(inp, "repo2000"), gen_repo)
    files = sorted(os.path.join(repo, f) for f in os.listdir(repo))
    total = dir_bytes(repo)
    one = cached(os.path.join(inp, "repo2000-one.ivr.yaml"), lambda f: gen_project(f, total, "yaml"))
    rr = measure([ivrc, "check", *files], total, a.runs or 5)
    ro = measure([ivrc, "check", one], os.path.getsize(one), a.runs or 5)
    p("### 2 000 small files in one call")
    p("")
    p(f"`ivrc check` on 2 000 generated files ({total / 1e6:.2f} MB in all, "
      f"{total / 2000 / 1000:.1f} KB on average) in one call, against one generated file of "
      f"{os.path.getsize(one) / 1e6:.2f} MB:")
    p("")
    p("| input | time | peak RSS / input | findings |")
    p("|---|---|---|---|")
    for name, r, n in (("2 000 files", rr, total), ("one file", ro, os.path.getsize(one))):
        t = f"failed: {r.error}" if r.error else f"{r.median * 1000:.0f} ms"
        p(f"| {name} | {t} | {r.rss / n:.1f}x | {r.findings} |")
    if rr.median and ro.median:
        p("")
        p(f"Ratio: {rr.median / ro.median:.2f}x the time of one file (target: under 2x).")
    p("")

    # Linearity: per-MB cost at the largest size against the smallest.
    lo, hi = min(sizes), max(sizes)
    if lo != hi:
        p(f"### Linearity (per-MB cost at {hi:g} MB / at {lo:g} MB; target at most 1.2)")
        p("")
        p("| command | per MB at %g MB | per MB at %g MB | ratio |" % (lo, hi))
        p("|---|---|---|---|")
        for name in rows_by_size[lo]:
            (ml, rl), (mh, rh) = rows_by_size[lo][name], rows_by_size[hi].get(name, (None, Result()))
            if rl.median and rh.median:
                a1, a2 = rl.median / ml * 1000, rh.median / mh * 1000
                p(f"| {name} | {a1:.1f} ms | {a2:.1f} ms | {a2 / a1:.2f} |")
            else:
                p(f"| {name} | {'failed' if rl.error else ''} | {'failed' if rh.error else ''} | |")
        p("")

    # Where the time goes (in-process, bench/phases).
    if 10 in sizes and os.path.exists(a.phases):
        p("### Phases (bench/phases, in-process, 10 MB files, median of 5)")
        p("")
        for f in (os.path.join(inp, "proj-10MB.ivr.yaml"), os.path.join(inp, "proj-10MB.ivr")):
            limit = max(MEM_FLOOR, MEM_PER_INPUT * os.path.getsize(f))
            def limits():
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            try:
                r = subprocess.run([a.phases, "-n", "5", f], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=TIMEOUT, preexec_fn=limits)
                text = r.stdout.decode("utf-8", "replace").strip()
                if r.returncode != 0:
                    text += f"\n(exit {r.returncode})"
            except subprocess.TimeoutExpired:
                text = f"(timed out after {TIMEOUT}s)"
            p(f"`{os.path.basename(f)}`:")
            p("```")
            p(text)
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
