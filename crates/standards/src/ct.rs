//! CDISC Controlled Terminology: codelists and their terms, compiled once into lookup maps.

use crate::error::{Error, TableErrorKind};
use crate::table::{list, rows};
use std::collections::HashMap;

const HEADER: [&str; 7] = [
    "Code",
    "Codelist Code",
    "Extensible",
    "Codelist Name",
    "Submission Value",
    "Synonyms",
    "Preferred Term",
];

/// One permissible value of a codelist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// NCI concept code, e.g. `C20197`. Paired TESTCD/TEST terms share it.
    pub code: String,
    /// The value that goes into the dataset, e.g. `M`.
    pub submission_value: String,
    /// CDISC synonyms, e.g. `Male`.
    pub synonyms: Vec<String>,
    /// NCI preferred term, what define.xml shows as the decode.
    pub decode: String,
}

#[derive(Debug, Clone)]
pub struct Codelist {
    /// NCI code of the codelist, e.g. `C66731`.
    pub nci_code: String,
    /// Short name used to reference the codelist, e.g. `SEX`.
    pub submission_value: String,
    pub name: String,
    /// Sponsors may add terms to an extensible codelist; values outside a non-extensible one
    /// are errors.
    pub extensible: bool,
    pub synonyms: Vec<String>,
    pub preferred_term: String,
    terms: Vec<Term>,
    exact: HashMap<String, usize>,
    /// NCI code → the first term with it (paired codelists are followed through it).
    by_code: HashMap<String, usize>,
    /// Normalized text → term; `None` marks text that names more than one term.
    normalized: HashMap<String, Option<usize>>,
}

impl Codelist {
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Exact, case-sensitive match on the submission value, as conformance checks require.
    pub fn contains(&self, value: &str) -> bool {
        self.exact.contains_key(value)
    }

    pub fn term(&self, submission_value: &str) -> Option<&Term> {
        self.exact.get(submission_value).map(|&i| &self.terms[i])
    }

    pub fn term_by_code(&self, nci_code: &str) -> Option<&Term> {
        self.by_code.get(nci_code).map(|&i| &self.terms[i])
    }

    /// Recodes free text onto a submission value, ignoring case and surrounding or repeated
    /// whitespace, matching the submission value first, then the decode or a synonym. Text
    /// that names two different terms (possible through synonyms) yields `None` rather than a
    /// guess.
    pub fn lookup_normalized(&self, text: &str) -> Option<&str> {
        let key = normalize(text);
        match self.normalized.get(&key) {
            Some(Some(i)) => Some(&self.terms[*i].submission_value),
            _ => None,
        }
    }

    /// The lookups other than `exact`, which parsing fills as it goes.
    fn index(&mut self) {
        for (i, t) in self.terms.iter().enumerate() {
            self.by_code.entry(t.code.clone()).or_insert(i);
        }
        let mut normalized: HashMap<String, Option<usize>> = HashMap::new();
        for (i, t) in self.terms.iter().enumerate() {
            normalized.insert(normalize(&t.submission_value), Some(i));
        }
        // Decodes and synonyms only fill gaps: a submission value always wins.
        let mut weak: HashMap<String, Option<usize>> = HashMap::new();
        for (i, t) in self.terms.iter().enumerate() {
            for alias in std::iter::once(&t.decode).chain(&t.synonyms) {
                let key = normalize(alias);
                if normalized.contains_key(&key) {
                    continue;
                }
                let entry = weak.entry(key).or_insert(Some(i));
                if *entry != Some(i) {
                    *entry = None;
                }
            }
        }
        normalized.extend(weak);
        self.normalized = normalized;
    }
}

/// Upper case with whitespace runs collapsed to one space and trimmed.
pub fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// A published CT package (SDTM or ADaM) at one version.
#[derive(Debug, Clone)]
pub struct Ct {
    version: String,
    codelists: Vec<Codelist>,
    by_name: HashMap<String, usize>,
}

impl Ct {
    /// Compiles a table in the layout of the generated `sdtm-ct-2022-03-25.tsv`.
    pub fn parse(file: &'static str, version: &str, text: &str) -> Result<Ct, Error> {
        let mut codelists: Vec<Codelist> = Vec::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for row in rows(file, text, &HEADER)? {
            let (code, parent) = (row.get(0), row.get(1));
            if !is_c_code(code) {
                return Err(row.bad("Code", code));
            }
            if parent.is_empty() {
                let extensible = match row.get(2) {
                    "Yes" => true,
                    "No" => false,
                    other => return Err(row.bad("Extensible", other)),
                };
                if by_code.insert(code.to_owned(), codelists.len()).is_some() {
                    return Err(row.error(TableErrorKind::Duplicate {
                        what: "codelist",
                        name: code.to_owned(),
                    }));
                }
                codelists.push(Codelist {
                    nci_code: code.to_owned(),
                    submission_value: row.get(4).to_owned(),
                    name: row.get(3).to_owned(),
                    extensible,
                    synonyms: list(row.get(5), ';'),
                    preferred_term: row.get(6).to_owned(),
                    terms: Vec::new(),
                    exact: HashMap::new(),
                    by_code: HashMap::new(),
                    normalized: HashMap::new(),
                });
                continue;
            }
            let Some(&i) = by_code.get(parent) else {
                return Err(row.error(TableErrorKind::Undefined {
                    what: "codelist",
                    name: parent.to_owned(),
                }));
            };
            let cl = &mut codelists[i];
            let value = row.get(4);
            if value.is_empty() {
                return Err(row.bad("Submission Value", value));
            }
            if cl.exact.insert(value.to_owned(), cl.terms.len()).is_some() {
                return Err(row.error(TableErrorKind::Duplicate {
                    what: "term",
                    name: format!("{}.{value}", cl.submission_value),
                }));
            }
            cl.terms.push(Term {
                code: code.to_owned(),
                submission_value: value.to_owned(),
                synonyms: list(row.get(5), ';'),
                decode: row.get(6).to_owned(),
            });
        }
        let mut by_name = HashMap::new();
        for (i, cl) in codelists.iter_mut().enumerate() {
            cl.index();
            by_name.insert(cl.submission_value.clone(), i);
            by_name.insert(cl.nci_code.clone(), i);
        }
        Ok(Ct {
            version: version.to_owned(),
            codelists,
            by_name,
        })
    }

    /// The CT package date, e.g. `2022-03-25`, for define.xml and report headers.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// By codelist submission value (`SEX`) or NCI code (`C66731`).
    pub fn codelist(&self, name: &str) -> Option<&Codelist> {
        self.by_name.get(name).map(|&i| &self.codelists[i])
    }

    pub fn codelists(&self) -> &[Codelist] {
        &self.codelists
    }

    /// Follows a term to its partner in a paired codelist through the shared NCI code:
    /// `pair("LBTESTCD", "CK", "LBTEST")` is `Some("Creatine Kinase")`.
    pub fn pair(&self, from: &str, value: &str, to: &str) -> Option<&str> {
        let code = &self.codelist(from)?.term(value)?.code;
        self.codelist(to)?
            .term_by_code(code)
            .map(|t| t.submission_value.as_str())
    }
}

fn is_c_code(s: &str) -> bool {
    s.len() > 1 && s.starts_with('C') && s[1..].bytes().all(|b| b.is_ascii_digit())
}
