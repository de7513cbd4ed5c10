//! The tables CORE's non-record rule types run on, built from a package's datasets:
//! - Dataset Metadata Check: one row per dataset (`dataset_name`, `dataset_label`,
//!   `dataset_location`), reported at record 1;
//! - Variable Metadata Check: one row per variable (`variable_name`, `variable_label`,
//!   `variable_data_type`, `variable_size`, `variable_order_number`), record = variable order;
//! - Value Check with Variable Metadata: one row per record and variable (`variable_name`,
//!   `variable_value`, `variable_data_type`, ...), reported at the record;
//! - Domain Presence Check: a single `STUDY` row with a column per dataset present, holding
//!   its file name (`ae.csv`), reported without a record number.

use crate::frame::{Cell, Column, Frame};
use crate::package::DatasetInfo;
use model::VarType;
use table::Table;

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Null
    } else {
        Cell::Str(s.into())
    }
}

/// The file CORE reads a dataset from, as its reports name it.
pub fn file_name(ds: &Table) -> String {
    format!("{}.csv", ds.name().to_ascii_lowercase())
}

fn frame(info: DatasetInfo, columns: &[&str], rows: Vec<Vec<Cell>>, source_len: usize) -> Frame {
    let data = (0..columns.len())
        .map(|c| {
            Column::new(
                rows.iter()
                    .map(|r| r.get(c).cloned().unwrap_or(Cell::Null))
                    .collect(),
            )
        })
        .collect();
    Frame {
        file_names: vec![info.name.clone()],
        info,
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        data,
        records: (1..=rows.len() as u64).collect(),
        files: vec![0; rows.len()],
        source_len: Some(source_len),
        raw_values: false,
    }
}

pub fn dataset_metadata(ds: &Table) -> Frame {
    let row = vec![
        text(&ds.name().to_ascii_uppercase()),
        text(&ds.meta().label),
        text(&file_name(ds)),
    ];
    frame(
        DatasetInfo::of(ds),
        &["dataset_name", "dataset_label", "dataset_location"],
        vec![row],
        ds.len(),
    )
}

pub fn variable_metadata(ds: &Table) -> Frame {
    let rows = ds
        .meta()
        .variables
        .iter()
        .enumerate()
        .map(|(i, v)| {
            vec![
                text(&v.name),
                text(&v.label),
                text(match v.vtype {
                    VarType::Char => "Char",
                    VarType::Num => "Num",
                }),
                v.length.map_or(Cell::Null, |l| Cell::Int(l as i64)),
                Cell::Int(i as i64 + 1),
                v.format.as_deref().map_or(Cell::Null, text),
            ]
        })
        .collect();
    frame(
        DatasetInfo::of(ds),
        &[
            "variable_name",
            "variable_label",
            "variable_data_type",
            "variable_size",
            "variable_order_number",
            "variable_format",
        ],
        rows,
        ds.len(),
    )
}

fn type_name(t: VarType) -> &'static str {
    match t {
        VarType::Char => "Char",
        VarType::Num => "Num",
    }
}

const VALUE_COLUMNS: [&str; 5] = [
    "variable_name",
    "variable_value",
    "variable_data_type",
    "variable_label",
    "variable_size",
];

/// The whole value-check view of a dataset, record by record and variable by variable.
pub fn variable_values(ds: &Table) -> Frame {
    let mut rows = Vec::new();
    let mut records = Vec::new();
    for (r, values) in ds.rows().enumerate() {
        for (v, value) in ds.meta().variables.iter().zip(values.iter()) {
            rows.push(vec![
                text(&v.name),
                Cell::from(value),
                text(type_name(v.vtype)),
                text(&v.label),
                v.length.map_or(Cell::Null, |l| Cell::Int(l as i64)),
            ]);
            records.push(r as u64 + 1);
        }
    }
    let mut f = frame(DatasetInfo::of(ds), &VALUE_COLUMNS, rows, ds.len());
    f.files = vec![0; records.len()];
    f.records = records;
    f.raw_values = true;
    f
}

/// The value-check view's rows for one variable (`i`): what a record-level rule without joins
/// or operations needs, a variable at a time, so a large dataset is never expanded to one row
/// per value at once (1,000,000 LB records × 25 variables would be 25 million rows).
/// `info`: the dataset's, computed once for all its variables; `built`: the dataset's record
/// frame, whose column is shared if a rule has read it already (else it is read for this view
/// alone, when a rule first reads it, and dropped with it: this view reads every variable,
/// record rules a few).
pub fn variable_values_of(
    ds: &Table,
    i: usize,
    info: &DatasetInfo,
    built: Option<&Frame>,
) -> Frame {
    let n = ds.len();
    let v = &ds.meta().variables[i];
    let repeat = |c: Cell| Column::repeat(c, n);
    Frame {
        info: info.clone(),
        columns: VALUE_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        data: vec![
            repeat(text(&v.name)),
            built
                .and_then(|f| f.index_of(&v.name).map(|c| &f.data[c]))
                .map(|c| if c.is_read() { c.clone() } else { c.unshared() })
                .unwrap_or_else(|| Column::new(crate::frame::column_of(ds, i))),
            repeat(text(type_name(v.vtype))),
            repeat(text(&v.label)),
            repeat(v.length.map_or(Cell::Null, |l| Cell::Int(l as i64))),
        ],
        records: (1..=n as u64).collect(),
        files: vec![0; n],
        file_names: vec![info.name.clone()],
        source_len: Some(n),
        raw_values: true,
    }
}

/// Split datasets (`LBAE`, `LBDS`: several files of one domain) as one frame of their domain,
/// the way CORE checks them; each row remembers its file and record.
pub fn unsplit(frames: Vec<Frame>) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    for f in frames {
        let same = out.iter_mut().find(|o| {
            !f.info.is_supp
                && !o.info.is_supp
                && o.info.domain == f.info.domain
                && o.info.name != f.info.name
        });
        let Some(o) = same else {
            out.push(f);
            continue;
        };
        let before = o.len();
        for c in &f.columns {
            if o.index_of(c).is_none() {
                o.columns.push(c.clone());
                o.data.push(Column::repeat(Cell::Null, before));
            }
        }
        for (i, name) in o.columns.iter().enumerate() {
            let more = match f.index_of(name) {
                Some(j) => f.data[j].clone(),
                None => Column::repeat(Cell::Null, f.len()),
            };
            o.data[i] = o.data[i].concat(&more);
        }
        let file = o.file_names.len() as u32;
        o.file_names.push(f.info.name.clone());
        o.records.extend(&f.records);
        o.files.extend(std::iter::repeat_n(file, f.len()));
    }
    out
}

pub fn study(datasets: &[Table]) -> Frame {
    let names: Vec<String> = datasets
        .iter()
        .map(|d| d.name().to_ascii_uppercase())
        .collect();
    let columns: Vec<&str> = names.iter().map(String::as_str).collect();
    let row = datasets
        .iter()
        .map(|d| Cell::Str(file_name(d).into()))
        .collect();
    let info = DatasetInfo {
        name: "STUDY".into(),
        domain: "STUDY".into(),
        prefix: String::new(),
        is_supp: false,
        class: None,
    };
    let mut f = frame(info, &columns, vec![row], 1);
    // Study-level findings carry no record number.
    f.records = vec![0];
    f
}
