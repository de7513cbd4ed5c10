//! What both FHIR versions share: ids, ARMCDs, which parties and sites become resources,
//! deterministic UUIDs, and the notices that do not depend on the version.

use crate::codes::{armcds_for, is_organisation, uuid_for};
use crate::{BundleKind, Options};
use model::Finding;
use registry::{Actuality, Party, Site, StudyDate, StudyRecord};

pub(crate) struct Plan<'a> {
    pub rec: &'a StudyRecord,
    pub id: String,
    pub uuid: String,
    pub bundle: BundleKind,
    pub arms: Vec<ArmPlan<'a>>,
    pub orgs: Vec<Local<&'a Party>>,
    pub sites: Vec<Local<&'a Site>>,
    /// The eligibility / enrollment Group, when the record says anything about who enrols.
    pub group: Option<Local<()>>,
    pub findings: Vec<Finding>,
}

pub(crate) struct ArmPlan<'a> {
    pub armcd: String,
    pub label: &'a str,
    pub description: Option<&'a str>,
    /// Interventions as the arm names them, else those that name the arm.
    pub exposures: Vec<String>,
}

/// A resource the study points to: `#id` when contained, `urn:uuid:` in a Bundle.
pub(crate) struct Local<T> {
    pub id: String,
    pub uuid: String,
    pub item: T,
}

/// Where references point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refs {
    Contained,
    Bundle,
}

impl<T> Local<T> {
    pub fn reference(&self, refs: Refs) -> String {
        match refs {
            Refs::Contained => format!("#{}", self.id),
            Refs::Bundle => format!("urn:uuid:{}", self.uuid),
        }
    }
}

pub(crate) fn notice(code: &str, field: &str, message: impl Into<String>) -> Finding {
    Finding::notice(code, message).with_variable(field)
}

/// FHIR ids allow `A–Z a–z 0–9 - .`, at most 64 characters.
pub(crate) fn fhir_id(text: &str) -> String {
    let mut id: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    id.truncate(64);
    if id.is_empty() {
        id.push_str("study");
    }
    id
}

impl<'a> Plan<'a> {
    pub fn new(rec: &'a StudyRecord, options: &Options) -> Plan<'a> {
        let mut findings = Vec::new();
        let key = rec
            .display_id()
            .or(rec.titles.brief.as_deref())
            .unwrap_or("study");
        let id = options.id.clone().unwrap_or_else(|| fhir_id(key));
        match &rec.ids.primary {
            Some(p) if p.system.is_none() => findings.push(
                notice(
                    "FH0001",
                    "ids.primary.system",
                    format!("registry id `{}` has no known system URI", p.value),
                )
                .with_value(p.value.clone()),
            ),
            Some(_) => {}
            None => findings.push(notice(
                "FH0002",
                "ids.primary",
                "no registry id: the study is identified by its protocol number only",
            )),
        }
        let uuid = uuid_for(&["ResearchStudy", key]);
        let labels: Vec<&str> = rec.arms.iter().map(|a| a.label.as_str()).collect();
        let codes = armcds_for(&labels);
        let mut arms = Vec::new();
        for (arm, armcd) in rec.arms.iter().zip(codes) {
            if armcd != crate::armcd_for(&arm.label) {
                findings.push(
                    notice(
                        "FH0010",
                        "arms.label",
                        format!("arm `{}` shares its ARMCD stem; coded `{armcd}`", arm.label),
                    )
                    .with_value(arm.label.clone()),
                );
            }
            let mut exposures = arm.intervention_names.clone();
            if exposures.is_empty() {
                exposures = rec
                    .interventions
                    .iter()
                    .filter(|i| i.arm_labels.iter().any(|l| l == &arm.label))
                    .map(|i| match &i.intervention_type {
                        Some(t) => format!("{}: {}", title_case(t.value.token()), i.name),
                        None => i.name.clone(),
                    })
                    .collect();
            }
            arms.push(ArmPlan {
                armcd,
                label: &arm.label,
                description: arm.description.as_deref(),
                exposures,
            });
        }
        let orgs = rec
            .parties
            .iter()
            .filter(|p| is_organisation(p.role))
            .enumerate()
            .map(|(i, p)| Local {
                id: format!("org-{}", i + 1),
                uuid: uuid_for(&["Organization", key, &p.name]),
                item: p,
            })
            .collect();
        let sites = rec
            .locations
            .iter()
            .enumerate()
            .map(|(i, s)| Local {
                id: format!("site-{}", i + 1),
                uuid: uuid_for(&[
                    "Location",
                    key,
                    &i.to_string(),
                    s.facility.as_deref().unwrap_or(""),
                ]),
                item: s,
            })
            .collect();
        let e = &rec.eligibility;
        let has_group = e.criteria.is_some()
            || !e.inclusion.is_empty()
            || !e.exclusion.is_empty()
            || e.sex.is_some()
            || e.minimum_age.is_some()
            || e.maximum_age.is_some()
            || e.healthy_volunteers.is_some()
            || e.study_population.is_some()
            || rec.enrollment.is_some();
        let group = has_group.then(|| Local {
            id: "eligibility".to_owned(),
            uuid: uuid_for(&["Group", key]),
            item: (),
        });
        if let Some(en) = &rec.enrollment {
            if en.count.is_none() {
                findings.push(
                    notice(
                        "FH0011",
                        "enrollment.count",
                        "enrollment count is not a number; kept as note text",
                    )
                    .with_value(en.raw.clone().unwrap_or_default()),
                );
            } else if en.actuality.is_none() {
                findings.push(notice(
                    "FH0012",
                    "enrollment.actuality",
                    "enrollment not flagged actual or anticipated; written as the target",
                ));
            }
        }
        Plan {
            rec,
            id,
            uuid,
            bundle: options.bundle,
            arms,
            orgs,
            sites,
            group,
            findings,
        }
    }

    pub fn org_for(&self, party: &Party) -> Option<&Local<&'a Party>> {
        self.orgs.iter().find(|o| std::ptr::eq(o.item, party))
    }

