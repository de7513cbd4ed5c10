//! The embedded tables hold together: names and labels fit XPT v5, every codelist a
//! variable names is embedded, and nothing is listed twice.
#![allow(clippy::unwrap_used)]

use standards::{Ct, Error, Ig, TableErrorKind, adam_ct, adamig, any_codelist, ct, sdtmig};
use std::collections::HashSet;

#[test]
fn sdtm_names_and_labels_fit_xpt_v5() {
    for d in sdtmig().domains() {
        assert!(d.name.len() <= 8, "{}", d.name);
        // SUPPQUAL's IG label is a template; `supp_meta` fills it in (checked below).
        if d.name != "SUPPQUAL" {
            assert!(d.label.len() <= 40, "{}: {}", d.name, d.label);
        }
        for v in d.variables() {
            assert!(v.name.len() <= 8, "{}.{}", d.name, v.name);
            assert!(v.name.is_ascii() && v.name == v.name.to_uppercase());
            assert!(
                !v.label.is_empty() && v.label.len() <= 40,
                "{}.{}",
                d.name,
                v.name
            );
        }
    }
}

#[test]
fn supp_labels_fit_for_every_two_letter_parent() {
    for d in sdtmig().domains().iter().filter(|d| d.prefix().is_some()) {
        let meta = sdtmig().supp_meta(&d.name).unwrap();
        assert!(
            meta.name.len() <= 8 && meta.label.len() <= 40,
            "{}",
            meta.name
        );
    }
}

#[test]
fn every_referenced_codelist_is_embedded() {
    for d in sdtmig().domains() {
        for v in d.variables() {
            for cl in &v.codelists {
                assert!(ct().codelist(cl).is_some(), "{}.{} → {cl}", d.name, v.name);
            }
        }
    }
    for ds in adamig().datasets() {
        for v in ds.variables() {
            if let Some(cl) = &v.codelist {
                assert!(any_codelist(cl).is_some(), "{}.{} → {cl}", ds.name, v.name);
            }
        }
    }
}

#[test]
fn keys_name_variables_of_their_domain() {
    for d in sdtmig().domains() {
        for k in &d.keys {
            assert!(d.variable(k).is_some(), "{} key {k}", d.name);
        }
    }
}

#[test]
fn every_domain_has_variables_in_order_and_the_identifiers_first() {
    for d in sdtmig().domains() {
        let vars = d.variables();
        assert!(vars.len() >= 7, "{}", d.name);
        assert_eq!(vars[0].name, "STUDYID", "{}", d.name);
        for (i, v) in vars.iter().enumerate() {
            assert_eq!(v.order, i + 1);
        }
        let names: HashSet<_> = vars.iter().map(|v| &v.name).collect();
        assert_eq!(names.len(), vars.len(), "{}", d.name);
        // Outside the relationship datasets, a domain's own variables carry its prefix.
        if let Some(p) = d.prefix() {
            assert_eq!(d.variable("DOMAIN").unwrap().codelist(), Some("DOMAIN"));
            assert!(vars.iter().any(|v| v.name.starts_with(p)), "{}", d.name);
        }
    }
}

#[test]
fn dtc_variables_are_char_and_study_days_num() {
    for d in sdtmig().domains() {
        for v in d.variables() {
            if v.name.ends_with("DTC") {
                assert!(v.is_dtc(), "{}.{}", d.name, v.name);
            }
            if v.name.ends_with("DY") {
                assert!(v.is_study_day(), "{}.{}", d.name, v.name);
            }
        }
    }
}

#[test]
fn adam_names_fit_once_indexed_and_labels_fit() {
    for ds in adamig().datasets() {
        for v in ds.variables() {
            let concrete = v.name.replace("xx", "01").replace("zz", "01");
            let concrete = concrete.replace(['y', 'w'], "1");
            assert!(concrete.len() <= 8, "{}.{}", ds.name, v.name);
            assert!(v.matches(&concrete), "{}.{}", ds.name, v.name);
            assert!(v.label.len() <= 40, "{}.{}", ds.name, v.name);
        }
    }
}

#[test]
fn ct_terms_are_unique_and_codes_well_formed() {
    for pkg in [ct(), adam_ct()] {
        for cl in pkg.codelists() {
            assert!(!cl.terms().is_empty(), "{}", cl.submission_value);
            let mut seen = HashSet::new();
            for t in cl.terms() {
                assert!(seen.insert(&t.submission_value), "{}", t.submission_value);
                assert!(t.code.starts_with('C'), "{}", t.code);
            }
        }
    }
    assert_eq!(ct().codelists().len(), 56);
}

#[test]
fn malformed_tables_are_reported_with_file_and_line() {
    let header = "Code\tCodelist Code\tExtensible\tCodelist Name\tSubmission Value\tSynonyms\tPreferred Term\n";
    let text = format!("{header}C1\t\tMaybe\tX\tX\t\tX\n");
    let err = Ct::parse("t.tsv", "v", &text).unwrap_err();
    assert_eq!(
        err,
        Error::Table {
            file: "t.tsv",
            line: 2,
            kind: TableErrorKind::BadValue {
                column: "Extensible",
                value: "Maybe".into()
            }
        }
    );
    assert_eq!(err.to_string(), "t.tsv:2: bad Extensible value \"Maybe\"");

    let text = format!("{header}C2\tC9\t\tX\tA\t\tA\n");
    assert!(matches!(
        Ct::parse("t.tsv", "v", &text),
        Err(Error::Table {
            kind: TableErrorKind::Undefined { .. },
            ..
        })
    ));

    let domains = "domain\tlabel\tclass\tstructure\tkeys\nXX\tX\tEVENTS\tOne\tSTUDYID\n";
    let vars = "domain\torder\tvariable\tlabel\ttype\trole\tcore\tcodelist\n\
                XX\t1\tSTUDYID\tStudy Identifier\tChar\tIdentifier\tReq\t\n\
                XX\t2\tSTUDYID\tStudy Identifier\tChar\tIdentifier\tReq\t\n";
    let err = Ig::parse("x", "d.tsv", domains, "v.tsv", vars).unwrap_err();
    assert_eq!(
        err.to_string(),
        "v.tsv:3: duplicate variable \"XX.STUDYID\""
    );
}

#[test]
fn compiled_metadata_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    assert_send_sync(sdtmig());
    assert_send_sync(ct());
    assert_send_sync(adamig());
    let handles: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(|| ct().codelist("SEX").unwrap().terms().len()))
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 4);
    }
}
