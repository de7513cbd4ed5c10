#!/usr/bin/env python3
"""What a new user's first `make demo` costs: a clean clone of this repository, then
`make demo`, measured. Prints wall and CPU time, the peak memory of the whole build (every
process together, sampled) and of its largest single process, the crates that peaked
highest, the size of target/ and of the release binary.

    python3 bench/first_build.py [TARGET ...]     # default target: demo

Needs TRIALBRIDGE_STANDARDS (the Makefile exports it). Stdlib only; Linux (/proc).
"""
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().split(b"\0")
    except OSError:
        return []


def descendants(root):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def crate_of(args):
    for i, a in enumerate(args):
        if a == b"--crate-name" and i + 1 < len(args):
            return args[i + 1].decode()
    return None


def sample(proc, peaks, stop):
    while not stop.is_set():
        total = 0
        for pid in descendants(proc.pid):
            kb = rss_kb(pid)
            total += kb
            crate = crate_of(cmdline(pid))
            if crate:
                peaks["crates"][crate] = max(peaks["crates"].get(crate, 0), kb)
        peaks["total"] = max(peaks["total"], total)
        stop.wait(0.5)


def du(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file() and not p.is_symlink())


def main():
    targets = sys.argv[1:] or ["demo"]
    if "TRIALBRIDGE_STANDARDS" not in os.environ:
        sys.exit("TRIALBRIDGE_STANDARDS is not set (run through make, or set it)")
    with tempfile.TemporaryDirectory(prefix="tb-first-build-") as tmp:
        clone = Path(tmp) / "trialbridge"
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=clone,
                              capture_output=True, text=True, check=True).stdout.strip()
        peaks = {"total": 0, "crates": {}}
        stop = threading.Event()
        start = time.monotonic()
        proc = subprocess.Popen(["make", *targets], cwd=clone, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        sampler = threading.Thread(target=sample, args=(proc, peaks, stop))
        sampler.start()
        _, err = proc.communicate()
        wall = time.monotonic() - start
        stop.set()
        sampler.join()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0,):
            sys.stderr.write(err.decode(errors="replace")[-4000:])
            sys.exit(f"make {' '.join(targets)} failed with exit code {proc.returncode}")
        binary = clone / "target" / "release" / "trialbridge"
        print(f"first `make {' '.join(targets)}` from a clean clone of {head}, {os.cpu_count()} cores")
        print(f"  wall time        {wall / 60:6.1f} min")
        print(f"  CPU time         {(usage.ru_utime + usage.ru_stime) / 60:6.1f} min")
        print(f"  peak memory      {peaks['total'] / 1e6:6.2f} GB (all processes together, sampled every 0.5 s)")
        print(f"  largest process  {usage.ru_maxrss / 1e6:6.2f} GB")
        print(f"  target/          {du(clone / 'target') / 1e9:6.2f} GB")
        if binary.exists():
            print(f"  binary           {binary.stat().st_size / 1e6:6.1f} MB")
        print("  highest crates (peak RSS of their rustc):")
        top = sorted(peaks["crates"].items(), key=lambda kv: -kv[1])[:6]
        for crate, kb in top:
            print(f"    {crate:28} {kb / 1e6:5.2f} GB")


if __name__ == "__main__":
    main()
