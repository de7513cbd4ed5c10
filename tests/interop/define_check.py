#!/usr/bin/env python3
"""Validate every *.xml file in DIR against the Define-XML 2.1 schema with lxml.

The entry point is define2-1-0.xsd: it includes define-extension.xsd, which redefines the
ODM 1.3.2 foundation and imports the def/xlink/xml/xmldsig schemas by relative path, so
everything resolves from the local folder without network access. A file that uses Analysis
Results Metadata (any element in the arm/v1.0 namespace) is validated against
cdisc-arm-1.0/arm1-0-0.xsd instead, which redefines the Define-XML 2.1 extension to allow
arm:AnalysisResultDisplays: define2-1-0.xsd alone rejects the official ADaM example.

Beyond the schema, the official examples' OID conventions are checked loosely: every
ItemOID, CodeListOID, MethodOID, ValueListOID, WhereClauseOID, CommentOID and StandardOID
referenced must be defined (the XSD types these as plain strings, not ID/IDREF).
The XSDs are the standards folder's ($TRIALBRIDGE_STANDARDS).
Exit 0 when all files pass, 1 otherwise, 2 when the standards folder is not set.
"""
import os
import sys
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
# Relative to the standards folder's define-xml/xsd.
XSD = Path("cdisc-define-2.1") / "define2-1-0.xsd"
ARM_XSD = Path("cdisc-arm-1.0") / "arm1-0-0.xsd"
ARM = "http://www.cdisc.org/ns/arm/v1.0"
ODM = "http://www.cdisc.org/ns/odm/v1.3"
DEF = "http://www.cdisc.org/ns/def/v2.1"

# (referencing attribute, defining element) pairs; attributes in the def namespace are
# written in Clark notation.
REFS = [
    ("ItemOID", [f"{{{ODM}}}ItemDef"]),
    (f"{{{DEF}}}ItemOID", [f"{{{ODM}}}ItemDef"]),
    ("CodeListOID", [f"{{{ODM}}}CodeList"]),
    ("MethodOID", [f"{{{ODM}}}MethodDef"]),
    ("ValueListOID", [f"{{{DEF}}}ValueListDef"]),
    ("WhereClauseOID", [f"{{{DEF}}}WhereClauseDef"]),
    (f"{{{DEF}}}CommentOID", [f"{{{DEF}}}CommentDef"]),
    (f"{{{DEF}}}StandardOID", [f"{{{DEF}}}Standard"]),
]


def dangling(doc):
    defined = {}
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        oid = el.get("OID")
        if oid is not None:
            defined.setdefault(el.tag, set()).add(oid)
    for attr, tags in REFS:
        targets = set().union(*(defined.get(t, set()) for t in tags))
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            ref = el.get(attr)
            if ref is not None and ref not in targets:
                name = etree.QName(attr).localname
                yield f"line {el.sourceline}: {name}={ref!r} is not defined"


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


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: define_check.py DIR")
    folder = Path(sys.argv[1])
    xsd_dir = standards_dir() / "define-xml" / "xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd_dir / XSD)))
    arm_schema = None
    files = sorted(folder.glob("*.xml"))
    if not files:
        sys.exit(f"no .xml files in {folder}")
    failed = 0
    for path in files:
        try:
            doc = etree.parse(str(path))
        except (etree.XMLSyntaxError, OSError) as e:
            found = [f"cannot be read: {e}"]
        else:
            found = []
            uses_arm = any(
                isinstance(el.tag, str) and el.tag.startswith(f"{{{ARM}}}")
                for el in doc.iter()
            )
            if uses_arm and arm_schema is None:
                arm_schema = etree.XMLSchema(etree.parse(str(xsd_dir / ARM_XSD)))
            against = arm_schema if uses_arm else schema
            if not against.validate(doc):
                found += [f"line {e.line}: {e.message}" for e in against.error_log]
            found += list(dangling(doc))
        if found:
            failed += 1
            print(f"FAIL {path.name}")
            for p in found:
                print(f"  {p}")
        else:
            print(f"ok   {path.name}")
    print(f"{len(files) - failed}/{len(files)} files valid against {XSD.name}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
