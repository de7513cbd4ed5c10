//! The endpoint summary as one self-contained HTML page: the tables and a Kaplan–Meier
//! step plot per time-to-event endpoint, drawn as inline SVG by hand so the page needs no
//! script, no network and no plotting library.

use crate::stats::KaplanMeier;
use crate::summary::{Summary, TteEndpoint};
use model::text::escape_html as esc;
use std::fmt::Write as _;

const COLOURS: [&str; 4] = ["#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad"];
const W: f64 = 640.0;
const H: f64 = 340.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn p(x: Option<f64>) -> String {
    match x {
        Some(v) if v < 0.001 => "&lt;0.001".into(),
        Some(v) => format!("{v:.3}"),
        None => "–".into(),
    }
}

fn opt(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{v:.digits$}"))
}

impl Summary {
    pub fn to_html(&self) -> String {
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{} endpoints</title>\n<style>\nbody{{font-family:system-ui,sans-serif;margin:2em;max-width:60em}}\n\
             table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:right}}\n\
             th:first-child,td:first-child{{text-align:left}}caption{{text-align:left;font-weight:bold}}\n\
             </style>\n</head>\n<body>\n<h1>{} — endpoint summary</h1>\n",
            esc(&self.study),
            esc(&self.study)
        );
        for (i, e) in self.time_to_event.iter().enumerate() {
            // A parameter whose numbers repeat an earlier one's (12-month survival read
            // from the same deaths as 52-week survival) is named, not printed twice.
            match self.time_to_event[..i].iter().find(|o| same_numbers(o, e)) {
                Some(o) => {
                    let _ = writeln!(
                        h,
                        "<h2>{}</h2>\n<p>The same numbers as <em>{}</em> above: the \
                         same events fall within both horizons, so the estimates, tests and \
                         numbers at risk agree.</p>",
                        esc(&e.param),
                        esc(&o.param)
                    );
                }
                None => tte_section(&mut h, e),
            }
        }
        if !self.change.is_empty() {
            h.push_str("<h2>Change from baseline</h2>\n");
        }
        for c in &self.change {
            let _ = write!(
                h,
                "<table>\n<caption>{} — change from baseline to {} ({} population)</caption>\n\
                 <tr><th>Arm</th><th>n</th><th>Mean</th><th>SD</th><th>Median</th><th>Min</th><th>Max</th></tr>\n",
                esc(&c.param),
                esc(&c.avisit),
                esc(&c.population)
            );
            for a in &c.arms {
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&a.arm),
                    a.n,
                    opt(a.mean, 1),
                    opt(a.sd, 1),
                    opt(a.median, 1),
                    opt(a.min, 1),
                    opt(a.max, 1)
                );
            }
            h.push_str("</table>\n");
        }
        if !self.proportion.is_empty() {
            h.push_str("<h2>Responders</h2>\n");
        }
        for e in &self.proportion {
            let _ = write!(
                h,
                "<table>\n<caption>{} at {} ({} population)</caption>\n\
                 <tr><th>Arm</th><th>Evaluable</th><th>Responders</th><th>Proportion</th>\
                 <th>95% CI (Wilson)</th><th>Not evaluable</th></tr>\n",
                esc(&e.param),
                esc(&e.avisit),
                esc(&e.population)
            );
            for a in &e.arms {
                let ci = match (a.lower, a.upper) {
                    (Some(l), Some(u)) => format!("{}–{}", pct(l), pct(u)),
                    _ => "–".into(),
                };
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{ci}</td><td>{}</td></tr>",
                    esc(&a.arm),
                    a.n,
                    a.responders,
                    a.estimate.map_or_else(|| "–".into(), pct),
                    a.not_evaluable
                );
            }
            h.push_str("</table>\n");
        }
        if !self.notes.is_empty() {
            h.push_str("<h2>Notes</h2>\n<ul>\n");
            for n in &self.notes {
                let _ = writeln!(h, "<li>{}</li>", esc(n));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</body>\n</html>\n");
        h
    }
}

