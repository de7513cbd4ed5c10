//! `trialbridge rules [CODE]`: the catalogue, or one rule's documentation.

use crate::cli::RulesArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;

pub fn rules(ctx: &Ctx, args: &RulesArgs) -> Result<Outcome, Failure> {
    let Some(code) = &args.code else {
        for e in rules::codes::TABLE {
            let m = e.rule.meta();
            ctx.say(format!("{:<8} {:<8} {}", m.code, m.severity, m.summary));
        }
        return Ok(Outcome::Clean);
    };
    let entry = rules::codes::lookup(code).ok_or_else(|| {
        let hint = rules::suggest(code, rules::codes::TABLE.iter().map(|e| e.code))
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
