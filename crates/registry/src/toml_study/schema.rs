//! The TOML document shape. `deny_unknown_fields` everywhere: a misspelt key in a
//! hand-written record must be an error, not a silently missing field.

use super::S;
use crate::record::{Outcomes, SecondaryId, Titles};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Doc {
    pub(super) ids: Ids,
    #[serde(default)]
    pub(super) titles: Titles,
    #[serde(default)]
    pub(super) status: StatusT,
    #[serde(default)]
    pub(super) dates: DatesT,
    #[serde(default)]
    pub(super) phases: Vec<S>,
    pub(super) study_type: Option<S>,
    pub(super) brief_summary: Option<String>,
    pub(super) detailed_description: Option<String>,
    #[serde(default)]
    pub(super) conditions: Vec<String>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    #[serde(default)]
    pub(super) design: DesignT,
    #[serde(default)]
    pub(super) arms: Vec<ArmT>,
    #[serde(default)]
    pub(super) interventions: Vec<InterventionT>,
    #[serde(default)]
    pub(super) outcomes: Outcomes,
    #[serde(default)]
    pub(super) eligibility: EligibilityT,
    pub(super) enrollment: Option<EnrollmentT>,
    #[serde(default)]
    pub(super) parties: Vec<PartyT>,
    #[serde(default)]
    pub(super) locations: Vec<LocationT>,
    #[serde(default)]
    pub(super) countries: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Ids {
    pub(super) primary: Option<String>,
    pub(super) system: Option<String>,
    pub(super) org_study_id: Option<String>,
    #[serde(default)]
    pub(super) secondary: Vec<SecondaryId>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusT {
    pub(super) overall: Option<S>,
    pub(super) why_stopped: Option<String>,
    pub(super) verified: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DateT {
    pub(super) date: S,
    pub(super) actuality: Option<S>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct DatesT {
    pub(super) start: Option<DateT>,
    pub(super) primary_completion: Option<DateT>,
    pub(super) completion: Option<DateT>,
    pub(super) registered: Option<DateT>,
    pub(super) last_update: Option<DateT>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct DesignT {
    pub(super) allocation: Option<S>,
    pub(super) intervention_model: Option<S>,
    pub(super) intervention_model_description: Option<String>,
    pub(super) masking: Option<S>,
    #[serde(default)]
    pub(super) who_masked: Vec<String>,
    pub(super) masking_description: Option<String>,
    pub(super) primary_purpose: Option<S>,
    pub(super) observational_model: Option<String>,
    pub(super) time_perspective: Option<String>,
    pub(super) description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ArmT {
    pub(super) label: String,
    #[serde(rename = "type")]
    pub(super) arm_type: Option<S>,
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) interventions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InterventionT {
    #[serde(rename = "type")]
    pub(super) intervention_type: Option<S>,
    pub(super) name: String,
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) arms: Vec<String>,
    #[serde(default)]
    pub(super) other_names: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct EligibilityT {
    pub(super) criteria: Option<String>,
    #[serde(default)]
    pub(super) inclusion: Vec<String>,
    #[serde(default)]
    pub(super) exclusion: Vec<String>,
    pub(super) sex: Option<S>,
    pub(super) minimum_age: Option<S>,
    pub(super) maximum_age: Option<S>,
    pub(super) healthy_volunteers: Option<bool>,
    #[serde(default)]
    pub(super) std_ages: Vec<String>,
    pub(super) study_population: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EnrollmentT {
    pub(super) count: u32,
    pub(super) actuality: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PartyT {
    pub(super) name: String,
    pub(super) role: S,
    pub(super) affiliation: Option<String>,
    pub(super) class: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LocationT {
    pub(super) facility: Option<String>,
    pub(super) city: Option<String>,
    pub(super) state: Option<String>,
    pub(super) zip: Option<String>,
    pub(super) country: Option<String>,
    pub(super) status: Option<S>,
}
