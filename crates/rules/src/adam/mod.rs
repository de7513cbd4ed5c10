//! ADaM conformance rules (`ADM` codes), one per file. A rule picks its datasets by name or
//! structure: ADSL by name, ADTTE by CNSR, ADAE by name, BDS by PARAMCD with AVAL or AVALC.

mod ablfl_not_unique;
mod adae_aeser_not_y_or_n;
mod adam_required_variable_missing;
mod adam_required_variable_null;
mod adam_variable_type_mismatch;
mod adsl_usubjid_not_unique;
mod astdt_after_aendt;
mod aval_avalc_null;
mod avisitn_avisit_not_one_to_one;
mod base_not_constant;
mod chg_incorrect;
mod chg_without_base;
mod cnsdtdsc_missing;
mod cnsr_invalid;
mod date_format_missing;
mod date_not_integer;
mod dtype_not_in_ct;
mod evntdesc_missing;
mod flag_fn_inconsistent;
mod flag_not_char_length_1;
mod param_too_long;
mod paramcd_invalid;
mod paramcd_param_not_one_to_one;
mod pchg_incorrect;
mod population_flag_invalid;
mod relative_day_zero;
mod secondary_without_primary;
mod srcseq_unresolved;
mod startdt_after_adt;
mod treatment_not_one_to_one;
mod trtemfl_not_y_or_null;
mod trtsdt_after_trtedt;
mod tte_aval_negative;
mod usubjid_not_in_adsl;

pub use ablfl_not_unique::AblflNotUnique;
pub use adae_aeser_not_y_or_n::AdaeAeserNotYOrN;
pub use adam_required_variable_missing::AdamRequiredVariableMissing;
pub use adam_required_variable_null::AdamRequiredVariableNull;
pub use adam_variable_type_mismatch::AdamVariableTypeMismatch;
pub use adsl_usubjid_not_unique::AdslUsubjidNotUnique;
pub use astdt_after_aendt::AstdtAfterAendt;
pub use aval_avalc_null::AvalAvalcNull;
pub use avisitn_avisit_not_one_to_one::AvisitnAvisitNotOneToOne;
pub use base_not_constant::BaseNotConstant;
pub use chg_incorrect::ChgIncorrect;
pub use chg_without_base::ChgWithoutBase;
pub use cnsdtdsc_missing::CnsdtdscMissing;
pub use cnsr_invalid::CnsrInvalid;
pub use date_format_missing::DateFormatMissing;
pub use date_not_integer::DateNotInteger;
pub use dtype_not_in_ct::DtypeNotInCt;
pub use evntdesc_missing::EvntdescMissing;
pub use flag_fn_inconsistent::FlagFnInconsistent;
pub use flag_not_char_length_1::FlagNotCharLength1;
pub use param_too_long::ParamTooLong;
pub use paramcd_invalid::ParamcdInvalid;
pub use paramcd_param_not_one_to_one::ParamcdParamNotOneToOne;
pub use pchg_incorrect::PchgIncorrect;
pub use population_flag_invalid::PopulationFlagInvalid;
pub use relative_day_zero::RelativeDayZero;
pub use secondary_without_primary::SecondaryWithoutPrimary;
pub use srcseq_unresolved::SrcseqUnresolved;
pub use startdt_after_adt::StartdtAfterAdt;
pub use treatment_not_one_to_one::TreatmentNotOneToOne;
pub use trtemfl_not_y_or_null::TrtemflNotYOrNull;
pub use trtsdt_after_trtedt::TrtsdtAfterTrtedt;
pub use tte_aval_negative::TteAvalNegative;
pub use usubjid_not_in_adsl::UsubjidNotInAdsl;

use crate::rule::{Input, Study};
use crate::values::{get, number, text};

/// The ADaM structure a dataset follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Structure {
    Adsl,
    Bds,
    Adtte,
    Adae,
}

impl Structure {
    /// The ADaMIG table name (`BDS` for every BDS dataset).
    pub fn ig_name(self) -> &'static str {
        match self {
            Structure::Adsl => "ADSL",
            Structure::Bds => "BDS",
            Structure::Adtte => "ADTTE",
            Structure::Adae => "ADAE",
        }
    }
}

pub(crate) fn structure(input: &Input) -> Option<Structure> {
    let name = input.name().to_ascii_uppercase();
    if name == "ADSL" {
        Some(Structure::Adsl)
    } else if name == "ADAE" {
        Some(Structure::Adae)
    } else if input.has("CNSR") && input.has("PARAMCD") {
        Some(Structure::Adtte)
    } else if input.has("PARAMCD") && (input.has("AVAL") || input.has("AVALC")) {
        Some(Structure::Bds)
    } else {
        None
    }
}

