#!/usr/bin/env python3
"""Writes the small seed inputs under fuzz/seeds/<target>/ (standard library only).

Seeds are valid inputs built with the corpus generator's helpers, small real files from
fixtures/, and the bad-input corpus itself. Minimized crashes found while fuzzing are added
by hand as seeds/<target>/crash-<what>; this script never deletes them.
"""

import shutil
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
REPO = FUZZ.parent
sys.path.insert(0, str(REPO / "tests" / "corpus"))
import make  # noqa: E402  (the corpus generator)

SEEDS = FUZZ / "seeds"


def put(target, name, data):
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data.encode() if isinstance(data, str) else data)


def copy(target, pattern, root=REPO / "tests" / "corpus", limit=64 * 1024):
    for p in sorted(root.glob(pattern)):
        if p.is_file() and p.stat().st_size <= limit:
            put(target, p.name, p.read_bytes())


def main():
    # XPT: a good v5 file, one with a character-only and an empty member, and the corpus.
    put("xpt_reader", "good_dm.xpt", make.xpt(make.DM_VARS, make.DM_ROWS))
    put("xpt_reader", "good_no_rows.xpt", make.xpt(make.DM_VARS, []))
    two = make.xpt(make.DM_VARS, make.DM_ROWS)
    second = two[two.find(b"HEADER RECORD*******MEMBER") :]
    put("xpt_reader", "good_two_members.xpt", two + second)
    copy("xpt_reader", "xpt/*.xpt")

    # Dataset-JSON: first byte 0 json, 1 ndjson, 2 dsjc.
    cols = [make.C_USUBJID, make.C_AGE, make.C_BRTHDTC]
    good = make.dsj(cols, [["01-001", 54, "1970-02-01"], ["01-002", None, ""]])
    put("dataset_json_reader", "good.json", b"\x00" + good.encode())
    header = make.dsj(cols, [], records=1).replace(',"rows":[]', "")
    nd = header + '["01-001",54,"1970-02-01"]\n'
    put("dataset_json_reader", "good.ndjson", b"\x01" + nd.encode())
    put("dataset_json_reader", "good.dsjc", b"\x02" + make.zlib.compress(nd.encode(), 9))
    for p in sorted((REPO / "tests" / "corpus" / "dsj").glob("*")):
        if p.stat().st_size <= 64 * 1024:
            flavor = {".json": 0, ".ndjson": 1, ".dsjc": 2}[p.suffix]
            put("dataset_json_reader", p.name, bytes([flavor]) + p.read_bytes())

    put("ctgov_json", "minimal.json", make.CTGOV_JSON)
    copy("ctgov_json", "*.json", root=REPO / "fixtures" / "registry")
    copy("ctgov_json", "registry/ctgov_[!d]*.json")

    put("ctgov_xml", "minimal_legacy.xml", make.LEGACY_XML)
    put("ctgov_xml", "minimal_ictrp.xml", make.ICTRP_XML)
    copy("ctgov_xml", "ictrp-*.xml", root=REPO / "fixtures" / "registry")
    copy("ctgov_xml", "registry/*[!g].xml")

    for i, s in enumerate(
        [
            "2024-01-31", "2024-01", "2024", "2024-01-31T12:30", "2024-01-31T12:30:45.123Z",
            "2024-01-31T12:30:45+09:00", "2024---31", "--01-31", "2024-01-31T-:30",
            "2024-02-29", "1900-02-29", "2024-01-31T24:00",
        ]
    ):
        put("iso8601", f"seed{i:02}", s)

    copy("mapping_spec", "*.toml", root=REPO / "mappings" / "umin000015469")
    copy("mapping_spec", "mapping/*.toml")

    put("define_check", "minimal.xml", make.DEFINE)
    copy("define_check", "define/*[!g].xml")

    put("csv_reader", "good.csv", "USUBJID,AGE,SEX\n01-001,54,F\n01-002,,M\n")
    copy("csv_reader", "csv/*.csv")

    # Workbooks: the first byte picks the extension (0 xlsx, 1 xls, 2 ods, 3 csv).
    pick = {".xlsx": 0, ".xls": 1, ".ods": 2, ".csv": 3}
    small = [REPO / "fixtures" / "umin000015469" / "randomization.xlsx"]
    small += sorted((REPO / "tests" / "corpus" / "xlsx").glob("*"))
    small += sorted((REPO / "tests" / "corpus" / "csv").glob("*.csv"))
    for p in small:
        if p.is_file() and p.stat().st_size <= 64 * 1024:
            put("workbook", p.name, bytes([pick[p.suffix]]) + p.read_bytes())


if __name__ == "__main__":
    main()
