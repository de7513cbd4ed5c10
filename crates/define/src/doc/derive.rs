//! What the data can tell define.xml: data types, lengths, significant digits, and
//! value-level metadata per test code (`--TESTCD`) or supplemental qualifier (`QNAM`).

use super::model::{
    Condition, DataType, DatasetDef, DefineDoc, OriginSource, Purpose, Standard, StandardType,
    Study, ValueItem, VarDef,
};
use super::oid;
use model::{Dataset, Origin, Value, VarType, Variable};
use std::collections::BTreeMap;

/// An `ItemDef`/`ItemRef` with every fallback applied: what the writer prints.
pub(crate) struct Resolved<'a> {
    pub data_type: DataType,
    pub length: Option<usize>,
    pub significant_digits: Option<usize>,
    pub display_format: Option<&'a str>,
    pub codelist: Option<String>,
    pub method: Option<&'a str>,
    pub comment: Option<&'a str>,
    pub origin: Option<(&'static str, Option<&'static str>)>,
    pub origin_description: Option<&'a str>,
}

pub(crate) fn resolved<'a>(ds: &'a DatasetDef, var: &'a Variable) -> Resolved<'a> {
    let empty: &'static VarDef = &EMPTY;
    let vd = ds.vars.get(&var.name).unwrap_or(empty);
    let data_type = vd.data_type.unwrap_or_else(|| declared_type(var));
    let length = vd.length.or(var.length).or(match var.vtype {
        VarType::Num => Some(8),
        VarType::Char => None,
    });
    let origin = var.origin.as_ref().map(|o| {
        let source = vd.origin_source.or_else(|| default_source(o));
        (o.define_type(), source.map(OriginSource::as_str))
    });
    Resolved {
        data_type,
        length: length.filter(|_| data_type.has_length()),
        significant_digits: vd
            .significant_digits
            .filter(|_| data_type == DataType::Float),
        display_format: vd.display_format.as_deref().or(var.format.as_deref()),
        codelist: vd
            .codelist
            .clone()
            .or_else(|| var.codelist.as_deref().map(oid::codelist)),
        method: vd.method.as_deref(),
        comment: vd.comment.as_deref(),
        origin,
        origin_description: vd.origin_description.as_deref(),
    }
}

static EMPTY: VarDef = VarDef {
    data_type: None,
    length: None,
    significant_digits: None,
    display_format: None,
    origin_source: None,
    origin_description: None,
    method: None,
    comment: None,
    codelist: None,
    value_list: Vec::new(),
};

/// Who is the source of an origin when nobody said: the 2.1 examples' pattern.
fn default_source(origin: &Origin) -> Option<OriginSource> {
    match origin {
        Origin::Collected => Some(OriginSource::Investigator),
        Origin::Derived | Origin::Assigned | Origin::Protocol => Some(OriginSource::Sponsor),
        Origin::Predecessor | Origin::NotAvailable => None,
    }
}

fn is_iso_name(name: &str) -> bool {
    name.ends_with("DTC") || name.ends_with("DUR")
}

/// The data type the metadata alone implies, before looking at values.
pub fn declared_type(var: &Variable) -> DataType {
    let dt = var.data_type.as_deref().unwrap_or("");
    match var.vtype {
        // ADaM numeric dates (ADT, TRTSDT) are integers with a date display format.
        VarType::Num => match dt {
            "integer" | "date" | "datetime" | "time" => DataType::Integer,
            _ => DataType::Float,
        },
        VarType::Char => match dt {
            "date" => DataType::Date,
            "datetime" => DataType::DateTime,
            "time" => DataType::Time,
            _ if var.name.ends_with("DUR") => DataType::DurationDatetime,
            _ if var.name.ends_with("DTC") => DataType::DateTime,
            _ => DataType::Text,
        },
    }
}

