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

    # Registry records for the record checks: the first byte picks the format (0 API v2
    # JSON, 1 classic JSON, 2 legacy XML, 3 ICTRP XML, 4 study TOML).
    put("registry_record", "minimal_v2.json", b"\x00" + make.CTGOV_JSON.encode())
    put("registry_record", "classic.json", b"\x01" + CLASSIC_JSON.encode())
    put("registry_record", "classic_response.json", b"\x01" + CLASSIC_RESPONSE.encode())
    put("registry_record", "minimal_legacy.xml", b"\x02" + make.LEGACY_XML.encode())
    put("registry_record", "minimal_ictrp.xml", b"\x03" + make.ICTRP_XML.encode())
    reg = REPO / "fixtures" / "registry"
    for name, pick in [
        ("nct04966884.json", 0),
        ("seed000-jak-vs-cni-ass-ild.json", 0),
        ("ictrp-umin000015469.xml", 3),
        ("umin000015469.toml", 4),
    ]:
        put("registry_record", name, bytes([pick]) + (reg / name).read_bytes())

    # FHIR resources of each version, and package manifests.
    for name, text in FHIR_SEEDS.items():
        put("fhir_version", name, text)

    put("study_file", "umin000015469.study.toml", (REPO / "fixtures" / "umin000015469.study.toml").read_bytes())
    # dataset_package: zips a site might upload to `serve`, a path-traversal entry and a bomb.
    import io
    import zipfile

    def zipped(entries, method=zipfile.ZIP_DEFLATED):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", method) as z:
            for name, data in entries:
                z.writestr(name, data)
        return b.getvalue()

    # Our own datasets only: reference files (the CDISC pilot) never enter the repository.
    corpus = REPO / "tests" / "corpus"
    put("dataset_package", "own-datasets.zip", zipped([
        ("sdtm/empty.xpt", (corpus / "xpt" / "empty.xpt").read_bytes()),
        ("sdtm/numeric_length_1.xpt", (corpus / "xpt" / "numeric_length_1.xpt").read_bytes()),
        ("sdtm/define.xml", b"<ODM xmlns='http://www.cdisc.org/ns/odm/v1.3'/>"),
    ]))
    put("dataset_package", "traversal.zip", zipped([("../../etc/dm.xpt", b"HEADER RECORD"), ("x/Define.XML", b"<ODM/>")]))
    put("dataset_package", "bomb.zip", zipped([("lb.xpt", b"\0" * (80 << 20))]))
    put("dataset_package", "stored.zip", zipped([("dm.csv", b"STUDYID,USUBJID\nX,1\n")], zipfile.ZIP_STORED))
    # analysis_spec: the first byte picks the file replaced (crates/adam's EXAMPLE order).
    order = ["analysis", "adsl", "adtte", "adre", "adlb", "summary", "adgc", "adlda"]
    for study in ["umin000015469", "seed000"]:
        for i, name in enumerate(order):
            p = REPO / "analyses" / study / f"{name}.toml"
            if p.exists():
                put("analysis_spec", f"{study}-{name}.toml", bytes([i]) + p.read_bytes())
    put("study_file", "minimal.toml", '[study]\nid = "X"\n')
    put("study_file", "bad_pattern.toml", '[study]\nid = "X"\n[sites]\nworkbooks = ["site-[.xlsx"]\n')


CLASSIC_JSON = """{"FullStudiesResponse": {"APIVrs": "1.01.05", "NStudiesFound": 1,
 "FullStudies": [{"Rank": 1, "Study": {"ProtocolSection": {
  "IdentificationModule": {"NCTId": "NCT00000001", "BriefTitle": "A classic record",
   "OfficialTitle": "A classic record \u2265 18 years"},
  "StatusModule": {"OverallStatus": "Completed",
   "StartDateStruct": {"StartDate": "March 2015"},
   "CompletionDateStruct": {"CompletionDate": "June 12, 2018", "CompletionDateType": "Actual"}},
  "DesignModule": {"StudyType": "Interventional", "PhaseList": {"Phase": ["Phase 2"]},
   "EnrollmentInfo": {"EnrollmentCount": "40", "EnrollmentType": "Actual"}},
  "ArmsInterventionsModule": {"ArmGroupList": {"ArmGroup": [
   {"ArmGroupLabel": "Tacrolimus", "ArmGroupType": "Experimental"},
   {"ArmGroupLabel": "Placebo", "ArmGroupType": "Placebo Comparator"}]}},
  "ConditionsModule": {"ConditionList": {"Condition": ["Interstitial Lung Disease"]}}}}}]}}"""

CLASSIC_RESPONSE = """{"FullStudy": {"Study": {"ProtocolSection": {"IdentificationModule":
 {"NCTId": "NCT00000002"}, "StatusModule": {"OverallStatus": "Withheld"}}}}}"""

FHIR_SEEDS = {
    "r4_research_study.json": """{"resourceType": "ResearchStudy", "id": "a",
 "status": "completed", "enrollment": [{"reference": "Group/g"}],
 "arm": [{"name": "A", "type": {"text": "Experimental"}}]}""",
    "r5_research_study.json": """{"resourceType": "ResearchStudy", "id": "b",
 "status": "active", "meta": {"profile": ["http://hl7.org/fhir/R5/StructureDefinition/ResearchStudy"]},
 "comparisonGroup": [{"linkId": "A", "name": "A"}],
 "recruitment": {"actualNumber": 40}}""",
    "capability.json": """{"resourceType": "CapabilityStatement", "status": "active",
 "fhirVersion": "4.3.0", "kind": "instance", "date": "2024-01-01", "format": ["json"]}""",
    "bundle.json": """{"resourceType": "Bundle", "type": "collection", "entry": [
 {"resource": {"resourceType": "ResearchSubject", "status": "on-study", "study": {"reference": "ResearchStudy/a"}}},
 {"resource": {"resourceType": "Patient", "id": "p", "contained": [{"resourceType": "Group", "type": "person", "actual": true}]}}]}""",
    "package.json": """{"name": "example.fhir.study", "version": "0.1.0",
 "fhirVersions": ["4.0.1"], "dependencies": {"hl7.fhir.r4.core": "4.0.1"}}""",
    "package_bad.json": """{"name": "Bad Name", "version": "1", "fhirVersion": "9.0.0",
 "fhirVersions": ["4.0.1", "5.0.0", 3], "dependencies": []}""",
}


if __name__ == "__main__":
    main()
