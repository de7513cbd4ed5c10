//! SDTM conformance rules (`SDT` codes), one per file.

mod ae_end_date_not_recovered;
mod aesdth_without_death_flag;
mod aeser_not_y_or_n;
mod age_implausible;
mod age_without_ageu;
mod ageu_without_age;
mod arm_armcd_not_one_to_one;
mod arm_without_armcd;
mod armcd_not_in_ta;
mod armcd_too_long;
mod baseline_flag_not_unique;
mod baseline_flag_not_y_or_null;
mod completed_dsterm_dsdecod;
mod dataset_empty;
mod dataset_name_too_long;
mod dataset_not_in_ig;
mod death_date_disagrees_with_disposition;
mod death_date_without_flag;
mod death_disposition_without_flag;
mod death_flag_without_date;
mod death_flag_without_disposition;
mod domain_value_length;
mod domain_value_mismatch;
mod domain_variable_missing;
mod dose_negative;
mod dthfl_not_y_or_null;
mod duplicate_record;
mod dy_variable_missing;
mod end_timepoint_incomplete;
mod end_timepoint_missing;
mod endy_variable_missing;
mod epoch_missing;
mod epoch_not_in_ta;
mod etcd_not_in_ta;
mod expected_variable_all_null;
mod expected_variable_missing;
mod fatal_ae_without_death_flag;
mod informed_consent_missing;
mod invalid_iso8601;
mod key_variable_missing;
mod leading_blank_value;
mod length_exceeds_data;
mod model_variable_not_in_domain;
mod non_ascii_value;
mod not_done_with_result;
mod orres_without_stresc;
mod permissible_variable_all_null;
mod qlabel_too_long;
mod qnam_invalid;
mod qval_null;
mod reasnd_without_not_done;
mod relrec_unresolved;
mod required_variable_missing;
mod required_variable_null;
mod rf_dates_out_of_order;
mod seq_not_positive_integer;
mod seq_not_unique;
mod serious_ae_without_criterion;
mod serious_criteria_without_aeser;
mod standard_unit_inconsistent;
mod start_after_collection;
mod start_after_end;
mod start_timepoint_incomplete;
mod start_timepoint_missing;
mod stdy_variable_missing;
mod stresn_stresc_mismatch;
mod stresu_not_in_unit;
mod study_day_incorrect;
mod studyid_inconsistent;
mod subject_not_in_dm;
mod subjid_not_unique;
mod supp_duplicate_qualifier;
mod supp_parent_not_found;
mod supp_rdomain_mismatch;
mod test_testcd_not_one_to_one;
mod testcd_invalid;
mod testcd_test_not_ct_pair;
mod ts_addon_without_curtrt;
mod ts_agemax_invalid;
mod ts_agemin_invalid;
mod ts_count_invalid;
mod ts_dosfrq_not_in_ct;
mod ts_length_invalid;
mod ts_required_parameter_missing;
mod tsparm_too_long;
mod tsval_null_without_tsvalnf;
mod usubjid_not_unique_in_dm;
mod usubjid_null;
mod value_not_in_extensible_ct;
mod value_not_in_nonextensible_ct;
mod value_too_long;
mod variable_label_mismatch;
mod variable_label_too_long;
mod variable_name_invalid;
mod variable_not_in_model;
mod variable_order_differs;
mod variable_type_mismatch;
mod visit_differs_from_tv;
mod visit_not_in_sv;
mod visit_visitnum_not_one_to_one;
mod visitnum_not_in_tv;

