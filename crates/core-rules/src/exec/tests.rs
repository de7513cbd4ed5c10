//! The Check tree on a frame: conditions after the first are evaluated on the rows still in
//! question only when that cannot change an answer.

use super::evaluate;
use crate::frame::{Cell, Column, Frame};
use crate::ops::testing::{frame, s};
use crate::plan::check::compile;
use serde_json::json;

fn check(tree: serde_json::Value, f: &Frame) -> Vec<bool> {
    let node = compile("t.yml", &tree, "Check").expect("a valid check");
    evaluate(&node, f).expect("evaluates")
}

/// Ten rows; `A` is "x" on rows 0 and 5 only, so a second condition sees two rows.
fn sparse() -> Frame {
    let a = (0..10)
        .map(|r| s(if r % 5 == 0 { "x" } else { "y" }))
        .collect();
    let b = (0..10).map(|r| s(&format!("b{}", r % 3))).collect();
    let c = (0..10).map(|r| s(&format!("b{r}"))).collect();
    frame("LB", &[("A", a), ("B", b), ("C", c)])
}

#[test]
fn a_row_local_condition_on_the_remaining_rows_answers_as_on_every_row() {
    let f = sparse();
    let tree = json!({"all": [
        {"name": "A", "operator": "equal_to", "value": "x", "value_is_literal": true},
        {"name": "B", "operator": "matches_regex", "value": "b[02]"},
        {"not": {"name": "C", "operator": "equal_to", "value": "b9", "value_is_literal": true}},
    ]});
    let expected: Vec<bool> = (0..10).map(|r| r % 5 == 0 && r % 3 != 1).collect();
    assert_eq!(check(tree, &f), expected);
}

#[test]
fn a_condition_over_the_whole_column_still_reads_every_row() {
    // `is_contained_by` a column is membership in all of that column's values: B's "b2" (row 5)
    // is in C only at row 2, a row the first condition rules out. A unique set counts every row.
    let f = sparse();
    let tree = json!({"all": [
        {"name": "A", "operator": "equal_to", "value": "x", "value_is_literal": true},
        {"name": "B", "operator": "is_contained_by", "value": "C"},
    ]});
    let expected: Vec<bool> = (0..10).map(|r| r == 0 || r == 5).collect();
    assert_eq!(check(tree, &f), expected);
    let unique = json!({"all": [
        {"name": "A", "operator": "equal_to", "value": "x", "value_is_literal": true},
        {"name": "B", "operator": "is_unique_set"},
    ]});
    assert_eq!(check(unique, &f), vec![false; 10]);
}

#[test]
fn a_row_local_condition_no_row_reaches_leaves_its_column_unread() {
    let mut f = sparse();
    // Unread until a condition reads it (two parts, so no shortcut answers for it).
    let lazy = Column::repeat(s("x"), 5).concat(&Column::repeat(s("y"), 5));
    f.columns.push("LAZY".into());
    f.data.push(lazy);
    let tree = |first: &str| {
        json!({"all": [
            {"name": "A", "operator": "equal_to", "value": first, "value_is_literal": true},
            {"name": "LAZY", "operator": "matches_regex", "value": "x"},
        ]})
    };
    assert_eq!(check(tree("none"), &f), vec![false; 10]);
    assert!(
        !f.data[3].is_read(),
        "a condition no row reached read its column"
    );
    // Two rows left (0 and 5): the column is read, and row 0 matches.
    let expected: Vec<bool> = (0..10).map(|r| r == 0).collect();
    assert_eq!(check(tree("x"), &f), expected);
    assert!(f.data[3].is_read());
}

#[test]
fn a_missing_column_after_a_condition_no_row_meets_still_makes_the_rule_inapplicable() {
    let f = sparse();
    let tree = json!({"all": [
        {"name": "A", "operator": "equal_to", "value": "none", "value_is_literal": true},
        {"name": "NOPE", "operator": "matches_regex", "value": "."},
    ]});
    let node = compile("t.yml", &tree, "Check").expect("a valid check");
    assert!(matches!(
        evaluate(&node, &f),
        Err(crate::error::EvalError::MissingColumn(_))
    ));
}

#[test]
fn a_repeated_cell_compares_once_and_is_never_spelt_out() {
    let mut f = sparse();
    f.columns.push("TYPE".into());
    f.data.push(Column::repeat(Cell::Str("Char".into()), 10));
    let tree = json!({"all": [
        {"name": "TYPE", "operator": "equal_to", "value": "Char", "value_is_literal": true},
        {"name": "A", "operator": "equal_to", "value": "x", "value_is_literal": true},
    ]});
    let expected: Vec<bool> = (0..10).map(|r| r % 5 == 0).collect();
    assert_eq!(check(tree, &f), expected);
    let num =
        json!({"name": "TYPE", "operator": "equal_to", "value": "Num", "value_is_literal": true});
    assert_eq!(check(num, &f), vec![false; 10]);
    assert!(!f.data[3].is_read(), "the repeated column was spelt out");
    assert_eq!(
        f.data[3].take(&vec![9, 0].into()).to_vec(),
        vec![Cell::Str("Char".into()); 2]
    );
}

#[test]
fn no_rows_taken_reads_nothing() {
    let two = Column::repeat(s("x"), 5).concat(&Column::repeat(s("y"), 5));
    let none = two.take(&Vec::new().into());
    assert!(none.is_empty());
    assert!(
        !two.is_read(),
        "taking no rows read the column they come from"
    );
    assert_eq!(two.take(&vec![4, 5].into()).to_vec(), vec![s("x"), s("y")]);
    assert!(two.is_read());
}

#[test]
fn a_join_looks_up_a_run_of_one_shared_key_once_and_each_new_key_again() {
    let (a, b): (Cell, Cell) = (s("S-1"), s("S-2"));
    // Runs of one shared text, an equal text in a cell of its own, a key DM lacks, a null.
    let keys = vec![
        a.clone(),
        a.clone(),
        b.clone(),
        b,
        s("S-2"),
        s("S-9"),
        s("S-9"),
        Cell::Null,
        a,
    ];
    let n = keys.len();
    let lb = frame("LB", &[("USUBJID", keys), ("LBSEQ", vec![Cell::Int(1); n])]);
    let dm = frame(
        "DM",
        &[
            ("USUBJID", vec![s("S-1"), s("S-2")]),
            ("AGE", vec![Cell::Int(40), Cell::Int(50)]),
        ],
    );
    let m = crate::plan::MatchDataset {
        name: "DM".into(),
        keys: vec!["USUBJID".into()],
        child: false,
        relrec: false,
        wildcard: None,
    };
    let joined =
        super::merge::left_join(&lb, &m, &[lb.clone(), dm], None, &Default::default()).unwrap();
    let age = |v: i64| Cell::Int(v);
    assert_eq!(
        joined.column("AGE").unwrap(),
        [
            age(40),
            age(40),
            age(50),
            age(50),
            age(50),
            Cell::Null,
            Cell::Null,
            Cell::Null,
            age(40)
        ]
    );
}
