//! Analysis Results Metadata 1.0 for Define-XML 2.1 (`arm:AnalysisResultDisplays`): which
//! analysis datasets, records and variables each reported result comes from, and how it was
//! computed, so a reviewer can trace a number on the endpoint page back to ADaM.

use super::model::{Condition, DefineDoc};
use super::writer::{Attrs, Xml, close, empty, open, text, translated};
use model::oid::{item_group_oid, item_oid};
use std::io::{self, Write};

pub(crate) const ARM_NS: &str = "http://www.cdisc.org/ns/arm/v1.0";

/// One display (a table or figure) and the analyses behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultDisplay {
    /// The OID suffix: `RD.<id>`, and `AR.<id>.<n>` for its results.
    pub id: String,
    pub name: String,
    pub description: String,
    pub results: Vec<AnalysisResult>,
}

/// `AnalysisPurpose` (ADaM CT C117745).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalysisPurpose {
    Primary,
    Secondary,
    Exploratory,
}

impl AnalysisPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            AnalysisPurpose::Primary => "PRIMARY OUTCOME MEASURE",
            AnalysisPurpose::Secondary => "SECONDARY OUTCOME MEASURE",
            AnalysisPurpose::Exploratory => "EXPLORATORY OUTCOME MEASURE",
        }
    }
}

/// One analysis: its parameter, datasets and method.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisResult {
    pub description: String,
    /// The dataset whose PARAMCD the result is about.
    pub parameter_of: Option<String>,
    /// `AnalysisReason` (ADaM CT C117744), e.g. `SPECIFIED IN PROTOCOL`.
    pub reason: String,
    pub purpose: AnalysisPurpose,
    pub datasets: Vec<AnalysisDataset>,
    /// How the result was computed, in words.
    pub documentation: String,
    /// (context, code): how to compute it again.
    pub code: Option<(String, String)>,
}

/// The records (where all conditions hold) and variables of one dataset a result reads.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisDataset {
    pub dataset: String,
    pub conditions: Vec<Condition>,
    pub variables: Vec<String>,
}

impl AnalysisResult {
    fn oid(display: &ResultDisplay, i: usize) -> String {
        format!("AR.{}.{}", display.id, i + 1)
    }
}

/// Every ARM where clause: (OID, dataset, conditions), in document order.
pub(crate) fn where_clauses(doc: &DefineDoc) -> Vec<(String, &str, &[Condition])> {
    let mut out = Vec::new();
    for d in &doc.results {
        for (i, r) in d.results.iter().enumerate() {
            for ds in r.datasets.iter().filter(|ds| !ds.conditions.is_empty()) {
                let oid = format!("WC.{}.{}", AnalysisResult::oid(d, i), ds.dataset);
                out.push((oid, ds.dataset.as_str(), ds.conditions.as_slice()));
            }
        }
    }
    out
}

/// `arm:AnalysisResultDisplays`, last in `MetaDataVersion`.
pub(crate) fn displays<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    if doc.results.is_empty() {
        return Ok(());
    }
    open(w, "arm:AnalysisResultDisplays", Attrs::new())?;
    for d in &doc.results {
        let a = Attrs::new()
            .add("OID", format!("RD.{}", d.id))
            .add("Name", d.name.as_str());
        open(w, "arm:ResultDisplay", a)?;
        translated(w, "Description", &d.description)?;
        for (i, r) in d.results.iter().enumerate() {
            let oid = AnalysisResult::oid(d, i);
            let a = Attrs::new()
                .add("OID", oid.as_str())
                .opt(
                    "ParameterOID",
                    r.parameter_of.as_deref().map(|ds| item_oid(ds, "PARAMCD")),
                )
                .add("AnalysisReason", r.reason.as_str())
                .add("AnalysisPurpose", r.purpose.as_str());
            open(w, "arm:AnalysisResult", a)?;
            translated(w, "Description", &r.description)?;
            open(w, "arm:AnalysisDatasets", Attrs::new())?;
            for ds in &r.datasets {
                let a = Attrs::new().add("ItemGroupOID", item_group_oid(&ds.dataset));
                open(w, "arm:AnalysisDataset", a)?;
                if !ds.conditions.is_empty() {
                    let wc = format!("WC.{oid}.{}", ds.dataset);
                    empty(
                        w,
                        "def:WhereClauseRef",
                        Attrs::new().add("WhereClauseOID", wc),
                    )?;
                }
                for v in &ds.variables {
                    let a = Attrs::new().add("ItemOID", item_oid(&ds.dataset, v));
                    empty(w, "arm:AnalysisVariable", a)?;
                }
                close(w, "arm:AnalysisDataset")?;
            }
            close(w, "arm:AnalysisDatasets")?;
            open(w, "arm:Documentation", Attrs::new())?;
            translated(w, "Description", &r.documentation)?;
            close(w, "arm:Documentation")?;
            if let Some((context, code)) = &r.code {
                open(
                    w,
                    "arm:ProgrammingCode",
                    Attrs::new().add("Context", context.as_str()),
                )?;
                text(w, "arm:Code", Attrs::new(), code)?;
                close(w, "arm:ProgrammingCode")?;
            }
            close(w, "arm:AnalysisResult")?;
        }
        close(w, "arm:ResultDisplay")?;
    }
    close(w, "arm:AnalysisResultDisplays")
}
