"""`make batch`: validate a folder of N site workbooks, one broken in the middle, and report
wall time, peak memory and whether the counts are right.

Usage: batch.py TRIALBRIDGE N WORKDIR
The workbooks are hard links to the example study's four site workbooks, so the folder costs
no disk. In the middle, at N/2, the broken copy of site 02 (12 errors in its cells), and
right after it a workbook cut in half (unreadable: one RL0002 error, and the batch goes on).
Then the same batch as shards (`validate --shard I/N`) joined by `merge`.
"""
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "umin000015469"
SITES = ["site-01-hamamatsu.xlsx", "site-02-mikatahara.xlsx", "site-03-shizuoka.xlsx", "site-04-hamamatsu-mc.xlsx"]


def main():
    tb, n, work = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    inbox = work / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    broken, cut = n // 2, n // 2 + 1
    for i in range(n):
        name = inbox / f"batch-{i:04}.xlsx"
        if i == cut:
            whole = (FIX / SITES[i % 4]).read_bytes()
            name.write_bytes(whole[: len(whole) // 2])
            continue
        src = FIX / "broken" / "site-02-mikatahara.xlsx" if i == broken else FIX / SITES[i % 4]
        os.link(src, name)
    cmd = [tb, "validate", str(inbox), "--format", "json", "--mapping", str(ROOT / "mappings" / "umin000015469"),
           "--with", str(FIX / "randomization.xlsx"), "--timestamp", "0"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = json.loads(proc.stdout)
    files = report["files"]
    failing = [f["file"] for f in files if f["error"] > 0]
    expected = [str(inbox / f"batch-{i:04}.xlsx") for i in (broken, cut)]
    # The cut workbook could not be checked at all: exit 2, whatever the others hold.
    ok = proc.returncode == 2 and len(files) == n and failing == expected and report["summary"]["error"] == 13
    print(f"{n} workbooks in {seconds:.1f} s ({n / seconds:.1f}/s), peak RSS {peak_mb:.0f} MB, "
          f"exit {proc.returncode}, {len(files)} reported, {len(failing)} with errors, "
          f"{report['summary']['error']} error(s): {'counts right' if ok else 'COUNTS WRONG'}")
    same = sharded(tb, cmd, work, proc.stdout, SHARDS)
    sys.exit(0 if ok and same else 1)


SHARDS = 4


def sharded(tb, cmd, work, single, n):
    """The same batch as N `--shard` jobs (at most two at a time, one per core, as a
    scheduler on this machine would run them) and `merge`: wall time against the single run,
    and whether the merged report is the single run's, byte for byte."""
    parts = [work / f"part-{i}.json" for i in range(n)]
    started = time.perf_counter()
    running = []
    for i, part in enumerate(parts):
        running.append(subprocess.Popen(cmd + ["--shard", f"{i}/{n}", "--output", str(part)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        if len(running) == 2:
            running.pop(0).wait()
    for p in running:
        p.wait()
    merged = subprocess.run([tb, "merge", *map(str, parts), "--format", "json"], capture_output=True)
    seconds = time.perf_counter() - started
    same = merged.stdout == single
    print(f"as {n} shards, two at a time, then merge: {seconds:.1f} s; merged report "
          f"{'byte-identical to the single run' if same else 'DIFFERS from the single run'}")
    return same


if __name__ == "__main__":
    main()
