//! The XPT copy of a dataset: XPT v5 holds ASCII only, and real registry records are not
//! ASCII (`≥` in criteria, `®` in drug names, `’` in titles). The XPT file gets the
//! documented transliteration ([`model::ascii`]) and a notice per changed value; the
//! Dataset-JSON file is written from the dataset itself and keeps the text as registered.

use super::codes;
use super::table::{MAX_TEXT, clip};
use model::ascii::transliterate;
use model::{Dataset, Finding, Value, VarType};
use std::borrow::Cow;

/// `ds` with every character value made ASCII, or `ds` itself when it already is; one
/// RG0017 notice per changed value names the dataset, variable, record (1-based), and the
/// text before and after.
pub fn xpt_copy(ds: &Dataset) -> (Cow<'_, Dataset>, Vec<Finding>) {
    let ascii = ds.rows.iter().flatten().all(|v| match v {
        Value::Char(s) => s.is_ascii(),
        _ => true,
    });
    if ascii {
        return (Cow::Borrowed(ds), Vec::new());
    }
    let mut out = ds.clone();
    let mut findings = Vec::new();
    for (ri, row) in out.rows.iter_mut().enumerate() {
        for (ci, v) in row.iter_mut().enumerate() {
            let Value::Char(text) = v else { continue };
            if text.is_ascii() {
                continue;
            }
            let var = &ds.meta.variables[ci].name;
            let written = transliterate(text);
            // `(R)` is longer than `®`: a value at the 200-byte limit may need a cut.
            let written = clip(&written, MAX_TEXT).to_owned();
            findings.push(
                Finding::notice(
                    codes::RG_ASCII,
                    format!(
                        "{var} `{text}` is written to the XPT file as `{written}` (XPT v5 holds ASCII only; the Dataset-JSON file keeps the text)"
                    ),
                )
                .in_dataset(ds.meta.name.clone())
                .at_record(ri as u64 + 1)
                .with_variable(var.clone())
                .with_value(text.clone())
                .with_value(written.clone()),
            );
            *text = written;
        }
    }
    // A declared length must still hold the (possibly longer) ASCII text.
    for (ci, var) in out.meta.variables.iter_mut().enumerate() {
        if var.vtype != VarType::Char {
            continue;
        }
        let longest = out
            .rows
            .iter()
            .filter_map(|r| r.get(ci).and_then(Value::as_str))
            .map(str::len)
            .max()
            .unwrap_or(0);
        if let Some(len) = var.length.as_mut()
            && *len < longest
        {
            *len = longest;
        }
    }
    (Cow::Owned(out), findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{DatasetMeta, Variable};

    fn ti(values: &[&str]) -> Dataset {
        let mut meta = DatasetMeta::new("TI", "Trial Inclusion/Exclusion Criteria");
        meta.variables =
            vec![Variable::char("IETEST", "Inclusion/Exclusion Criterion").with_length(8)];
        let mut ds = Dataset::new(meta);
        ds.rows = values.iter().map(|v| vec![Value::char(*v)]).collect();
        ds
    }

    #[test]
    fn ascii_datasets_are_not_copied() {
        let ds = ti(&["Age >= 18"]);
        let (copy, notes) = xpt_copy(&ds);
        assert!(matches!(copy, Cow::Borrowed(_)));
        assert!(notes.is_empty());
    }

    #[test]
    fn each_changed_value_is_reported_with_both_texts() {
        let ds = ti(&["plain", "Age ≥ 18", "Humira®"]);
        let (copy, notes) = xpt_copy(&ds);
        assert_eq!(copy.rows[1][0], Value::char("Age >= 18"));
        assert_eq!(copy.rows[2][0], Value::char("Humira(R)"));
        assert_eq!(
            ds.rows[1][0],
            Value::char("Age ≥ 18"),
            "the original is untouched"
        );
        assert_eq!(notes.len(), 2);
        let n = &notes[0];
        assert_eq!(n.code, "RG0017");
        assert_eq!(n.dataset.as_deref(), Some("TI"));
        assert_eq!(n.record, Some(2));
        assert_eq!(n.variables, ["IETEST"]);
        assert_eq!(n.values, ["Age ≥ 18", "Age >= 18"]);
        // `Humira(R)` is 9 bytes: the declared length 8 grows to hold it.
        assert_eq!(copy.meta.variables[0].length, Some(9));
    }

    #[test]
    fn growth_past_200_bytes_is_cut() {
        let long = format!("{}®", "a".repeat(199));
        let ds = ti(&[&long]);
        let (copy, notes) = xpt_copy(&ds);
        assert!(copy.rows[0][0].as_str().unwrap().len() <= MAX_TEXT);
        assert_eq!(notes.len(), 1);
    }
}
