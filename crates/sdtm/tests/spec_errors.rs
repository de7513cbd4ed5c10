//! A bad spec is refused before any data is read, with the spec file, the TOML key path and
//! a "did you mean" where a near name exists; every problem of every file at once.
#![allow(clippy::unwrap_used)]

use sdtm::SpecProblem;

const HEAD: &str = "domain = \"DM\"\n[source]\nsheet = \"Demographics\"\n";

fn problems(files: &[(&str, &str)]) -> Vec<SpecProblem> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    match sdtm::compile_files(&files) {
        Ok(_) => panic!("the spec compiled"),
        Err(e) => e.spec_problems().to_vec(),
    }
}

fn one(vars: &str) -> Vec<SpecProblem> {
    problems(&[("dm.toml", &format!("{HEAD}[variables]\n{vars}\n"))])
}

fn find<'a>(ps: &'a [SpecProblem], path: &str) -> &'a SpecProblem {
    ps.iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no problem at {path}: {ps:#?}"))
}

#[test]
fn unknown_keys_name_the_path_and_the_near_key() {
    let ps = problems(&[("dm.toml", "domain = \"DM\"\n[sorce]\nsheet = \"x\"\n")]);
    assert_eq!(find(&ps, "sorce").suggestion.as_deref(), Some("source"));
    let ps = one("SEX = { colum = \"Sex\" }");
    let p = find(&ps, "variables.SEX.colum");
    assert_eq!(p.suggestion.as_deref(), Some("column"));
    assert_eq!(p.file, "dm.toml");
    let ps = problems(&[(
        "dm.toml",
        "domain = \"DM\"\n[source]\nsheet = \"D\"\nheder_row = 2\n",
    )]);
    assert_eq!(
        find(&ps, "source.heder_row").suggestion.as_deref(),
        Some("header_row")
    );
}

#[test]
fn a_variable_outside_the_domain_goes_to_supp() {
    let ps = one("AGEE = { column = \"Age\" }");
    let p = find(&ps, "variables.AGEE");
    assert_eq!(p.suggestion.as_deref(), Some("AGE"));
    assert!(p.message.contains("[supp]"), "{p}");
    let ps = problems(&[(
        "dm.toml",
        &format!(
            "{HEAD}[supp]\nAGE = {{ column = \"Age\", label = \"Age\" }}\nTOOLONGNAME = {{ column = \"x\", label = \"x\" }}\n"
        ),
    )]);
    assert!(find(&ps, "supp.AGE").message.contains("standard"));
    assert!(find(&ps, "supp.TOOLONGNAME").message.contains("8"));
}

#[test]
fn a_recode_onto_a_non_ct_value_is_refused() {
    let ps = one(
        "SEX = { column = \"Sex\", recode = { table = { \"Male\" = \"MALE\", \"Female\" = \"FF\" } } }",
    );
    let male = find(&ps, "variables.SEX.recode.table.\"Male\"");
    assert!(
        male.message.contains("non-extensible codelist SEX"),
        "{male}"
    );
    assert_eq!(
        find(&ps, "variables.SEX.recode.table.\"Female\"")
            .suggestion
            .as_deref(),
        Some("F")
    );
    // An extensible codelist takes sponsor values.
    let ok = format!(
        "{HEAD}[variables]\nSTUDYID = {{ constant = \"S\" }}\nUSUBJID = {{ column = \"ID\" }}\nSUBJID = {{ column = \"ID\" }}\nSITEID = {{ column = \"Site\" }}\nSEX = {{ column = \"Sex\" }}\nCOUNTRY = {{ constant = \"JPN\" }}\n"
    );
    let lb = "domain = \"LB\"\n[source]\nsheet = \"Labs\"\n[variables]\nSTUDYID = { constant = \"S\" }\nUSUBJID = { column = \"ID\" }\nLBTEST = { column = \"N\" }\nLBTESTCD = { column = \"T\", recode = { table = { \"x\" = \"MYTEST\" } } }\n";
    assert!(sdtm::compile_files(&[("dm.toml".into(), ok), ("lb.toml".into(), lb.into())]).is_ok());
}

