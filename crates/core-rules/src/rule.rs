//! The typed shape of a CORE rule as published (`rule.yml`), after schema validation. The
//! Check tree and Operations stay JSON here; `plan` types them with key paths for errors.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Clone, Deserialize)]
pub struct RuleDoc {
    #[serde(rename = "Authorities")]
    pub authorities: Vec<Authority>,
    #[serde(rename = "Check")]
    pub check: Value,
    #[serde(rename = "Core")]
    pub core: CoreMeta,
    #[serde(rename = "Description", default)]
    pub description: String,
    #[serde(rename = "Outcome")]
    pub outcome: OutcomeDoc,
    #[serde(rename = "Rule Type")]
    pub rule_type: String,
    #[serde(rename = "Scope", default)]
    pub scope: ScopeDoc,
    #[serde(rename = "Sensitivity", default)]
    pub sensitivity: Option<String>,
    #[serde(rename = "Operations", default)]
    pub operations: Vec<Value>,
    #[serde(rename = "Match Datasets", default)]
    pub match_datasets: Vec<MatchDatasetDoc>,
    #[serde(rename = "Grouping_Variables", default)]
    pub grouping_variables: Vec<String>,
    #[serde(rename = "Executability", default)]
    pub executability: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Authority {
    #[serde(rename = "Organization")]
    pub organization: String,
    #[serde(rename = "Standards", default)]
    pub standards: Vec<StandardDoc>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StandardDoc {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Version")]
    pub version: String,
    #[serde(rename = "Substandard", default)]
    pub substandard: Option<String>,
    #[serde(rename = "References", default)]
    pub references: Vec<ReferenceDoc>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReferenceDoc {
    #[serde(rename = "Origin", default)]
    pub origin: String,
    #[serde(rename = "Rule Identifier")]
    pub rule_identifier: RuleIdentifier,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RuleIdentifier {
    #[serde(rename = "Id")]
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CoreMeta {
    #[serde(rename = "Id", default)]
    pub id: Option<String>,
    #[serde(rename = "Status", default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OutcomeDoc {
    #[serde(rename = "Message", default)]
    pub message: String,
    #[serde(rename = "Output Variables", default)]
    pub output_variables: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ScopeDoc {
    #[serde(rename = "Classes", default)]
    pub classes: Option<IncludeExclude>,
    #[serde(rename = "Domains", default)]
    pub domains: Option<IncludeExclude>,
    #[serde(rename = "Datasets", default)]
    pub datasets: Option<Value>,
    #[serde(rename = "Data Structures", default)]
    pub data_structures: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IncludeExclude {
    #[serde(rename = "Include", default)]
    pub include: Vec<String>,
    #[serde(rename = "Exclude", default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MatchDatasetDoc {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Keys", default)]
    pub keys: Vec<Value>,
    #[serde(rename = "Child", default)]
    pub child: Option<bool>,
    #[serde(rename = "Is Relationship", default)]
    pub is_relationship: Option<bool>,
    #[serde(rename = "Join Type", default)]
    pub join_type: Option<String>,
    #[serde(rename = "Wildcard", default)]
    pub wildcard: Option<String>,
}
