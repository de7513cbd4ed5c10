//! YAML text to a JSON value, the shape the CORE schema validates. serde-saphyr reports
//! malformed YAML as an error (never a panic) with its line and column.

use serde_json::Value;

/// Parses one YAML document. The error text carries saphyr's location.
///
/// Only `true`/`false` are booleans: CORE reads rules with PyYAML, for which `Y` and `N` are
/// strings (`value: [Y, N]` is a list of codes), while saphyr's YAML 1.1 mode would read them
/// as booleans.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options::<Value>(text, options).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mappings_and_reports_malformed_yaml() {
        let v = parse("Core:\n  Id: CORE-1\nCheck:\n  all: [ {name: A, operator: empty} ]\n");
        assert_eq!(
            v.ok()
                .and_then(|v| v["Core"]["Id"].as_str().map(str::to_owned))
                .as_deref(),
            Some("CORE-1")
        );
        assert!(parse("Core: [unclosed").is_err());
    }
}
