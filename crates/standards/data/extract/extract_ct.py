#!/usr/bin/env python3
"""Regenerate ../sdtm-ct-2022-03-25.tsv and ../adam-ct-2021-12-17.tsv from the CDISC CT
files under /work/shared/standards/ct (stdlib only).

    python3 extract_ct.py [/path/to/shared/standards/ct]

Output layout follows NCI EVS's tab-delimited CT reports: one row per codelist (empty
`Codelist Code`, `Extensible` Yes/No) followed by one row per term; synonyms joined by "; ".
Definitions are dropped to keep the embedded text small. Rows are sorted so the output is
byte-identical between runs.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

CT_DIR = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/standards/ct")
OUT = Path(__file__).resolve().parent.parent

# The codelists the embedded SDTMIG/ADaMIG tables reference, plus the trial-design
# value lists TS needs. Add a submission value here and re-run to embed another codelist.
SDTM_CODELISTS = """
ACN AESEV AGEU ARMNULRS CNTMODE DIR DOMAIN DSCAT EPOCH ETHNIC EVAL FREQ FRM IECAT INTMODEL
INTTYPE LAT LBSTRESC LBTEST LBTESTCD LOC MEDEVAL METHOD MHEDTTYP NCOMPLT ND NRIND NY OTHEVENT OUT POSITION
PROTMLST RACE RELTYPE RETEST RETESTCD ROUTE SEVRS SEX SEXPOP SPECCOND SPECTYPE STENRF STYPE
TBLIND TCNTRL TINDTP TPHASE TRTINTNT TSPARM TSPARMCD TTYPE UNIT VSRESU VSTEST VSTESTCD
""".split()
ADAM_CODELISTS = "DATEFL DTYPE PARAMTYP POOLINT SBJTSTAT TIMEFL".split()

HEADER = ["Code", "Codelist Code", "Extensible", "Codelist Name", "Submission Value",
          "Synonyms", "Preferred Term"]


def clean(text):
    text = (text or "").strip()
    if any(c in text for c in "\t\r\n"):
        raise ValueError(f"control character in {text!r}")
    return text


def join_synonyms(values):
    # The OWL sometimes packs several synonyms into one element, "; "-separated as in NCI's
    # text reports, so split before de-duplicating.
    parts = {p.strip() for v in values for p in v.split(";")}
    return "; ".join(sorted(p for p in parts if p))


def write(path, codelists):
    """codelists: {code: (extensible, name, subval, synonyms, preferred, [terms])}"""
    lines = ["\t".join(HEADER)]
    for code, (ext, name, subval, syns, pref, terms) in sorted(
            codelists.items(), key=lambda kv: kv[1][2]):
        lines.append("\t".join([code, "", ext, name, subval, syns, pref]))
        for tcode, tsub, tsyns, tpref in sorted(terms, key=lambda t: (t[1], t[0])):
            lines.append("\t".join([tcode, code, "", name, tsub, tsyns, tpref]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(codelists)} codelists, {len(lines) - 1 - len(codelists)} terms")


def sdtm():
    ns = {"mms": "http://rdf.cdisc.org/mms#", "cts": "http://rdf.cdisc.org/ct/schema#",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    rdf_id = "{%s}ID" % ns["rdf"]
    with zipfile.ZipFile(CT_DIR / "SDTM_Terminology_2022-03-25.OWL.zip") as z:
        root = ET.fromstring(z.read("SDTM Terminology.owl"))

    def text(el, tag):
        return clean(el.findtext("cts:" + tag, default="", namespaces=ns))

    def syns(el):
        return join_synonyms([clean(s.text) for s in el.findall("cts:cdiscSynonyms", ns)])

    wanted, lists = set(SDTM_CODELISTS), {}
    for d in root.iter("{%s}EnumeratedValueDomain" % ns["mms"]):
        if text(d, "cdiscSubmissionValue") in wanted:
            ext = "Yes" if text(d, "isExtensibleCodelist") == "true" else "No"
            lists[d.get(rdf_id)] = (ext, text(d, "codelistName"), text(d, "cdiscSubmissionValue"),
                                    syns(d), text(d, "nciPreferredTerm"), [])
    for pv in root.iter("{%s}PermissibleValue" % ns["mms"]):
        cl = pv.get(rdf_id).split(".")[0]
        if cl in lists:
            lists[cl][5].append((text(pv, "nciCode"), text(pv, "cdiscSubmissionValue"),
                                 syns(pv), text(pv, "nciPreferredTerm")))
    missing = wanted - {v[2] for v in lists.values()}
    if missing:
        raise SystemExit(f"codelists not in the OWL: {sorted(missing)}")
    write(OUT / "sdtm-ct-2022-03-25.tsv", lists)


def adam():
    ns = {"odm": "http://www.cdisc.org/ns/odm/v1.3",
          "nci": "http://ncicb.nci.nih.gov/xml/odm/EVS/CDISC"}
    ext_id = "{%s}ExtCodeID" % ns["nci"]
    root = ET.parse(CT_DIR / "ct-odm-xml" / "ADaM_Terminology_2021-12-17.odm.xml").getroot()

    def text(el, tag):
        return clean(el.findtext("nci:" + tag, default="", namespaces=ns))

    def syns(el):
        return join_synonyms([clean(s.text) for s in el.findall("nci:CDISCSynonym", ns)])

    lists = {}
    for cl in root.iter("{%s}CodeList" % ns["odm"]):
        subval = text(cl, "CDISCSubmissionValue")
        if subval not in ADAM_CODELISTS:
            continue
        terms = [(item.get(ext_id), clean(item.get("CodedValue")), syns(item),
                  text(item, "PreferredTerm"))
                 for item in cl.findall("odm:EnumeratedItem", ns)]
        ext = cl.get("{%s}CodeListExtensible" % ns["nci"])
        lists[cl.get(ext_id)] = (ext, clean(cl.get("Name")), subval, syns(cl),
                                 text(cl, "PreferredTerm"), terms)
    write(OUT / "adam-ct-2021-12-17.tsv", lists)


if __name__ == "__main__":
    sdtm()
    adam()
