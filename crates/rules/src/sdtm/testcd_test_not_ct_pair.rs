//! ## What it checks
//! In a domain whose test codes have paired CDISC codelists (LBTESTCD/LBTEST,
//! RETESTCD/RETEST, VSTESTCD/VSTEST when embedded, TSPARMCD/TSPARM for TS), a --TESTCD that
//! is a CT term has the --TEST CT pairs with it (the term with the same NCI code), and a
//! --TEST that is a CT term has its paired --TESTCD. Each mismatched pair is reported once,
//! at its first record, with its count. Values not in CT at all are left to SDT0077.
//! CT 2022-03-25.
//!
//! ## Why it matters
//! A code and a name that CT assigns to different tests (`LBTESTCD = "CK"` with
//! `LBTEST = "Creatinine"`) leaves a reviewer unsure which test was done.
//!
//! ## Example
//! `LBTESTCD = "CK"` with `LBTEST = "Creatinine"` is reported; with `Creatine Kinase` it is not.
//!
//! ## References
//! SDTMIG 3.4 §4.3 and §6.3 (--TESTCD/--TEST); CDISC SDTM CT 2022-03-25 paired codelists.

use super::{Spec, submitted};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use foldhash::HashMap;
use model::Severity;

pub struct TestcdTestNotCtPair;

static META: RuleMeta = RuleMeta {
    code: "SDT0078",
    name: "testcd_test_not_ct_pair",
    severity: Severity::Error,
    summary: "--TESTCD and --TEST are not a pair of CDISC CT",
    refs: &[],
};

/// `(code variable, name variable, code codelist, name codelist)` of the dataset.
fn pairing(input: &Input) -> Option<(String, String, String, String)> {
    let spec = Spec::of(input)?;
    let (cd, name) = if spec.prefix == "TS" {
        ("TSPARMCD".to_owned(), "TSPARM".to_owned())
    } else {
        (
            format!("{}TESTCD", spec.prefix),
            format!("{}TEST", spec.prefix),
        )
    };
    let ct = standards::ct();
    (input.has(&cd)
        && input.has(&name)
        && ct.codelist(&cd).is_some()
        && ct.codelist(&name).is_some())
    .then(|| (cd.clone(), name.clone(), cd, name))
}

impl Rule for TestcdTestNotCtPair {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ct
    }

    fn applies(&self, input: &Input) -> bool {
        pairing(input).is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some((cd, name, cd_list, name_list)) = pairing(input) else {
            return;
        };
        let meta = &input.dataset.meta();
        let (Some(icd), Some(iname)) = (meta.index_of(&cd), meta.index_of(&name)) else {
            return;
        };
        let mut pairs: HashMap<(&str, &str), (usize, usize)> = HashMap::default();
        for (row, r) in input.dataset.rows().enumerate() {
            if let (Some(c), Some(n)) = (
                r.get(icd).and_then(submitted),
                r.get(iname).and_then(submitted),
            ) {
                pairs.entry((c, n)).or_insert((row, 0)).1 += 1;
            }
        }
        let ct = standards::ct();
        let mut bad: Vec<_> = pairs
            .into_iter()
            .filter_map(|((c, n), (row, count))| {
                let want_name = ct.pair(&cd_list, c, &name_list);
                let want_code = ct.pair(&name_list, n, &cd_list);
                let wrong = want_name.is_some_and(|w| w != n) || want_code.is_some_and(|w| w != c);
                wrong.then_some((row, count, c, n, want_name, want_code))
            })
            .collect();
        bad.sort_by_key(|b| b.0);
        for (row, count, c, n, want_name, want_code) in bad {
            let why = match (want_name, want_code) {
                (Some(w), _) if w != n => format!("CT pairs {cd} `{c}` with `{w}`"),
                (_, Some(w)) => format!("CT pairs {name} `{n}` with `{w}`"),
                _ => String::new(),
            };
            out.record(
                row,
                &[(name.as_str(), n.to_owned()), (cd.as_str(), c.to_owned())],
                format!(
                    "{cd} `{c}` with {name} `{n}` ({count} records) is not a CT pair: {why} (CT {})",
                    standards::SDTM_CT_VERSION
                ),
            );
        }
    }
}
