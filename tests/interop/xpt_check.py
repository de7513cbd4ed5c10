#!/usr/bin/env python3
"""Cross-check trialbridge's XPT v5 output with two independent readers.

Usage: xpt_check.py DIR

For every DIR/NAME.xpt with a sidecar DIR/NAME.expected.json (written by
`cargo run -p trialbridge-formats --example xpt_interop_fixtures -- DIR`), asserts that
pyreadstat.read_xport and pandas.read_sas(format="xport") both read the expected dataset
name, column names, labels, display formats and values.

Sidecar: {"dataset", "label", "columns": [{"name", "label", "type": "num"|"char",
"format"}], "rows": [[...]]}; numbers are JSON numbers, `.` is null, special missings are
{"missing": ".A"}, text is right-trimmed and missing text is "".

Exit status: 0 when every file agrees, 1 on any mismatch, 2 on bad usage.
"""

import json
import math
import sys
from pathlib import Path

import pandas as pd
import pyreadstat

# pandas reads an IBM zero as the smallest IBM double (pandas-dev/pandas#50670, open);
# SAS-written files show the same. Accept exactly that value where 0 is expected.
PANDAS_IBM_ZERO = 5.397605346934028e-79


class Mismatch(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Mismatch(msg)


def same_number(got, want, reader, allow_pandas_zero=False):
    if want is None or isinstance(want, dict):
        return isinstance(got, float) and math.isnan(got)
    if isinstance(got, float) and math.isnan(got):
        return False
    if want == 0 and allow_pandas_zero and abs(got) == PANDAS_IBM_ZERO:
        return True
    # Exact: every double the writer accepts survives IBM/370 encoding bit for bit.
    return float(got) == float(want)


def expected_format(fmt):
    """pyreadstat reports `DATE9.` as `DATE9`, `8.2` as `8.2`, `$CHAR20.` as `$CHAR20`."""
    if fmt is None:
        return None
    return fmt[:-1] if fmt.endswith(".") else fmt


def check_pyreadstat(path, exp):
    df, meta = pyreadstat.read_xport(str(path), disable_datetime_conversion=True)
    names = [c["name"] for c in exp["columns"]]
    check(meta.table_name == exp["dataset"], f"pyreadstat table name {meta.table_name!r}")
    check((meta.file_label or "") == exp["label"], f"pyreadstat file label {meta.file_label!r}")
    check(list(df.columns) == names, f"pyreadstat columns {list(df.columns)}")
    check(len(df) == len(exp["rows"]), f"pyreadstat rows {len(df)} != {len(exp['rows'])}")
    labels = {c["name"]: c["label"] for c in exp["columns"]}
    got_labels = {k: (v or "") for k, v in meta.column_names_to_labels.items()}
    check(got_labels == labels, f"pyreadstat labels {got_labels} != {labels}")
    for c in exp["columns"]:
        got = meta.original_variable_types.get(c["name"])
        check(got == expected_format(c["format"]), f"pyreadstat format of {c['name']}: {got!r} != {c['format']!r}")
        kind = meta.readstat_variable_types[c["name"]]
        check((kind == "string") == (c["type"] == "char"), f"pyreadstat type of {c['name']}: {kind}")
    for i, row in enumerate(exp["rows"]):
        for c, want in zip(exp["columns"], row):
            got = df[c["name"]].iloc[i]
            where = f"pyreadstat row {i + 1} {c['name']}"
            if c["type"] == "char":
                check(got == want, f"{where}: {got!r} != {want!r}")
            else:
                check(same_number(got, want, "pyreadstat"), f"{where}: {got!r} != {want!r}")
    # pyreadstat's read_xport has no user_missing option: `.A`-`.Z` and `._` arrive as NaN
    # like `.`, which same_number() checks. Their bytes are checked by the Rust tests.
    # DATE9. columns convert to the calendar dates SAS means (days since 1960-01-01).
    dated = [c["name"] for c in exp["columns"] if (c["format"] or "").startswith("DATE")]
    if dated and exp["rows"]:
        df_dates, _ = pyreadstat.read_xport(str(path))
        for name in dated:
            j = names.index(name)
            for i, row in enumerate(exp["rows"]):
                if isinstance(row[j], (int, float)):
                    want = (pd.Timestamp("1960-01-01") + pd.Timedelta(days=row[j])).date()
                    got = df_dates[name].iloc[i]
                    check(got == want, f"pyreadstat date row {i + 1} {name}: {got!r} != {want}")


def check_pandas(path, exp):
    names = [c["name"] for c in exp["columns"]]
    try:
        df = pd.read_sas(str(path), format="xport", encoding="ascii")
    except StopIteration:
        # pandas' XPORT reader raises StopIteration on a dataset with no observations.
        check(len(exp["rows"]) == 0, "pandas raised StopIteration on a non-empty dataset")
        return "pandas: 0 rows (StopIteration, a pandas limitation)"
    check(list(df.columns) == names, f"pandas columns {list(df.columns)}")
    check(len(df) == len(exp["rows"]), f"pandas rows {len(df)} != {len(exp['rows'])}")
    for i, row in enumerate(exp["rows"]):
        for c, want in zip(exp["columns"], row):
            got = df[c["name"]].iloc[i]
            where = f"pandas row {i + 1} {c['name']}"
            if c["type"] == "char":
                check(got == want, f"{where}: {got!r} != {want!r}")
            else:
                check(same_number(got, want, "pandas", allow_pandas_zero=True), f"{where}: {got!r} != {want!r}")
    return f"pandas: {len(df)} rows"


def main(argv):
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    directory = Path(argv[1])
    sidecars = sorted(directory.glob("*.expected.json"))
    if not sidecars:
        print(f"no *.expected.json in {directory}", file=sys.stderr)
        return 1
    failures = 0
    for sidecar in sidecars:
        xpt = sidecar.with_name(sidecar.name.replace(".expected.json", ".xpt"))
        exp = json.loads(sidecar.read_text())
        try:
            check(xpt.is_file(), f"{xpt.name} missing")
            check_pyreadstat(xpt, exp)
            note = check_pandas(xpt, exp)
            print(f"ok   {xpt.name}: {len(exp['rows'])} rows x {len(exp['columns'])} columns; {note}")
        except Mismatch as e:
            failures += 1
            print(f"FAIL {xpt.name}: {e}")
    print(f"{len(sidecars) - failures}/{len(sidecars)} files agree with pyreadstat {pyreadstat.__version__} and pandas {pd.__version__}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
