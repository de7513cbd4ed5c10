//! Every problem listed in broken/PROBLEMS.toml is really at its cell.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns panic on purpose

mod common;

use calamine::{CellErrorType, Data, Reader, open_workbook_auto};
use common::{cell_pos, fixtures, read, text};

#[test]
fn each_listed_problem_is_at_its_cell() {
    let dir = fixtures().join("broken");
    let p: toml::Table = std::fs::read_to_string(dir.join("PROBLEMS.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let file = fixtures().join(p["file"].as_str().unwrap());
    let mut wb = open_workbook_auto(&file).unwrap();
    let problems = p["problem"].as_array().unwrap();
    let mut kinds: Vec<&str> = problems
        .iter()
        .map(|x| x["kind"].as_str().unwrap())
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "duplicate_subject_id",
            "error_cell",
            "invalid_date",
            "out_of_range",
            "subject_not_in_demographics",
            "unknown_sex_code"
        ]
    );
    let dm = read(&file, "Demographics");
    let dm_ids: Vec<String> = dm.rows.iter().map(|(_, r)| text(&r[0])).collect();
    for pr in problems {
        let sheet = pr["sheet"].as_str().unwrap();
        let cell = pr["cell"].as_str().unwrap();
        let subject = pr["subject"].as_str().unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        let v = range
            .get_value(cell_pos(cell))
            .cloned()
            .unwrap_or(Data::Empty);
        let (row, _) = cell_pos(cell);
        let row_id = text(range.get_value((row, 0)).unwrap_or(&Data::Empty));
        assert_eq!(row_id, subject, "{sheet}!{cell}: row is not {subject}'s");
        match pr["kind"].as_str().unwrap() {
            "invalid_date" => {
                let s = text(&v);
                assert!(s.ends_with("-02-30"), "{cell}: {v:?}");
            }
            "unknown_sex_code" => assert_eq!(common::sex(&v), None, "{cell}: {v:?}"),
            "duplicate_subject_id" => {
                assert_eq!(text(&v), subject);
                assert_eq!(dm_ids.iter().filter(|i| *i == subject).count(), 2);
            }
            "subject_not_in_demographics" => {
                assert_eq!(text(&v), subject);
                assert!(!dm_ids.iter().any(|i| i == subject));
                let labs = read(&file, "Labs");
                assert!(labs.rows.iter().any(|(_, r)| text(&r[0]) == subject));
            }
            "out_of_range" => assert_eq!(v, Data::Float(950.0)),
            "error_cell" => assert_eq!(v, Data::Error(CellErrorType::NA)),
            k => panic!("unknown kind {k}"),
        }
    }
}

#[test]
fn the_clean_site_02_workbook_has_none_of_these_problems() {
    let file = fixtures().join("site-02-mikatahara.xlsx");
    let dm = read(&file, "Demographics");
    let mut ids: Vec<String> = dm.rows.iter().map(|(_, r)| text(&r[0])).collect();
    assert!(
        dm.rows
            .iter()
            .all(|(_, r)| common::sex(&r[dm.col("Sex")]).is_some())
    );
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), dm.rows.len());
    let labs = read(&file, "Labs");
    assert!(
        labs.rows
            .iter()
            .all(|(_, r)| !matches!(r[labs.col("Result")], Data::Error(_)))
    );
}
