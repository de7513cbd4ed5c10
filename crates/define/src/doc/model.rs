//! What a define.xml says, as plain data: the writer's input.
//!
//! Names and labels come from `model::DatasetMeta`; everything Define-XML needs beyond them
//! (lengths from the data, origins' sources, methods, codelist OIDs, value-level metadata)
//! lives in [`VarDef`], keyed by variable name. [`DefineDoc::from_datasets`] fills these from
//! the data; callers then adjust what the data cannot say (methods, comments, codelists).

use model::DatasetMeta;
use std::collections::BTreeMap;

/// `ODM/@def:Context`: `Submission` for a package sent to a regulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Context {
    #[default]
    Submission,
    Other,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DefineDoc {
    pub file_oid: String,
    /// `CreationDateTime`, e.g. `2026-11-22T10:00:00`: the run's timestamp, never the clock,
    /// so the same inputs give the same bytes.
    pub creation_datetime: String,
    pub context: Context,
    pub originator: Option<String>,
    pub source_system: Option<String>,
    pub source_system_version: Option<String>,
    pub study: Study,
    pub standards: Vec<Standard>,
    pub datasets: Vec<DatasetDef>,
    pub codelists: Vec<CodeList>,
    pub methods: Vec<Method>,
    pub comments: Vec<Comment>,
    /// Documents other than datasets (annotated CRF, reviewers' guide) that methods,
    /// comments and origins point at through `def:DocumentRef`.
    pub documents: Vec<Document>,
    /// Analysis Results Metadata: the displays of an ADaM package's results.
    pub results: Vec<super::arm::ResultDisplay>,
}

/// `Study/GlobalVariables` and the one `MetaDataVersion`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Study {
    pub oid: String,
    pub name: String,
    pub description: String,
    pub protocol_name: String,
    pub mdv_oid: String,
    pub mdv_name: String,
    pub mdv_description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StandardType {
    Ig,
    Ct,
}

/// One `def:Standard`: an implementation guide or a controlled terminology release.
#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    pub oid: String,
    /// `SDTMIG`, `ADaMIG`, `CDISC/NCI`, ... (a closed list in the 2.1 schema).
    pub name: String,
    pub kind: StandardType,
    /// `SDTM`, `ADaM`, ... for CT only.
    pub publishing_set: Option<String>,
    pub version: String,
    /// `Final`, `Draft` or `Provisional`.
    pub status: String,
    pub comment: Option<String>,
}

impl Standard {
    /// An implementation guide, e.g. `Standard::ig("STD.SDTMIG.3.4", "SDTMIG", "3.4")`.
    pub fn ig(oid: &str, name: &str, version: &str) -> Standard {
        Standard {
            oid: oid.to_owned(),
            name: name.to_owned(),
            kind: StandardType::Ig,
            publishing_set: None,
            version: version.to_owned(),
            status: "Final".to_owned(),
            comment: None,
        }
    }

    /// A CDISC/NCI terminology release, e.g. `Standard::ct("STD.CT.SDTM", "SDTM", "2022-03-25")`.
    pub fn ct(oid: &str, publishing_set: &str, version: &str) -> Standard {
        Standard {
            oid: oid.to_owned(),
            name: "CDISC/NCI".to_owned(),
            kind: StandardType::Ct,
            publishing_set: Some(publishing_set.to_owned()),
            version: version.to_owned(),
            status: "Final".to_owned(),
            comment: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    Tabulation,
    Analysis,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Tabulation => "Tabulation",
            Purpose::Analysis => "Analysis",
        }
    }
}

/// One dataset: its metadata plus what define.xml adds.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetDef {
    /// Name, label, class (`def:Class/@Name`), structure and variables in file order.
    pub meta: DatasetMeta,
    /// `def:leaf/@xlink:href`, relative to define.xml: `dm.xpt`.
    pub href: String,
    /// Key variables in `KeySequence` order.
    pub keys: Vec<String>,
    pub purpose: Purpose,
    /// `Domain`; `None` for ADaM datasets. SUPPDM's domain is `DM`.
    pub domain: Option<String>,
    /// `def:SubClass`, e.g. `ADVERSE EVENT` under `OCCURRENCE DATA STRUCTURE`.
    pub sub_class: Option<String>,
    pub repeating: bool,
    pub reference_data: bool,
    pub standard: Option<String>,
    pub comment: Option<String>,
    /// Per-variable additions, by variable name as in `meta`.
    pub vars: BTreeMap<String, VarDef>,
}

impl DatasetDef {
    pub fn new(meta: DatasetMeta, href: impl Into<String>, purpose: Purpose) -> DatasetDef {
        DatasetDef {
            meta,
            href: href.into(),
            keys: Vec::new(),
            purpose,
            domain: None,
            sub_class: None,
            repeating: true,
            reference_data: false,
            standard: None,
            comment: None,
            vars: BTreeMap::new(),
        }
    }

    /// The additions for a variable, created empty on first use.
    pub fn var_mut(&mut self, name: &str) -> &mut VarDef {
        self.vars.entry(name.to_owned()).or_default()
    }
}

/// ODM `DataType` values that Define-XML 2.1 uses for SDTM/ADaM variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataType {
    Text,
    Integer,
    Float,
    Date,
    DateTime,
    Time,
    PartialDate,
    PartialTime,
    PartialDatetime,
    IncompleteDatetime,
    DurationDatetime,
    IntervalDatetime,
}

