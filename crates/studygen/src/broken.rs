//! The deliberately broken copy of one site workbook, with each problem's cell.

use crate::sheet::{Book, Cell};
use crate::tables::{DEMOGRAPHICS, LABS, PFT, RANDOMIZATION};

#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: &'static str,
    pub sheet: &'static str,
    pub cell: String,
    pub subject: String,
    pub value: String,
    pub detail: String,
}

fn id_of(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.trim().to_string(),
        _ => String::new(),
    }
}

pub fn break_book(clean: &Book) -> (Book, Vec<Problem>) {
    let mut b = clean.clone();
    b.file = format!("broken/{}", clean.file);
    let mut out = Vec::new();

    // Demographics: one subject's row deleted, one row entered twice, one unknown sex code.
    let (missing, dup_id) = {
        let Some(dm) = b.sheet_mut(DEMOGRAPHICS) else {
            return (b, out);
        };
        let missing = id_of(&dm.rows[5][0]);
        dm.rows.remove(5);
        let mut dup = dm.rows[1].clone();
        let hc = dm.col("Height (cm)");
        if let Cell::Num(h) = dup[hc] {
            dup[hc] = Cell::Num(h + 1.0);
        }
        let dup_id = id_of(&dup[0]);
        dm.rows.push(dup);
        let r = dm.rows.len() - 1;
        out.push(Problem {
            kind: "duplicate_subject_id",
            sheet: DEMOGRAPHICS,
            cell: dm.addr(r, 0),
            subject: dup_id.clone(),
            value: dup_id.clone(),
            detail: format!(
                "second Demographics row for {dup_id} (first at {})",
                dm.addr(1, 0)
            ),
        });
        let sc = dm.col("Sex");
        dm.rows[2][sc] = Cell::text("X");
        out.push(Problem {
            kind: "unknown_sex_code",
            sheet: DEMOGRAPHICS,
            cell: dm.addr(2, sc),
            subject: id_of(&dm.rows[2][0]),
            value: "X".into(),
            detail: "sex code `X` is neither male nor female in any spelling".into(),
        });
        (missing, dup_id)
    };
    let _ = dup_id;
    if let Some(rz) = b.sheet(RANDOMIZATION)
        && let Some(r) = rz.find_subject(&missing)
    {
        out.push(Problem {
            kind: "subject_not_in_demographics",
            sheet: RANDOMIZATION,
            cell: rz.addr(r, 0),
            subject: missing.clone(),
            value: missing.clone(),
            detail: format!(
                "{missing} is randomized and has data in every sheet but no Demographics row"
            ),
        });
    }

    if let Some(p) = b.sheet_mut(PFT) {
        let (dc, fc) = (p.col("Visit date"), p.col("FVC (% predicted)"));
        let rows: Vec<usize> = (0..p.rows.len())
            .filter(|&r| !p.rows[r].is_empty())
            .collect();
        let r = rows[3];
        if let Cell::Date(d) = p.rows[r][dc] {
            let bad = format!("{}-02-30", d.parts().0);
            p.rows[r][dc] = Cell::Text(bad.clone());
            out.push(Problem {
                kind: "invalid_date",
                sheet: PFT,
                cell: p.addr(r, dc),
                subject: id_of(&p.rows[r][0]),
                value: bad,
                detail: "February has no 30th day".into(),
            });
        }
        let r = rows[8];
        p.rows[r][fc] = Cell::Num(950.0);
        out.push(Problem {
            kind: "out_of_range",
            sheet: PFT,
            cell: p.addr(r, fc),
            subject: id_of(&p.rows[r][0]),
            value: "950".into(),
            detail: "FVC 950 % of predicted (plausible range about 20–150)".into(),
        });
    }
    if let Some(l) = b.sheet_mut(LABS) {
        let c = l.col("Result");
        let r = 40.min(l.rows.len() - 1);
        l.rows[r][c] = Cell::NaError;
        out.push(Problem {
            kind: "error_cell",
            sheet: LABS,
            cell: l.addr(r, c),
            subject: id_of(&l.rows[r][0]),
            value: "#N/A".into(),
            detail: "formula =NA() with cached #N/A".into(),
        });
    }
    (b, out)
}
