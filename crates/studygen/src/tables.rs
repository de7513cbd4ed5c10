//! The clean CRF export of each site, before any mess: one sheet per CRF page.

use crate::labs::TESTS;
use crate::sheet::{Book, Cell, Sheet};
use crate::study::{SITES, Study, site_file};
use crate::subjects::{Ab, Arm, ProgKind};

pub const DEMOGRAPHICS: &str = "Demographics";
pub const RANDOMIZATION: &str = "Randomization";
pub const STUDY_DRUG: &str = "Study drug";
pub const GLUCOCORTICOIDS: &str = "Glucocorticoids";
pub const ADDITIONAL: &str = "Additional treatment";
pub const PFT: &str = "Pulmonary function";
pub const LABS: &str = "Labs";
pub const ANTIBODIES: &str = "Antibodies";
pub const AES: &str = "Adverse events";
pub const PROGRESSION: &str = "Progression";
pub const DEATHS: &str = "Deaths";
pub const EOS: &str = "End of study";
pub const LISTS: &str = "Lists";

fn t(s: &str) -> Cell {
    Cell::text(s)
}

fn yn(b: bool) -> Cell {
    t(if b { "Yes" } else { "No" })
}

pub fn site_book(st: &Study, site: usize) -> Book {
    let ids = st.site_subjects(site);
    let subj = |i: usize| t(&st.subjects[i].id);
    let d = |i: usize, day: i64| Cell::Date(st.date(i, day));

    let mut dm = Sheet::new(
        DEMOGRAPHICS,
        &[
            "Subject ID",
            "Site",
            "Sex",
            "Birth date",
            "Age",
            "Height (cm)",
            "Weight (kg)",
            "Smoking",
            "Diagnosis",
            "ILD onset",
            "Dyspnea on exertion",
            "Fine crackles",
            "Consent date",
        ],
    );
    let mut rz = Sheet::new(
        RANDOMIZATION,
        &[
            "Subject ID",
            "Randomization no.",
            "Stratum",
            "Arm",
            "Randomization date",
        ],
    );
    let mut ab = Sheet::new(
        ANTIBODIES,
        &[
            "Subject ID",
            "Sample date",
            "Anti-ARS antibody",
            "Anti-MDA5 antibody",
            "Method",
        ],
    );
    let mut eos = Sheet::new(EOS, &["Subject ID", "Status", "Date", "Reason"]);
    let mut deaths = Sheet::new(
        DEATHS,
        &[
            "Subject ID",
            "Date of death",
            "Cause of death",
            "Related to ILD progression",
        ],
    );
    let mut prog = Sheet::new(
        PROGRESSION,
        &[
            "Subject ID",
            "Date",
            "Type",
            "Criteria",
            "Additional treatment",
        ],
    );
    let mut pft = Sheet::new(
        PFT,
        &[
            "Subject ID",
            "Visit",
            "Visit date",
            "FVC (L)",
            "FVC (% predicted)",
            "DLCO (% predicted)",
            "PaO2 (Torr)",
        ],
    );
    pft.groups = vec![
        (0, 2, "Visit".into()),
        (3, 5, "Pulmonary function test".into()),
        (6, 6, "Blood gas".into()),
    ];
    let mut lb = Sheet::new(
        LABS,
        &[
            "Subject ID",
            "Visit",
            "Collection date",
            "Test",
            "Result",
            "Unit",
            "Normal low",
            "Normal high",
        ],
    );
    let mut ex = Sheet::new(
        STUDY_DRUG,
        &[
            "Subject ID",
            "Drug",
            "Start date",
            "End date",
            "Daily dose",
            "Dose unit",
            "Trough date",
            "Trough level",
            "Trough unit",
        ],
    );
    let mut gc = Sheet::new(
        GLUCOCORTICOIDS,
        &[
            "Subject ID",
            "Drug",
            "Route",
            "Start date",
            "End date",
            "Dose",
            "Dose unit",
            "Reason",
        ],
    );
    let mut add = Sheet::new(
        ADDITIONAL,
        &[
            "Subject ID",
            "Treatment",
            "Route",
            "Start date",
            "End date",
            "Dose",
            "Dose unit",
            "Indication",
        ],
    );
    let mut ae = Sheet::new(
        AES,
        &[
            "Subject ID",
            "AE term",
            "Start date",
            "End date",
            "CTCAE grade",
            "Serious",
            "Outcome",
            "Action with study drug",
        ],
    );

    for &i in &ids {
        let s = &st.subjects[i];
        dm.rows.push(vec![
            subj(i),
            t(SITES[site].code),
            t(if s.female { "Female" } else { "Male" }),
            Cell::Date(s.birth),
            Cell::Num(s.age as f64),
            Cell::Num(s.height),
            Cell::Num(s.weight),
            t(s.smoking.label()),
            t(s.dx.code()),
            t(if s.acute { "Acute/subacute" } else { "Chronic" }),
            yn(s.dyspnea),
            yn(s.crackles),
            Cell::Date(s.consent),
        ]);
        rz.rows.push(vec![
            subj(i),
            t(&format!("R{:03}", s.rand_no)),
            t(s.dx.code()),
            t(s.arm.code()),
            Cell::Date(s.rand_date),
        ]);
        let pn = |b: bool| t(if b { "Positive" } else { "Negative" });
        ab.rows.push(vec![
            subj(i),
            Cell::Date(s.consent),
            pn(s.ab == Ab::Ars),
            pn(s.ab == Ab::Mda5),
            t("ELISA (MESACUP)"),
        ]);
        let vs = &st.visits[i];
        for (k, v) in vs.iter().enumerate() {
            let visit = t(&format!("Week {}", v.week));
            pft.rows.push(vec![
                subj(i),
                visit.clone(),
                d(i, v.day),
                Cell::Num(v.fvc_l),
                Cell::Num(v.fvc_pct),
                Cell::Num(v.dlco_pct),
                Cell::Num(v.pao2),
            ]);
            for (j, test) in TESTS.iter().enumerate() {
                let (lo, hi) = test.range[usize::from(s.female)];
                lb.rows.push(vec![
                    subj(i),
                    visit.clone(),
                    d(i, v.day),
                    t(test.name),
                    Cell::Num(st.labs[i][k][j]),
                    t(test.unit),
                    if lo > 0.0 { Cell::Num(lo) } else { Cell::Empty },
                    Cell::Num(hi),
                ]);
            }
        }
        let drug = if s.arm == Arm::Tac {
            "Tacrolimus"
        } else {
            "Cyclosporin A"
        };
        for r in &st.cni[i] {
            let (td, tv) = match r.trough {
                Some((day, v)) => (d(i, day), Cell::Num(v)),
                None => (Cell::Empty, Cell::Empty),
            };
            ex.rows.push(vec![
                subj(i),
                t(drug),
                d(i, r.start),
                d(i, r.end),
                Cell::Num(r.dose),
                t("mg/day"),
                td,
                tv,
                t("ng/mL"),
            ]);
        }
        for r in &st.gc[i] {
            gc.rows.push(vec![
                subj(i),
                t(r.drug),
                t(r.route),
                d(i, r.start),
                d(i, r.end),
                Cell::Num(r.dose),
                t("mg/day"),
                t(r.reason),
            ]);
        }
        for r in &st.rescue[i] {
            add.rows.push(vec![
                subj(i),
                t(r.treatment),
                t(r.route),
                d(i, r.start),
                d(i, r.end),
                Cell::Num(r.dose),
                t(r.unit),
                t("Disease progression"),
            ]);
        }
        if let Some((day, kind)) = s.progression {
            let (crit, tx) = match kind {
                ProgKind::Ild => (
                    "Dyspnea on exertion; new opacities on HRCT; FVC decrease >10%",
                    "mPSL pulse; IVCY",
                ),
                ProgKind::Muscle => ("Muscle weakness; CK rise", "PSL increased; IVIG"),
                ProgKind::Skin => ("Worsening skin rash and ulcers", "PSL increased; MMF"),
            };
            prog.rows
                .push(vec![subj(i), d(i, day), t(kind.label()), t(crit), t(tx)]);
        }
        match s.death_day {
            Some(dd) => {
                deaths.rows.push(vec![
                    subj(i),
                    d(i, dd),
                    t("Respiratory failure due to ILD progression"),
                    t("Y"),
                ]);
                eos.rows
                    .push(vec![subj(i), t("Died"), d(i, dd), t("Death")]);
            }
            None => {
                let last = vs.last().map_or(364, |v| v.day);
                eos.rows
                    .push(vec![subj(i), t("Completed"), d(i, last), Cell::Empty]);
            }
        }
    }
    let mut site_aes: Vec<_> = st
        .aes
        .iter()
        .filter(|a| st.subjects[a.plan.subject].site == site)
        .collect();
    site_aes.sort_by_key(|a| (st.subjects[a.plan.subject].id.clone(), a.start_day));
    for a in site_aes {
        let i = a.plan.subject;
        ae.rows.push(vec![
            subj(i),
            t(a.plan.term),
            d(i, a.start_day),
            a.end_day.map_or(Cell::Empty, |e| d(i, e)),
            Cell::Num(f64::from(a.plan.grade)),
            t(if a.plan.serious { "Y" } else { "N" }),
            t(a.outcome),
            t(a.action),
        ]);
    }

    let mut book = Book {
        file: site_file(site),
        sheets: vec![dm, rz, ex, gc, add, pft, lb, ab, ae, prog, deaths, eos],
    };
    book.sheets.push(lists());
    book
}