/// Whether two endpoints print the same numbers: their tables, tests and numbers at risk.
fn same_numbers(a: &TteEndpoint, b: &TteEndpoint) -> bool {
    let body = |e: &TteEndpoint| {
        let mut h = String::new();
        rows_and_tests(&mut h, e);
        at_risk(&mut h, e);
        h
    };
    a.population == b.population && body(a) == body(b)
}

/// A time on the plot's axis: weeks, with the day it is.
fn when(days: f64) -> String {
    let weeks = days / 7.0;
    if weeks.fract() == 0.0 {
        format!("week {weeks} (day {days})")
    } else {
        format!("week {weeks:.1} (day {days})")
    }
}

fn median_ci(k: Option<&KaplanMeier>) -> String {
    let Some(m) = k.map(KaplanMeier::median) else {
        return "–".into();
    };
    let d = |x: Option<f64>| x.map_or_else(|| "NR".to_owned(), |v| format!("{v}"));
    match m.estimate {
        None => "not reached".into(),
        Some(v) => format!("{v} ({}–{})", d(m.lower), d(m.upper)),
    }
}

fn tte_section(h: &mut String, e: &TteEndpoint) {
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table>\n<caption>{} population; Kaplan–Meier estimate at {}</caption>\n\
         <tr><th>Arm</th><th>n</th><th>Events</th><th>KM estimate</th><th>95% CI</th>\
         <th>Median, days (95% CI)</th><th>Hazard ratio (95% CI)</th></tr>\n",
        esc(&e.param),
        esc(&e.population),
        when(e.time_point)
    );
    rows_and_tests(h, e);
    plot(h, e);
    at_risk(h, e);
}

/// The arms' rows, the table's end and the log-rank tests.
fn rows_and_tests(h: &mut String, e: &TteEndpoint) {
    for (i, a) in e.arms.iter().enumerate() {
        let hr = e.hazard_ratios.iter().find(|x| x.arm == a.arm).map_or_else(
            || "reference".to_owned(),
            |x| {
                format!(
                    "{:.2} ({:.2}–{:.2}), p = {}",
                    x.hazard_ratio,
                    x.lower,
                    x.upper,
                    p(Some(x.p_value))
                )
            },
        );
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.arm),
            a.n,
            a.events,
            pct(a.estimate),
            pct(a.lower),
            pct(a.upper),
            median_ci(e.curves.get(i)),
            hr
        );
    }
    let _ = write!(h, "</table>\n<p>Log-rank p = {}", p(e.logrank_p));
    if let Some(v) = &e.strata {
        let _ = write!(
            h,
            "; stratified by {} p = {}",
            esc(v),
            p(e.logrank_stratified_p)
        );
    }
    h.push_str(".</p>\n");
    if !e.covariates.is_empty() {
        let _ = write!(
            h,
            "<p>Cox hazard ratio adjusted for {}:",
            esc(&e.covariates.join(", "))
        );
        if e.adjusted_hazard_ratios.is_empty() {
            h.push_str(" not estimable (see the notes)");
        }
        for x in &e.adjusted_hazard_ratios {
            let _ = write!(
                h,
                " {} vs {} {:.2} ({:.2}–{:.2}), p = {};",
                esc(&x.arm),
                esc(&x.reference),
                x.hazard_ratio,
                x.lower,
                x.upper,
                p(Some(x.p_value))
            );
        }
        h.push_str("</p>\n");
    }
}

/// The axis ticks in weeks: a round step giving at most eight ticks.
fn ticks(xmax: f64) -> Vec<f64> {
    let weeks = xmax / 7.0;
    let step = [1.0, 2.0, 4.0, 8.0, 13.0, 26.0, 52.0, 104.0]
        .into_iter()
        .find(|s| weeks / s <= 8.0)
        .unwrap_or(weeks.ceil().max(1.0));
    (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|w| *w * 7.0 <= xmax)
        .collect()
}