pub use ae_end_date_not_recovered::AeEndDateNotRecovered;
pub use aesdth_without_death_flag::AesdthWithoutDeathFlag;
pub use aeser_not_y_or_n::AeserNotYOrN;
pub use age_implausible::AgeImplausible;
pub use age_without_ageu::AgeWithoutAgeu;
pub use ageu_without_age::AgeuWithoutAge;
pub use arm_armcd_not_one_to_one::ArmArmcdNotOneToOne;
pub use arm_without_armcd::ArmWithoutArmcd;
pub use armcd_not_in_ta::ArmcdNotInTa;
pub use armcd_too_long::ArmcdTooLong;
pub use baseline_flag_not_unique::BaselineFlagNotUnique;
pub use baseline_flag_not_y_or_null::BaselineFlagNotYOrNull;
pub use completed_dsterm_dsdecod::CompletedDstermDsdecod;
pub use dataset_empty::DatasetEmpty;
pub use dataset_name_too_long::DatasetNameTooLong;
pub use dataset_not_in_ig::DatasetNotInIg;
pub use death_date_disagrees_with_disposition::DeathDateDisagreesWithDisposition;
pub use death_date_without_flag::DeathDateWithoutFlag;
pub use death_disposition_without_flag::DeathDispositionWithoutFlag;
pub use death_flag_without_date::DeathFlagWithoutDate;
pub use death_flag_without_disposition::DeathFlagWithoutDisposition;
pub use domain_value_length::DomainValueLength;
pub use domain_value_mismatch::DomainValueMismatch;
pub use domain_variable_missing::DomainVariableMissing;
pub use dose_negative::DoseNegative;
pub use dthfl_not_y_or_null::DthflNotYOrNull;
pub use duplicate_record::DuplicateRecord;
pub use dy_variable_missing::DyVariableMissing;
pub use end_timepoint_incomplete::EndTimepointIncomplete;
pub use end_timepoint_missing::EndTimepointMissing;
pub use endy_variable_missing::EndyVariableMissing;
pub use epoch_missing::EpochMissing;
pub use epoch_not_in_ta::EpochNotInTa;
pub use etcd_not_in_ta::EtcdNotInTa;
pub use expected_variable_all_null::ExpectedVariableAllNull;
pub use expected_variable_missing::ExpectedVariableMissing;
pub use fatal_ae_without_death_flag::FatalAeWithoutDeathFlag;
pub use informed_consent_missing::InformedConsentMissing;
pub use invalid_iso8601::InvalidIso8601;
pub use key_variable_missing::KeyVariableMissing;
pub use leading_blank_value::LeadingBlankValue;
pub use length_exceeds_data::LengthExceedsData;
pub use model_variable_not_in_domain::ModelVariableNotInDomain;
pub use non_ascii_value::NonAsciiValue;
pub use not_done_with_result::NotDoneWithResult;
pub use orres_without_stresc::OrresWithoutStresc;
pub use permissible_variable_all_null::PermissibleVariableAllNull;
pub use qlabel_too_long::QlabelTooLong;
pub use qnam_invalid::QnamInvalid;
pub use qval_null::QvalNull;
pub use reasnd_without_not_done::ReasndWithoutNotDone;
pub use relrec_unresolved::RelrecUnresolved;
pub use required_variable_missing::RequiredVariableMissing;
pub use required_variable_null::RequiredVariableNull;
pub use rf_dates_out_of_order::RfDatesOutOfOrder;
pub use seq_not_positive_integer::SeqNotPositiveInteger;
pub use seq_not_unique::SeqNotUnique;
pub use serious_ae_without_criterion::SeriousAeWithoutCriterion;
pub use serious_criteria_without_aeser::SeriousCriteriaWithoutAeser;
pub use standard_unit_inconsistent::StandardUnitInconsistent;
pub use start_after_collection::StartAfterCollection;
pub use start_after_end::StartAfterEnd;
pub use start_timepoint_incomplete::StartTimepointIncomplete;
pub use start_timepoint_missing::StartTimepointMissing;
pub use stdy_variable_missing::StdyVariableMissing;
pub use stresn_stresc_mismatch::StresnStrescMismatch;
pub use stresu_not_in_unit::StresuNotInUnit;
pub use study_day_incorrect::StudyDayIncorrect;
pub use studyid_inconsistent::StudyidInconsistent;
pub use subject_not_in_dm::SubjectNotInDm;
pub use subjid_not_unique::SubjidNotUnique;
pub use supp_duplicate_qualifier::SuppDuplicateQualifier;
pub use supp_parent_not_found::SuppParentNotFound;
pub use supp_rdomain_mismatch::SuppRdomainMismatch;
pub use test_testcd_not_one_to_one::TestTestcdNotOneToOne;
pub use testcd_invalid::TestcdInvalid;
pub use testcd_test_not_ct_pair::TestcdTestNotCtPair;
pub use ts_addon_without_curtrt::TsAddonWithoutCurtrt;
pub use ts_agemax_invalid::TsAgemaxInvalid;
pub use ts_agemin_invalid::TsAgeminInvalid;
pub use ts_count_invalid::TsCountInvalid;
pub use ts_dosfrq_not_in_ct::TsDosfrqNotInCt;
pub use ts_length_invalid::TsLengthInvalid;
pub use ts_required_parameter_missing::TsRequiredParameterMissing;
pub use tsparm_too_long::TsparmTooLong;
pub use tsval_null_without_tsvalnf::TsvalNullWithoutTsvalnf;
pub use usubjid_not_unique_in_dm::UsubjidNotUniqueInDm;
pub use usubjid_null::UsubjidNull;
pub use value_not_in_extensible_ct::ValueNotInExtensibleCt;
pub use value_not_in_nonextensible_ct::ValueNotInNonextensibleCt;
pub use value_too_long::ValueTooLong;
pub use variable_label_mismatch::VariableLabelMismatch;
pub use variable_label_too_long::VariableLabelTooLong;
pub use variable_name_invalid::VariableNameInvalid;
pub use variable_not_in_model::VariableNotInModel;
pub use variable_order_differs::VariableOrderDiffers;
pub use variable_type_mismatch::VariableTypeMismatch;
pub use visit_differs_from_tv::VisitDiffersFromTv;
pub use visit_not_in_sv::VisitNotInSv;
pub use visit_visitnum_not_one_to_one::VisitVisitnumNotOneToOne;
pub use visitnum_not_in_tv::VisitnumNotInTv;

