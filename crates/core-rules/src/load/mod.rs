//! Loading: YAML → JSON → schema validation → typed rule. Every problem is a located
//! [`LoadError`]; a rule is never skipped silently.

pub mod schema;
pub mod yaml;

use crate::error::LoadError;
use crate::plan::{self, CompiledRule};
use crate::rule::RuleDoc;

/// Loads and compiles one rule from its YAML text; `file` names it in errors.
pub fn load_rule(file: &str, text: &str) -> Result<CompiledRule, Vec<LoadError>> {
    let json = yaml::parse(text).map_err(|m| vec![LoadError::new(file, "", m)])?;
    let violations = schema::validate(&json).map_err(|m| vec![LoadError::new(file, "", m)])?;
    // Our own walk of the Check tree locates problems more precisely than the schema's
    // `anyOf` (which reports only "Check is not valid under any of the schemas").
    let check_errors = plan::check::lint(file, &json["Check"], "Check");
    let mut errors: Vec<LoadError> = Vec::new();
    for v in violations {
        let in_check = v.key_path == "Check" || v.key_path.starts_with("Check.");
        if in_check && !check_errors.is_empty() {
            continue;
        }
        errors.push(LoadError::new(file, v.key_path, v.message));
    }
    errors.extend(check_errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let doc: RuleDoc = serde_json::from_value(json)
        .map_err(|e| vec![LoadError::new(file, "", format!("rule does not type: {e}"))])?;
    plan::compile(file, doc)
}