/// Numbers at risk under the plot, per arm at each tick: subjects whose time is at least
/// the tick's.
fn at_risk(h: &mut String, e: &TteEndpoint) {
    let ts = ticks(e.time_point.max(1.0));
    h.push_str("<table>\n<caption>Number at risk</caption>\n<tr><th>Arm</th>");
    for w in &ts {
        let _ = write!(h, "<th>week {w}</th>");
    }
    h.push_str("</tr>\n");
    for k in &e.curves {
        let _ = write!(
            h,
            "<tr><td>{}</td>",
            esc(k.group.as_deref().unwrap_or("all"))
        );
        for w in &ts {
            let t = w * 7.0;
            let gone: usize = k
                .rows
                .iter()
                .filter(|r| r.time < t)
                .map(|r| r.n_event + r.n_censor)
                .sum();
            let _ = write!(h, "<td>{}</td>", k.n.saturating_sub(gone));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

fn plot(h: &mut String, e: &TteEndpoint) {
    let xmax = e.time_point.max(1.0);
    let x = |t: f64| LEFT + (t.min(xmax) / xmax) * (W - LEFT - RIGHT);
    let y = |s: f64| TOP + (1.0 - s) * (H - TOP - BOTTOM);
    let _ = writeln!(
        h,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" \
         role=\"img\" aria-label=\"Kaplan-Meier plot: {}\" font-size=\"12\">",
        esc(&e.param)
    );
    for i in 0..=4 {
        let s = f64::from(i) / 4.0;
        let _ = writeln!(
            h,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#e4e4e4\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{:.2}</text>",
            W - RIGHT,
            y(s),
            y(s),
            LEFT - 6.0,
            y(s) + 4.0,
            s
        );
    }
    for wk in ticks(xmax) {
        let t = wk * 7.0;
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{wk}</text>",
            x(t),
            H - BOTTOM + 16.0
        );
    }
    let _ = writeln!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">Weeks since {}</text>\
         <text transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">Survival probability</text>\
         <rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"#888\"/>",
        (LEFT + W - RIGHT) / 2.0,
        H - 6.0,
        esc(if e.origin.is_empty() {
            "the origin"
        } else {
            &e.origin
        }),
        (TOP + H - BOTTOM) / 2.0,
        W - LEFT - RIGHT,
        H - TOP - BOTTOM
    );
    for (i, k) in e.curves.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let _ = writeln!(
            h,
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            step_path(k, xmax, &x, &y)
        );
        for r in k.rows.iter().filter(|r| r.n_censor > 0 && r.time <= xmax) {
            let (cx, cy) = (x(r.time), y(r.survival));
            let _ = writeln!(
                h,
                "<line x1=\"{cx:.1}\" x2=\"{cx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\"/>",
                cy - 4.0,
                cy + 4.0
            );
        }
        // Bottom left: survival curves start at the top and rarely reach the floor.
        let ly = H - BOTTOM - 12.0 - 16.0 * (e.curves.len() - 1 - i) as f64;
        let lx = LEFT + 12.0;
        let _ = writeln!(
            h,
            "<line x1=\"{lx:.1}\" x2=\"{:.1}\" y1=\"{ly:.1}\" y2=\"{ly:.1}\" stroke=\"{colour}\" stroke-width=\"2\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            lx + 20.0,
            lx + 26.0,
            ly + 4.0,
            esc(k.group.as_deref().unwrap_or("all"))
        );
    }
    h.push_str("</svg>\n");
}

/// The right-continuous step function from S(0) = 1 to the end of the axis.
fn step_path(
    k: &KaplanMeier,
    xmax: f64,
    x: &impl Fn(f64) -> f64,
    y: &impl Fn(f64) -> f64,
) -> String {
    let mut d = format!("M{:.1},{:.1}", x(0.0), y(1.0));
    for r in k.rows.iter().filter(|r| r.n_event > 0 && r.time <= xmax) {
        let _ = write!(d, " H{:.1} V{:.1}", x(r.time), y(r.survival));
    }
    let last = k.rows.last().map_or(0.0, |r| r.time).min(xmax);
    let _ = write!(d, " H{:.1}", x(last.max(0.0)));
    d
}
