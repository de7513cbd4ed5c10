//! `trialbridge merge`: the JSON reports of `validate --shard I/N` joined into the report the
//! single run gives (the same inputs in the same order, the same findings in the same
//! order, the CORE statuses of the shard that held the study). Parts that do not make one
//! whole run (a shard missing or given twice, another run's part, a part of another
//! version) are refused with every reason.

use super::Validated;
use crate::Failure;
use anyhow::anyhow;
use reports::json::Parsed;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The merged findings and the timestamp the parts were stamped with.
pub struct Merged {
    pub validated: Validated,
    pub timestamp: String,
}

pub fn merge(paths: &[PathBuf]) -> Result<Merged, Failure> {
    let mut problems = Vec::new();
    let mut parts: Vec<(String, Parsed)> = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        let read = std::fs::read(p).map_err(|e| e.to_string()).and_then(|b| {
            serde_json::from_slice::<Parsed>(&b)
                .map_err(|e| format!("not a trialbridge JSON report: {e}"))
        });
        match read {
            Ok(part) if part.shard.is_none() => problems.push(anyhow!(
                "{shown}: not a part of a sharded run (made without `validate --shard I/N`)"
            )),
            Ok(part) => parts.push((shown, part)),
            Err(e) => problems.push(anyhow!("{shown}: {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(Failure(problems));
    }
    let Some((first_name, first)) = parts.first() else {
        return Err(anyhow!("no parts to merge").into());
    };
    let Some(whole) = first.shard.clone() else {
        return Err(anyhow!("{first_name}: no shard").into());
    };
    let mut seen: BTreeMap<usize, &str> = BTreeMap::new();
    for (name, part) in &parts {
        let Some(s) = &part.shard else { continue };
        if s.count != whole.count {
            problems.push(anyhow!(
                "{name}: shard {}/{} of another split than {first_name} ({}/{})",
                s.index,
                s.count,
                whole.index,
                whole.count
            ));
        } else if s.of_inputs != whole.of_inputs {
            problems.push(anyhow!(
                "{name}: a part of another run than {first_name} (its run had other inputs)"
            ));
        }
        if part.tool != first.tool {
            problems.push(anyhow!(
                "{name}: made by {} {} at {}, {first_name} by {} {} at {}: parts of one run \
                 share the version and the timestamp (give each job the same --timestamp)",
                part.tool.name,
                part.tool.version,
                part.tool.timestamp,
                first.tool.name,
                first.tool.version,
                first.tool.timestamp
            ));
        }
        if let Some(other) = seen.insert(s.index, name) {
            problems.push(anyhow!(
                "shard {}/{} is given twice: {other} and {name}",
                s.index,
                s.count
            ));
        }
    }
    let missing: Vec<String> = (0..whole.count)
        .filter(|i| !seen.contains_key(i))
        .map(|i| format!("{i}/{}", whole.count))
        .collect();
    if !missing.is_empty() {
        problems.push(anyhow!("missing part(s) for shard {}", missing.join(", ")));
    }
    let held: BTreeSet<&String> = parts.iter().flat_map(|(_, p)| &p.inputs).collect();
    let expected: BTreeSet<&String> = whole.of_inputs.iter().collect();
    if problems.is_empty() && held != expected {
        problems.push(anyhow!(
            "the parts checked {} input(s) and the run had {}: the parts do not make one run",
            held.len(),
            expected.len()
        ));
    }
    let with_checked: Vec<&str> = parts
        .iter()
        .filter(|(_, p)| p.checked.is_some())
        .map(|(n, _)| n.as_str())
        .collect();
    if with_checked.len() > 1 {
        problems.push(anyhow!(
            "more than one part checked datasets ({}): the study is checked in one shard",
            with_checked.join(", ")
        ));
    }
    if !problems.is_empty() {
        return Err(Failure(problems));
    }
    let timestamp = first.tool.timestamp.clone();
    let position: BTreeMap<&String, usize> = whole
        .of_inputs
        .iter()
        .enumerate()
        .map(|(i, f)| (f, i))
        .collect();
    let mut findings = Vec::new();
    let mut fhir = Vec::new();
    let mut checked = None;
    for (_, part) in parts {
        findings.extend(part.findings);
        fhir.extend(part.fhir);
        checked = checked.or(part.checked);
    }
    // The single run's order: findings sorted, FHIR files in input order.
    findings.sort();
    findings.dedup();
    fhir.sort_by_key(|f| position.get(&f.file).copied().unwrap_or(usize::MAX));
    Ok(Merged {
        validated: Validated {
            findings,
            checked,
            fhir,
            inputs: whole.of_inputs,
            shard: None,
        },
        timestamp,
    })
}
