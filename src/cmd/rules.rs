//! `trialbridge rules [CODE]`: every code the tool can raise (the catalogue, the codes raised
//! while reading and converting, then CDISC CORE's bundled rules with whether they run), or
//! one code's documentation.

use crate::cli::RulesArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;
use core_rules::{CompiledRule, RuleBook};

pub fn rules(ctx: &Ctx, args: &RulesArgs) -> Result<Outcome, Failure> {
    let Some(code) = &args.code else {
        for e in rules::codes::TABLE {
            let m = e.rule.meta();
            ctx.say(format!("{:<8} {:<8} {}", m.code, m.severity, m.summary));
        }
        for r in rules::raised::all() {
            ctx.say(format!("{:<8} {:<8} {}", r.code, r.severity, r.summary));
        }
        for r in RuleBook::bundled().rules() {
            let runs = r
                .skip_reason()
                .map_or_else(|| "runs".to_owned(), |w| format!("skipped: {w}"));
            ctx.say(format!("{:<11} {:<24} {runs}", r.id(), standards(r)));
        }
        return Ok(Outcome::Clean);
    };
    if let Some(rule) = RuleBook::bundled().get(&code.to_ascii_uppercase()) {
        core(ctx, rule);
        return Ok(Outcome::Clean);
    }
    if let Some(r) = rules::raised::lookup(code) {
        ctx.say(r.to_string());
        return Ok(Outcome::Clean);
    }
    let entry = rules::codes::lookup(code).ok_or_else(|| {
        let core = RuleBook::bundled().rules().iter().map(CompiledRule::id);
        let hint = model::text::did_you_mean(code, rules::all_codes().chain(core))
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        anyhow!("no rule {code}{hint}; `trialbridge rules` lists them all")
    })?;
    let m = entry.rule.meta();
    ctx.say(format!(
        "{} — {}\nseverity: {}   status: {:?}   name: {}",
        m.code, m.summary, m.severity, entry.status, m.name
    ));
    if !m.refs.is_empty() {
        ctx.say(format!("refs: {}", m.refs.join(", ")));
    }
    ctx.say(String::new());
    ctx.say(rules::docs_of(m.name).unwrap_or("(no documentation)"));
    Ok(Outcome::Clean)
}

/// "SDTMIG 3.2/3.3/3.4, SENDIG 3.1".
fn standards(rule: &CompiledRule) -> String {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for s in &rule.standards {
        match out.iter_mut().find(|(n, _)| *n == s.name) {
            Some((_, versions)) => versions.push(s.version.clone()),
            None => out.push((s.name.clone(), vec![s.version.clone()])),
        }
    }
    out.iter()
        .map(|(n, v)| format!("{n} {}", v.join("/")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A CORE rule: what it checks, where it applies, whether it runs, and its published YAML.
fn core(ctx: &Ctx, rule: &CompiledRule) {
    ctx.say(format!("{} — {}", rule.id(), rule.description().trim()));
    ctx.say(format!("standards: {}", standards(rule)));
    ctx.say(format!(
        "type: {}   sensitivity: {:?}",
        rule.rule_type, rule.sensitivity
    ));
    if !rule.refs.is_empty() {
        ctx.say(format!("refs: {}", rule.refs.join(", ")));
    }
    ctx.say(format!("message: {}", rule.message));
    ctx.say(match rule.skip_reason() {
        Some(why) => format!("status: skipped ({why})"),
        None => "status: runs".to_owned(),
    });
    let yaml = standards::cdisc_core::rules()
        .iter()
        .find(|e| rule.file() == format!("{}/rule.yml", e.name));
    if let Some(e) = yaml {
        ctx.say(format!(
            "\nrule.yml (cdisc-org/cdisc-open-rules {}, MIT):\n",
            &core_rules::RULES_COMMIT[..12.min(core_rules::RULES_COMMIT.len())]
        ));
        ctx.say(e.text.trim_end());
    }
}
