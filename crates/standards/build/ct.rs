//! The CT tables, cut from the CDISC terminology files in the standards folder.
//!
//! Layout follows NCI EVS's tab-delimited CT reports: one row per codelist (empty
//! `Codelist Code`, `Extensible` Yes/No) followed by one row per term; synonyms joined by
//! "; ". Definitions are dropped to keep the embedded text small. Rows are sorted, so the
//! output depends on the input files only. (A port of the former `extract_ct.py`; its output
//! was proven byte-identical.)

use super::xml::{self, Element};
use std::collections::{BTreeSet, HashMap};
use std::io::BufReader;
use std::path::Path;

/// The codelists the embedded SDTMIG/ADaMIG tables reference, plus the trial-design value
/// lists TS needs. Add a submission value here to embed another codelist.
const SDTM_CODELISTS: &[&str] = &[
    "ACN", "AESEV", "AGEU", "ARMNULRS", "CNTMODE", "DIR", "DOMAIN", "DSCAT", "EPOCH", "ETHNIC",
    "EVAL", "FREQ", "FRM", "IECAT", "INTMODEL", "INTTYPE", "LAT", "LBSTRESC", "LBTEST", "LBTESTCD",
    "LOC", "MEDEVAL", "METHOD", "MHEDTTYP", "NCOMPLT", "ND", "NRIND", "NY", "OTHEVENT", "OUT",
    "POSITION", "PROTMLST", "RACE", "RELTYPE", "RETEST", "RETESTCD", "ROUTE", "SEVRS", "SEX",
    "SEXPOP", "SPECCOND", "SPECTYPE", "STENRF", "STYPE", "TBLIND", "TCNTRL", "TINDTP", "TPHASE",
    "TRTINTNT", "TSPARM", "TSPARMCD", "TTYPE", "UNIT", "VSRESU", "VSTEST", "VSTESTCD",
];
const ADAM_CODELISTS: &[&str] = &[
    "DATEFL", "DTYPE", "PARAMTYP", "POOLINT", "SBJTSTAT", "TIMEFL",
];

pub const SDTM_OWL: &str = "ct/SDTM_Terminology_2022-03-25.OWL.zip";
const SDTM_OWL_ENTRY: &str = "SDTM Terminology.owl";
/// The change log published with the SDTM CT release.
pub const SDTM_CHANGES: &str = "ct/SDTM_Terminology_Changes_2022-03-25.txt";

pub const ADAM_ODM: &str = "ct/ct-odm-xml/ADaM_Terminology_2021-12-17.odm.xml";

const HEADER: &str =
    "Code\tCodelist Code\tExtensible\tCodelist Name\tSubmission Value\tSynonyms\tPreferred Term";

const MMS: &str = "http://rdf.cdisc.org/mms#";
const CTS: &str = "http://rdf.cdisc.org/ct/schema#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const ODM: &str = "http://www.cdisc.org/ns/odm/v1.3";
const NCI: &str = "http://ncicb.nci.nih.gov/xml/odm/EVS/CDISC";

struct Codelist {
    ext: String,
    name: String,
    subval: String,
    syns: String,
    pref: String,
    /// (code, submission value, synonyms, preferred term)
    terms: Vec<[String; 4]>,
}

/// Codelists by NCI code in first-seen order; a later one with the same code replaces the
/// earlier's fields but keeps its place.
#[derive(Default)]
struct Lists {
    order: Vec<String>,
    by_code: HashMap<String, Codelist>,
}

impl Lists {
    fn insert(&mut self, code: String, list: Codelist) {
        if self.by_code.insert(code.clone(), list).is_none() {
            self.order.push(code);
        }
    }

    fn check_all(&self, wanted: &[&str], source: &str) -> Result<(), String> {
        let have: BTreeSet<&str> = self.by_code.values().map(|c| c.subval.as_str()).collect();
        let missing: Vec<&str> = wanted
            .iter()
            .copied()
            .filter(|w| !have.contains(w))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("codelists not in {source}: {missing:?}"))
        }
    }

    /// The table: codelists by submission value, each followed by its terms by submission
    /// value and code.
    fn render(&self) -> String {
        let mut lists: Vec<(&String, &Codelist)> =
            self.order.iter().map(|c| (c, &self.by_code[c])).collect();
        lists.sort_by(|a, b| a.1.subval.cmp(&b.1.subval));
        let mut out = String::from(HEADER);
        out.push('\n');
        for (code, l) in lists {
            let row = [
                code.as_str(),
                "",
                &l.ext,
                &l.name,
                &l.subval,
                &l.syns,
                &l.pref,
            ];
            out.push_str(&row.join("\t"));
            out.push('\n');
            let mut terms: Vec<&[String; 4]> = l.terms.iter().collect();
            terms.sort_by(|a, b| (&a[1], &a[0]).cmp(&(&b[1], &b[0])));
            for [tcode, tsub, tsyns, tpref] in terms {
                let row = [tcode.as_str(), code, "", &l.name, tsub, tsyns, tpref];
                out.push_str(&row.join("\t"));
                out.push('\n');
            }
        }
        out
    }
}

/// Python's `str.strip()`: Rust's whitespace plus the information separators 0x1C–0x1F.
fn strip(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}

fn clean(text: &str) -> Result<String, String> {
    let text = strip(text);
    if text.contains(['\t', '\r', '\n']) {
        return Err(format!("control character in {text:?}"));
    }
    Ok(text.to_owned())
}