/// Type, length and significant digits seen in `values`.
pub fn infer<'a>(
    var: &Variable,
    values: impl Iterator<Item = &'a Value>,
) -> (DataType, Option<usize>, Option<usize>) {
    let declared = declared_type(var);
    let texts: Vec<String> = values
        .filter(|v| !v.is_null())
        .map(|v| v.to_string())
        .collect();
    let max_len = texts.iter().map(String::len).max();
    let decimals = texts.iter().map(|t| decimals(t)).max();
    match declared {
        DataType::Float | DataType::Integer if var.vtype == VarType::Num => {
            if declared == DataType::Integer || decimals.is_none_or(|d| d == 0) {
                (DataType::Integer, max_len.or(var.length), None)
            } else {
                (DataType::Float, max_len, decimals)
            }
        }
        // An all-empty column still occupies one byte in XPT.
        DataType::Text => (
            DataType::Text,
            Some(max_len.or(var.length).unwrap_or(1).max(1)),
            None,
        ),
        DataType::DateTime if var.data_type.is_none() && is_iso_name(&var.name) => {
            let timed = texts.iter().any(|t| t.contains('T'));
            let dt = if timed || texts.is_empty() {
                DataType::DateTime
            } else {
                DataType::Date
            };
            (dt, None, None)
        }
        other => (other, None, None),
    }
}

fn decimals(t: &str) -> usize {
    t.split_once('.').map_or(0, |(_, frac)| frac.len())
}

/// Type of a character result column for one test: numeric when every value is a number.
fn infer_result(values: &[&Value], var: &Variable) -> (DataType, Option<usize>, Option<usize>) {
    let texts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let numeric = !texts.is_empty()
        && var.vtype == VarType::Char
        && texts
            .iter()
            .all(|t| t.trim().parse::<f64>().is_ok_and(f64::is_finite));
    if !numeric {
        return infer(var, values.iter().copied());
    }
    let len = texts.iter().map(String::len).max();
    match texts.iter().map(|t| decimals(t)).max() {
        Some(d) if d > 0 => (DataType::Float, len, Some(d)),
        _ => (DataType::Integer, len, None),
    }
}

/// The `(key variable, label variable, targets)` whose values split a dataset into
/// value-level definitions: `LBTESTCD` for `LBORRES`..., or `QNAM` for `QVAL`.
fn vlm_plan(ds: &Dataset) -> Option<(String, Option<String>, Vec<String>)> {
    let meta = &ds.meta;
    if meta.index_of("QNAM").is_some() && meta.index_of("QVAL").is_some() {
        return Some(("QNAM".into(), Some("QLABEL".into()), vec!["QVAL".into()]));
    }
    let testcd = meta
        .variables
        .iter()
        .find(|v| v.name.len() == 8 && v.name.ends_with("TESTCD"))?;
    let prefix = &testcd.name[..2];
    let targets: Vec<String> = ["ORRES", "ORRESU", "STRESC", "STRESN", "STRESU"]
        .iter()
        .map(|s| format!("{prefix}{s}"))
        .filter(|n| meta.index_of(n).is_some())
        .collect();
    (!targets.is_empty()).then(|| (testcd.name.clone(), Some(format!("{prefix}TEST")), targets))
}

fn value_level(ds: &Dataset, defs: &mut BTreeMap<String, VarDef>) {
    let Some((key_var, label_var, targets)) = vlm_plan(ds) else {
        return;
    };
    let Some(ki) = ds.meta.index_of(&key_var) else {
        return;
    };
    let li = label_var.and_then(|l| ds.meta.index_of(&l));
    let mut groups: BTreeMap<String, (Option<String>, Vec<usize>)> = BTreeMap::new();
    for (r, row) in ds.rows.iter().enumerate() {
        let Some(code) = row[ki].as_str().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        let g = groups.entry(code.to_owned()).or_default();
        if g.0.is_none() {
            g.0 = li.and_then(|i| row[i].as_str()).map(str::to_owned);
        }
        g.1.push(r);
    }
    for target in targets {
        let Some(ti) = ds.meta.index_of(&target) else {
            continue;
        };
        let var = &ds.meta.variables[ti];
        let mut items = Vec::new();
        for (code, (label, rows)) in &groups {
            let values: Vec<&Value> = rows
                .iter()
                .map(|&r| &ds.rows[r][ti])
                .filter(|v| !v.is_null())
                .collect();
            if values.is_empty() {
                continue;
            }
            // A supplemental qualifier named like a date (`RANDDTC`) holds ISO 8601 text.
            let probe = match key_var.as_str() {
                "QNAM" => Variable {
                    name: code.clone(),
                    ..var.clone()
                },
                _ => var.clone(),
            };
            let (data_type, length, significant_digits) = infer_result(&values, &probe);
            items.push(ValueItem {
                key: oid::key_part(code),
                conditions: vec![Condition::eq(&key_var, code)],
                label: label.clone(),
                data_type,
                length,
                significant_digits,
                display_format: None,
                mandatory: false,
                codelist: None,
                method: None,
                comment: None,
            });
        }
        defs.entry(var.name.clone()).or_default().value_list = items;
    }
}