use crate::rule::{Input, Study};

/// SUPP-- datasets (SUPPAE, SUPPDM ...), which hold qualifiers rather than a domain.
pub(crate) fn is_supp(input: &Input) -> bool {
    let n = input.name().to_ascii_uppercase();
    n.starts_with("SUPP") && n.len() > 4
}

/// The two-letter prefix of a dataset's variables: its DOMAIN value when present (so the
/// files of a split domain such as `LBCH` use `LB`), else the dataset's own domain.
pub(crate) fn prefix(input: &Input) -> String {
    crate::values::column(input, "DOMAIN")
        .find_map(|(_, v)| crate::values::text(v))
        .filter(|d| d.len() == 2 && !is_supp(input))
        .unwrap_or(input.domain())
        .to_ascii_uppercase()
}

/// `{prefix}{suffix}` (`LBSTRESC`) when the dataset has that variable.
pub(crate) fn var(input: &Input, suffix: &str) -> Option<String> {
    let name = format!("{}{suffix}", prefix(input));
    input.has(&name).then_some(name)
}

/// One pairing of two variables that breaks a one-to-one relation.
pub(crate) struct Pairing {
    /// The first record with this pairing.
    pub row: usize,
    pub a: String,
    pub b: String,
    /// Whether `a` is the value with several partners (else `b` is).
    pub a_has_many: bool,
    /// Every partner of the value with several partners, sorted.
    pub partners: Vec<String>,
}