/// The OWL sometimes packs several synonyms into one element, "; "-separated as in NCI's
/// text reports, so split before de-duplicating.
fn join_synonyms(values: &[String]) -> String {
    let parts: BTreeSet<&str> = values
        .iter()
        .flat_map(|v| v.split(';'))
        .map(strip)
        .filter(|p| !p.is_empty())
        .collect();
    parts.into_iter().collect::<Vec<_>>().join("; ")
}

fn text(el: &Element, ns: &str, tag: &str) -> Result<String, String> {
    clean(el.child_text(ns, tag))
}

fn syns(el: &Element, ns: &str, tag: &str) -> Result<String, String> {
    let values = el
        .children_named(ns, tag)
        .map(|s| clean(&s.text))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(join_synonyms(&values))
}

fn attr<'a>(el: &'a Element, ns: &str, name: &str) -> Result<&'a str, String> {
    el.attr(ns, name)
        .ok_or_else(|| format!("an element without the attribute {name}"))
}

/// `sdtm-ct-2022-03-25.tsv` from the SDTM CT OWL, read straight out of its zip.
pub fn sdtm(standards: &Path) -> Result<String, String> {
    let path = standards.join(SDTM_OWL);
    let file = std::fs::File::open(&path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let owl = zip.by_name(SDTM_OWL_ENTRY).map_err(|e| e.to_string())?;
    let roots = [(MMS, "EnumeratedValueDomain"), (MMS, "PermissibleValue")];
    let trees = xml::subtrees(BufReader::new(owl), &roots)?;
    let all: Vec<&Element> = trees.iter().flat_map(|t| t.descendants()).collect();

    let mut lists = Lists::default();
    for d in all.iter().filter(|e| e.is(MMS, "EnumeratedValueDomain")) {
        let subval = text(d, CTS, "cdiscSubmissionValue")?;
        if SDTM_CODELISTS.contains(&subval.as_str()) {
            let ext = if text(d, CTS, "isExtensibleCodelist")? == "true" {
                "Yes"
            } else {
                "No"
            };
            let list = Codelist {
                ext: ext.into(),
                name: text(d, CTS, "codelistName")?,
                subval,
                syns: syns(d, CTS, "cdiscSynonyms")?,
                pref: text(d, CTS, "nciPreferredTerm")?,
                terms: Vec::new(),
            };
            lists.insert(attr(d, RDF, "ID")?.to_owned(), list);
        }
    }
    for pv in all.iter().filter(|e| e.is(MMS, "PermissibleValue")) {
        let id = attr(pv, RDF, "ID")?;
        let cl = id.split('.').next().unwrap_or(id);
        if let Some(list) = lists.by_code.get_mut(cl) {
            list.terms.push([
                text(pv, CTS, "nciCode")?,
                text(pv, CTS, "cdiscSubmissionValue")?,
                syns(pv, CTS, "cdiscSynonyms")?,
                text(pv, CTS, "nciPreferredTerm")?,
            ]);
        }
    }
    lists.check_all(SDTM_CODELISTS, "the OWL")?;
    Ok(lists.render())
}

/// `adam-ct-2021-12-17.tsv` from the ADaM CT-ODM-XML.
pub fn adam(standards: &Path) -> Result<String, String> {
    let path = standards.join(ADAM_ODM);
    let file = std::fs::File::open(&path).map_err(|e| e.to_string())?;
    let trees = xml::subtrees(BufReader::new(file), &[(ODM, "CodeList")])?;

    let mut lists = Lists::default();
    for cl in trees.iter().flat_map(|t| t.descendants()) {
        if !cl.is(ODM, "CodeList") {
            continue;
        }
        let subval = text(cl, NCI, "CDISCSubmissionValue")?;
        if !ADAM_CODELISTS.contains(&subval.as_str()) {
            continue;
        }
        let terms = cl
            .children_named(ODM, "EnumeratedItem")
            .map(|item| {
                Ok([
                    attr(item, NCI, "ExtCodeID")?.to_owned(),
                    clean(item.attr("", "CodedValue").unwrap_or(""))?,
                    syns(item, NCI, "CDISCSynonym")?,
                    text(item, NCI, "PreferredTerm")?,
                ])
            })
            .collect::<Result<Vec<_>, String>>()?;
        let list = Codelist {
            ext: attr(cl, NCI, "CodeListExtensible")?.to_owned(),
            name: clean(cl.attr("", "Name").unwrap_or(""))?,
            subval,
            syns: syns(cl, NCI, "CDISCSynonym")?,
            pref: text(cl, NCI, "PreferredTerm")?,
            terms,
        };
        lists.insert(attr(cl, NCI, "ExtCodeID")?.to_owned(), list);
    }
    lists.check_all(ADAM_CODELISTS, "the ADaM CT-ODM-XML")?;
    Ok(lists.render())
}

/// The terms whose submission value this release changed, from its change log: `code`,
/// `codelist` (short name), `before`, `after`, tab-separated with a header. A value that was a
/// term's submission value before the release is not a stranger to the codelist.
pub fn sdtm_renames(standards: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(standards.join(SDTM_CHANGES)).map_err(|e| e.to_string())?;
    let mut out = String::from("code\tcodelist\tbefore\tafter\n");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("no `{name}` column"))
    };
    let (code, kind, list, summary, before, after) = (
        col("NCI Code")?,
        col("CDISC Term Type")?,
        col("CDISC Codelist (Short Name)")?,
        col("Change Summary")?,
        col("Original")?,
        col("New")?,
    );
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let get = |i: usize| f.get(i).map_or("", |s| s.trim());
        if get(kind) == "CDISC Submission Value" && get(summary) == "Update CDISC Submission Value"
        {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                get(code),
                get(list),
                get(before),
                get(after)
            ));
        }
    }
    Ok(out)
}