impl DataType {
    pub fn as_str(self) -> &'static str {
        match self {
            DataType::Text => "text",
            DataType::Integer => "integer",
            DataType::Float => "float",
            DataType::Date => "date",
            DataType::DateTime => "datetime",
            DataType::Time => "time",
            DataType::PartialDate => "partialDate",
            DataType::PartialTime => "partialTime",
            DataType::PartialDatetime => "partialDatetime",
            DataType::IncompleteDatetime => "incompleteDatetime",
            DataType::DurationDatetime => "durationDatetime",
            DataType::IntervalDatetime => "intervalDatetime",
        }
    }

    /// Define-XML 2.1 requires `Length` for these and forbids it for the ISO 8601 types.
    pub fn has_length(self) -> bool {
        matches!(self, DataType::Text | DataType::Integer | DataType::Float)
    }
}

/// `def:Origin/@Source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OriginSource {
    Investigator,
    Sponsor,
    Subject,
    Vendor,
}

impl OriginSource {
    pub fn as_str(self) -> &'static str {
        match self {
            OriginSource::Investigator => "Investigator",
            OriginSource::Sponsor => "Sponsor",
            OriginSource::Subject => "Subject",
            OriginSource::Vendor => "Vendor",
        }
    }
}

/// What an `ItemDef` says beyond `model::Variable`. `None` fields fall back to the variable
/// (`format` → `def:DisplayFormat`, `codelist` → `CL.<codelist>`) or are left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VarDef {
    pub data_type: Option<DataType>,
    pub length: Option<usize>,
    pub significant_digits: Option<usize>,
    pub display_format: Option<String>,
    pub origin_source: Option<OriginSource>,
    /// `def:Origin/Description`, e.g. the predecessor `DM.AGE`.
    pub origin_description: Option<String>,
    /// `MethodOID` on the `ItemRef`.
    pub method: Option<String>,
    /// `def:CommentOID` on the `ItemDef`.
    pub comment: Option<String>,
    /// `CodeListOID`, overriding `CL.<Variable.codelist>`.
    pub codelist: Option<String>,
    /// Value-level metadata; non-empty makes a `def:ValueListDef` `VL.<DS>.<VAR>`.
    pub value_list: Vec<ValueItem>,
}

/// `RangeCheck/@Comparator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    Eq,
    Ne,
    In,
    NotIn,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Eq => "EQ",
            Comparator::Ne => "NE",
            Comparator::In => "IN",
            Comparator::NotIn => "NOTIN",
        }
    }
}

/// One condition of a where clause: `<variable> <comparator> <values>` in the same dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub variable: String,
    pub comparator: Comparator,
    pub values: Vec<String>,
}

impl Condition {
    pub fn eq(variable: &str, value: &str) -> Condition {
        Condition {
            variable: variable.to_owned(),
            comparator: Comparator::Eq,
            values: vec![value.to_owned()],
        }
    }
}

/// One value-level definition: the variable's metadata while all `conditions` hold.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueItem {
    /// The OID suffix: `IT.LB.LBORRES.<key>` and `WC.LB.<first condition var>.<key>`.
    pub key: String,
    pub conditions: Vec<Condition>,
    pub label: Option<String>,
    pub data_type: DataType,
    pub length: Option<usize>,
    pub significant_digits: Option<usize>,
    pub display_format: Option<String>,
    pub mandatory: bool,
    pub codelist: Option<String>,
    pub method: Option<String>,
    pub comment: Option<String>,
}

/// `CodeList/@DataType` (a narrower list than `ItemDef`'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeListType {
    Text,
    Integer,
    Float,
}

impl CodeListType {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeListType::Text => "text",
            CodeListType::Integer => "integer",
            CodeListType::Float => "float",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeList {
    /// `CL.SEX`.
    pub oid: String,
    pub name: String,
    pub data_type: CodeListType,
    /// NCI C-code of the codelist (`C66731`), written as `Alias Context="nci:ExtCodeID"`.
    pub nci_code: Option<String>,
    /// Whether CDISC CT lets sponsors add terms; terms flagged `extended` in a codelist
    /// that is not extensible are reported (`FM0141`).
    pub extensible: bool,
    pub standard: Option<String>,
    pub comment: Option<String>,
    pub items: Vec<CodeItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeItem {
    pub coded_value: String,
    pub decode: Option<String>,
    pub nci_code: Option<String>,
    /// A sponsor extension: `def:ExtendedValue="Yes"`.
    pub extended: bool,
}

impl CodeItem {
    pub fn new(coded_value: &str) -> CodeItem {
        CodeItem {
            coded_value: coded_value.to_owned(),
            decode: None,
            nci_code: None,
            extended: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MethodType {
    Computation,
    Imputation,
}

/// `MethodDef`: how a derived value was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    /// `MT.AGE`.
    pub oid: String,
    pub name: String,
    pub kind: MethodType,
    pub description: String,
    /// `(context, code)` for a `FormalExpression`, e.g. `("SAS 9.4", "AGE = ...")`.
    pub expression: Option<(String, String)>,
    /// `def:DocumentRef/@leafID`s.
    pub documents: Vec<String>,
}

/// `def:CommentDef`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// `COM.AGEU`.
    pub oid: String,
    pub text: String,
    pub documents: Vec<String>,
}

/// A `def:leaf` for a non-dataset document: `LF.acrf` → `acrf.pdf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    pub href: String,
    pub title: String,
}
