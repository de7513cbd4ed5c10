//! Our registry fixtures read, and say what their seed papers say.

mod common;

use common::{files, fixture, repo};
use registry::{
    Actuality, Allocation, InterventionModel, InterventionType, Masking, OverallStatus, Phase,
    StudyType, UMIN_SYSTEM, read_path,
};

#[test]
fn every_fixture_reads() {
    let dir = repo().join("fixtures/registry");
    let mut n = 0;
    for ext in ["json", "xml", "toml"] {
        for p in files(dir.clone(), ext) {
            read_path(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            n += 1;
        }
    }
    assert_eq!(n, 5);
}

#[test]
fn umin000015469_toml_is_the_example_trial() {
    let r = read_path(fixture("umin000015469.toml")).unwrap();
    let id = r.ids.primary.as_ref().unwrap();
    assert_eq!(
        (id.value.as_str(), id.system.as_deref()),
        ("UMIN000015469", Some(UMIN_SYSTEM))
    );
    assert_eq!(r.phases, [Phase::Phase2]);
    assert_eq!(
        r.study_type.as_ref().unwrap().value,
        StudyType::Interventional
    );
    let e = r.enrollment.as_ref().unwrap();
    assert_eq!((e.count, e.actuality), (Some(58), Some(Actuality::Actual)));
    assert_eq!(
        r.arms.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(),
        ["TAC group", "CsA group"]
    );
    assert_eq!(
        r.design.allocation.as_ref().unwrap().value,
        Allocation::Randomized
    );
    assert_eq!(
        r.design.intervention_model.as_ref().unwrap().value,
        InterventionModel::Parallel
    );
    assert_eq!(r.design.masking.as_ref().unwrap().value, Masking::None);
    assert!(
        r.design
            .description
            .as_ref()
            .unwrap()
            .contains("12 medical centers")
    );
    assert_eq!(
        r.dates
            .start
            .as_ref()
            .unwrap()
            .date
            .as_ref()
            .unwrap()
            .to_string(),
        "2014-11"
    );
    assert_eq!(r.outcomes.primary.len(), 1);
    assert!(
        r.outcomes.primary[0]
            .measure
            .starts_with("Progression-free survival")
    );
    assert_eq!(
        r.outcomes.primary[0].time_frame.as_deref(),
        Some("52 weeks")
    );
    assert_eq!(r.outcomes.secondary.len(), 3);
    let tac = r
        .interventions
        .iter()
        .find(|i| i.name == "Tacrolimus")
        .unwrap();
    assert!(
        tac.description
            .as_ref()
            .unwrap()
            .contains("0.075 mg/kg/day")
    );
    assert_eq!(tac.arm_labels, ["TAC group"]);
    assert_eq!(r.eligibility.minimum_age.as_ref().unwrap().value, Some(18));
    assert_eq!(r.eligibility.inclusion.len(), 6);
    assert!(
        r.eligibility.exclusion.is_empty(),
        "the paper states no exclusion criteria"
    );
    assert_eq!(r.countries, ["Japan"]);
    assert!(
        r.status.overall.is_none() && r.parties.is_empty(),
        "not stated in the paper"
    );
}

#[test]
fn ictrp_example_normalizes_free_text_to_the_same_trial() {
    let r = read_path(fixture("ictrp-umin000015469.xml")).unwrap();
    let toml = read_path(fixture("umin000015469.toml")).unwrap();
    assert_eq!(r.ids.primary, toml.ids.primary);
    assert_eq!(r.ids.secondary[0].value, "JPRN-UMIN000015469");
    assert_eq!(r.phases, toml.phases);
    assert_eq!(r.phase_raw.as_deref(), Some("Phase II"));
    assert_eq!(r.enrollment.as_ref().unwrap().count, Some(58));
    let status = r.status.overall.as_ref().unwrap();
    assert_eq!(
        (status.value, status.raw.as_str()),
        (OverallStatus::NotRecruiting, "Not recruiting")
    );
    assert_eq!(
        r.dates.start.as_ref().unwrap().date,
        toml.dates.start.as_ref().unwrap().date
    );
    assert_eq!(
        r.design.allocation.as_ref().unwrap().value,
        Allocation::Randomized
    );
    assert_eq!(
        r.design.intervention_model.as_ref().unwrap().value,
        InterventionModel::Parallel
    );
    assert_eq!(r.design.masking.as_ref().unwrap().value, Masking::None);
    assert_eq!(r.eligibility.inclusion.len(), 5);
    assert_eq!(r.eligibility.inclusion[0], "Aged 18 or older");
    assert_eq!(r.eligibility.minimum_age.as_ref().unwrap().value, Some(18));
    assert_eq!(r.eligibility.maximum_age, None);
    assert_eq!(r.conditions, toml.conditions);
    assert_eq!(r.interventions.len(), 2);
    assert_eq!(r.outcomes.secondary.len(), 3);
    assert_eq!(r.countries, ["Japan"]);
}

#[test]
fn seed000_jak_vs_cni_has_no_registry_id() {
    let r = read_path(fixture("seed000-jak-vs-cni-ass-ild.json")).unwrap();
    assert_eq!(r.ids.primary, None, "the seed text gives no NCT number");
    assert_eq!(r.display_id(), None);
    assert_eq!(r.enrollment.as_ref().unwrap().count, Some(80));
    assert_eq!(r.enrollment.as_ref().unwrap().actuality, None);
    assert_eq!(r.arms.len(), 2);
    assert!(r.phases.is_empty(), "the seed states no phase");
    assert_eq!(r.design.masking.as_ref().unwrap().value, Masking::None);
    assert_eq!(r.outcomes.primary[0].measure, "12-month survival rate");
    assert_eq!(r.outcomes.secondary.len(), 4);
    assert_eq!(r.eligibility.inclusion.len(), 2);
    assert!(
        r.interventions
            .iter()
            .all(|i| i.intervention_type.as_ref().unwrap().value == InterventionType::Drug)
    );
}

#[test]
fn nct04966884_single_arm_phase4() {
    let r = read_path(fixture("nct04966884.json")).unwrap();
    assert_eq!(r.display_id(), Some("NCT04966884"));
    assert_eq!(r.phases, [Phase::Phase4]);
    assert_eq!(
        r.status.overall.as_ref().unwrap().value,
        OverallStatus::Recruiting
    );
    assert_eq!(
        r.dates
            .start
            .as_ref()
            .unwrap()
            .date
            .as_ref()
            .unwrap()
            .to_string(),
        "2020-04-02"
    );
    assert_eq!(
        r.dates
            .completion
            .as_ref()
            .unwrap()
            .date
            .as_ref()
            .unwrap()
            .to_string(),
        "2021-12-30"
    );
    assert_eq!(r.arms.len(), 1);
    assert_eq!(
        r.design.intervention_model.as_ref().unwrap().value,
        InterventionModel::SingleGroup
    );
    assert_eq!(
        r.outcomes.primary[0].time_frame.as_deref(),
        Some("12 months")
    );
    assert_eq!(
        r.lead_sponsor().unwrap().name,
        "First Affiliated Hospital Xi'an Jiaotong University"
    );
    assert_eq!(r.enrollment, None, "the seed states no enrollment");
}

#[test]
fn seed004_catr_pat_two_arms_of_38() {
    let r = read_path(fixture("seed004-catr-pat.json")).unwrap();
    assert_eq!(r.ids.primary, None);
    assert_eq!(r.titles.acronym.as_deref(), Some("CATR.PAT"));
    assert_eq!(r.phases, [Phase::Phase3]);
    assert_eq!(
        r.status.overall.as_ref().unwrap().value,
        OverallStatus::NotYetRecruiting
    );
    assert_eq!(r.enrollment.as_ref().unwrap().count, Some(76));
    assert_eq!(r.arms.len(), 2);
    assert_eq!(
        r.lead_sponsor().unwrap().name,
        "Assistance Publique - Hôpitaux de Paris"
    );
    let e = &r.eligibility;
    assert_eq!(e.inclusion.len(), 9);
    assert_eq!(e.inclusion[0], "Age ≥ 18");
    assert_eq!(e.exclusion.len(), 14);
    assert_eq!(e.exclusion[13], "Hypokalemia");
    assert!(
        e.exclusion[6]
            .starts_with("ASS-related ILD worsening or relapse under Prednisone > 0.5 mg/kg/day")
    );
    assert!(
        r.outcomes.primary.is_empty(),
        "the seed states no outcome measures"
    );
}
