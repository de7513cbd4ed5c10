//! Datasets and their variable metadata: what define.xml describes and XPT headers carry.

use crate::provenance::{Provenance, SourceCell};
use crate::value::Value;
use serde::{Deserialize, Serialize};

/// SAS has two storage types; everything else (dates, integers) is a display concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VarType {
    Char,
    Num,
}

/// SDTMIG/ADaMIG core designation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Core {
    /// Required: must be present and never null.
    Req,
    /// Expected: must be present, may be null.
    Exp,
    /// Permissible.
    Perm,
}

/// Where a variable's values came from, in Define-XML 2.1 terms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    Collected,
    Derived,
    Assigned,
    Protocol,
    Predecessor,
    NotAvailable,
}

impl Origin {
    /// The spelling Define-XML 2.1 uses in `def:Origin/@Type`.
    pub fn define_type(&self) -> &'static str {
        match self {
            Origin::Collected => "Collected",
            Origin::Derived => "Derived",
            Origin::Assigned => "Assigned",
            Origin::Protocol => "Protocol",
            Origin::Predecessor => "Predecessor",
            Origin::NotAvailable => "Not Available",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variable {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub vtype: VarType,
    /// Storage length in bytes; for numerics usually 8. `None` lets a writer size it from data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    /// SAS display format, e.g. `DATE9.` or `8.2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// Codelist reference (CDISC submission value of the codelist, e.g. `SEX`, or an NCI C-code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codelist: Option<String>,
    /// SDTM role: Identifier, Topic, Timing, Grouping/Result/Synonym/Record Qualifier...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core: Option<Core>,
    /// Dataset-JSON `dataType` when it says more than char/num (integer, date, datetime, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
}

impl Variable {
    pub fn new(name: impl Into<String>, label: impl Into<String>, vtype: VarType) -> Variable {
        Variable {
            name: name.into(),
            label: label.into(),
            vtype,
            length: None,
            format: None,
            origin: None,
            codelist: None,
            role: None,
            core: None,
            data_type: None,
        }
    }

    pub fn char(name: impl Into<String>, label: impl Into<String>) -> Variable {
        Variable::new(name, label, VarType::Char)
    }

    pub fn num(name: impl Into<String>, label: impl Into<String>) -> Variable {
        Variable::new(name, label, VarType::Num)
    }

    pub fn with_length(mut self, length: usize) -> Variable {
        self.length = Some(length);
        self
    }

    pub fn with_format(mut self, format: impl Into<String>) -> Variable {
        self.format = Some(format.into());
        self
    }

    pub fn with_core(mut self, core: Core) -> Variable {
        self.core = Some(core);
        self
    }

    pub fn with_origin(mut self, origin: Origin) -> Variable {
        self.origin = Some(origin);
        self
    }

    pub fn with_codelist(mut self, codelist: impl Into<String>) -> Variable {
        self.codelist = Some(codelist.into());
        self
    }
}

/// Everything about a dataset except its rows: what a streaming reader knows up front and
/// what a writer needs before the first row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetMeta {
    /// Dataset name, upper case for SDTM/ADaM (`DM`, `ADSL`).
    pub name: String,
    pub label: String,
    /// Observation class (`SPECIAL PURPOSE`, `EVENTS`, `FINDINGS`, `BASIC DATA STRUCTURE`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// Define-XML structure, e.g. `One record per subject`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<String>,
    pub variables: Vec<Variable>,
}

impl DatasetMeta {
    pub fn new(name: impl Into<String>, label: impl Into<String>) -> DatasetMeta {
        DatasetMeta {
            name: name.into(),
            label: label.into(),
            class: None,
            structure: None,
            variables: Vec::new(),
        }
    }

    /// Column index of a variable, matched case-insensitively as SAS does.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.variables
            .iter()
            .position(|v| v.name.eq_ignore_ascii_case(name))
    }

    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.index_of(name).map(|i| &self.variables[i])
    }
}

/// A whole dataset in memory: metadata, rows in variable order, and the workbook cell each
/// value came from where it came from one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    #[serde(flatten)]
    pub meta: DatasetMeta,
    pub rows: Vec<Vec<Value>>,
    /// By (row, column) index; dataset files do not carry it, so it is not serialized.
    #[serde(skip)]
    pub provenance: Provenance,
}

