"""`make bench`: trialbridge and its Python peers on the same data in the same run, side by side.

Each operation runs in its own process (best of REPEAT runs) so that peak memory is per
operation. Usage: run.py TB_BENCH PYTHON ROWS WORKDIR
The CDISC pilot is read from the standards folder, $TRIALBRIDGE_STANDARDS (`make` sets it).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

REPEAT = 3
LAB_ROWS = 200_000
SDTM_ROWS = 1_000_000


def standards_dir():
    """The standards folder (reference files outside the repository): $TRIALBRIDGE_STANDARDS,
    which `make` exports as an absolute path; a relative one is taken from the repository
    root, as the Rust build takes it. Exits with status 2 and the build's explanation when
    it is unset or not a folder."""
    value = os.environ.get("TRIALBRIDGE_STANDARDS", "")
    path = REPO / value
    if value and path.is_dir():
        return path
    why = "is not set" if not value else f"is {value!r}, not a folder"
    help_text = (REPO / "crates" / "standards" / "standards-missing.txt").read_text(encoding="utf-8")
    sys.stderr.write(f"{Path(sys.argv[0]).name}: TRIALBRIDGE_STANDARDS {why}.\n\n{help_text}")
    sys.exit(2)


def measure(cmd):
    best = None
    for _ in range(REPEAT):
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        r = json.loads(out)
        if best is None or r["seconds"] < best["seconds"]:
            best = r
    return best


# A fresh interpreter whose only child is trialbridge, so RUSAGE_CHILDREN is that run's alone.
PEAK = ("import resource,subprocess,sys,time;t=time.perf_counter();"
        "p=subprocess.run(sys.argv[2:],stdout=open(sys.argv[1],'wb'));"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")


def validate(tb, path, work, *extra):
    """trialbridge validate (every rule unless `extra` selects): wall time, peak RSS in kB, the
    JSON report."""
    out = work / "validate.json"
    cmd = [sys.executable, "-c", PEAK, str(out), tb, "validate", str(path), "--format", "json",
           "--timestamp", "0", *extra]
    seconds, peak, code = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
    assert code in ("0", "1"), code
    return float(seconds), int(peak), json.loads(out.read_text())


def main():
    tb, py, rows, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    pilot = standards_dir() / "cdiscpilot01" / "sdtm"  # checked before the first timing
    work.mkdir(parents=True, exist_ok=True)
    peers = str(Path(__file__).with_name("peers.py"))
    subprocess.run([tb, "make", str(rows), str(work)], check=True)
    cases = [
        ("XPT write", [tb, "write-xpt", str(rows), str(work / "tb.xpt")],
         [py, peers, "write-xpt", str(rows), str(work / "py.xpt")]),
        ("XPT read", [tb, "read-xpt", str(work / "data.xpt")], [py, peers, "read-xpt", str(work / "data.xpt")]),
        ("Dataset-JSON → XPT", [tb, "transcode", str(work / "data.json"), str(work / "tb-t.xpt")],
         [py, peers, "transcode", str(work / "data.json"), str(work / "py-t.xpt")]),
        ("NDJSON → XPT", [tb, "transcode", str(work / "data.ndjson"), str(work / "tb-n.xpt")],
         [py, peers, "transcode-ndjson", str(work / "data.ndjson"), str(work / "py-n.xpt")]),
        ("XPT → CSV", [tb, "transcode", str(work / "data.xpt"), str(work / "tb.csv")],
         [py, peers, "xpt-csv", str(work / "data.xpt"), str(work / "py.csv")]),
    ]
    goals = {"NDJSON → XPT": 10, "XPT → CSV": 10}
    print(f"{rows:,} rows × 10 columns (best of {REPEAT})")
    print(f"{'operation':<20} {'trialbridge':>12} {'python':>12} {'speed-up':>9} {'tb peak MB':>11} {'py peak MB':>11}  goal")
    for name, ours, theirs in cases:
        a, b = measure(ours), measure(theirs)
        assert a["rows"] == b["rows"] == rows, (name, a, b)
        goal = f"  ≥ {goals[name]}×" if name in goals else ""
        print(f"{name:<20} {a['seconds']:>11.3f}s {b['seconds']:>11.3f}s {b['seconds'] / a['seconds']:>8.1f}× "
              f"{a['peak_rss_kb'] / 1024:>11.0f} {b['peak_rss_kb'] / 1024:>11.0f}{goal}")
    print("python peers: pandas + pyreadstat (XPT), json + pandas + pyreadstat (transcode), "
          "pyreadstat + DataFrame.to_csv (XPT → CSV)")
    print()
    check = measure([tb, "define-check", str(pilot)])
    print(f"define.xml against its data, CDISC pilot SDTM (best of {REPEAT}): {check['seconds'] * 1000:.0f} ms, "
          f"{check['peak_rss_kb'] / 1024:.0f} MB peak, datasets read before the clock starts (goal: under 100 ms)")
    print()
    lab_rows = LAB_ROWS
    book = work / "labs.xlsx"
    subprocess.run([tb, "make-labs", str(lab_rows), str(book)], check=True)
    mapping = str(Path(__file__).with_name("labs-mapping"))
    raw = measure([tb, "calamine-raw", str(book)])
    table = measure([tb, "sheets-read", str(book)])
    ours = measure([tb, "ingest-map", str(book), mapping])
    pandas = measure([py, peers, "read-xlsx", str(book)])
    assert raw["rows"] == table["rows"] == ours["rows"] == pandas["rows"] == lab_rows, (raw, table, ours, pandas)
    print(f"{lab_rows:,}-row site lab workbook (best of {REPEAT})")
    print(f"{'read':<34} {'seconds':>9} {'peak MB':>9}")
    for name, r in [("calamine raw read", raw), ("trialbridge sheet read (addressed)", table),
                    ("trialbridge ingest + map to LB", ours), ("pandas + openpyxl read", pandas)]:
        print(f"{name:<34} {r['seconds']:>8.2f}s {r['peak_rss_kb'] / 1024:>9.0f}")
    print(f"ingest + map takes {ours['seconds'] / raw['seconds']:.1f}x calamine's raw read and "
          f"{ours['peak_rss_kb'] / raw['peak_rss_kb']:.1f}x its memory (goal: 1.5x and 2x); "
          f"{pandas['seconds'] / ours['seconds']:.1f}x faster than pandas + openpyxl")
    print()
    app = str(Path(tb).with_name("trialbridge"))
    lb_rows = SDTM_ROWS
    pkg = work / "sdtm"
    subprocess.run([tb, "make-sdtm", str(lb_rows), str(pkg)], check=True)
    # The catalogue and CDISC CORE's bundled rules, together and each on its own.
    selections = [("every rule", ()), ("catalogue only", ("--ignore", "CORE")), ("CORE rules only", ("--select", "CORE"))]
    print(f"rule engine on the CDISC pilot SDTM (17 datasets) and a generated LB of {lb_rows:,} rows + DM")
    print(f"{'rules':<16} {'package':<10} {'seconds':>9} {'peak MB':>9} {'rows/s':>12} {'findings':>9}")
    for label, extra in selections:
        for name, path, rows in [("pilot", pilot, None), ("LB + DM", pkg, lb_rows)]:
            seconds, peak, report = validate(app, path, work, *extra)
            rate = f"{rows / seconds:,.0f}" if rows else ""
            print(f"{label:<16} {name:<10} {seconds:>8.2f}s {peak / 1024:>9.0f} {rate:>12} {len(report['findings']):>9}")
    print("goal for every rule on LB + DM: under 3 s and under 600 MB peak")

if __name__ == "__main__":
    main()