/// BDS in the wide sense: ADTTE is a BDS too.
pub(crate) fn is_bds(input: &Input) -> bool {
    matches!(structure(input), Some(Structure::Bds | Structure::Adtte))
}

pub(crate) fn is_adam(input: &Input) -> bool {
    structure(input).is_some() || crate::sdtm::is_adam_name(input.name())
}

/// A numeric value of another variable of the record.
pub(crate) fn num(input: &Input, row: usize, var: &str) -> Option<f64> {
    get(input, row, var).and_then(number)
}

/// The trimmed text of another variable of the record.
pub(crate) fn txt<'a>(input: &'a Input, row: usize, var: &str) -> Option<&'a str> {
    get(input, row, var).and_then(text)
}

/// Numbers for messages, shortest form.
pub(crate) fn show_num(n: f64) -> String {
    model::Value::Num(n).to_string()
}

/// The grouping of BDS records a baseline belongs to: USUBJID, PARAMCD and, when present,
/// BASETYPE. `None` without a subject or parameter.
pub(crate) fn baseline_group(input: &Input, row: usize) -> Option<(String, String, String)> {
    Some((
        txt(input, row, "USUBJID")?.to_owned(),
        txt(input, row, "PARAMCD")?.to_owned(),
        txt(input, row, "BASETYPE").unwrap_or_default().to_owned(),
    ))
}

/// Variables of the dataset named like `*{suffix}` and longer than it.
pub(crate) fn named<'a>(input: &'a Input, suffix: &str) -> Vec<&'a model::Variable> {
    input
        .dataset
        .meta()
        .variables
        .iter()
        .filter(|v| {
            let n = v.name.to_ascii_uppercase();
            n.len() > suffix.len() && n.ends_with(suffix)
        })
        .collect()
}

pub(crate) fn adsl(study: &Study) -> Option<&Input> {
    study.dataset("ADSL").filter(|a| a.has("USUBJID"))
}

/// A SAS date (days since 1960-01-01) as ISO 8601, for messages; other numbers as they are.
pub(crate) fn show_date(n: f64) -> String {
    if n.fract() != 0.0 || n.abs() > 3e6 {
        return show_num(n);
    }
    model::IsoDateTime::from_sas_date(n as i64).to_string()
}

/// Whether a variable is a numeric date by name (`ADT`, `TRTSDT`, `RANDDT`) or datetime
/// (`ADTM`, `TRTSDTM`); `None` for neither.
pub(crate) fn date_kind(v: &model::Variable) -> Option<DateKind> {
    let n = v.name.to_ascii_uppercase();
    if v.vtype != model::VarType::Num {
        None
    } else if n.ends_with("DTM") {
        Some(DateKind::Datetime)
    } else if n.ends_with("DT") {
        Some(DateKind::Date)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateKind {
    Date,
    Datetime,
}

/// The kind of SAS display format: `DATE9.`, `E8601DA.`, `YYMMDD10.` show dates;
/// `DATETIME20.`, `E8601DT.` datetimes.
pub(crate) fn format_kind(format: &str) -> Option<DateKind> {
    let f = format.trim().to_ascii_uppercase();
    const DATETIME: [&str; 7] = [
        "DATETIME", "E8601DT", "IS8601DT", "B8601DT", "E8601DZ", "NLDATM", "DATEAMPM",
    ];
    const DATE: [&str; 13] = [
        "DATE", "E8601DA", "IS8601DA", "B8601DA", "YYMMDD", "MMDDYY", "DDMMYY", "WORDDAT",
        "WEEKDAT", "NLDATE", "MONYY", "YYMON", "JULIAN",
    ];
    if DATETIME.iter().any(|p| f.starts_with(p)) {
        Some(DateKind::Datetime)
    } else if DATE.iter().any(|p| f.starts_with(p)) {
        Some(DateKind::Date)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{DateKind, format_kind, show_date};

    #[test]
    fn sas_dates_print_as_iso() {
        assert_eq!(show_date(0.0), "1960-01-01");
        assert_eq!(show_date(-1.0), "1959-12-31");
        assert_eq!(show_date(14610.0), "2000-01-01");
        assert_eq!(show_date(19792.0), "2014-03-10");
        assert_eq!(show_date(19792.5), "19792.5");
    }

    #[test]
    fn datetime_formats_are_not_date_formats() {
        assert_eq!(format_kind("DATE9."), Some(DateKind::Date));
        assert_eq!(format_kind("e8601da."), Some(DateKind::Date));
        assert_eq!(format_kind("DATETIME20."), Some(DateKind::Datetime));
        assert_eq!(format_kind("8."), None);
    }
}
