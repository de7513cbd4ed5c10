#!/usr/bin/env python3
"""Regenerates the bad-input corpus under tests/corpus/.

Standard library only and deterministic: no clock, no randomness beyond a fixed-seed
generator, zip members stamped 1980-01-01 and stored (not deflated) so the bytes do not
depend on the zlib build. Run from anywhere:

    python3 tests/corpus/make.py

Every file is small (the largest is a few hundred kilobytes of nesting brackets that
compress to nothing in git). "Huge" inputs only *claim* to be huge. See README.md for what
each file is and what trialbridge must do with it.
"""

import random
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
RNG = random.Random(20240601)
WRITTEN = []


def write(rel, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = HERE / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    WRITTEN.append(rel)


def garbage(n):
    return bytes(RNG.randrange(256) for _ in range(n))


# --------------------------------------------------------------------------- xlsx

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Demographics" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>54</v></c></row>'
    "</sheetData></worksheet>"
)
SHARED = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">'
    "<si><t>Subject ID</t></si><si><t>Age</t></si><si><t>01-001</t></si></sst>"
)


def xlsx(members):
    """A zip with the given (name, text) members, stored, stamped 1980-01-01."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, text)
    return buf.getvalue()


def good_xlsx(sheet=SHEET, shared=SHARED, extra=()):
    return xlsx(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", shared),
            *extra,
        ]
    )


def patch_central(data, member, compressed=None, uncompressed=None, method=None):
    """Rewrites what the central directory claims about one member."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        name = bytes(data[at + 46 : at + 46 + name_len]).decode()
        if name == member:
            if method is not None:
                struct.pack_into("<H", data, at + 10, method)
            if compressed is not None:
                struct.pack_into("<I", data, at + 20, compressed)
            if uncompressed is not None:
                struct.pack_into("<I", data, at + 24, uncompressed)
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 46 + name_len + extra_len + comment_len)
    raise KeyError(member)