const REFERENCE: [&str; 7] = ["TA", "TD", "TE", "TI", "TM", "TS", "TV"];

/// Variables that may identify an analysis record, in the order ADaM datasets are usually
/// keyed.
const ADAM_KEYS: [&str; 10] = [
    "STUDYID", "USUBJID", "PARAMCD", "AVISITN", "ATPTN", "ADT", "ASTDT", "AESEQ", "ASEQ", "SRCSEQ",
];

/// An ADaM dataset's keys: STUDYID and USUBJID, then each candidate that tells more records
/// apart, until every record is told apart (or the candidates run out), so the declared key
/// is one the data honours.
fn adam_keys(ds: &Dataset) -> Vec<String> {
    let cols: Vec<(&str, usize)> = ADAM_KEYS
        .iter()
        .filter_map(|k| Some((*k, ds.meta.index_of(k)?)))
        .collect();
    let distinct = |chosen: &[usize]| {
        let keys: std::collections::HashSet<Vec<String>> = ds
            .rows
            .iter()
            .map(|r| chosen.iter().map(|&c| r[c].to_string()).collect())
            .collect();
        keys.len()
    };
    let mut chosen: Vec<usize> = Vec::new();
    let mut names = Vec::new();
    let mut told_apart = 0;
    for (name, c) in cols {
        if told_apart == ds.rows.len() && !chosen.is_empty() {
            break;
        }
        let mut trial = chosen.clone();
        trial.push(c);
        let now = distinct(&trial);
        if name == "STUDYID" || name == "USUBJID" || now > told_apart {
            chosen = trial;
            names.push(name.to_owned());
            told_apart = now;
        }
    }
    names
}

fn keys(ds: &Dataset) -> Vec<String> {
    let name = ds.meta.name.as_str();
    if name.starts_with("AD") {
        return adam_keys(ds);
    }
    let candidates: Vec<String> = if name.starts_with("SUPP") {
        ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM"]
            .map(String::from)
            .to_vec()
    } else {
        let prefix = name.get(..2).unwrap_or(name);
        vec![
            "STUDYID".into(),
            "USUBJID".into(),
            format!("{prefix}PARMCD"),
            format!("{prefix}SEQ"),
            "PARAMCD".into(),
            "ASEQ".into(),
        ]
    };
    candidates
        .into_iter()
        .filter(|k| ds.meta.index_of(k).is_some())
        .collect()
}

