//! Every real ClinicalTrials.gov record in the standards folder's `ctgov` reads, and the values
//! checked here were read off the files by hand.

mod common;

use common::{ctgov, files};
use registry::{
    Actuality, Allocation, ArmType, InterventionModel, InterventionType, Masking, OverallStatus,
    PartyRole, Phase, Sex, StudyType, read_path,
};

#[test]
fn every_api_v2_json_record_reads() {
    let paths = files(ctgov("api-v2-json"), "json");
    assert_eq!(paths.len(), 4);
    for p in paths {
        let r = read_path(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let id = r.ids.primary.as_ref().expect("nctId").value.clone();
        assert!(p.to_string_lossy().contains(&id), "{id}");
        assert!(r.status.overall.is_some(), "{id}");
    }
}

#[test]
fn every_legacy_xml_record_reads() {
    let paths = files(ctgov("legacy-xml"), "xml");
    assert_eq!(paths.len(), 4);
    for p in paths {
        let r = read_path(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(p.to_string_lossy().contains(&r.ids.primary.unwrap().value));
    }
}

#[test]
fn nct00973089_withdrawn_dental_trial_json() {
    let r = read_path(ctgov("api-v2-json/NCT00973089.json")).unwrap();
    assert_eq!(
        r.lead_sponsor().unwrap().name,
        "Hadassah Medical Organization"
    );
    assert_eq!(r.ids.org_study_id.as_deref(), Some("LSA001-HMO-CTIL"));
    let status = r.status.overall.unwrap();
    assert_eq!(
        (status.value, status.raw.as_str()),
        (OverallStatus::Withdrawn, "WITHDRAWN")
    );
    assert!(
        r.status
            .why_stopped
            .unwrap()
            .starts_with("recruiting or enrolling")
    );
    let start = r.dates.start.unwrap();
    assert_eq!(
        (start.date.unwrap().to_string(), start.actuality),
        ("2010-05".to_owned(), None)
    );
    assert_eq!(
        r.dates.completion.unwrap().actuality,
        Some(Actuality::Actual)
    );
    assert_eq!(r.phases, [Phase::NotApplicable]);
    assert_eq!(r.study_type.unwrap().value, StudyType::Interventional);
    assert_eq!(r.design.allocation.unwrap().value, Allocation::Randomized);
    assert_eq!(r.design.masking.unwrap().value, Masking::Single);
    assert_eq!(r.design.who_masked, ["INVESTIGATOR"]);
    let e = r.enrollment.unwrap();
    assert_eq!((e.count, e.actuality), (Some(0), Some(Actuality::Actual)));
    assert_eq!(r.arms.len(), 2);
    assert_eq!(
        r.arms[0].arm_type.as_ref().unwrap().value,
        ArmType::NoIntervention
    );
    assert_eq!(r.interventions[0].other_names, ["Indirect pulp capping"]);
    assert_eq!(r.eligibility.inclusion.len(), 5);
    assert_eq!(
        r.eligibility.exclusion,
        [
            "Subjects that are not ASA I",
            "Lack of cooperation",
            "Clinical or radiographic signs of pathology"
        ]
    );
    assert_eq!(r.eligibility.minimum_age.unwrap().value, Some(5));
    assert_eq!(r.eligibility.healthy_volunteers, Some(true));
    assert!(
        r.parties
            .iter()
            .any(|p| p.role == PartyRole::PrincipalInvestigator && p.name == "Moti Moskovitz")
    );
    assert_eq!(r.countries, ["Israel"]);
}

#[test]
fn nct02210780_dupilumab_json_with_results_section() {
    let r = read_path(ctgov("api-v2-json/NCT02210780.json")).unwrap();
    assert_eq!(r.phases, [Phase::Phase2]);
    assert_eq!(r.enrollment.unwrap().count, Some(194));
    assert_eq!(r.design.masking.unwrap().value, Masking::Triple);
    assert_eq!(
        r.design.who_masked,
        ["PARTICIPANT", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]
    );
    assert_eq!(
        r.arms.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(),
        ["Placebo qw", "Dupilumab 300 mg qw"]
    );
    assert_eq!(r.outcomes.secondary.len(), 10);
    let max = r.eligibility.maximum_age.unwrap();
    assert_eq!((max.value, max.raw.as_str()), (Some(64), "64 Years"));
    assert_eq!(r.eligibility.sex.unwrap().value, Sex::All);
}

#[test]
fn nct03475563_unknown_status_keeps_last_known() {
    let r = read_path(ctgov("api-v2-json/NCT03475563.json")).unwrap();
    assert_eq!(
        r.status.overall.unwrap().value,
        OverallStatus::UnknownStatus
    );
    assert_eq!(
        r.status.last_known.unwrap().value,
        OverallStatus::Recruiting
    );
    assert_eq!(r.study_type.unwrap().value, StudyType::Observational);
}

#[test]
fn nct01065844_nelfinavir_legacy_xml() {
    let r = read_path(ctgov("legacy-xml/NCT01065844.xml")).unwrap();
    assert_eq!(r.ids.org_study_id.as_deref(), Some("200905704"));
    assert_eq!(r.phases, [Phase::Phase2]);
    assert_eq!(r.phase_raw.as_deref(), Some("Phase 2"));
    assert_eq!(r.status.overall.unwrap().value, OverallStatus::Completed);
    assert_eq!(r.dates.start.unwrap().date.unwrap().to_string(), "2009-10");
    let pc = r.dates.primary_completion.unwrap();
    assert_eq!(
        (pc.date.unwrap().to_string(), pc.actuality),
        ("2015-05".to_owned(), Some(Actuality::Actual))
    );
    let model = r.design.intervention_model.unwrap();
    assert_eq!(
        (model.value, model.raw.as_str()),
        (InterventionModel::SingleGroup, "Single Group Assignment")
    );
    assert_eq!(r.design.masking.unwrap().value, Masking::None);
    let e = r.enrollment.unwrap();
    assert_eq!((e.count, e.actuality), (Some(15), Some(Actuality::Actual)));
    assert_eq!(r.arms[0].label, "Nelfinavir");
    assert_eq!(
        r.arms[0].arm_type.as_ref().unwrap().value,
        ArmType::Experimental
    );
    assert_eq!(r.arms[0].intervention_names, ["Drug: Nelfinavir"]);
    assert_eq!(
        r.interventions[0].intervention_type.as_ref().unwrap().value,
        InterventionType::Drug
    );
    assert_eq!(r.outcomes.primary[0].measure, "Tumor Progression");
    assert_eq!(
        r.outcomes.secondary[0].time_frame.as_deref(),
        Some("every 1 to 3 months")
    );
    assert_eq!(r.eligibility.minimum_age.unwrap().value, Some(18));
    assert_eq!(r.eligibility.maximum_age, None);
    assert!(
        r.eligibility
            .inclusion
            .iter()
            .any(|i| i.starts_with("Patients must have normal organ")
                && i.contains("total bilirubin < 1.5 mg/dl"))
    );
    assert_eq!(r.eligibility.exclusion.len(), 6);
    assert!(r.eligibility.exclusion[2].starts_with("Hemophilia A & B"));
    let collab: Vec<_> = r
        .parties
        .iter()
        .filter(|p| p.role == PartyRole::Collaborator)
        .collect();
    assert_eq!(collab[0].name, "Holden Comprehensive Cancer Center");
    assert_eq!(r.countries, ["United States"]);
}

#[test]
fn nct00482794_observational_legacy_xml() {
    let r = read_path(ctgov("legacy-xml/NCT00482794.xml")).unwrap();
    assert_eq!(r.titles.acronym.as_deref(), Some("APS"));
    assert_eq!(r.study_type.unwrap().value, StudyType::Observational);
    assert_eq!(r.design.observational_model.as_deref(), Some("Cohort"));
    let e = r.enrollment.unwrap();
    assert_eq!(
        (e.count, e.actuality),
        (Some(2800), Some(Actuality::Anticipated))
    );
    assert_eq!(r.arms.len(), 3);
    assert_eq!(r.eligibility.inclusion.len(), 3);
    assert_eq!(
        r.eligibility.exclusion,
        ["No documented presence of antiphospholipid antibody"]
    );
    assert_eq!(
        r.locations[0].status.as_ref().unwrap().value,
        OverallStatus::Recruiting
    );
    assert_eq!(r.locations[0].city.as_deref(), Some("Durham"));
}

#[test]
fn nct03182660_redacted_record_reads_with_unknown_study_type() {
    let r = read_path(ctgov("legacy-xml/NCT03182660.xml")).unwrap();
    assert_eq!(r.status.overall.unwrap().value, OverallStatus::Withheld);
    let t = r.study_type.unwrap();
    assert_eq!((t.value, t.raw.as_str()), (StudyType::Unknown, "N/A"));
}