def make_workbooks():
    good = good_xlsx()
    write("xlsx/truncated.xlsx", good[: len(good) // 2])
    # Random bytes; the first happens to be `<`, so the sniffer takes it for markup.
    write("xlsx/garbage_starting_with_lt.xlsx", garbage(3000))
    write("xlsx/garbage.xlsx", b"\x13\x37" + garbage(3000))
    write("xlsx/empty.xlsx", b"")
    # A member that claims 4,000,000,000 bytes: over the 1 GiB per-member ceiling.
    write(
        "xlsx/zip_bomb_member_size.xlsx",
        patch_central(good, "xl/worksheets/sheet1.xml", uncompressed=4_000_000_000),
    )
    # 600 MB claimed from 1 KB compressed: a ratio of 600,000:1.
    write(
        "xlsx/zip_bomb_ratio.xlsx",
        patch_central(
            good, "xl/worksheets/sheet1.xml", compressed=1000, uncompressed=600_000_000, method=8
        ),
    )
    # Five members of 950 MB each (ratio 475:1, each under the member ceiling): 4.75 GB total.
    many = good_xlsx(extra=[(f"xl/media/blob{i}.bin", "x" * 64) for i in range(5)])
    for i in range(5):
        many = patch_central(
            many, f"xl/media/blob{i}.bin", compressed=2_000_000, uncompressed=950_000_000
        )
    write("xlsx/zip_bomb_total.xlsx", many)
    # An OLE compound file (what Excel writes for a password-protected workbook) named .xlsx.
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff")
    ole += bytes(512 - len(ole))
    ole += "EncryptionInfo".encode("utf-16-le") + bytes(64)
    ole += "EncryptedPackage".encode("utf-16-le") + garbage(400)
    write("xlsx/password_protected.xlsx", bytes(ole))
    # The shared-strings table *claims* ten billion unique strings (a few bytes of XML).
    write(
        "xlsx/shared_strings_claimed_huge.xlsx",
        good_xlsx(shared=SHARED.replace('uniqueCount="3"', 'uniqueCount="10000000000"')),
    )
    # ... and one that claims more than usize can count.
    write(
        "xlsx/shared_strings_claimed_overflow.xlsx",
        good_xlsx(shared=SHARED.replace('uniqueCount="3"', 'uniqueCount="18446744073709551615"')),
    )
    write(
        "xlsx/html_named_xls.xls",
        "<html><body><table><tr><td>Subject ID</td><td>Age</td></tr></table></body></html>\n",
    )
    write(
        "xlsx/no_workbook_part.xlsx",
        xlsx([("[Content_Types].xml", CONTENT_TYPES), ("hello.txt", "not a workbook")]),
    )
    write(
        "xlsx/malformed_sheet_xml.xlsx",
        good_xlsx(sheet=SHEET.replace("</row>", "</rowx>", 1)[:-40]),
    )
    # The end-of-archive record points the member directory past the end of the file.
    data = bytearray(good)
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, eocd + 16, len(good) * 10)
    write("xlsx/directory_past_end.xlsx", bytes(data))
    # 100,000 nested elements inside the sheet XML.
    deep = SHEET.replace("<sheetData>", "<sheetData>" + "<x>" * 100_000)
    write("xlsx/deep_nesting_sheet.xlsx", good_xlsx(sheet=deep))
    # An ODS whose content.xml is cut off.
    write(
        "xlsx/truncated_content.ods",
        xlsx(
            [
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                (
                    "content.xml",
                    '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
                    '<table:table table:name="Demographics"><table:table-row><table:table-cell',
                ),
            ]
        ),
    )


# --------------------------------------------------------------------------- csv


def make_csv():
    write("csv/nul_bytes.csv", b"USUBJID,AGE\n01-001,5\x004\n01-\x00002,61\n")
    write(
        "csv/mixed_encodings.csv",
        "USUBJID,SITE\n01-001,Zürich\n".encode("utf-8")
        + "01-002,Zürich\n".encode("latin-1")
        + "01-003,東京\n".encode("utf-8"),
    )
    write("csv/ragged_rows.csv", "USUBJID,AGE,SEX\n01-001,54\n01-002,61,F,extra,more\n01-003,47,M\n")
    write("csv/unterminated_quote.csv", 'USUBJID,AETERM\n01-001,"HEADACHE\n01-002,NAUSEA\n')
    write("csv/binary_garbage.csv", garbage(2000))
    write("csv/duplicate_headers.csv", "USUBJID,AGE,AGE\n01-001,54,55\n")
    write("csv/utf16_with_bom.csv", "\ufeffUSUBJID,AGE\n01-001,54\n".encode("utf-16-le"))


# --------------------------------------------------------------------------- xpt


def rec(text):
    b = text.encode("ascii") if isinstance(text, str) else text
    assert len(b) <= 80, (len(b), b)
    return b + b" " * (80 - len(b))


def hdr(kind, digits="0" * 30):
    return rec(f"HEADER RECORD*******{kind:<8}HEADER RECORD!!!!!!!{digits}")


STAMP = "01JAN24:00:00:00"


def namestr(ntype, length, varnum, name, label, pos):
    b = struct.pack(">hhhh", ntype, 0, length, varnum)
    b += name.encode().ljust(8) + label.encode().ljust(40)
    b += b" " * 8 + struct.pack(">hhhh", 0, 0, 0, 0)
    b += b" " * 8 + struct.pack(">hh", 0, 0) + struct.pack(">i", pos)
    b += bytes(52)
    assert len(b) == 140
    return b


def ibm(x):
    """IBM 370 double for small non-negative integers (enough for the corpus)."""
    if x == 0:
        return bytes(8)
    e = 64
    m = float(x)
    while m >= 1:
        m /= 16
        e += 1
    return bytes([e]) + int(m * (1 << 56)).to_bytes(7, "big")


def xpt(variables, rows, nvars_claim=None):
    """A SAS XPORT v5 file. variables: (name, label, 'C'|'N', length)."""
    out = hdr("LIBRARY")
    out += rec("SAS     SAS     SASLIB  9.4     X64_7PRO" + " " * 24 + STAMP)
    out += rec(STAMP)
    out += rec("HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!000000000000000001600000000140")
    out += hdr("DSCRPTR")
    out += rec("SAS     DM      SASDATA 9.4     X64_7PRO" + " " * 24 + STAMP)
    out += rec(STAMP + " " * 16 + "Demographics".ljust(40) + " " * 8)
    n = len(variables) if nvars_claim is None else nvars_claim
    out += rec(f"HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!000000{n:04d}00000000000000000000")
    block = b""
    pos = 0
    for i, (name, label, kind, length) in enumerate(variables, 1):
        block += namestr(1 if kind == "N" else 2, length, i, name, label, pos)
        pos += length
    block += b" " * (-len(block) % 80)
    out += block
    out += hdr("OBS")
    data = b""
    for row in rows:
        for (name, label, kind, length), v in zip(variables, row):
            data += ibm(v) if kind == "N" else v.encode().ljust(length)
    data += b" " * (-len(data) % 80)
    return out + data


DM_VARS = [("USUBJID", "Unique Subject Identifier", "C", 20), ("AGE", "Age", "N", 8)]
DM_ROWS = [("01-001", 54), ("01-002", 61), ("01-003", 47), ("01-004", 70)]


def make_xpt():
    good = xpt(DM_VARS, DM_ROWS)
    obs_start = good.find(b"HEADER RECORD*******OBS") + 80
    write("xpt/truncated_mid_record.xpt", good[: obs_start + 28 + 13])
    ns_start = good.find(b"HEADER RECORD*******NAMESTR") + 80
    write("xpt/truncated_in_namestr.xpt", good[: ns_start + 100])
    write("xpt/truncated_in_library_header.xpt", good[:130])
    write("xpt/namestr_count_too_high.xpt", xpt(DM_VARS, DM_ROWS, nvars_claim=9))
    write("xpt/namestr_count_9999.xpt", xpt(DM_VARS, DM_ROWS, nvars_claim=9999))
    bad_digits = good.replace(b"!!!!!!!0000000002", b"!!!!!!!00000000AB", 1)
    write("xpt/namestr_count_not_digits.xpt", bad_digits)
    write(
        "xpt/html_pretending.xpt",
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
        "<body><h1>Not Found</h1><p>The requested URL was not found.</p></body></html>\n",
    )
    write("xpt/empty.xpt", b"")
    write("xpt/garbage_after_library_header.xpt", good[:240] + garbage(400))
    # A character variable claiming 32,000 bytes (v5 allows at most 200).
    write("xpt/namestr_length_huge.xpt", xpt([("USUBJID", "Id", "C", 32000)], []))
    # Two variables at overlapping positions, the second running past the observation.
    over = bytearray(good)
    second = ns_start + 140
    struct.pack_into(">i", over, second + 84, 16)  # npos of AGE inside USUBJID
    struct.pack_into(">h", over, second + 4, 30000)  # and 30,000 bytes long
    write("xpt/namestr_overlap.xpt", bytes(over))
    # A variable placed at byte 2,147,483,000 of the observation: the observation length the
    # header implies is 2 GB (found by the xpt_reader fuzzer as a 4 GB allocation).
    far = bytearray(good)
    struct.pack_into(">i", far, second + 84, 2_147_483_000)
    write("xpt/namestr_position_2gb.xpt", bytes(far))
    # A numeric variable of length 1 (SAS allows 2..8).
    bad_num = bytearray(good)
    struct.pack_into(">h", bad_num, second + 4, 1)
    write("xpt/numeric_length_1.xpt", bytes(bad_num))


# --------------------------------------------------------------------------- Dataset-JSON


def dsj(columns, rows, records=None, name="DM", extra=""):
    import json

    cols = ",".join(columns)
    body = ",".join(json.dumps(r, ensure_ascii=False) for r in rows)
    rec = len(rows) if records is None else records
    return (
        '{"datasetJSONCreationDateTime":"2024-01-01T00:00:00","datasetJSONVersion":"1.1.0",'
        '"fileOID":"www.example.org/corpus","dbLastModifiedDateTime":"2024-01-01T00:00:00",'
        '"originator":"corpus","sourceSystem":{"name":"corpus","version":"1"},'
        '"studyOID":"S","metaDataVersionOID":"M","itemGroupOID":"IG.' + name.replace('"', "") + '",'
        f'"records":{rec},"name":"{name}","label":"Demographics",{extra}'
        f'"columns":[{cols}],"rows":[{body}]}}\n'
    )


C_USUBJID = '{"itemOID":"IT.DM.USUBJID","name":"USUBJID","label":"Unique Subject Identifier","dataType":"string","length":20}'
C_AGE = '{"itemOID":"IT.DM.AGE","name":"AGE","label":"Age","dataType":"integer"}'
C_BRTHDTC = '{"itemOID":"IT.DM.BRTHDT","name":"BRTHDT","label":"Birth Date","dataType":"date","targetDataType":"integer"}'


def make_dsj():
    cols = [C_USUBJID, C_AGE]
    write("dsj/row_wider_than_columns.json", dsj(cols, [["01-001", 54], ["01-002", 61, "extra", 3]]))
    write("dsj/row_narrower_than_columns.json", dsj(cols, [["01-001"]]))
    write("dsj/wrong_value_type.json", dsj(cols, [["01-001", 54], ["01-002", "sixty-one"]]))
    write("dsj/columns_not_array.json", dsj([], []).replace('"columns":[]', '"columns":{"USUBJID":1}'))
    write("dsj/records_disagree.json", dsj(cols, [["01-001", 54], ["01-002", 61]], records=5))
    # 10 GiB claimed: the record count and a column length both say so; nothing is that big.
    huge = 10 * 1024**3
    write(
        "dsj/claimed_10gb.json",
        dsj([C_USUBJID.replace('"length":20', f'"length":{huge}'), C_AGE], [["01-001", 54]], records=huge),
    )
    header = dsj([C_USUBJID.replace('"length":20', f'"length":{huge}'), C_AGE], [], records=huge)
    header = header.replace(',"rows":[]', "")
    write("dsj/claimed_10gb.ndjson", header + '["01-001",54]\n')
    nested = "[" * 100_000  # never closed: the depth limit must trip first
    write("dsj/deep_nesting_top.json", nested + "\n")
    write("dsj/deep_nesting_attribute.json", dsj(cols, [], extra=f'"extra":{nested},'))
    write("dsj/deep_nesting_row.json", dsj(cols, []).replace('"rows":[]', f'"rows":[{nested}]'))
    full = dsj(cols, [["01-001", 54], ["01-002", 61], ["01-003", 47]])
    write("dsj/truncated.json", full[: full.index('"01-002"') + 5])
    write("dsj/binary_garbage.json", garbage(1500))
    write("dsj/invalid_utf8.json", dsj(cols, [["01-001", 54]]).encode().replace(b"01-001", b"01-\xff\xfe1"))
    write("dsj/number_out_of_range.json", dsj(cols, [["01-001", 1e308]]).replace("1e+308", "1e999"))
    write("dsj/duplicate_attribute.json", dsj(cols, [["01-001", 54]]).replace('"name":"DM",', '"name":"DM","name":"AE",'))
    write("dsj/bad_iso_date.json", dsj([C_USUBJID, C_BRTHDTC], [["01-001", "2024-13-45"]]))
    write("dsj/dotdot_name.json", dsj(cols, [["01-001", 54]], name="../../evil"))
    lines = dsj(cols, [], records=1).replace(',"rows":[]', "")
    write("dsj/ndjson_row_not_array.ndjson", lines + '{"USUBJID":"01-001","AGE":54}\n')
    write("dsj/garbage.dsjc", garbage(800))
    compressed = zlib.compress((lines + '["01-001",54]\n' * 50).encode(), 9)
    write("dsj/truncated.dsjc", compressed[: len(compressed) // 2])


# --------------------------------------------------------------------------- registry

CTGOV_JSON = """{
  "protocolSection": {
    "identificationModule": {"nctId": "NCT01234567", "briefTitle": "Corpus study"},
    "statusModule": {"overallStatus": "COMPLETED"},
    "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2"],
                     "enrollmentInfo": {"count": 58, "type": "ACTUAL"}}
  }
}
"""

LEGACY_XML = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study>
  <id_info><nct_id>NCT01234567</nct_id></id_info>
  <brief_title>Corpus study</brief_title>
  <overall_status>Completed</overall_status>
  <phase>Phase 2</phase>
  <study_type>Interventional</study_type>
</clinical_study>
"""

ICTRP_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Trials_downloaded_from_ICTRP>
  <Trial>
    <TrialID>JPRN-UMIN000015469</TrialID>
    <Public_title>Corpus study</Public_title>
  </Trial>
</Trials_downloaded_from_ICTRP>
"""

XXE = '<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = (
    '<!DOCTYPE {root} [\n  <!ENTITY lol "lol">\n'
    + "".join(
        f'  <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def with_doctype(xml, root, doctype, inject_at, inject):
    head, rest = xml.split("\n", 1)
    return head + "\n" + doctype.format(root=root) + rest.replace(inject_at, inject, 1)


def make_registry():
    write("registry/ctgov_truncated.json", CTGOV_JSON[: CTGOV_JSON.index('"phases"') + 12])
    write(
        "registry/ctgov_wrong_types.json",
        CTGOV_JSON.replace('["PHASE2"]', '"PHASE2"').replace('"count": 58', '"count": "lots"'),
    )
    write("registry/ctgov_root_is_array.json", "[" + CTGOV_JSON + "]\n")
    write("registry/ctgov_deep_nesting.json", '{"protocolSection":' + "[" * 100_000 + "\n")
    write("registry/ctgov_latin1.json", CTGOV_JSON.replace("Corpus study", "Étude corpus").encode("latin-1"))
    write(
        "registry/ctgov_xxe.xml",
        with_doctype(LEGACY_XML, "clinical_study", XXE, "Corpus study", "&xxe;"),
    )
    write(
        "registry/ctgov_billion_laughs.xml",
        with_doctype(LEGACY_XML, "clinical_study", LAUGHS, "Corpus study", "&lol9;"),
    )
    write("registry/ctgov_truncated.xml", LEGACY_XML[: LEGACY_XML.index("<phase>") + 4])
    write(
        "registry/ctgov_deep_nesting.xml",
        LEGACY_XML.replace("<brief_title>", "<x>" * 100_000 + "<brief_title>"),
    )
    write("registry/ictrp_xxe.xml", with_doctype(ICTRP_XML, "Trials_downloaded_from_ICTRP", XXE, "Corpus study", "&xxe;"))
    write(
        "registry/ictrp_billion_laughs.xml",
        with_doctype(ICTRP_XML, "Trials_downloaded_from_ICTRP", LAUGHS, "Corpus study", "&lol9;"),
    )
    write("registry/study_syntax_error.toml", '[study]\nid = "X"\ntitle = "unterminated\n')


# --------------------------------------------------------------------------- define.xml

DEFINE = """<?xml version="1.0" encoding="UTF-8"?>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:def="http://www.cdisc.org/ns/def/v2.1" ODMVersion="1.3.2" FileType="Snapshot" FileOID="F" CreationDateTime="2024-01-01T00:00:00">
  <Study OID="S"><GlobalVariables><StudyName>S</StudyName><StudyDescription>S</StudyDescription><ProtocolName>S</ProtocolName></GlobalVariables>
    <MetaDataVersion OID="M" Name="M" def:DefineVersion="2.1.0">
      <ItemGroupDef OID="IG.DM" Name="DM" Repeating="No" Purpose="Tabulation" def:Structure="One record per subject">
        <ItemRef ItemOID="IT.DM.USUBJID" Mandatory="Yes"/>
      </ItemGroupDef>
      <ItemDef OID="IT.DM.USUBJID" Name="USUBJID" DataType="text" Length="20"><Description><TranslatedText>Corpus study</TranslatedText></Description></ItemDef>
    </MetaDataVersion>
  </Study>
</ODM>
"""


def make_define():
    write("define/xxe.xml", with_doctype(DEFINE, "ODM", XXE, "Corpus study", "&xxe;"))
    write("define/billion_laughs.xml", with_doctype(DEFINE, "ODM", LAUGHS, "Corpus study", "&lol9;"))
    write("define/truncated.xml", DEFINE[: DEFINE.index("<ItemDef")])
    write("define/deep_nesting.xml", DEFINE.replace("<MetaDataVersion", "<x>" * 100_000 + "<MetaDataVersion", 1))


# --------------------------------------------------------------------------- mapping specs


def make_mappings():
    write(
        "mapping/self_reference.toml",
        """# DM whose USUBJID is built from itself, and whose AGE is copied from itself.
domain = "DM"

[source]
sheet = "Demographics"
subject = "Subject ID"

[variables]
STUDYID = { constant = "CORPUS" }
USUBJID = { concat = ["$USUBJID", "-", { column = "Subject ID" }] }
SUBJID  = { column = "Subject ID" }
AGE     = { from = "AGE" }
SITEID  = { column = "Site" }
SEX     = { column = "Sex" }
COUNTRY = { constant = "JPN" }
""",
    )
    write(
        "mapping/cycle.toml",
        """# Two variables each derived from the other.
domain = "DM"

[source]
sheet = "Demographics"
subject = "Subject ID"

[variables]
STUDYID = { constant = "CORPUS" }
USUBJID = { concat = ["$SUBJID", "-", "$STUDYID"] }
SUBJID  = { concat = ["$USUBJID"] }
SITEID  = { column = "Site" }
SEX     = { column = "Sex" }
COUNTRY = { constant = "JPN" }
""",
    )
    write("mapping/not_toml.toml", 'domain = "DM"\n[variables\nUSUBJID = {\n')


def main():
    make_workbooks()
    make_csv()
    make_xpt()
    make_dsj()
    make_registry()
    make_define()
    make_mappings()
    total = sum((HERE / r).stat().st_size for r in WRITTEN)
    print(f"{len(WRITTEN)} files, {total} bytes")


if __name__ == "__main__":
    main()
