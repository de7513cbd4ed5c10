//! The engine: selection, determinism, and a panicking rule turned into a finding.

#![allow(clippy::unwrap_used)]

use model::{Dataset, DatasetMeta, Severity, Value, Variable};
use rules::{Input, RULE_PANICKED, Rule, RuleMeta, RuleSet, RulesError, Selection, Sink, Study};

fn dm(rows: &[(&str, &str)]) -> Input {
    let mut meta = DatasetMeta::new("DM", "Demographics");
    meta.variables = vec![
        Variable::char("USUBJID", "Unique Subject Identifier"),
        Variable::char("DTHFL", "Subject Death Flag"),
    ];
    let mut ds = Dataset::new(meta);
    ds.rows = rows
        .iter()
        .map(|(a, b)| vec![Value::char(*a), Value::char(*b)])
        .collect();
    Input::new("dm.xpt", ds)
}

struct Explodes;
static EXPLODES: RuleMeta = RuleMeta {
    code: "SDT9999",
    name: "explodes",
    severity: Severity::Error,
    summary: "always panics",
    refs: &[],
};
impl Rule for Explodes {
    fn meta(&self) -> &'static RuleMeta {
        &EXPLODES
    }
    fn applies(&self, _: &Input) -> bool {
        true
    }
    fn check(&self, _: &Study, _: &Input, _: &mut Sink<'_>) {
        panic!("index out of bounds");
    }
}

#[test]
fn a_panicking_rule_becomes_an_error_finding() {
    let study = Study::new(vec![dm(&[("S-1", "N")])]);
    let found = RuleSet::from_rules(vec![&Explodes]).run(&study);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, RULE_PANICKED);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(found[0].message.contains("SDT9999"), "{}", found[0].message);
    assert!(found[0].message.contains("index out of bounds"));
}

#[test]
fn findings_are_sorted_and_repeatable() {
    let inputs = || {
        (0..20)
            .map(|i| {
                let mut d = dm(&[("S-1", "N"), ("S-2", "U"), ("S-1", "")]);
                d.file = format!("dm{i:02}.xpt");
                d
            })
            .collect()
    };
    let a = RuleSet::all().run(&Study::new(inputs()));
    let b = RuleSet::all().run(&Study::new(inputs()));
    assert_eq!(a, b);
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(a, sorted);
    assert_eq!(a.iter().filter(|f| f.code == "SDT0013").count(), 40);
    assert_eq!(a.iter().filter(|f| f.code == "SDT0008").count(), 20);
}

#[test]
fn select_and_ignore_by_code_or_family() {
    let sel = |s: &[&str], i: &[&str]| Selection {
        select: s.iter().map(|x| (*x).to_owned()).collect(),
        ignore: i.iter().map(|x| (*x).to_owned()).collect(),
        preview: false,
    };
    assert_eq!(
        RuleSet::compile(&sel(&["SDT0013"], &[])).unwrap().codes(),
        vec!["SDT0013"]
    );
    let fam = RuleSet::compile(&sel(&["sdt001"], &["SDT0013"]))
        .unwrap()
        .codes();
    assert!(
        fam.contains(&"SDT0010") && !fam.contains(&"SDT0013") && !fam.contains(&"SDT0001"),
        "{fam:?}"
    );
    let err = RuleSet::compile(&sel(&["SDT0O13"], &[])).err().unwrap();
    assert_eq!(
        err,
        RulesError::UnknownSelector {
            selector: "SDT0O13".into(),
            suggestion: Some("SDT0013".into())
        }
    );
    assert!(err.to_string().contains("did you mean `SDT0013`"));
}

#[test]
fn findings_carry_the_source_cell_when_known() {
    let mut input = dm(&[("S-1", "N")]);
    let cell = model::SourceCell {
        file: "site-01.xlsx".into(),
        sheet: "Demographics".into(),
        cell: model::CellRef::new(4, 7),
    };
    input.dataset.provenance.set(0, 1, &cell);
    let found = RuleSet::compile(&Selection {
        select: vec!["SDT0013".into()],
        ..Default::default()
    })
    .unwrap()
    .run(&Study::new(vec![input]));
    assert_eq!(found[0].source, Some(cell));
    assert_eq!(found[0].record, Some(1));
    assert_eq!(found[0].refs, vec!["CG0131", "CORE-000006"]);
}

/// A rule whose external check covers only some datasets cites it only on their findings.
#[test]
fn duplicate_ae_records_cite_p21_sd1201_and_others_do_not() {
    let table = |name: &str| {
        let mut meta = DatasetMeta::new(name, name);
        meta.variables = vec![
            Variable::char("USUBJID", "Unique Subject Identifier"),
            Variable::char(format!("{name}TERM"), "Term"),
        ];
        let mut ds = Dataset::new(meta);
        ds.rows = vec![vec![Value::char("S-1"), Value::char("X")]; 2];
        Input::new(format!("{}.xpt", name.to_lowercase()), ds)
    };
    let found = RuleSet::compile(&Selection {
        select: vec!["SDT0057".into()],
        ..Default::default()
    })
    .unwrap()
    .run(&Study::new(vec![table("AE"), table("CE")]));
    let refs: Vec<(&str, &[String])> = found
        .iter()
        .map(|f| (f.dataset.as_deref().unwrap_or(""), f.refs.as_slice()))
        .collect();
    assert_eq!(
        refs,
        vec![("AE", &["P21:SD1201".to_owned()][..]), ("CE", &[][..])]
    );
}

fn ds_input(decod: &str) -> Input {
    let mut meta = DatasetMeta::new("DS", "Disposition");
    meta.variables = [
        "STUDYID", "DOMAIN", "USUBJID", "DSSEQ", "DSTERM", "DSDECOD", "DSCAT",
    ]
    .iter()
    .map(|v| Variable::char(*v, *v))
    .collect();
    let mut ds = Dataset::new(meta);
    ds.rows = vec![
        [
            "S1",
            "DS",
            "S1-1",
            "1",
            "WITHDREW",
            decod,
            "DISPOSITION EVENT",
        ]
        .iter()
        .map(|v| Value::char(*v))
        .collect(),
    ];
    Input::new("ds.xpt", ds)
}

/// CT 2022-03-25 publishes C49634 as `SDTM-NCOMPLT` (its change log renames it from
/// `WITHDRAWAL BY SUBJECT`): the old value is a notice naming that release, not an error;
/// a value that was never a term stays a finding of the rule's severity.
#[test]
fn a_ct_publication_oddity_is_a_notice() {
    let set = RuleSet::compile(&Selection {
        select: vec!["SDT0077".into()],
        ..Selection::default()
    })
    .unwrap();
    let odd = set.run(&Study::new(vec![ds_input("WITHDRAWAL BY SUBJECT")]));
    assert_eq!(odd.len(), 1, "{odd:#?}");
    assert_eq!(odd[0].severity, Severity::Notice);
    assert!(odd[0].message.contains("SDTM-NCOMPLT") && odd[0].message.contains("2022-03-25"));
    let wrong = set.run(&Study::new(vec![ds_input("WENT HOME")]));
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    assert_eq!(wrong[0].severity, Severity::Warning);
}
