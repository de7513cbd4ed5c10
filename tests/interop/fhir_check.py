#!/usr/bin/env python3
"""Checks trialbridge FHIR output with independent tools.

Usage: fhir_check.py DIR [--expect-invalid]
       fhir_check.py --misses

DIR holds r5/*.json and r4b/*.json (see crates/fhir/examples/fhir_interop_fixtures.rs).
Each file must parse with fhir.resources (R5: the top package; R4B: fhir.resources.R4B;
tested with fhir.resources==8.3.0) and validate against the official FHIR JSON schema
(fhir/r5 and fhir/r4 of the standards folder, $TRIALBRIDGE_STANDARDS; R4B output is
R4-shaped for the resources we write).

With --expect-invalid, prints for each file whether each tool accepts it instead of failing:
the Rust tests use this to show what our validator catches and these tools miss.
With --misses, checks that fhir.resources and the schema accept three broken ResearchStudies
(bad status code, dangling #contained reference, Period start after end) that
crates/fhir/tests/validate.rs shows our validator rejects.
Exit code: 0 all pass, 1 some file fails, 2 usage or setup error.
"""
import json
import os
import re
import sys
from pathlib import Path

import jsonschema
from fhir.resources import get_fhir_model_class as r5_model
from fhir.resources.R4B import get_fhir_model_class as r4b_model

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


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


class Schema:
    """The official schema, entered at the document's own resource type.

    Validating at the root (a oneOf over every resource type) is slow and says little.
    """

    def __init__(self, sub):
        text = (standards_dir() / "fhir" / sub / "fhir.schema.json").read_text()
        # The R5 decimal pattern has a stray '}' (same repair as crates/fhir validate/schema.rs).
        self.definitions = json.loads(text.replace("{1,9}})?$", "{1,9})?$"))["definitions"]
        self.cache = {}

    def iter_errors(self, data):
        rt = data.get("resourceType", "")
        if rt not in self.cache:
            root = {"$ref": f"#/definitions/{rt}", "definitions": self.definitions}
            self.cache[rt] = jsonschema.Draft6Validator(root)
        return self.cache[rt].iter_errors(data)


def load_schema(sub):
    return Schema(sub)


def check_file(path, model_of, validator):
    problems = []
    data = json.loads(path.read_text())
    try:
        model_of(data["resourceType"]).model_validate(data)
    except Exception as e:  # pydantic ValidationError and friends
        problems.append(f"fhir.resources: {str(e).splitlines()[0:3]}")
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    for e in errors[:5]:
        problems.append(f"schema: /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
    return problems


MISSES_BASE = {
    "resourceType": "ResearchStudy", "id": "s1", "status": "active",
    "contained": [{"resourceType": "Group", "id": "elig", "type": "person", "membership": "definitional"}],
    "recruitment": {"eligibility": {"reference": "#elig", "type": "Group"}},
    "period": {"start": "2020-01-01", "end": "2021-06"},
}


def misses():
    import copy
    cases = {
        "bad status code": ("status", "ongoing"),
        "dangling #contained reference": ("recruitment", {"eligibility": {"reference": "#nowhere"}}),
        "Period start after end": ("period", {"start": "2022-03-01", "end": "2021-06"}),
    }
    validator = load_schema("r5")
    missed = 0
    for name, (key, value) in cases.items():
        doc = copy.deepcopy(MISSES_BASE)
        doc[key] = value
        try:
            r5_model("ResearchStudy").model_validate(doc)
            model_ok = True
        except Exception:
            model_ok = False
        schema_ok = not any(True for _ in validator.iter_errors(doc))
        missed += model_ok and schema_ok
        print(f"{name}: fhir.resources {'accepts' if model_ok else 'rejects'}, schema {'accepts' if schema_ok else 'rejects'}")
    return 0 if missed == len(cases) else 1


def main(argv):
    if "--misses" in argv:
        return misses()
    args = [a for a in argv[1:] if not a.startswith("--")]
    expect_invalid = "--expect-invalid" in argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(args[0])
    setups = [("r5", r5_model, load_schema("r5")), ("r4b", r4b_model, load_schema("r4"))]
    checked, failed = 0, 0
    for sub, model_of, validator in setups:
        for path in sorted((root / sub).glob("*.json")):
            problems = check_file(path, model_of, validator)
            checked += 1
            if expect_invalid:
                verdict = "rejected" if problems else "accepted"
                print(f"{sub}/{path.name}: {verdict}")
                continue
            if problems:
                failed += 1
                print(f"FAIL {sub}/{path.name}")
                for p in problems:
                    print(f"  {p}")
    if checked == 0:
        print(f"no FHIR files under {root}", file=sys.stderr)
        return 2
    if not expect_invalid:
        print(f"fhir_check: {checked - failed}/{checked} files pass fhir.resources and the JSON schema")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