/// The hidden code-list sheet behind the CRF's drop-downs.
fn lists() -> Sheet {
    let cols: [(&str, &[&str]); 6] = [
        ("Sex", &["Male", "Female"]),
        ("Smoking", &["Never", "Former", "Current"]),
        ("Diagnosis", &["PM", "DM", "CADM"]),
        ("ILD onset", &["Acute/subacute", "Chronic"]),
        ("CTCAE grade", &["1", "2", "3", "4", "5"]),
        (
            "Outcome",
            &[
                "Recovered/resolved",
                "Recovering/resolving",
                "Not recovered/not resolved",
                "Fatal",
            ],
        ),
    ];
    let mut s = Sheet::new(LISTS, &cols.map(|c| c.0));
    s.hidden = true;
    for r in 0..5 {
        s.rows.push(
            cols.iter()
                .map(|(_, v)| v.get(r).map_or(Cell::Empty, |x| t(x)))
                .collect(),
        );
    }
    s
}

pub fn randomization_book(st: &Study) -> Book {
    let mut s = Sheet::new(
        "Randomization list",
        &[
            "Randomization no.",
            "Subject ID",
            "Site",
            "Stratum",
            "Arm",
            "Randomization date",
        ],
    );
    let mut order: Vec<usize> = (0..st.subjects.len()).collect();
    order.sort_by_key(|&i| st.subjects[i].rand_no);
    for i in order {
        let x = &st.subjects[i];
        s.rows.push(vec![
            t(&format!("R{:03}", x.rand_no)),
            t(&x.id),
            t(SITES[x.site].code),
            t(x.dx.code()),
            t(x.arm.code()),
            Cell::Date(x.rand_date),
        ]);
    }
    Book {
        file: "randomization.xlsx".into(),
        sheets: vec![s],
    }
}