/// The pairings of `a` and `b` where a value of one has more than one partner in the other,
/// each reported once at its first record: a misspelt label in 10,000 LB records is one
/// fix, not 10,000.
pub(crate) fn not_one_to_one(input: &Input, a: &str, b: &str) -> Vec<Pairing> {
    use crate::values::{Raw, key_ref};
    use std::borrow::Cow;
    use std::collections::{BTreeSet, HashMap};
    let (Some(ia), Some(ib)) = (
        input.dataset.meta().index_of(a),
        input.dataset.meta().index_of(b),
    ) else {
        return Vec::new();
    };
    // The first record of each stored pair; the few distinct pairs are normalized after, so
    // that a record costs one hash rather than two keys.
    let mut stored: foldhash::HashMap<(Raw<'_>, Raw<'_>), usize> = Default::default();
    for (row, r) in input.dataset.rows().enumerate() {
        if let (Some(va), Some(vb)) = (r.get(ia), r.get(ib)) {
            stored.entry((va.into(), vb.into())).or_insert(row);
        }
    }
    type Set<'a> = BTreeSet<Cow<'a, str>>;
    let mut first: HashMap<(Cow<'_, str>, Cow<'_, str>), usize> = HashMap::new();
    let mut a_to_b: HashMap<Cow<'_, str>, Set<'_>> = HashMap::new();
    let mut b_to_a: HashMap<Cow<'_, str>, Set<'_>> = HashMap::new();
    for ((va, vb), row) in stored {
        let (Some(va), Some(vb)) = (key_ref(va), key_ref(vb)) else {
            continue;
        };
        a_to_b.entry(va.clone()).or_default().insert(vb.clone());
        b_to_a.entry(vb.clone()).or_default().insert(va.clone());
        let at = first.entry((va, vb)).or_insert(row);
        *at = (*at).min(row);
    }
    let mut out: Vec<Pairing> = first
        .into_iter()
        .filter_map(|((va, vb), row)| {
            let (a_has_many, partners) = if a_to_b[&va].len() > 1 {
                (true, &a_to_b[&va])
            } else if b_to_a[&vb].len() > 1 {
                (false, &b_to_a[&vb])
            } else {
                return None;
            };
            Some(Pairing {
                row,
                a: va.into_owned(),
                b: vb.into_owned(),
                a_has_many,
                partners: partners.iter().map(|p| p.to_string()).collect(),
            })
        })
        .collect();
    out.sort_by_key(|p| p.row);
    out
}

/// The datasets holding the records of domain `rdomain`: the dataset of that name, and the
/// files of a split domain (`LBCH` with DOMAIN `LB`).
pub(crate) fn domain_datasets<'a>(study: &'a Study, rdomain: &str) -> Vec<&'a Input> {
    study
        .inputs
        .iter()
        .filter(|i| !is_supp(i) && !i.name().eq_ignore_ascii_case("RELREC"))
        .filter(|i| {
            i.name().eq_ignore_ascii_case(rdomain)
                || (i.name().len() > rdomain.len() && prefix(i).eq_ignore_ascii_case(rdomain))
        })
        .collect()
}

/// Whether a reference `(RDOMAIN, USUBJID, IDVAR, IDVARVAL)` finds its record, as SUPP--
/// and RELREC use them. Indexes are built once per `(RDOMAIN, IDVAR)`.
#[derive(Default)]
pub(crate) struct RecordIndex<'a> {
    built: std::collections::HashMap<(String, String), Option<Lookup<'a>>>,
}

/// Subjects and `(USUBJID, value)` pairs of one variable of one domain.
struct Lookup<'a> {
    /// USUBJID → the keys of the variable among that subject's records.
    subjects: std::collections::HashMap<&'a str, std::collections::HashSet<String>>,
    has_var: bool,
}

/// What a reference that does not resolve is missing.
pub(crate) enum Unresolved {
    Dataset,
    Variable,
    Subject,
    Record,
}

