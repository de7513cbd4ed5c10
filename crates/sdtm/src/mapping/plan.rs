//! The compiled, immutable form of the specs: what [`super::run`] executes. Nothing here is
//! touched by data, so one plan serves any number of workbooks on any number of threads.

use model::{Origin, Value, VarType};
use sheets::{DateFormat, TableSpec};
use std::collections::BTreeMap;

/// Every spec of a study, grouped by target domain, plus the visit schedule.
#[derive(Debug, Clone)]
pub struct MappingPlan {
    /// DM first (other domains need its reference dates), then in spec-file order.
    pub domains: Vec<DomainPlan>,
    pub schedule: Option<super::derive::visit::Schedule>,
    /// The CT package the recodes were checked against.
    pub ct_version: String,
}

/// One target domain: one or more sources (spec files) whose rows are stacked, then derived.
#[derive(Debug, Clone)]
pub struct DomainPlan {
    pub domain: String,
    pub sources: Vec<SourcePlan>,
    pub derive: DerivePlan,
}

/// One spec file: one sheet read from every workbook that has it.
#[derive(Debug, Clone)]
pub struct SourcePlan {
    pub spec_file: String,
    pub table: TableSpec,
    pub subject: String,
    /// Every column the spec reads, checked against each sheet's header.
    pub columns: Vec<String>,
    pub filters: Vec<Filter>,
    /// Empty: one record per row. Otherwise one record per item per row (wide to long).
    pub unpivot: Vec<UnpivotItem>,
    pub vars: Vec<VarPlan>,
    pub supp: Vec<SuppPlan>,
    /// This sheet lists the study's subjects (DM's source): duplicates are reported and
    /// other sheets are checked against it.
    pub demographics: bool,
}

#[derive(Debug, Clone)]
pub struct Filter {
    pub column: String,
    pub test: FilterTest,
}

#[derive(Debug, Clone)]
pub enum FilterTest {
    /// Normalized text is one of these.
    In(Vec<String>),
    NotIn(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct UnpivotItem {
    pub column: String,
    /// Constants this item sets (`RETESTCD = "FVC"`).
    pub set: Vec<(String, String)>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// One target variable: where its value comes from and what happens to it on the way.
#[derive(Debug, Clone)]
pub struct VarPlan {
    pub name: String,
    pub op: Op,
    pub steps: Vec<Step>,
    pub required: bool,
    pub origin: Origin,
    pub vtype: VarType,
}

#[derive(Debug, Clone)]
pub enum Op {
    Constant(Value),
    Column(String),
    /// The unpivoted cell of the current item.
    Item,
    /// The item's constant for this variable, set by `[[unpivot]]`'s `set`.
    ItemSet,
    Concat(Vec<Part>),
    /// An earlier variable of the same record.
    From(String),
    Lookup(Lookup),
}

#[derive(Debug, Clone)]
pub enum Part {
    Text(String),
    Var(String),
    Column(String),
}

#[derive(Debug, Clone)]
pub struct Lookup {
    pub table: TableSpec,
    /// Column holding the subject in the looked-up sheet.
    pub key: String,
    pub value: String,
    pub pick: Pick,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    First,
    Last,
    Min,
    Max,
}

#[derive(Debug, Clone)]
pub enum Step {
    Recode(Recode),
    Date(Vec<DateFormat>),
    Number(NumberStep),
    /// Any non-null value becomes this constant (`DTHFL = "Y"` when a death date exists).
    Present(String),
    /// Follow a code to its partner in a paired codelist (`LBTESTCD` → `LBTEST`).
    Decode {
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone)]
pub struct Recode {
    /// Normalized source text → target value.
    pub table: BTreeMap<String, String>,
    /// Values that are neither in the table nor the codelist are reported.
    pub codelist: Option<String>,
    /// Unmapped values pass through unchanged (extensible lists, free text).
    pub keep_unmapped: bool,
}

#[derive(Debug, Clone)]
pub struct NumberStep {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub decimal_comma: bool,
    pub unit: Option<UnitConversion>,
}

#[derive(Debug, Clone)]
pub struct UnitConversion {
    pub column: String,
    /// Normalized unit text → factor to the standard unit.
    pub factors: BTreeMap<String, f64>,
}

#[derive(Debug, Clone)]
pub struct SuppPlan {
    pub qnam: String,
    pub qlabel: String,
    pub qorig: String,
    pub var: VarPlan,
}

/// What the engine computes once a domain's rows are stacked.
#[derive(Debug, Clone, Default)]
pub struct DerivePlan {
    /// Date variables that get a study day (`AESTDTC` → `AESTDY`).
    pub study_day: Vec<String>,
    /// VISIT/VISITNUM from a visit column (matched to the schedule), checked against
    /// the date's window.
    pub visit: Option<VisitDerive>,
    /// EPOCH from this date variable (or from the visit when one is derived).
    pub epoch: Option<String>,
    pub baseline: Option<Baseline>,
    /// Dates checked against consent (before) and end of study (after).
    pub in_study: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct VisitDerive {
    pub column: Option<String>,
    pub date: String,
}

#[derive(Debug, Clone)]
pub struct Baseline {
    pub flag: String,
    pub date: String,
    pub by: Vec<String>,
    pub value: String,
}