#[test]
fn type_clashes_and_unknown_codelists() {
    let ps = one(
        "AGE = { column = \"Age\", date = [\"YYYY-MM-DD\"] }\nAGEU = { constant = \"YEARS\", present = \"Y\" }\nSEX = { column = \"S\", recode = { codelist = \"SEXX\" } }\nDTHFL = { constant = \"Y\" }\nBRTHDTC = { column = \"B\", date = [\"YYY-MM-DD\"] }",
    );
    assert!(
        find(&ps, "variables.AGE.date")
            .message
            .contains("type clash")
    );
    assert_eq!(
        find(&ps, "variables.SEX.recode.codelist")
            .suggestion
            .as_deref(),
        Some("SEX")
    );
    assert!(
        find(&ps, "variables.BRTHDTC.date[0]")
            .message
            .contains("YYY")
    );
    let ps = one("AGE = { constant = \"old\" }");
    assert!(
        find(&ps, "variables.AGE.constant")
            .message
            .contains("numeric")
    );
}

#[test]
fn sources_and_references_are_checked() {
    let ps = one(
        "USUBJID = { concat = [\"$STUDYIDD\", \"-\", { column = \"ID\" }] }\nSTUDYID = { constant = \"S\" }\nSUBJID = { column = \"ID\", constant = \"x\" }\nSITEID = { }\nRFSTDTC = { lookup = { sheet = \"Drug\", value = \"Start\", pick = \"mni\" } }",
    );
    assert_eq!(
        find(&ps, "variables.USUBJID.concat[0]")
            .suggestion
            .as_deref(),
        Some("STUDYID")
    );
    assert!(
        find(&ps, "variables.SUBJID")
            .message
            .contains("exactly one source")
    );
    assert!(find(&ps, "variables.SITEID").message.contains("none"));
    assert_eq!(
        find(&ps, "variables.RFSTDTC.lookup.pick")
            .suggestion
            .as_deref(),
        Some("min")
    );
    let ps = one("STUDYID = { from = \"USUBJID\" }\nUSUBJID = { from = \"STUDYID\" }");
    assert!(
        ps.iter()
            .any(|p| p.path == "variables" && p.message.contains("cycle"))
    );
}

#[test]
fn domain_schedule_and_syntax_problems() {
    let ps = problems(&[("x.toml", "domain = \"AEE\"\n[source]\nsheet = \"A\"\n")]);
    assert_eq!(find(&ps, "domain").suggestion.as_deref(), Some("AE"));
    let ps = problems(&[("x.toml", "domain = \"AE\"\n[source\n")]);
    assert!(find(&ps, "").message.contains("not valid TOML"));
    let ps = problems(&[(
        "lb.toml",
        "domain = \"LB\"\n[source]\nsheet = \"L\"\n[derive]\nvisit = { column = \"Visit\", date = \"LBDTC\" }\n",
    )]);
    assert!(ps.iter().any(|p| p.file == "visits.toml"));
    let ps = problems(&[(
        "visits.toml",
        "[[visit]]\nvisitnum = 1\nvisit = \"W0\"\nday = 1\nwindw = [0, 1]\n",
    )]);
    assert_eq!(
        find(&ps, "visit[0].windw").suggestion.as_deref(),
        Some("window")
    );
}

#[test]
fn every_problem_of_every_file_is_reported_at_once() {
    let ps = problems(&[
        (
            "ae.toml",
            "domain = \"AE\"\n[source]\nsheet = \"A\"\n[variables]\nAETERMS = { column = \"T\" }\n",
        ),
        (
            "dm.toml",
            &format!("{HEAD}[variables]\nSEX = {{ colum = \"S\" }}\n"),
        ),
    ]);
    let files: std::collections::BTreeSet<&str> = ps.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files.len(), 2, "{ps:#?}");
    let shown = find(&ps, "variables.AETERMS").to_string();
    assert!(shown.starts_with("ae.toml: variables.AETERMS: "), "{shown}");
    assert!(shown.ends_with("(did you mean `AETERM`?)"), "{shown}");
}

#[test]
fn the_example_study_and_seed000_specs_compile() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for dir in ["mappings/umin000015469", "mappings/seed000"] {
        let plan = sdtm::compile_dir(&root.join(dir)).unwrap();
        assert_eq!(plan.domains[0].domain, "DM", "DM first: {dir}");
        assert_eq!(plan.ct_version, "2022-03-25");
    }
}

#[test]
fn the_template_compiles() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    sdtm::compile_dir(&root.join("mappings/template.toml")).unwrap();
}

#[test]
fn a_required_variable_left_unmapped_is_named() {
    let ps = problems(&[(
        "ae.toml",
        "domain = \"AE\"\n[source]\nsheet = \"A\"\n[variables]\nSTUDYID = { constant = \"S\" }\nUSUBJID = { column = \"ID\" }\nAETERM = { column = \"T\" }\n",
    )]);
    let p = find(&ps, "variables");
    assert!(p.message.starts_with("AEDECOD is required"), "{p}");
    assert_eq!(ps.len(), 1, "{ps:#?}");
}