impl DefineDoc {
    /// A document for `datasets` as they are: `AD*` datasets are Analysis, the rest
    /// Tabulation; each gets the first IG standard named `ADaMIG` or `SDTMIG` accordingly and
    /// a leaf `<name in lower case>.xpt`. Types and lengths come from the rows; test-level
    /// value lists are made for Findings datasets (`--TESTCD`) and SUPP-- (`QNAM`). Keys are
    /// a guess (STUDYID, USUBJID, --SEQ/PARAMCD...); methods, comments and codelists are the
    /// caller's to add.
    pub fn from_datasets(
        study: Study,
        standards: Vec<Standard>,
        datasets: &[Dataset],
        creation_datetime: &str,
    ) -> DefineDoc {
        let ig = |name: &str| {
            standards
                .iter()
                .find(|s| s.kind == StandardType::Ig && s.name == name)
                .map(|s| s.oid.clone())
        };
        let defs = datasets
            .iter()
            .map(|ds| {
                let name = ds.meta.name.clone();
                let purpose = if name.starts_with("AD") {
                    Purpose::Analysis
                } else {
                    Purpose::Tabulation
                };
                let mut meta = ds.meta.clone();
                let supp = name.strip_prefix("SUPP");
                if supp.is_some() {
                    meta.class.get_or_insert_with(|| "RELATIONSHIP".into());
                    meta.structure.get_or_insert_with(|| {
                        "One record per IDVAR, IDVARVAL, and QNAM value per subject".into()
                    });
                }
                let href = format!("{}.xpt", name.to_ascii_lowercase());
                let mut d = DatasetDef::new(meta, href, purpose);
                d.keys = keys(ds);
                d.standard = match purpose {
                    Purpose::Analysis => ig("ADaMIG"),
                    Purpose::Tabulation => ig("SDTMIG"),
                };
                d.domain = match purpose {
                    Purpose::Analysis => None,
                    Purpose::Tabulation => Some(supp.unwrap_or(&name).to_owned()),
                };
                d.reference_data = REFERENCE.contains(&name.as_str());
                let per_subject = ds
                    .meta
                    .structure
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("One record per subject"));
                d.repeating = !(per_subject || matches!(name.as_str(), "DM" | "ADSL" | "TS"));
                for (i, var) in ds.meta.variables.iter().enumerate() {
                    let (dt, len, sig) = infer(var, ds.rows.iter().map(|r| &r[i]));
                    let vd = d.var_mut(&var.name);
                    vd.data_type = Some(dt);
                    vd.length = len;
                    vd.significant_digits = sig;
                }
                value_level(ds, &mut d.vars);
                d
            })
            .collect();
        DefineDoc {
            file_oid: format!("{}.Define-XML_2.1.0", study.oid),
            creation_datetime: creation_datetime.to_owned(),
            study,
            standards,
            datasets: defs,
            ..DefineDoc::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(v: &[Value]) -> impl Iterator<Item = &Value> {
        v.iter()
    }

    #[test]
    fn numbers_are_integer_until_a_fraction_appears() {
        let var = Variable::num("AGE", "Age");
        assert_eq!(
            infer(&var, vals(&[54.0.into(), Value::NULL, (-7.0).into()])),
            (DataType::Integer, Some(2), None)
        );
        assert_eq!(
            infer(&var, vals(&[54.0.into(), 3.125.into()])),
            (DataType::Float, Some(5), Some(3))
        );
    }

    #[test]
    fn iso_text_is_date_or_datetime_and_durations_are_durations() {
        let dtc = Variable::char("AESTDTC", "Start");
        assert_eq!(
            infer(&dtc, vals(&["2024-03".into(), "2024-03-02".into()])).0,
            DataType::Date
        );
        assert_eq!(
            infer(&dtc, vals(&["2024-03-02T10:00".into()])).0,
            DataType::DateTime
        );
        let dur = Variable::char("AEDUR", "Duration");
        assert_eq!(
            infer(&dur, vals(&["P3D".into()])).0,
            DataType::DurationDatetime
        );
    }

    #[test]
    fn adam_numeric_dates_are_integers() {
        let mut adt = Variable::num("ADT", "Analysis Date").with_format("DATE9.");
        adt.data_type = Some("date".into());
        assert_eq!(
            infer(&adt, vals(&[23_436.0.into()])),
            (DataType::Integer, Some(5), None)
        );
    }

    #[test]
    fn text_length_is_bytes_of_the_longest_value() {
        let v = Variable::char("AETERM", "Term").with_length(200);
        assert_eq!(infer(&v, vals(&["Übelkeit".into()])).1, Some(9));
        assert_eq!(
            infer(&v, vals(&[Value::NULL])).1,
            Some(200),
            "declared when no data"
        );
    }
}