impl<'a> RecordIndex<'a> {
    /// `idvar` and `idvarval` `None` mean a subject-level reference (the subject exists).
    pub fn resolve(
        &mut self,
        study: &'a Study,
        rdomain: &str,
        usubjid: &str,
        idvar: Option<&str>,
        idvarval: Option<&str>,
    ) -> Result<(), Unresolved> {
        let rdomain = rdomain.to_ascii_uppercase();
        let var = idvar.unwrap_or("").to_ascii_uppercase();
        let lookup = self
            .built
            .entry((rdomain.clone(), var.clone()))
            .or_insert_with(|| build(study, &rdomain, &var));
        let Some(l) = lookup else {
            return Err(Unresolved::Dataset);
        };
        if !var.is_empty() && !l.has_var {
            return Err(Unresolved::Variable);
        }
        let Some(keys) = l.subjects.get(usubjid) else {
            return Err(Unresolved::Subject);
        };
        match idvarval.and_then(crate::values::text_key) {
            Some(value) if !var.is_empty() => {
                if keys.contains(&value) {
                    Ok(())
                } else {
                    Err(Unresolved::Record)
                }
            }
            _ => Ok(()),
        }
    }
}

fn build<'a>(study: &'a Study, rdomain: &str, var: &str) -> Option<Lookup<'a>> {
    use crate::values::{column, get, key, text};
    let datasets = domain_datasets(study, rdomain);
    if datasets.is_empty() {
        return None;
    }
    let mut l = Lookup {
        subjects: Default::default(),
        has_var: false,
    };
    for d in datasets {
        let has = !var.is_empty() && d.has(var);
        l.has_var |= has;
        for (row, v) in column(d, "USUBJID") {
            let Some(id) = text(v) else { continue };
            let keys = l.subjects.entry(id).or_default();
            if has && let Some(k) = get(d, row, var).and_then(key) {
                keys.insert(k);
            }
        }
    }
    Some(l)
}

/// Each distinct value of `items` once, as `(value, first row, count)` in order of first
/// record: a bad term in 10,000 records is one fix, reported once with its count.
pub(crate) fn tally<'a>(
    items: impl IntoIterator<Item = (usize, &'a str)>,
) -> Vec<(&'a str, usize, usize)> {
    let mut seen: foldhash::HashMap<&str, (usize, usize)> = Default::default();
    for (row, v) in items {
        seen.entry(v).or_insert((row, 0)).1 += 1;
    }
    let mut out: Vec<_> = seen.into_iter().map(|(v, (r, n))| (v, r, n)).collect();
    out.sort_by_key(|(_, r, _)| *r);
    out
}

/// ADaM datasets (`ADSL`, `ADAE`, `ADQSCIBC`) are checked by the ADaM family; no SDTM
/// domain code starts with `AD`.
pub(crate) fn is_adam_name(name: &str) -> bool {
    name.len() > 2 && name[..2].eq_ignore_ascii_case("AD")
}

use standards::{Class, DomainMeta, VarMeta};

/// What the SDTMIG says a dataset should look like.
pub(crate) struct Spec {
    /// The prefix of the dataset's `--` variables (`LB` for LB and for split `LBCH`).
    pub prefix: String,
    pub class: Option<Class>,
    /// The IG table the dataset is checked against: its own domain, SUPPQUAL for SUPP--, or
    /// (when `template`) the class template a custom or non-embedded domain is modelled on.
    pub table: Option<&'static DomainMeta>,
    pub template: bool,
    /// A domain of the IG, a SUPP--, or a custom domain whose class its variables show.
    pub known: bool,
}

