"""`make batch`: validate a folder of N site workbooks, one broken in the middle, and report
wall time, peak memory and whether the counts are right.

Usage: batch.py TRIALBRIDGE N WORKDIR
The workbooks are hard links to the example study's four site workbooks, so the folder costs
no disk. In the middle, at N/2, the broken copy of site 02 (12 errors in its cells), and
right after it a workbook cut in half (unreadable: one RL0002 error, and the batch goes on).
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
    ok = proc.returncode == 1 and len(files) == n and failing == expected and report["summary"]["error"] == 13
    print(f"{n} workbooks in {seconds:.1f} s ({n / seconds:.1f}/s), peak RSS {peak_mb:.0f} MB, "
          f"exit {proc.returncode}, {len(files)} reported, {len(failing)} with errors, "
          f"{report['summary']['error']} error(s): {'counts right' if ok else 'COUNTS WRONG'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
