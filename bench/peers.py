"""The Python peers of tb-bench, one measured operation per process (same JSON line shape).

    peers.py write-xpt ROWS OUT     pandas DataFrame built in memory, pyreadstat.write_xport timed
    peers.py read-xpt IN            pyreadstat.read_xport timed
    peers.py transcode IN.json OUT  json.load + DataFrame + pyreadstat.write_xport timed
    peers.py transcode-ndjson IN OUT  Dataset-JSON NDJSON: json.loads per line + DataFrame +
                                    pyreadstat.write_xport timed
    peers.py xpt-csv IN OUT         pyreadstat.read_xport + DataFrame.to_csv timed
    peers.py read-xlsx IN.xlsx      pandas.read_excel (openpyxl) of the Labs sheet timed
"""
import json
import resource
import sys
import time

import pandas as pd
import pyreadstat

KINDS = ["AE", "CM", "LB"]


def frame(rows):
    # The same pure function of the row number as crates/bench/src/main.rs.
    r = range(rows)
    return pd.DataFrame({
        "USUBJID": [f"SUBJ-{i:07}" for i in r],
        "DOMAIN": [KINDS[i % 3] for i in r],
        "SEQ": [float(i) for i in r],
        "VAL1": [i * 1.25 for i in r],
        "VAL2": [(i % 1000) / 8.0 for i in r],
        "TEXT": ["VALUE" * (i % 5) for i in r],
        "NEG": [-float(i % 97) for i in r],
        "MONTH": [str(i % 12) for i in r],
        "BIG": [1e6 + i for i in r],
        "FLAG": ["Y" if i % 2 == 0 else "N" for i in r],
    })


def report(op, rows, started):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    print(json.dumps({"op": op, "tool": "python", "rows": rows,
                      "seconds": time.perf_counter() - started, "peak_rss_kb": peak}))


def main():
    op = sys.argv[1]
    if op == "write-xpt":
        rows = int(sys.argv[2])
        df = frame(rows)
        started = time.perf_counter()
        pyreadstat.write_xport(df, sys.argv[3], file_format_version=5, table_name="BENCH")
        report(op, rows, started)
    elif op == "read-xpt":
        started = time.perf_counter()
        df, _ = pyreadstat.read_xport(sys.argv[2])
        report(op, len(df), started)
    elif op == "transcode":
        started = time.perf_counter()
        with open(sys.argv[2], encoding="utf-8") as f:
            doc = json.load(f)
        names = [c["name"] for c in doc["columns"]]
        df = pd.DataFrame(doc["rows"], columns=names)
        pyreadstat.write_xport(df, sys.argv[3], file_format_version=5, table_name=doc["name"])
        report(op, len(df), started)
    elif op == "transcode-ndjson":
        started = time.perf_counter()
        with open(sys.argv[2], encoding="utf-8") as f:
            meta = json.loads(f.readline())
            rows = [json.loads(line) for line in f]
        names = [c["name"] for c in meta["columns"]]
        df = pd.DataFrame(rows, columns=names)
        pyreadstat.write_xport(df, sys.argv[3], file_format_version=5, table_name=meta["name"])
        report(op, len(df), started)
    elif op == "xpt-csv":
        started = time.perf_counter()
        df, _ = pyreadstat.read_xport(sys.argv[2])
        df.to_csv(sys.argv[3], index=False)
        report(op, len(df), started)
    elif op == "read-xlsx":
        started = time.perf_counter()
        df = pd.read_excel(sys.argv[2], sheet_name="Labs", engine="openpyxl")
        report(op, len(df), started)
    else:
        sys.exit(f"unknown op {op}")


if __name__ == "__main__":
    main()
