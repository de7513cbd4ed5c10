//! The normalized vocabularies of a [`crate::StudyRecord`].
//!
//! Their tokens are ClinicalTrials.gov API v2 enum values, because that is the richest
//! vocabulary any registry publishes and the one the FHIR and SDTM mappings are written
//! against. Every enum has an `Unknown` member: a source value we could not map is kept
//! as raw text next to `Unknown` rather than guessed.

use serde::{Deserialize, Serialize};

/// A normalized value together with the source text it came from, so a later mapping can
/// report what it lost (e.g. ICTRP's "Not recruiting" has no exact FHIR status).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Coded<T> {
    pub value: T,
    pub raw: String,
}

impl<T> Coded<T> {
    pub fn new(value: T, raw: impl Into<String>) -> Coded<T> {
        Coded {
            value,
            raw: raw.into(),
        }
    }
}

/// Upper-case words joined by `_`: `Active, not recruiting` → `ACTIVE_NOT_RECRUITING`,
/// which makes legacy-XML labels and API v2 tokens comparable.
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $token:literal $(| $alias:literal)*,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $token)] $variant,)+
            /// The source value could not be mapped; its raw text is kept alongside.
            #[serde(rename = "UNKNOWN")]
            Unknown,
        }

        impl $name {
            /// Every member but `Unknown`, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The member for an API v2 token (exact) or an alias in [`key`] form.
            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $($token $(| $alias)* => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The API v2 token.
            pub fn token(self) -> &'static str {
                match self {
                    $($name::$variant => $token,)+
                    $name::Unknown => "UNKNOWN",
                }
            }
        }
    };
}

vocabulary! {
    /// Trial phase. A multi-phase trial is a list: `PHASE2, PHASE3`.
    Phase {
        NotApplicable => "NA" | "N_A" | "NOT_APPLICABLE",
        EarlyPhase1 => "EARLY_PHASE1" | "EARLY_PHASE_1" | "PHASE_0" | "PHASE0",
        Phase1 => "PHASE1" | "PHASE_1" | "PHASE_I",
        Phase2 => "PHASE2" | "PHASE_2" | "PHASE_II",
        Phase3 => "PHASE3" | "PHASE_3" | "PHASE_III",
        Phase4 => "PHASE4" | "PHASE_4" | "PHASE_IV",
    }
}

vocabulary! {
    /// Overall recruitment status (study progress, not publication status).
    OverallStatus {
        NotYetRecruiting => "NOT_YET_RECRUITING" | "PENDING",
        Recruiting => "RECRUITING",
        EnrollingByInvitation => "ENROLLING_BY_INVITATION",
        ActiveNotRecruiting => "ACTIVE_NOT_RECRUITING",
        /// Registries (ICTRP's summary field among them) that only say "not recruiting"
        /// leave open whether recruitment has not started or has ended.
        NotRecruiting => "NOT_RECRUITING",
        /// Authorised by a regulator or ethics committee; recruitment not known to have started.
        Approved => "APPROVED" | "AUTHORISED" | "AUTHORIZED",
        Suspended => "SUSPENDED" | "TEMPORARILY_HALTED",
        Terminated => "TERMINATED" | "PREMATURELY_ENDED" | "STOPPED_EARLY",
        Completed => "COMPLETED" | "COMPLETE",
        Withdrawn => "WITHDRAWN" | "WITHDRAWN_BY_SPONSOR",
        /// ClinicalTrials.gov's own "unknown status": not verified for two years.
        UnknownStatus => "UNKNOWN_STATUS" | "UNKNOWN",
        Withheld => "WITHHELD",
        Available => "AVAILABLE",
        NoLongerAvailable => "NO_LONGER_AVAILABLE",
        TemporarilyNotAvailable => "TEMPORARILY_NOT_AVAILABLE",
        ApprovedForMarketing => "APPROVED_FOR_MARKETING",
    }
}

vocabulary! {
    StudyType {
        Interventional => "INTERVENTIONAL" | "INTERVENTIONAL_STUDY" | "INTERVENTION",
        Observational => "OBSERVATIONAL" | "OBSERVATIONAL_STUDY" | "OBSERVATIONAL_PATIENT_REGISTRY",
        ExpandedAccess => "EXPANDED_ACCESS",
    }
}

vocabulary! {
    Allocation {
        Randomized => "RANDOMIZED" | "RANDOMISED",
        NonRandomized => "NON_RANDOMIZED" | "NON_RANDOMISED",
        NotApplicable => "NA" | "N_A",
    }
}

vocabulary! {
    InterventionModel {
        SingleGroup => "SINGLE_GROUP" | "SINGLE_GROUP_ASSIGNMENT" | "SINGLE_ARM",
        Parallel => "PARALLEL" | "PARALLEL_ASSIGNMENT",
        Crossover => "CROSSOVER" | "CROSSOVER_ASSIGNMENT" | "CROSS_OVER",
        Factorial => "FACTORIAL" | "FACTORIAL_ASSIGNMENT",
        Sequential => "SEQUENTIAL" | "SEQUENTIAL_ASSIGNMENT",
    }
}

