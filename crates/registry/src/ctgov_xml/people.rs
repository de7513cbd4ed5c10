//! Eligibility, officials and sites of a legacy `<clinical_study>`.

use super::{Doc, texts};
use crate::codes::{OverallStatus, PartyRole, Sex, key};
use crate::error::RegistryError;
use crate::normalize::{parse_age, split_criteria};
use crate::record::{Location as Site, Party, StudyRecord};
use crate::xml::Element;

pub(super) fn eligibility(
    doc: &Doc<'_>,
    root: &Element,
    r: &mut StudyRecord,
) -> Result<(), RegistryError> {
    let Some(el) = root.child("eligibility") else {
        return Ok(());
    };
    let e = &mut r.eligibility;
    e.criteria = el.text_of("criteria");
    if let Some(c) = &e.criteria {
        (e.inclusion, e.exclusion) = split_criteria(c);
    }
    e.study_population = el.text_of("study_pop");
    e.sex = doc.closed(el, "gender", "gender", Sex::from_key)?;
    e.minimum_age = el.text_of("minimum_age").and_then(|t| parse_age(&t));
    e.maximum_age = el.text_of("maximum_age").and_then(|t| parse_age(&t));
    e.healthy_volunteers = el
        .text_of("healthy_volunteers")
        .map(|t| t.to_ascii_lowercase().starts_with("accepts") || t == "Yes");
    Ok(())
}

pub(super) fn people_and_places(
    doc: &Doc<'_>,
    root: &Element,
    r: &mut StudyRecord,
) -> Result<(), RegistryError> {
    for o in root.children_named("overall_official") {
        let Some(name) = o.text_of("last_name") else {
            continue;
        };
        let role = o
            .text_of("role")
            .and_then(|t| PartyRole::from_key(&key(&t)))
            .unwrap_or(PartyRole::Unknown);
        r.parties.push(Party {
            name,
            role,
            affiliation: o.text_of("affiliation"),
            class: None,
        });
    }
    for l in root.children_named("location") {
        let facility = l.child("facility");
        let address = facility.and_then(|f| f.child("address"));
        let field = |name: &str| address.and_then(|a| a.text_of(name));
        let site = Site {
            facility: facility.and_then(|f| f.text_of("name")),
            city: field("city"),
            state: field("state"),
            zip: field("zip"),
            country: field("country"),
            status: doc.closed(l, "status", "location status", OverallStatus::from_key)?,
        };
        if let Some(c) = &site.country {
            r.add_country(&c.clone());
        }
        r.locations.push(site);
    }
    if let Some(lc) = root.child("location_countries") {
        for c in texts(lc, "country") {
            r.add_country(&c);
        }
    }
    Ok(())
}
