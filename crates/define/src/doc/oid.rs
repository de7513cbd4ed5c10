//! OID conventions, shared with Dataset-JSON for `IG.`/`IT.` and otherwise those of the
//! CDISC 2.1 examples: `VL.`, `WC.`, `CL.`, `MT.`, `COM.`, `LF.`.

use super::model::ValueItem;
use model::oid::item_oid;

/// `VL.LB.LBORRES`.
pub fn value_list(dataset: &str, variable: &str) -> String {
    format!("VL.{dataset}.{variable}")
}

/// `IT.LB.LBORRES.CK`.
pub fn value_item(dataset: &str, variable: &str, key: &str) -> String {
    format!("{}.{key}", item_oid(dataset, variable))
}

/// `WC.LB.LBTESTCD.CK`: named after the first condition's variable, so the value lists of
/// `LBORRES` and `LBSTRESN` for the same test share one clause.
pub fn where_clause(dataset: &str, item: &ValueItem) -> String {
    match item.conditions.first() {
        Some(c) => format!("WC.{dataset}.{}.{}", c.variable, item.key),
        None => format!("WC.{dataset}.{}", item.key),
    }
}

/// `CL.SEX` for a codelist named in `Variable.codelist`.
pub fn codelist(name: &str) -> String {
    format!("CL.{name}")
}

/// `MT.<name>`.
pub fn method(name: &str) -> String {
    format!("MT.{name}")
}

/// `COM.<name>`.
pub fn comment(name: &str) -> String {
    format!("COM.{name}")
}

/// `LF.DM`: the `def:leaf` of a dataset.
pub fn leaf(dataset: &str) -> String {
    format!("LF.{dataset}")
}

/// A value made safe for use inside an OID: CDISC test codes are already safe, but lab test
/// codes from sites sometimes carry spaces or slashes.
pub fn key_part(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_parts_keep_oids_readable() {
        assert_eq!(key_part("CK"), "CK");
        assert_eq!(key_part("HBA1C %"), "HBA1C__");
        assert_eq!(key_part("VIT-B12"), "VIT-B12");
    }
}
