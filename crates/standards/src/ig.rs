//! SDTMIG domain and variable metadata.

use crate::error::{Error, TableErrorKind};
use crate::table::{list, rows};
use model::{Core, DatasetMeta, VarType, Variable};
use std::collections::HashMap;

const DOMAIN_HEADER: [&str; 5] = ["domain", "label", "class", "structure", "keys"];
const VAR_HEADER: [&str; 8] = [
    "domain", "order", "variable", "label", "type", "role", "core", "codelist",
];

/// SDTM observation classes, spelled as define.xml spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    SpecialPurpose,
    Interventions,
    Events,
    Findings,
    TrialDesign,
    Relationship,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::SpecialPurpose => "SPECIAL PURPOSE",
            Class::Interventions => "INTERVENTIONS",
            Class::Events => "EVENTS",
            Class::Findings => "FINDINGS",
            Class::TrialDesign => "TRIAL DESIGN",
            Class::Relationship => "RELATIONSHIP",
        }
    }

    fn parse(s: &str) -> Option<Class> {
        [
            Class::SpecialPurpose,
            Class::Interventions,
            Class::Events,
            Class::Findings,
            Class::TrialDesign,
            Class::Relationship,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarMeta {
    pub name: String,
    pub label: String,
    pub vtype: VarType,
    /// Identifier, Topic, Timing, Rule, or a qualifier kind.
    pub role: String,
    pub core: Core,
    /// 1-based position in the IG's table.
    pub order: usize,
    /// Codelist submission values; more than one only where the IG lists several (DSDECOD).
    pub codelists: Vec<String>,
}

impl VarMeta {
    /// The first (usually only) codelist, e.g. `SEX`.
    pub fn codelist(&self) -> Option<&str> {
        self.codelists.first().map(String::as_str)
    }

    /// An ISO 8601 date/time variable (`--DTC`, `--STDTC`, `RFSTDTC`, ...).
    pub fn is_dtc(&self) -> bool {
        self.vtype == VarType::Char && self.name.ends_with("DTC")
    }

    /// A study-day variable (`--DY`, `--STDY`, `--ENDY`, `VISITDY`).
    pub fn is_study_day(&self) -> bool {
        self.vtype == VarType::Num && self.name.ends_with("DY")
    }

    /// `--SEQ` for `AESEQ` when the domain prefix is `AE`; the name itself otherwise.
    pub fn generic_name(&self, prefix: Option<&str>) -> String {
        match prefix.and_then(|p| self.name.strip_prefix(p)) {
            Some(rest) if !rest.is_empty() => format!("--{rest}"),
            _ => self.name.clone(),
        }
    }

    pub fn to_variable(&self) -> Variable {
        let mut v = Variable::new(&self.name, &self.label, self.vtype).with_core(self.core);
        v.role = Some(self.role.clone());
        v.codelist = self.codelist().map(str::to_owned);
        if self.vtype == VarType::Num {
            v.length = Some(8);
        }
        v
    }
}

#[derive(Debug, Clone)]
pub struct DomainMeta {
    /// `AE`, or `SUPPQUAL`/`RELREC` for the relationship datasets.
    pub name: String,
    pub label: String,
    pub class: Class,
    /// Define-XML structure, e.g. `One record per subject`.
    pub structure: String,
    pub keys: Vec<String>,
    variables: Vec<VarMeta>,
    index: HashMap<String, usize>,
}

impl DomainMeta {
    /// Variables in IG order.
    pub fn variables(&self) -> &[VarMeta] {
        &self.variables
    }

    /// The two-letter prefix of `--` variables; `None` for SUPPQUAL and RELREC.
    pub fn prefix(&self) -> Option<&str> {
        (self.name.len() == 2).then_some(self.name.as_str())
    }

    /// By name, case-insensitively; `--SEQ` resolves through the domain prefix.
    pub fn variable(&self, name: &str) -> Option<&VarMeta> {
        let upper = name.to_ascii_uppercase();
        if let Some(&i) = self.index.get(&upper) {
            return Some(&self.variables[i]);
        }
        let rest = upper.strip_prefix("--")?;
        let i = self.index.get(&format!("{}{rest}", self.prefix()?))?;
        Some(&self.variables[*i])
    }

    /// Looks up a variable of a sponsor-defined domain that follows this one's shape:
    /// `XESEQ` with prefix `XE` on the AE template finds `AESEQ`. Variables without the
    /// prefix (STUDYID, EPOCH) are looked up as they are.
    pub fn variable_with_prefix(&self, name: &str, prefix: &str) -> Option<&VarMeta> {
        let upper = name.to_ascii_uppercase();
        let prefix = prefix.to_ascii_uppercase();
        match upper.strip_prefix(&prefix) {
            Some(rest) if !rest.is_empty() => self
                .variable(&format!("--{rest}"))
                .or_else(|| self.variable(&upper)),
            _ => self.variable(&upper),
        }
    }

    pub fn required(&self) -> impl Iterator<Item = &VarMeta> {
        self.variables.iter().filter(|v| v.core == Core::Req)
    }

    pub fn to_dataset_meta(&self) -> DatasetMeta {
        let mut meta = DatasetMeta::new(&self.name, &self.label);
        meta.class = Some(self.class.as_str().to_owned());
        meta.structure = Some(self.structure.clone());
        meta.variables = self.variables.iter().map(VarMeta::to_variable).collect();
        meta
    }
}

/// An implementation guide: every domain the crate embeds, in table order.
#[derive(Debug, Clone)]
pub struct Ig {
    version: String,
    domains: Vec<DomainMeta>,
}

impl Ig {
    pub fn parse(
        version: &str,
        domains_file: &'static str,
        domains_tsv: &str,
        vars_file: &'static str,
        vars_tsv: &str,
    ) -> Result<Ig, Error> {
        let mut domains: Vec<DomainMeta> = Vec::new();
        for row in rows(domains_file, domains_tsv, &DOMAIN_HEADER)? {
            let name = row.get(0);
            if domains.iter().any(|d| d.name == name) {
                return Err(row.error(TableErrorKind::Duplicate {
                    what: "domain",
                    name: name.to_owned(),
                }));
            }
            domains.push(DomainMeta {
                name: name.to_owned(),
                label: row.get(1).to_owned(),
                class: Class::parse(row.get(2)).ok_or_else(|| row.bad("class", row.get(2)))?,
                structure: row.get(3).to_owned(),
                keys: list(row.get(4), ','),
                variables: Vec::new(),
                index: HashMap::new(),
            });
        }
        for row in rows(vars_file, vars_tsv, &VAR_HEADER)? {
            let dname = row.get(0);
            let Some(domain) = domains.iter_mut().find(|d| d.name == dname) else {
                return Err(row.error(TableErrorKind::Undefined {
                    what: "domain",
                    name: dname.to_owned(),
                }));
            };
            let order: usize = row
                .get(1)
                .parse()
                .map_err(|_| row.bad("order", row.get(1)))?;
            if order != domain.variables.len() + 1 {
                return Err(row.bad("order", row.get(1)));
            }
            let name = row.get(2);
            if domain
                .index
                .insert(name.to_owned(), domain.variables.len())
                .is_some()
            {
                return Err(row.error(TableErrorKind::Duplicate {
                    what: "variable",
                    name: format!("{dname}.{name}"),
                }));
            }
            domain.variables.push(VarMeta {
                name: name.to_owned(),
                label: row.get(3).to_owned(),
                vtype: parse_type(row.get(4)).ok_or_else(|| row.bad("type", row.get(4)))?,
                role: row.get(5).to_owned(),
                core: parse_core(row.get(6)).ok_or_else(|| row.bad("core", row.get(6)))?,
                order,
                codelists: list(row.get(7), ';'),
            });
        }
        Ok(Ig {
            version: version.to_owned(),
            domains,
        })
    }

    /// `3.4`.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn domains(&self) -> &[DomainMeta] {
        &self.domains
    }

    /// By name, case-insensitively; any `SUPPxx` answers with the SUPPQUAL metadata.
    pub fn domain(&self, name: &str) -> Option<&DomainMeta> {
        let upper = name.to_ascii_uppercase();
        let wanted = match upper.strip_prefix("SUPP") {
            Some(rest) if !rest.is_empty() => "SUPPQUAL",
            _ => upper.as_str(),
        };
        self.domains.iter().find(|d| d.name == wanted)
    }

    /// The dataset metadata of `SUPP<parent>`, named and labelled for that parent.
    pub fn supp_meta(&self, parent: &str) -> Option<DatasetMeta> {
        let mut meta = self.domain("SUPPQUAL")?.to_dataset_meta();
        let parent = parent.to_ascii_uppercase();
        meta.name = format!("SUPP{parent}");
        meta.label = format!("Supplemental Qualifiers for {parent}");
        Some(meta)
    }

    /// The embedded domain a sponsor-defined domain of `class` is modelled on.
    pub fn template(&self, class: Class) -> Option<&DomainMeta> {
        let name = match class {
            Class::Interventions => "CM",
            Class::Events => "AE",
            Class::Findings => "LB",
            _ => return None,
        };
        self.domain(name)
    }
}

fn parse_type(s: &str) -> Option<VarType> {
    match s {
        "Char" => Some(VarType::Char),
        "Num" => Some(VarType::Num),
        _ => None,
    }
}

pub(crate) fn parse_core(s: &str) -> Option<Core> {
    match s {
        "Req" => Some(Core::Req),
        "Exp" => Some(Core::Exp),
        "Perm" => Some(Core::Perm),
        _ => None,
    }
}
