//! TA and TE: a screening element, one treatment element per arm, and a follow-up element
//! when the protocol's follow-up is known.

use super::Options;
use super::codes;
use super::table::{MAX_TEXT, Table, clip};
use model::{Dataset, Finding, Value};
use registry::armcd::{armcd_for, armcds_for, unique};
use registry::{Allocation, Arm, InterventionType, StudyRecord};

/// ETCD is limited to 8 characters (SDTMIG 3.4 §7.2.2).
const ETCD_MAX: usize = 8;

/// The interventions an arm receives, in the record's order: those the arm names (without
/// CT.gov's `Drug: ` type prefix) and those that name the arm.
pub(crate) fn arm_interventions(r: &StudyRecord, arm: &Arm) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let named = arm
        .intervention_names
        .iter()
        .map(|n| strip_type(n).to_owned());
    let linked = r
        .interventions
        .iter()
        .filter(|i| i.arm_labels.iter().any(|l| l.trim() == arm.label.trim()))
        .map(|i| i.name.trim().to_owned());
    for n in named.chain(linked) {
        if !n.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}

/// `Drug: Tacrolimus` → `Tacrolimus`; a colon that does not follow a type is kept.
fn strip_type(name: &str) -> &str {
    match name.split_once(':') {
        Some((kind, rest)) if InterventionType::from_key(&registry::codes::key(kind)).is_some() => {
            rest.trim()
        }
        _ => name.trim(),
    }
}

struct Element {
    etcd: String,
    element: String,
    testrl: String,
    teenrl: Option<String>,
    tedur: Option<String>,
}

pub(crate) fn build(
    r: &StudyRecord,
    opts: &Options,
    studyid: &str,
    findings: &mut Vec<Finding>,
) -> (Dataset, Dataset) {
    let mut ta = Table::new("TA");
    let mut te = Table::new("TE");
    if r.arms.is_empty() {
        findings.push(Finding::notice(
            codes::RG_NO_ARMS,
            "the registry record lists no arms or groups; TA and TE are empty",
        ));
        return (ta.finish(studyid, findings), te.finish(studyid, findings));
    }
    let randomized = r
        .design
        .allocation
        .as_ref()
        .is_some_and(|a| a.value == Allocation::Randomized);
    let branch = randomized && r.arms.len() > 1;
    let labels: Vec<&str> = r.arms.iter().map(|a| a.label.trim()).collect();
    let armcds = armcds_for(&labels);
    let mut taken: Vec<String> = vec!["SCRN".into(), "FU".into()];

    let screening = Element {
        etcd: "SCRN".into(),
        element: "Screening".into(),
        testrl: "Informed consent".into(),
        teenrl: Some(if randomized {
            "Randomization".into()
        } else {
            "First dose of study treatment".into()
        }),
        tedur: None,
    };
    // An empty duration means a follow-up epoch whose planned length the protocol does not
    // fix (e.g. subjects followed to the end of the study after stopping treatment).
    let follow_up = opts.follow_up.as_ref().map(|d| Element {
        etcd: "FU".into(),
        element: "Follow-up".into(),
        testrl: "End of treatment".into(),
        teenrl: Some(if d.is_empty() {
            "End of study".into()
        } else {
            format!("{d} after the end of treatment")
        }),
        tedur: Some(d.clone()).filter(|d| !d.is_empty()),
    });
    let mut elements = vec![screening];
    for (arm, code) in r.arms.iter().zip(&armcds) {
        if *code != armcd_for(&arm.label) {
            findings.push(
                Finding::notice(
                    codes::RG_ARMCD_SUFFIX,
                    format!(
                        "arm `{}` gives ARMCD `{}`, already taken by another arm; it is `{code}`",
                        arm.label,
                        armcd_for(&arm.label)
                    ),
                )
                .in_dataset("TA")
                .with_variable("ARMCD"),
            );
        }
        let base: String = code.chars().take(ETCD_MAX).collect();
        let etcd = unique(base.trim_end_matches('_'), &taken, ETCD_MAX);
        taken.push(etcd.clone());
        let drugs = arm_interventions(r, arm);
        let element = if drugs.is_empty() {
            findings.push(
                Finding::notice(
                    codes::RG_ARM_NO_INTERVENTION,
                    format!(
                        "arm `{}` names no intervention; its element is named after the arm",
                        arm.label
                    ),
                )
                .in_dataset("TE")
                .with_variable("ELEMENT"),
            );
            arm.label.trim().to_owned()
        } else {
            clip(&drugs.join(" + "), MAX_TEXT).to_owned()
        };
        let testrl = if branch {
            format!("Randomized to {}", arm.label.trim())
        } else {
            "First dose of study treatment".to_owned()
        };
        let treatment = Element {
            etcd: etcd.clone(),
            element,
            testrl,
            teenrl: Some(match &opts.treatment_duration {
                Some(d) => format!("{d} after the start of treatment"),
                None => "End of treatment".to_owned(),
            }),
            tedur: opts.treatment_duration.clone(),
        };
        let mut order: Vec<(&Element, &str)> = vec![(&elements[0], "SCREENING")];
        order.push((&treatment, "TREATMENT"));
        if let Some(fu) = &follow_up {
            order.push((fu, "FOLLOW-UP"));
        }
        for (i, (el, epoch)) in order.iter().enumerate() {
            let tabranch =
                (branch && i == 0).then(|| format!("Randomized to {}", arm.label.trim()));
            ta.push(vec![
                ("ARMCD", Value::char(code.as_str())),
                ("ARM", Value::char(arm.label.trim())),
                ("TAETORD", Value::Num(i as f64 + 1.0)),
                ("ETCD", Value::char(el.etcd.as_str())),
                ("ELEMENT", Value::char(el.element.as_str())),
                ("TABRANCH", tabranch.map_or(Value::NULL, Value::Char)),
                ("TATRANS", Value::NULL),
                ("EPOCH", Value::char(*epoch)),
            ]);
        }
        elements.push(treatment);
    }
    elements.extend(follow_up);
    for el in elements {
        te.push(vec![
            ("ETCD", Value::char(el.etcd)),
            ("ELEMENT", Value::char(el.element)),
            ("TESTRL", Value::char(el.testrl)),
            ("TEENRL", el.teenrl.map_or(Value::NULL, Value::Char)),
            ("TEDUR", el.tedur.map_or(Value::NULL, Value::Char)),
        ]);
    }
    (ta.finish(studyid, findings), te.finish(studyid, findings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_prefixes_are_dropped_only_when_they_are_types() {
        assert_eq!(strip_type("Drug: Tacrolimus"), "Tacrolimus");
        assert_eq!(strip_type("Biological: Dupilumab"), "Dupilumab");
        assert_eq!(strip_type("Regimen: A then B"), "Regimen: A then B");
    }
}