impl Dataset {
    pub fn new(meta: DatasetMeta) -> Dataset {
        Dataset::with_rows(meta, Vec::new())
    }

    pub fn with_rows(meta: DatasetMeta, rows: Vec<Vec<Value>>) -> Dataset {
        Dataset {
            meta,
            rows,
            provenance: Provenance::default(),
        }
    }

    /// The workbook cell behind one value, by 0-based row and variable name.
    pub fn source(&self, row: usize, name: &str) -> Option<SourceCell> {
        self.provenance.get(row, self.meta.index_of(name)?)
    }

    /// Reorders (or filters, or repeats) records: row `i` becomes the old row `order[i]`, and
    /// each value keeps its source cell.
    pub fn select_rows(&mut self, order: &[usize]) {
        let order: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&r| r < self.rows.len())
            .collect();
        // A row used once is moved, not copied; only a repeated row is cloned.
        let mut uses = vec![0u32; self.rows.len()];
        for &r in &order {
            uses[r] += 1;
        }
        let mut old: Vec<Option<Vec<Value>>> = std::mem::take(&mut self.rows)
            .into_iter()
            .map(Some)
            .collect();
        self.rows = order
            .iter()
            .map(|&r| {
                uses[r] -= 1;
                if uses[r] == 0 {
                    old[r].take().unwrap_or_default()
                } else {
                    old[r].clone().unwrap_or_default()
                }
            })
            .collect();
        if !self.provenance.is_empty() {
            self.provenance = self.provenance.select_rows(&order);
        }
    }

    pub fn name(&self) -> &str {
        &self.meta.name
    }

    /// All values of one column, or `None` when the dataset has no such variable.
    pub fn column(&self, name: &str) -> Option<impl Iterator<Item = &Value>> {
        let i = self.meta.index_of(name)?;
        Some(self.rows.iter().map(move |r| &r[i]))
    }

    /// One cell by 0-based row and variable name.
    pub fn get(&self, row: usize, name: &str) -> Option<&Value> {
        let i = self.meta.index_of(name)?;
        self.rows.get(row).and_then(|r| r.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_variables_case_insensitively() {
        let mut meta = DatasetMeta::new("DM", "Demographics");
        meta.variables
            .push(Variable::char("STUDYID", "Study Identifier").with_core(Core::Req));
        meta.variables.push(Variable::num("AGE", "Age"));
        let mut ds = Dataset::new(meta);
        ds.rows.push(vec![Value::char("S1"), Value::Num(54.0)]);
        assert_eq!(ds.meta.index_of("age"), Some(1));
        assert_eq!(ds.get(0, "AGE"), Some(&Value::Num(54.0)));
        assert!(ds.column("SEX").is_none());
        assert_eq!(ds.column("STUDYID").unwrap().count(), 1);
    }

    #[test]
    fn reordered_records_keep_their_source_cells() {
        let mut meta = DatasetMeta::new("VS", "Vital Signs");
        meta.variables.push(Variable::num("VSSTRESN", "Result"));
        let rows = (0..3).map(|i| vec![Value::Num(f64::from(i))]).collect();
        let mut ds = Dataset::with_rows(meta, rows);
        for row in 0..3 {
            let cell = crate::CellRef::new(row as u32 + 1, 4);
            let src = SourceCell {
                file: "site.xlsx".into(),
                sheet: "Vitals".into(),
                cell,
            };
            ds.provenance.set(row, 0, &src);
        }
        ds.select_rows(&[2, 0, 0, 9]);
        let values: Vec<_> = ds.rows.iter().map(|r| r[0].clone()).collect();
        assert_eq!(values, [Value::Num(2.0), Value::Num(0.0), Value::Num(0.0)]);
        let cells: Vec<_> = (0..3)
            .map(|r| ds.source(r, "vsstresn").unwrap().cell.to_string())
            .collect();
        assert_eq!(cells, ["E4", "E2", "E2"]);
        assert_eq!(ds.source(3, "VSSTRESN"), None);
    }
}
