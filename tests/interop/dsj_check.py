#!/usr/bin/env python3
"""Validate every Dataset-JSON file in DIR against the official v1.1 schema (draft 2019-09).

.json files are validated as they are. .ndjson and .dsjc (zlib NDJSON; gzip is accepted too)
are rebuilt as header + {"rows": [...]} and validated against the same schema: the published
NDJSON schema is UTF-16LE with dangling $refs (see the standards folder's README.md).
Beyond the schema, `records` must equal the number of rows and every row must be as wide as
`columns`. The schema is the standards folder's ($TRIALBRIDGE_STANDARDS). Exit 0 when all
files pass, 1 otherwise, 2 when the standards folder is not set.
"""
import json
import os
import sys
import zlib
import gzip
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]


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


def load(path):
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    raw = path.read_bytes()
    if path.suffix == ".dsjc":
        raw = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else zlib.decompress(raw)
    lines = raw.decode("utf-8").splitlines()
    doc = json.loads(lines[0])
    if "rows" in doc:
        raise ValueError("the NDJSON metadata line must not hold rows")
    doc["rows"] = [json.loads(line) for line in lines[1:] if line.strip()]
    return doc


def problems(doc, validator):
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        yield f"{where}: {err.message}"
    rows = doc.get("rows", [])
    if doc.get("records") != len(rows):
        yield f"records is {doc.get('records')} but there are {len(rows)} rows"
    width = len(doc.get("columns", []))
    for i, row in enumerate(rows):
        if len(row) != width:
            yield f"rows/{i}: {len(row)} values for {width} columns"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: dsj_check.py DIR")
    folder = Path(sys.argv[1])
    schema_path = standards_dir() / "dataset-json" / "schema" / "dataset.schema.v1.1.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft201909Validator.check_schema(schema)
    validator = jsonschema.Draft201909Validator(schema)
    files = sorted(p for p in folder.iterdir() if p.suffix in (".json", ".ndjson", ".dsjc"))
    if not files:
        sys.exit(f"no Dataset-JSON files in {folder}")
    failed = 0
    for path in files:
        try:
            found = list(problems(load(path), validator))
        except (ValueError, zlib.error, OSError) as e:
            found = [f"cannot be read: {e}"]
        if found:
            failed += 1
            print(f"FAIL {path.name}")
            for p in found:
                print(f"  {p}")
        else:
            print(f"ok   {path.name}")
    print(f"{len(files) - failed}/{len(files)} files valid against {schema_path.name}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
