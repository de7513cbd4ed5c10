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
        for e in &self.time_to_event {
            tte_section(&mut h, e);
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

fn tte_section(h: &mut String, e: &TteEndpoint) {
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table>\n<caption>{} population; survival at day {}</caption>\n\
         <tr><th>Arm</th><th>n</th><th>Events</th><th>KM estimate</th><th>95% CI</th><th>Hazard ratio (95% CI)</th></tr>\n",
        esc(&e.param),
        esc(&e.population),
        e.time_point
    );
    for a in &e.arms {
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
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td></tr>",
            esc(&a.arm),
            a.n,
            a.events,
            pct(a.estimate),
            pct(a.lower),
            pct(a.upper),
            hr
        );
    }
    let _ = writeln!(
        h,
        "</table>\n<p>Log-rank p = {}; stratified by randomization stratum p = {}.</p>",
        p(e.logrank_p),
        p(e.logrank_stratified_p)
    );
    plot(h, e);
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
    for wk in [0.0, 4.0, 12.0, 24.0, 36.0, 52.0] {
        let t = wk * 7.0;
        if t > xmax {
            continue;
        }
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{wk}</text>",
            x(t),
            H - BOTTOM + 16.0
        );
    }
    let _ = writeln!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">Weeks since randomization</text>\
         <text transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">Survival probability</text>\
         <rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"#888\"/>",
        (LEFT + W - RIGHT) / 2.0,
        H - 6.0,
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