    /// The date as FHIR writes it; unreadable dates are noted once, by the note builder.
    pub fn date(d: Option<&StudyDate>) -> Option<String> {
        d?.date.as_ref().map(ToString::to_string)
    }

    pub fn push(&mut self, code: &str, field: &str, message: impl Into<String>) {
        self.findings.push(notice(code, field, message));
    }
}

/// `DRUG` → `Drug`, `DIETARY_SUPPLEMENT` → `Dietary Supplement`, as CT.gov prints types.
pub(crate) fn title_case(token: &str) -> String {
    token
        .split('_')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_string() + &cs.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn is_actual(a: Option<Actuality>) -> Option<bool> {
    match a {
        Some(Actuality::Actual) => Some(true),
        Some(Actuality::Anticipated) => Some(false),
        Some(Actuality::Unknown) | None => None,
    }
}

/// One eligibility criterion, version-neutral, as a Group characteristic.
pub(crate) enum Criterion<'a> {
    Text {
        label: &'static str,
        value: &'a str,
        exclude: bool,
    },
    /// administrative-gender code and display.
    Sex(&'static str, &'static str),
    Age(Option<&'a registry::Age>, Option<&'a registry::Age>),
    Flag(&'static str, bool),
}

pub(crate) fn criteria(rec: &StudyRecord) -> Vec<Criterion<'_>> {
    let e = &rec.eligibility;
    let mut out = Vec::new();
    for i in &e.inclusion {
        out.push(Criterion::Text {
            label: "Inclusion criterion",
            value: i,
            exclude: false,
        });
    }
    for x in &e.exclusion {
        out.push(Criterion::Text {
            label: "Exclusion criterion",
            value: x,
            exclude: true,
        });
    }
    match e.sex.as_ref().map(|s| s.value) {
        Some(registry::Sex::Female) => out.push(Criterion::Sex("female", "Female")),
        Some(registry::Sex::Male) => out.push(Criterion::Sex("male", "Male")),
        _ => {}
    }
    fn known(a: &Option<registry::Age>) -> Option<&registry::Age> {
        a.as_ref().filter(|a| a.value.is_some())
    }
    let (lo, hi) = (known(&e.minimum_age), known(&e.maximum_age));
    if lo.is_some() || hi.is_some() {
        out.push(Criterion::Age(lo, hi));
    }
    if let Some(h) = e.healthy_volunteers {
        out.push(Criterion::Flag("Accepts healthy volunteers", h));
    }
    for a in &e.std_ages {
        out.push(Criterion::Text {
            label: "Age group",
            value: a,
            exclude: false,
        });
    }
    out
}

/// Eligibility prose for the Group: the criteria as given, then what `criteria` cannot
/// say as a characteristic (unreadable ages, the study population).
pub(crate) fn eligibility_text(rec: &StudyRecord) -> Option<String> {
    let e = &rec.eligibility;
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = e
        .criteria
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        parts.push(c.to_owned());
    }
    for (label, a) in [
        ("Minimum age", &e.minimum_age),
        ("Maximum age", &e.maximum_age),
    ] {
        if let Some(a) = a.as_ref().filter(|a| a.value.is_none()) {
            parts.push(format!("{label}: {}", a.raw));
        }
    }
    if let Some(s) = e.sex.as_ref().filter(|s| s.value == registry::Sex::Unknown) {
        parts.push(format!("Sex: {}", s.raw));
    }
    if let Some(p) = e
        .study_population
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        parts.push(format!("Study population: {p}"));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// RFICDTC as a FHIR date, or a notice when it is given but unreadable.
pub(crate) fn consent_date(plan: &mut Plan, row: &crate::DmRow) -> Option<String> {
    let raw = row.rficdtc.trim();
    if raw.is_empty() {
        return None;
    }
    // FHIR dates are truncations only: SDTM's `2019---07` (day known, month not) is `2019`.
    let fhir =
        raw.parse::<model::IsoDateTime>()
            .ok()
            .and_then(|d| match (d.year, d.month, d.day) {
                (Some(y), Some(m), Some(dd)) => Some(format!("{y:04}-{m:02}-{dd:02}")),
                (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
                (Some(y), None, _) => Some(format!("{y:04}")),
                _ => None,
            });
    match fhir {
        Some(d) => Some(d),
        None => {
            plan.findings.push(
                notice(
                    "FH0017",
                    "RFICDTC",
                    format!("subject `{}`: RFICDTC `{raw}` is not a date", row.usubjid),
                )
                .in_dataset("DM")
                .with_value(raw.to_owned()),
            );
            None
        }
    }
}