impl Spec {
    /// `None` for ADaM datasets.
    pub fn of(input: &Input) -> Option<Spec> {
        if is_adam_name(input.name()) {
            return None;
        }
        let ig = standards::sdtmig();
        if is_supp(input) {
            return Some(Spec {
                prefix: input.domain().to_ascii_uppercase(),
                class: Some(Class::Relationship),
                table: ig.domain("SUPPQUAL"),
                template: false,
                known: true,
            });
        }
        let prefix = prefix(input);
        if let Some(d) = ig.domain(&prefix).filter(|d| d.name != "SUPPQUAL") {
            return Some(Spec {
                prefix,
                class: Some(d.class),
                table: Some(d),
                template: false,
                known: true,
            });
        }
        let listed = standards::sdtm_model::ig_domain_class(&prefix);
        let class = listed.or_else(|| {
            let has = |s: &str| input.has(&format!("{prefix}{s}"));
            if has("TESTCD") {
                Some(Class::Findings)
            } else if has("TRT") {
                Some(Class::Interventions)
            } else if has("TERM") {
                Some(Class::Events)
            } else {
                None
            }
        });
        Some(Spec {
            table: class.and_then(|c| ig.template(c)),
            template: true,
            known: class.is_some(),
            class,
            prefix,
        })
    }

    /// The dataset's own IG table (not a class template).
    pub fn exact(&self) -> Option<&'static DomainMeta> {
        self.table.filter(|_| !self.template)
    }

    /// The IG metadata of a variable of this dataset, through the template for custom
    /// domains (`SCTESTCD` finds `LBTESTCD`).
    pub fn lookup(&self, name: &str) -> Option<&'static VarMeta> {
        let t = self.table?;
        if self.template {
            t.variable_with_prefix(name, &self.prefix)
        } else {
            t.variable(name)
        }
    }

    /// The name an IG variable has in this dataset (`LBSEQ` → `SCSEQ` on the template).
    pub fn name_of(&self, vm: &VarMeta) -> String {
        match (self.template, self.table.and_then(DomainMeta::prefix)) {
            (true, Some(p)) => match vm.name.strip_prefix(p) {
                Some(rest) if !rest.is_empty() => format!("{}{rest}", self.prefix),
                _ => vm.name.clone(),
            },
            _ => vm.name.clone(),
        }
    }

    pub fn is_general(&self) -> bool {
        matches!(
            self.class,
            Some(Class::Interventions | Class::Events | Class::Findings)
        )
    }

    /// Whether the SDTM model allows the variable in a domain of this class, whatever the
    /// domain's own IG table lists.
    pub fn model_allows(&self, name: &str) -> bool {
        match self.class {
            Some(class) if self.is_general() => {
                standards::sdtm_model::allows(class, &self.prefix, name)
            }
            _ => false,
        }
    }

    /// The IG variables that must be present: all `Req` of the domain's own table; for a
    /// custom domain only the template's identifiers and topic, as other required variables
    /// of the template are specific to it.
    pub fn required(&self) -> Vec<(String, &'static VarMeta)> {
        let Some(t) = self.table else {
            return Vec::new();
        };
        t.required()
            .filter(|v| !self.template || v.role == "Identifier" || v.role == "Topic")
            .map(|v| (self.name_of(v), v))
            .collect()
    }
}

/// Whether a value is a bare number or a comparison to one (`<0.5`), which character
/// result codelists (LBSTRESC) do not list.
pub(crate) fn is_numeric_result(s: &str) -> bool {
    let t = s.trim().trim_start_matches(['<', '>', '=']).trim();
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// A character value as submitted, for CT lookups: trailing blanks are transport padding,
/// everything else (case, leading blanks) counts. `None` when null.
pub(crate) fn submitted<'a>(v: impl Into<model::ValueRef<'a>>) -> Option<&'a str> {
    match v.into() {
        // Trimmed at the end only, it is empty exactly when it is blank.
        model::ValueRef::Char(s) => Some(crate::values::trim_end(s)).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// One value of a CT-bound variable that no codelist of the variable lists.
pub(crate) struct CtMiss<'a> {
    pub var: String,
    pub value: &'a str,
    pub row: usize,
    pub count: usize,
    pub codelists: Vec<&'static str>,
    /// The term the value would be with case and spacing fixed.
    pub hint: Option<&'static str>,
}

