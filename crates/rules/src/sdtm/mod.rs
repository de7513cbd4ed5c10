//! SDTM conformance rules (`SDT` codes), one per file.

mod aeser_not_y_or_n;
mod age_without_ageu;
mod ageu_without_age;
mod arm_without_armcd;
mod armcd_too_long;
mod completed_dsterm_dsdecod;
mod dataset_name_too_long;
mod death_date_without_flag;
mod domain_value_length;
mod domain_value_mismatch;
mod dthfl_not_y_or_null;
mod fatal_ae_without_death_flag;
mod invalid_iso8601;
mod non_ascii_value;
mod qlabel_too_long;
mod qnam_invalid;
mod seq_not_unique;
mod serious_criteria_without_aeser;
mod start_after_end;
mod study_day_incorrect;
mod subject_not_in_dm;
mod subjid_not_unique;
mod testcd_invalid;
mod tsparm_too_long;
mod usubjid_not_unique_in_dm;
mod value_too_long;
mod variable_label_too_long;
mod variable_name_invalid;

pub use aeser_not_y_or_n::AeserNotYOrN;
pub use age_without_ageu::AgeWithoutAgeu;
pub use ageu_without_age::AgeuWithoutAge;
pub use arm_without_armcd::ArmWithoutArmcd;
pub use armcd_too_long::ArmcdTooLong;
pub use completed_dsterm_dsdecod::CompletedDstermDsdecod;
pub use dataset_name_too_long::DatasetNameTooLong;
pub use death_date_without_flag::DeathDateWithoutFlag;
pub use domain_value_length::DomainValueLength;
pub use domain_value_mismatch::DomainValueMismatch;
pub use dthfl_not_y_or_null::DthflNotYOrNull;
pub use fatal_ae_without_death_flag::FatalAeWithoutDeathFlag;
pub use invalid_iso8601::InvalidIso8601;
pub use non_ascii_value::NonAsciiValue;
pub use qlabel_too_long::QlabelTooLong;
pub use qnam_invalid::QnamInvalid;
pub use seq_not_unique::SeqNotUnique;
pub use serious_criteria_without_aeser::SeriousCriteriaWithoutAeser;
pub use start_after_end::StartAfterEnd;
pub use study_day_incorrect::StudyDayIncorrect;
pub use subject_not_in_dm::SubjectNotInDm;
pub use subjid_not_unique::SubjidNotUnique;
pub use testcd_invalid::TestcdInvalid;
pub use tsparm_too_long::TsparmTooLong;
pub use usubjid_not_unique_in_dm::UsubjidNotUniqueInDm;
pub use value_too_long::ValueTooLong;
pub use variable_label_too_long::VariableLabelTooLong;
pub use variable_name_invalid::VariableNameInvalid;

use crate::rule::Input;

/// SUPP-- datasets (SUPPAE, SUPPDM ...), which hold qualifiers rather than a domain.
pub(crate) fn is_supp(input: &Input) -> bool {
    let n = input.name().to_ascii_uppercase();
    n.starts_with("SUPP") && n.len() > 4
}

/// A flat SDTM name check: upper-case letters, digits and underscores, not starting with a
/// digit, at most `max` characters.
pub(crate) fn is_sas_name(s: &str, max: usize) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= max
        && !b[0].is_ascii_digit()
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
}
