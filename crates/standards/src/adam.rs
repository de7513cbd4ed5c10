//! ADaMIG 1.3 variables for ADSL, BDS (ADLB, ADRE, ...), ADTTE and ADAE (OCCDS).
//!
//! Names are stored as the IG writes them, with lowercase index placeholders: `xx` and `zz`
//! stand for two digits (`TRT01P`, `ANL01FL`), `y` and `w` for one digit 1–9 (`AGEGR1`).

use crate::error::{Error, TableErrorKind};
use crate::table::rows;
use model::{Core, VarType, Variable};

const HEADER: [&str; 7] = [
    "dataset", "order", "variable", "label", "type", "core", "codelist",
];

/// ADaM core: conditionally required has no SDTM counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdamCore {
    Req,
    /// Required when the IG's condition holds (e.g. TRTxxA when actual differs from planned).
    Cond,
    Perm,
}

impl AdamCore {
    /// `model::Core` has no conditional level; a conditional variable is treated as expected
    /// (present when its condition applies, allowed to be null).
    pub fn to_model_core(self) -> Core {
        match self {
            AdamCore::Req => Core::Req,
            AdamCore::Cond => Core::Exp,
            AdamCore::Perm => Core::Perm,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdamVar {
    /// The IG name, possibly with placeholders: `TRTxxP`.
    pub name: String,
    pub label: String,
    pub vtype: VarType,
    pub core: AdamCore,
    pub order: usize,
    pub codelist: Option<String>,
}

impl AdamVar {
    /// Whether `name` is this variable, filling placeholders with digits.
    pub fn matches(&self, name: &str) -> bool {
        instantiate(&self.name, &name.to_ascii_uppercase()).is_some()
    }

    /// This variable's label with the placeholders of `name` filled in:
    /// `TRT01P` → `Planned Treatment for Period 01`.
    pub fn label_for(&self, name: &str) -> Option<String> {
        let fills = instantiate(&self.name, &name.to_ascii_uppercase())?;
        let words: Vec<String> = self
            .label
            .split(' ')
            .map(|w| {
                fills
                    .iter()
                    .find(|(p, _)| p == w)
                    .map_or_else(|| w.to_owned(), |(_, d)| d.clone())
            })
            .collect();
        Some(words.join(" "))
    }

    /// A model variable named `name` (which must match this one).
    pub fn to_variable(&self, name: &str) -> Option<Variable> {
        let label = self.label_for(name)?;
        let mut v = Variable::new(name.to_ascii_uppercase(), label, self.vtype)
            .with_core(self.core.to_model_core());
        v.codelist = self.codelist.clone();
        if self.vtype == VarType::Num {
            v.length = Some(8);
        }
        Some(v)
    }
}

/// Matches `name` against `pattern`, returning each placeholder with the digits it took.
fn instantiate(pattern: &str, name: &str) -> Option<Vec<(String, String)>> {
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    let (mut i, mut j) = (0, 0);
    let mut fills = Vec::new();
    while i < p.len() {
        if p[i].is_ascii_lowercase() {
            let run = p[i..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            let digits = n.get(j..j + run)?;
            let ok = digits.iter().all(u8::is_ascii_digit) && (run == 2 || digits[0] != b'0');
            if !ok {
                return None;
            }
            fills.push((pattern[i..i + run].to_owned(), name[j..j + run].to_owned()));
            i += run;
            j += run;
        } else {
            if n.get(j) != Some(&p[i]) {
                return None;
            }
            i += 1;
            j += 1;
        }
    }
    (j == n.len()).then_some(fills)
}

#[derive(Debug, Clone)]
pub struct AdamDataset {
    /// `ADSL`, `BDS`, `ADTTE` or `ADAE`.
    pub name: String,
    /// Define-XML class, e.g. `BASIC DATA STRUCTURE`.
    pub class: &'static str,
    variables: Vec<AdamVar>,
}

impl AdamDataset {
    pub fn variables(&self) -> &[AdamVar] {
        &self.variables
    }

    /// By concrete name (`TRT01P`, `AVAL`) or IG name (`TRTxxP`).
    pub fn variable(&self, name: &str) -> Option<&AdamVar> {
        self.variables
            .iter()
            .find(|v| v.name == name || v.matches(name))
    }
}

#[derive(Debug, Clone)]
pub struct Adam {
    datasets: Vec<AdamDataset>,
}

impl Adam {
    pub fn parse(file: &'static str, text: &str) -> Result<Adam, Error> {
        let mut datasets: Vec<AdamDataset> = Vec::new();
        for row in rows(file, text, &HEADER)? {
            let dname = row.get(0);
            let class = match dname {
                "ADSL" => "SUBJECT LEVEL ANALYSIS DATASET",
                "BDS" | "ADTTE" => "BASIC DATA STRUCTURE",
                "ADAE" => "OCCURRENCE DATA STRUCTURE",
                other => return Err(row.bad("dataset", other)),
            };
            if datasets.last().is_none_or(|d| d.name != dname) {
                datasets.push(AdamDataset {
                    name: dname.to_owned(),
                    class,
                    variables: Vec::new(),
                });
            }
            let Some(ds) = datasets.last_mut() else {
                continue;
            };
            let order: usize = row
                .get(1)
                .parse()
                .map_err(|_| row.bad("order", row.get(1)))?;
            if order != ds.variables.len() + 1 {
                return Err(row.bad("order", row.get(1)));
            }
            let name = row.get(2);
            if ds.variables.iter().any(|v| v.name == name) {
                return Err(row.error(TableErrorKind::Duplicate {
                    what: "variable",
                    name: format!("{dname}.{name}"),
                }));
            }
            ds.variables.push(AdamVar {
                name: name.to_owned(),
                label: row.get(3).to_owned(),
                vtype: match row.get(4) {
                    "Char" => VarType::Char,
                    "Num" => VarType::Num,
                    other => return Err(row.bad("type", other)),
                },
                core: match row.get(5) {
                    "Req" => AdamCore::Req,
                    "Cond" => AdamCore::Cond,
                    "Perm" => AdamCore::Perm,
                    other => return Err(row.bad("core", other)),
                },
                order,
                codelist: Some(row.get(6))
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            });
        }
        Ok(Adam { datasets })
    }

    pub fn datasets(&self) -> &[AdamDataset] {
        &self.datasets
    }

    /// `ADSL`, `ADTTE` and `ADAE` have their own tables; every other analysis dataset
    /// (ADLB, ADRE, `BDS` itself) answers with the BDS table.
    pub fn dataset(&self, name: &str) -> Option<&AdamDataset> {
        let upper = name.to_ascii_uppercase();
        let wanted = match upper.as_str() {
            "ADSL" | "ADTTE" | "ADAE" => upper.as_str(),
            _ => "BDS",
        };
        self.datasets.iter().find(|d| d.name == wanted)
    }
}