/// Values of the dataset's CT-bound variables missing from their codelists, each distinct
/// value once per variable; `extensible` picks the variables whose codelists are all
/// extensible (else those with a non-extensible one). UNIT on --STRESU is left to its own
/// rule, and a custom domain does not inherit its template's test-code codelists.
pub(crate) fn ct_misses(input: &Input, extensible: bool) -> Vec<CtMiss<'_>> {
    let Some(spec) = Spec::of(input) else {
        return Vec::new();
    };
    let ct = standards::ct();
    let template_name = spec.table.map(|t| t.name.as_str()).unwrap_or("");
    let mut out = Vec::new();
    for (col, var) in input.dataset.meta().variables.iter().enumerate() {
        let Some(vm) = spec.lookup(&var.name) else {
            continue;
        };
        if var.name.ends_with("STRESU") {
            continue;
        }
        let lists: Vec<&'static standards::Codelist> = vm
            .codelists
            .iter()
            .filter(|c| !(spec.template && c.starts_with(template_name)))
            .filter_map(|c| ct.codelist(c))
            .collect();
        if lists.is_empty() || lists.iter().all(|c| c.extensible) != extensible {
            continue;
        }
        let char_results = vm.codelists.iter().any(|c| c.ends_with("STRESC"));
        let values = input
            .dataset
            .rows()
            .enumerate()
            .filter_map(|(r, row)| Some((r, submitted(row.get(col)?)?)));
        // Numeric results are left out per distinct value, not parsed in every record.
        for (value, row, count) in tally(values) {
            if char_results && is_numeric_result(value) {
                continue;
            }
            if lists.iter().any(|c| c.contains(value)) {
                continue;
            }
            out.push(CtMiss {
                var: var.name.clone(),
                value,
                row,
                count,
                codelists: lists.iter().map(|c| c.submission_value.as_str()).collect(),
                hint: lists.iter().find_map(|c| c.lookup_normalized(value)),
            });
        }
    }
    out.sort_by_key(|m| m.row);
    out
}

/// Reports one CT miss of a codelist `kind` (`extensible`, `non-extensible`). A value that was
/// a term's submission value until the embedded CT release changed it says so; when the
/// change is the publication's own slip (a codelist name in place of the term), it is a notice
/// naming the CT version, not an error against it.
pub(crate) fn report_ct_miss(out: &mut crate::rule::Sink<'_>, m: &CtMiss<'_>, kind: &str) {
    let version = standards::SDTM_CT_VERSION;
    let renamed = m
        .codelists
        .iter()
        .find_map(|c| standards::renames::renamed_from(c, m.value));
    let cells = [(m.var.as_str(), m.value.to_owned())];
    let lists = m.codelists.join("/");
    if let Some(r) = renamed.filter(|r| r.is_oddity()) {
        out.record(
            m.row,
            &cells,
            format!(
                "{} `{}` ({} records) is term {} of {}, which SDTM CT {version} publishes as `{}`, \
                 a codelist name in place of the term: an oddity of that CT release, not of the data",
                m.var, m.value, m.count, r.code, r.codelist, r.after
            ),
        );
        out.grade_last(model::Severity::Notice);
        return;
    }
    let hint = match (renamed, m.hint) {
        (Some(r), _) => format!(
            "; it was term {}'s value until CT {version} renamed it `{}`",
            r.code, r.after
        ),
        (None, Some(h)) => format!("; did you mean `{h}`?"),
        (None, None) => String::new(),
    };
    out.record(
        m.row,
        &cells,
        format!(
            "{} `{}` ({} records) is not in {kind} codelist {lists} (CT {version}){hint}",
            m.var, m.value, m.count
        ),
    );
}

/// CSV files hold text only: a column's type there says nothing about the submission.
pub(crate) fn untyped(input: &Input) -> bool {
    input.file.to_ascii_lowercase().ends_with(".csv")
}
