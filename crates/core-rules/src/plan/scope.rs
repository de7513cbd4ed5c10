//! Which datasets a rule looks at: Scope's Classes and Domains, each with Include/Exclude and
//! `ALL`; `SUPP--` names every supplemental qualifier dataset, `AP--` every associated-persons one.

use crate::package::DatasetInfo;
use crate::rule::ScopeDoc;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    pub classes_include: Vec<String>,
    pub classes_exclude: Vec<String>,
    pub domains_include: Vec<String>,
    pub domains_exclude: Vec<String>,
}

impl Scope {
    pub fn from_doc(doc: &ScopeDoc) -> Scope {
        let (ci, ce) = doc
            .classes
            .as_ref()
            .map_or((vec![], vec![]), |c| (c.include.clone(), c.exclude.clone()));
        let (di, de) = doc
            .domains
            .as_ref()
            .map_or((vec![], vec![]), |d| (d.include.clone(), d.exclude.clone()));
        Scope {
            classes_include: ci,
            classes_exclude: ce,
            domains_include: di,
            domains_exclude: de,
        }
    }

    /// Whether the rule runs on this dataset.
    pub fn includes(&self, ds: &DatasetInfo) -> bool {
        let class = ds.class.as_deref().unwrap_or("");
        let class_in = |list: &[String]| list.iter().any(|c| c == "ALL" || class_matches(c, class));
        let domain_in = |list: &[String]| list.iter().any(|d| domain_matches(d, ds));
        (self.classes_include.is_empty() || class_in(&self.classes_include))
            && !self.classes_exclude.iter().any(|c| class_matches(c, class))
            && (self.domains_include.is_empty() || domain_in(&self.domains_include))
            && !self
                .domains_exclude
                .iter()
                .any(|d| d != "ALL" && domain_matches(d, ds))
    }
}

/// FINDINGS ABOUT is a kind of FINDINGS: CORE applies FINDINGS rules to FA.
fn class_matches(entry: &str, class: &str) -> bool {
    entry.eq_ignore_ascii_case(class)
        || (entry.eq_ignore_ascii_case("FINDINGS") && class.eq_ignore_ascii_case("FINDINGS ABOUT"))
}

fn domain_matches(entry: &str, ds: &DatasetInfo) -> bool {
    match entry {
        "ALL" => true,
        "SUPP--" => ds.is_supp,
        "AP--" => ds.name.starts_with("AP") && !ds.is_supp,
        _ => entry.eq_ignore_ascii_case(&ds.domain) || entry.eq_ignore_ascii_case(&ds.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(name: &str, domain: &str, class: &str, is_supp: bool) -> DatasetInfo {
        DatasetInfo {
            name: name.into(),
            domain: domain.into(),
            prefix: domain.into(),
            is_supp,
            class: Some(class.into()),
        }
    }

    #[test]
    fn classes_and_domains_include_and_exclude() {
        let scope = Scope {
            classes_include: vec!["FINDINGS".into()],
            domains_exclude: vec!["LB".into()],
            ..Scope::default()
        };
        assert!(scope.includes(&ds("VS", "VS", "FINDINGS", false)));
        assert!(scope.includes(&ds("FA", "FA", "FINDINGS ABOUT", false)));
        assert!(!scope.includes(&ds("LB", "LB", "FINDINGS", false)));
        assert!(!scope.includes(&ds("AE", "AE", "EVENTS", false)));
        let supp = Scope {
            classes_include: vec!["ALL".into()],
            domains_include: vec!["SUPP--".into()],
            ..Scope::default()
        };
        assert!(supp.includes(&ds("SUPPAE", "SUPPAE", "RELATIONSHIP", true)));
        assert!(!supp.includes(&ds("AE", "AE", "EVENTS", false)));
    }
}
