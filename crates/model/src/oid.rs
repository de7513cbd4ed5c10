//! The ODM OIDs a dataset and its variables go by. Dataset-JSON's `itemGroupOID` and
//! column `itemOID`s and Define-XML's `ItemGroupDef`/`ItemDef` use the same rule, so each
//! is a working foreign key into the other.

/// `ItemGroupDef/@OID` of a dataset: `IG.DM`.
pub fn item_group_oid(dataset: &str) -> String {
    format!("IG.{dataset}")
}

/// `ItemDef/@OID` of a dataset variable: `IT.DM.USUBJID`.
pub fn item_oid(dataset: &str, variable: &str) -> String {
    format!("IT.{dataset}.{variable}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn oids_name_dataset_and_variable() {
        assert_eq!(super::item_group_oid("DM"), "IG.DM");
        assert_eq!(super::item_oid("DM", "USUBJID"), "IT.DM.USUBJID");
    }
}
