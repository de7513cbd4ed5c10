//! TV: the planned visits, which no registry publishes, so they come from [`Options::visits`].
//!
//! [`Options::visits`]: super::Options::visits

use super::codes;
use super::table::Table;
use model::{Dataset, Finding, Value};

/// One planned visit of the protocol's schedule, the same for every arm.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedVisit {
    pub visitnum: f64,
    /// `WEEK 4`.
    pub visit: String,
    /// Planned study day (day 1 = first day of treatment or randomization).
    pub day: Option<i64>,
    /// Allowed days before and after the planned day.
    pub window: Option<(i64, i64)>,
}

impl PlannedVisit {
    /// A schedule of week visits numbered 1, 2, ...: week `w` is VISIT `WEEK w` on study day
    /// `7w + 1` (week 0 is day 1, SDTM having no day 0).
    pub fn weeks(weeks: &[u32]) -> Vec<PlannedVisit> {
        weeks
            .iter()
            .enumerate()
            .map(|(i, &w)| PlannedVisit {
                visitnum: i as f64 + 1.0,
                visit: format!("WEEK {w}"),
                day: Some(7 * i64::from(w) + 1),
                window: None,
            })
            .collect()
    }

    /// TVSTRL: when the visit starts, in words a reviewer can check against the protocol.
    fn start_rule(&self) -> String {
        let mut s = match self.day {
            Some(d) => format!("Study day {d}"),
            None => format!("Scheduled {} visit", self.visit),
        };
        if let Some((before, after)) = self.window {
            s.push_str(&format!(
                " (window {} to +{} days)",
                -before.abs(),
                after.abs()
            ));
        }
        s
    }
}

pub(crate) fn build(
    visits: &[PlannedVisit],
    studyid: &str,
    findings: &mut Vec<Finding>,
) -> Option<Dataset> {
    if visits.is_empty() {
        findings.push(
            Finding::notice(
                codes::RG_NO_VISITS,
                "registry records carry no visit schedule; TV is not written (give the planned visits)",
            )
            .in_dataset("TV"),
        );
        return None;
    }
    let mut tv = Table::new("TV");
    for v in visits {
        tv.push(vec![
            ("VISITNUM", Value::Num(v.visitnum)),
            ("VISIT", Value::char(v.visit.as_str())),
            (
                "VISITDY",
                v.day.map_or(Value::NULL, |d| Value::Num(d as f64)),
            ),
            ("TVSTRL", Value::char(v.start_rule())),
        ]);
    }
    Some(tv.finish(studyid, findings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_schedule() {
        let v = PlannedVisit::weeks(&[0, 4, 52]);
        assert_eq!(v[0].day, Some(1));
        assert_eq!(v[1].day, Some(29));
        assert_eq!(v[2].visit, "WEEK 52");
        assert_eq!(v[2].visitnum, 3.0);
        let w = PlannedVisit {
            window: Some((-7, 7)),
            ..v[1].clone()
        };
        assert_eq!(w.start_rule(), "Study day 29 (window -7 to +7 days)");
    }
}
