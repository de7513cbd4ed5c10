//! [`DatasetMeta`] as Arrow schema and field metadata, and back.

use arrow_schema::{DataType, Field, Schema};
use model::{Core, DatasetMeta, Origin, VarType, Variable};
use std::collections::HashMap;

pub const NAME: &str = "dataset.name";
pub const LABEL: &str = "dataset.label";
pub const CLASS: &str = "dataset.class";
pub const STRUCTURE: &str = "dataset.structure";
pub const VAR_LABEL: &str = "sas.label";
pub const LENGTH: &str = "sas.length";
pub const FORMAT: &str = "sas.format";
pub const ORIGIN: &str = "define.origin";
pub const CODELIST: &str = "define.codelist";
pub const ROLE: &str = "define.role";
pub const CORE: &str = "define.core";
pub const DATA_TYPE: &str = "datasetjson.dataType";
/// On a companion column: the variable whose exceptions it holds.
pub const EXCEPTIONS_OF: &str = "trialbridge.exceptions_of";

/// The schema of a table with these variables; `exceptions` lists the variables that have
/// a companion column, in variable order.
pub fn schema(meta: &DatasetMeta, exceptions: &[usize]) -> Schema {
    let mut fields: Vec<Field> = meta.variables.iter().map(field).collect();
    for &i in exceptions {
        let name = &meta.variables[i].name;
        fields.push(
            Field::new(format!("{name}.exceptions"), DataType::Utf8, true)
                .with_metadata(HashMap::from([(EXCEPTIONS_OF.to_owned(), name.clone())])),
        );
    }
    let mut md = HashMap::from([
        (NAME.to_owned(), meta.name.clone()),
        (LABEL.to_owned(), meta.label.clone()),
    ]);
    put(&mut md, CLASS, meta.class.clone());
    put(&mut md, STRUCTURE, meta.structure.clone());
    Schema::new(fields).with_metadata(md)
}

fn put(md: &mut HashMap<String, String>, key: &str, value: Option<String>) {
    if let Some(v) = value {
        md.insert(key.to_owned(), v);
    }
}

fn field(v: &Variable) -> Field {
    let dt = match v.vtype {
        VarType::Char => DataType::Utf8,
        VarType::Num => DataType::Float64,
    };
    let mut md = HashMap::from([(VAR_LABEL.to_owned(), v.label.clone())]);
    put(&mut md, LENGTH, v.length.map(|n| n.to_string()));
    put(&mut md, FORMAT, v.format.clone());
    put(
        &mut md,
        ORIGIN,
        v.origin.as_ref().map(|o| o.define_type().to_owned()),
    );
    put(&mut md, CODELIST, v.codelist.clone());
    put(&mut md, ROLE, v.role.clone());
    put(&mut md, CORE, v.core.map(|c| core_text(c).to_owned()));
    put(&mut md, DATA_TYPE, v.data_type.clone());
    Field::new(&v.name, dt, true).with_metadata(md)
}

fn core_text(c: Core) -> &'static str {
    match c {
        Core::Req => "Req",
        Core::Exp => "Exp",
        Core::Perm => "Perm",
    }
}

/// What a schema says about its dataset, or why it is not one of ours: a variable of a type
/// other than `Utf8`/`Float64`, or metadata that does not parse.
pub fn dataset_meta(schema: &Schema) -> Result<(DatasetMeta, Vec<usize>), String> {
    let md = schema.metadata();
    let get = |k: &str| md.get(k).cloned();
    let mut meta = DatasetMeta::new(
        get(NAME).unwrap_or_default(),
        get(LABEL).unwrap_or_default(),
    );
    meta.class = get(CLASS);
    meta.structure = get(STRUCTURE);
    let mut exceptions = Vec::new();
    for f in schema.fields() {
        if let Some(of) = f.metadata().get(EXCEPTIONS_OF) {
            let i = meta.index_of(of).ok_or_else(|| {
                format!(
                    "`{}` holds exceptions of `{of}`, which comes after it or is absent",
                    f.name()
                )
            })?;
            exceptions.push(i);
            continue;
        }
        if !exceptions.is_empty() {
            return Err(format!(
                "variable `{}` comes after the exceptions columns",
                f.name()
            ));
        }
        meta.variables.push(variable(f)?);
    }
    Ok((meta, exceptions))
}

fn variable(f: &Field) -> Result<Variable, String> {
    let vtype = match f.data_type() {
        DataType::Utf8 => VarType::Char,
        DataType::Float64 => VarType::Num,
        other => {
            return Err(format!(
                "`{}` is {other}; a dataset column is Utf8 or Float64",
                f.name()
            ));
        }
    };
    let md = f.metadata();
    let get = |k: &str| md.get(k).cloned();
    let mut v = Variable::new(f.name().clone(), get(VAR_LABEL).unwrap_or_default(), vtype);
    v.length = match get(LENGTH) {
        Some(n) => Some(
            n.parse()
                .map_err(|_| format!("`{}` has length `{n}`", f.name()))?,
        ),
        None => None,
    };
    v.format = get(FORMAT);
    v.origin = match get(ORIGIN).as_deref() {
        None => None,
        Some(o) => Some(origin(o).ok_or_else(|| format!("`{}` has origin `{o}`", f.name()))?),
    };
    v.codelist = get(CODELIST);
    v.role = get(ROLE);
    v.core = match get(CORE).as_deref() {
        None => None,
        Some("Req") => Some(Core::Req),
        Some("Exp") => Some(Core::Exp),
        Some("Perm") => Some(Core::Perm),
        Some(c) => return Err(format!("`{}` has core `{c}`", f.name())),
    };
    v.data_type = get(DATA_TYPE);
    Ok(v)
}

fn origin(text: &str) -> Option<Origin> {
    [
        Origin::Collected,
        Origin::Derived,
        Origin::Assigned,
        Origin::Protocol,
        Origin::Predecessor,
        Origin::NotAvailable,
    ]
    .into_iter()
    .find(|o| o.define_type() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_survives_the_schema() {
        let mut meta = DatasetMeta::new("LB", "Laboratory Test Results");
        meta.class = Some("FINDINGS".into());
        meta.structure =
            Some("One record per lab test per time point per visit per subject".into());
        let mut v = Variable::num("LBSTRESN", "Numeric Result/Finding in Standard Units")
            .with_length(8)
            .with_format("8.2")
            .with_core(Core::Exp)
            .with_origin(Origin::NotAvailable)
            .with_codelist("C1");
        v.role = Some("Result Qualifier".into());
        v.data_type = Some("double".into());
        meta.variables
            .push(Variable::char("USUBJID", "Unique Subject Identifier"));
        meta.variables.push(v);
        let schema = schema(&meta, &[1]);
        assert_eq!(schema.field(2).name(), "LBSTRESN.exceptions");
        let (back, exceptions) = dataset_meta(&schema).unwrap();
        assert_eq!(back, meta);
        assert_eq!(exceptions, [1]);
    }

    #[test]
    fn a_schema_that_is_no_dataset_says_why() {
        let schema = Schema::new(vec![Field::new("N", DataType::Int32, true)]);
        assert_eq!(
            dataset_meta(&schema).unwrap_err(),
            "`N` is Int32; a dataset column is Utf8 or Float64"
        );
        let bad =
            Schema::new(vec![Field::new("N", DataType::Utf8, true).with_metadata(
                HashMap::from([(ORIGIN.to_owned(), "Guessed".to_owned())]),
            )]);
        assert_eq!(dataset_meta(&bad).unwrap_err(), "`N` has origin `Guessed`");
    }
}