vocabulary! {
    Masking {
        None => "NONE" | "NONE_OPEN_LABEL" | "OPEN_LABEL" | "OPEN",
        Single => "SINGLE" | "SINGLE_BLIND",
        Double => "DOUBLE" | "DOUBLE_BLIND",
        Triple => "TRIPLE",
        Quadruple => "QUADRUPLE",
    }
}

vocabulary! {
    PrimaryPurpose {
        Treatment => "TREATMENT",
        Prevention => "PREVENTION",
        Diagnostic => "DIAGNOSTIC",
        SupportiveCare => "SUPPORTIVE_CARE",
        Screening => "SCREENING",
        HealthServicesResearch => "HEALTH_SERVICES_RESEARCH",
        BasicScience => "BASIC_SCIENCE",
        DeviceFeasibility => "DEVICE_FEASIBILITY",
        EducationalCounselingTraining => "ECT" | "EDUCATIONAL_COUNSELING_TRAINING",
        Other => "OTHER",
    }
}

vocabulary! {
    ArmType {
        Experimental => "EXPERIMENTAL",
        ActiveComparator => "ACTIVE_COMPARATOR",
        PlaceboComparator => "PLACEBO_COMPARATOR",
        ShamComparator => "SHAM_COMPARATOR",
        NoIntervention => "NO_INTERVENTION",
        Other => "OTHER",
    }
}

vocabulary! {
    InterventionType {
        Behavioral => "BEHAVIORAL" | "BEHAVIOURAL",
        Biological => "BIOLOGICAL",
        CombinationProduct => "COMBINATION_PRODUCT",
        Device => "DEVICE",
        DiagnosticTest => "DIAGNOSTIC_TEST",
        DietarySupplement => "DIETARY_SUPPLEMENT",
        Drug => "DRUG",
        Genetic => "GENETIC",
        Procedure => "PROCEDURE",
        Radiation => "RADIATION",
        Other => "OTHER",
    }
}

vocabulary! {
    Sex {
        All => "ALL" | "BOTH" | "BOTH_MALE_AND_FEMALE" | "MALE_AND_FEMALE" | "MALE_FEMALE",
        Female => "FEMALE",
        Male => "MALE",
    }
}

vocabulary! {
    AgeUnit {
        Years => "YEARS" | "YEAR" | "Y" | "YRS" | "YR" | "YEARS_OLD" | "AGE" | "AGE_OLD" | "YEARS_OLD_OVER" | "AGE_OLD_OVER",
        Months => "MONTHS" | "MONTH" | "M",
        Weeks => "WEEKS" | "WEEK" | "W",
        Days => "DAYS" | "DAY" | "D",
        Hours => "HOURS" | "HOUR" | "H",
        Minutes => "MINUTES" | "MINUTE" | "MIN",
    }
}

vocabulary! {
    /// Whether a date or a count has happened or is planned.
    Actuality {
        Actual => "ACTUAL",
        Anticipated => "ESTIMATED" | "ANTICIPATED" | "ESTIMATE",
    }
}

vocabulary! {
    PartyRole {
        LeadSponsor => "LEAD_SPONSOR" | "PRIMARY_SPONSOR",
        Collaborator => "COLLABORATOR" | "SECONDARY_SPONSOR",
        /// A funder that is not a sponsor (ICTRP's `Source_Support`).
        Funder => "FUNDER" | "SOURCE_SUPPORT",
        PrincipalInvestigator => "PRINCIPAL_INVESTIGATOR",
        SubInvestigator => "SUB_INVESTIGATOR",
        StudyChair => "STUDY_CHAIR",
        StudyDirector => "STUDY_DIRECTOR",
        SponsorInvestigator => "SPONSOR_INVESTIGATOR",
        Contact => "CONTACT" | "CENTRAL_CONTACT",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_make_labels_and_tokens_comparable() {
        assert_eq!(key("Active, not recruiting"), "ACTIVE_NOT_RECRUITING");
        assert_eq!(key(" None (Open Label) "), "NONE_OPEN_LABEL");
        assert_eq!(key("Phase 1/Phase 2"), "PHASE_1_PHASE_2");
        assert_eq!(key("N/A"), "N_A");
        assert_eq!(
            OverallStatus::from_key(&key("Active, not recruiting")),
            Some(OverallStatus::ActiveNotRecruiting)
        );
        assert_eq!(
            InterventionModel::from_key(&key("Single Group Assignment")),
            Some(InterventionModel::SingleGroup)
        );
    }

    #[test]
    fn serde_uses_api_tokens() {
        let json =
            serde_json::to_string(&[Phase::EarlyPhase1, Phase::Phase2, Phase::Unknown]).unwrap();
        assert_eq!(json, r#"["EARLY_PHASE1","PHASE2","UNKNOWN"]"#);
        assert_eq!(ArmType::ActiveComparator.token(), "ACTIVE_COMPARATOR");
    }
}
