#!/usr/bin/env python3
"""Cross-check trialbridge's survival statistics with Python's lifelines.

Usage: stats_check.py DIR

For every DIR/NAME.csv with DIR/NAME.json (written by
`cargo run -p trialbridge-adam --example stats_interop_fixtures -- DIR`), recomputes with
lifelines and asserts agreement to 1e-6 (absolute for values up to 1, relative above):
- Kaplan-Meier per group (KaplanMeierFitter): n at risk, events, censored, S(t), the
  Greenwood sum, the log(-log) 95% CI lifelines reports, the plain CI rebuilt from
  lifelines' S and Greenwood sum, survival and CI at day 364, median and its CI;
- log-rank (logrank_test for two groups, multivariate_logrank_test for more);
- stratified log-rank: lifelines has none, so per-stratum O-E and hypergeometric
  covariances are summed here (survdiff style); the same code on one stratum must equal
  lifelines' own log-rank first, which vouches for it;
- Cox PH with Efron ties (CoxPHFitter defaults: penalizer 0, internal standardization):
  treatment only, treatment + x1, and treatment stratified by stratum; coef, SE, HR, CI, z,
  p and the log partial likelihood.
Where trialbridge reports a statistic as undefined, lifelines must not produce a usable one.

Prints the largest absolute and relative difference per statistic.
lifelines 0.30 requires pandas < 3, so this script runs in its own virtualenv
(tests/interop/requirements-stats.txt), not the one the XPT/Dataset-JSON checks use.
Exit status: 0 when everything agrees, 1 on any mismatch, 2 on bad usage.
"""

import json
import math
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import lifelines
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import logrank_test, multivariate_logrank_test
from lifelines.utils import median_survival_times
from scipy.stats import chi2

TOL = 1e-6
# lifelines' Newton-Raphson takes damped steps (step_size 0.95) and stops at a step below
# `precision` (1e-7) or a relative log-likelihood change below `r_precision` (1e-9), which
# leaves coefficients up to ~1e-4 short of the maximum (its log-likelihood is lower than
# ours there). Full steps and no early stop let it finish the job before comparing.
TIGHT = {"precision": 1e-15, "r_precision": 0.0, "step_size": 1.0}
default_gap = [0.0]  # largest |coef(default lifelines) - coef(precision 1e-12)|
Z95 = 1.959963984540054
worst = defaultdict(lambda: [0.0, 0.0])  # statistic -> [max abs, max rel]
failures = []


def agree(stat, ours, theirs, where):
    """Records the difference; a mismatch is an absolute gap above TOL*max(1, |theirs|)."""
    ours = math.inf if ours is None else float(ours)
    theirs = float(theirs)
    if math.isinf(ours) or math.isinf(theirs):
        if ours != theirs:
            failures.append(f"{where}: {stat} ours {ours} lifelines {theirs}")
        return
    diff = abs(ours - theirs)
    rel = diff / abs(theirs) if theirs != 0 else (0.0 if diff == 0 else math.inf)
    w = worst[stat]
    w[0], w[1] = max(w[0], diff), max(w[1], rel)
    if not diff <= TOL * max(1.0, abs(theirs)):
        failures.append(f"{where}: {stat} ours {ours!r} lifelines {theirs!r} (diff {diff:.3g})")


def check_km(df, ours, where):
    sub = df if ours["group"] is None else df[df.group == ours["group"]]
    kmf = KaplanMeierFitter().fit(sub.time, sub.event, alpha=0.05)
    sf = kmf.survival_function_.iloc[:, 0]
    ci = kmf.confidence_interval_
    table = kmf.event_table
    cum_sq = kmf._cumulative_sq_  # lifelines' Greenwood sum; no public accessor
    times = [r["time"] for r in ours["rows"]]
    if sorted(set(sub.time)) != times:
        failures.append(f"{where}: KM times differ")
        return
    for r in ours["rows"]:
        t, w = r["time"], f"{where} t={r['time']}"
        agree("km n_risk", r["n_risk"], table.loc[t, "at_risk"], w)
        agree("km n_event", r["n_event"], table.loc[t, "observed"], w)
        agree("km n_censor", r["n_censor"], table.loc[t, "censored"], w)
        s = sf.loc[t]
        agree("km survival", r["survival"], s, w)
        agree("km greenwood", r["greenwood"], cum_sq.loc[t], w)
        agree("km loglog lower", r["ci_loglog"]["lower"], ci.loc[t].iloc[0], w)
        agree("km loglog upper", r["ci_loglog"]["upper"], ci.loc[t].iloc[1], w)
        se = s * math.sqrt(cum_sq.loc[t])
        agree("km std_err", r["std_err"], se, w)
        agree("km plain lower", r["ci_plain"]["lower"], min(1, max(0, s - Z95 * se)), w)
        agree("km plain upper", r["ci_plain"]["upper"], min(1, max(0, s + Z95 * se)), w)
    at = ours["at_364"]
    agree("km S(364)", at["survival"], kmf.survival_function_at_times(364.0).iloc[0], where)
    ci364 = ci[ci.index <= 364.0].iloc[-1]
    agree("km S(364) lower", at["ci_loglog"]["lower"], ci364.iloc[0], where)
    agree("km S(364) upper", at["ci_loglog"]["upper"], ci364.iloc[1], where)
    med = ours["median"]
    agree("km median", med["estimate"], kmf.median_survival_time_, where)
    mci = median_survival_times(ci)
    agree("km median lower", med["lower"], mci.iloc[0, 0], where)
    agree("km median upper", med["upper"], mci.iloc[0, 1], where)


def logrank_pieces(df, groups):
    """O - E and the hypergeometric covariance of one stratum, vectorized over event times."""
    times = np.sort(df.time[df.event == 1].unique())
    if len(times) == 0:  # a stratum without events adds nothing (the example's PM stratum in OS)
        return np.zeros(len(groups)), np.zeros((len(groups), len(groups)))
    T, E = df.time.to_numpy(), df.event.to_numpy()
    at_risk = np.array([[np.sum((T >= t) & (df.group == g)) for g in groups] for t in times])
    deaths = np.array([[np.sum((T == t) & (E == 1) & (df.group == g)) for g in groups] for t in times])
    n, d = at_risk.sum(1).astype(float), deaths.sum(1).astype(float)
    u = (deaths - at_risk * (d / n)[:, None]).sum(0)
    factor = np.where(n > 1, d * (n - d) / np.maximum(n - 1, 1), 0.0) / n**2
    v = np.zeros((len(groups), len(groups)))
    for i in range(len(times)):
        a = at_risk[i].astype(float)
        v += factor[i] * (n[i] * np.diag(a) - np.outer(a, a))
    return u, v


def chi2_of(u, v):
    stat = float(u[:-1] @ np.linalg.solve(v[:-1, :-1], u[:-1]))
    return stat, float(chi2.sf(stat, len(u) - 1))


def check_logrank(df, ours, where):
    groups = sorted(df.group.unique())
    if len(groups) == 2:
        a, b = (df[df.group == g] for g in groups)
        res = logrank_test(a.time, b.time, a.event, b.event)
    else:
        res = multivariate_logrank_test(df.time, df.group, df.event)
    agree("logrank chi2", ours["chi2"], res.test_statistic, where)
    agree("logrank p", ours["p_value"], res.p_value, where)
    # The survdiff-style sums must reproduce lifelines on one stratum before they are trusted.
    stat, p = chi2_of(*logrank_pieces(df, groups))
    if abs(stat - res.test_statistic) > 1e-9 * max(1, res.test_statistic):
        failures.append(f"{where}: this script's log-rank sums disagree with lifelines")
    return groups


def check_stratified(df, ours, groups, where):
    u, v = 0, 0
    for _, part in sorted(df.groupby("stratum"), key=lambda kv: kv[0]):
        pu, pv = logrank_pieces(part, groups)
        u, v = u + pu, v + pv
    stat, p = chi2_of(u, v)
    agree("stratified logrank chi2", ours["chi2"], stat, where)
    agree("stratified logrank p", ours["p_value"], p, where)


def fit_cox(df, columns, strata=None, fit_options=TIGHT):
    cph = CoxPHFitter()
    with warnings.catch_warnings():
        warnings.simplefilter("error", lifelines.exceptions.ConvergenceWarning)
        cph.fit(
            df[["time", "event", *columns, *(strata or [])]],
            "time",
            "event",
            strata=strata,
            fit_options=fit_options,
        )
    return cph


def check_cox(df, ours, columns, strata, label, where):
    where = f"{where} {label}"
    if "error" in ours:
        try:
            cph = fit_cox(df, columns, strata)
        except Exception:  # lifelines fails or warns: it agrees the model is not estimable
            return
        if np.all(np.abs(cph.params_.to_numpy()) < 10):
            failures.append(f"{where}: ours says {ours['error']!r}, lifelines fit {cph.params_}")
        return
    cph = fit_cox(df, columns, strata)
    s = cph.summary
    # With its default stopping rule lifelines may halt short of the maximum; ours must be
    # at least as high a maximum as that fit, and the distance is shown for information.
    default = fit_cox(df, columns, strata, fit_options=None)
    if ours["log_likelihood"] < default.log_likelihood_ - 1e-9:
        failures.append(f"{where}: our log-likelihood is below lifelines' default fit")
    for col in columns:
        d = abs(default.params_[col] - cph.params_[col])
        default_gap[0] = max(default_gap[0], d)
    for c, col in zip(ours["coefficients"], columns):
        w = f"{where} {col}"
        agree("cox coef", c["coef"], cph.params_[col], w)
        agree("cox se", c["se"], cph.standard_errors_[col], w)
        agree("cox HR", c["hazard_ratio"], cph.hazard_ratios_[col], w)
        agree("cox HR lower", c["hr_ci"]["lower"], s.loc[col, "exp(coef) lower 95%"], w)
        agree("cox HR upper", c["hr_ci"]["upper"], s.loc[col, "exp(coef) upper 95%"], w)
        agree("cox coef lower", c["coef_ci"]["lower"], s.loc[col, "coef lower 95%"], w)
        agree("cox coef upper", c["coef_ci"]["upper"], s.loc[col, "coef upper 95%"], w)
        agree("cox z", c["z"], s.loc[col, "z"], w)
        agree("cox p", c["p_value"], s.loc[col, "p"], w)
    agree("cox loglik", ours["log_likelihood"], cph.log_likelihood_, where)


def check(csv_path):
    name = csv_path.stem
    ours = json.loads(csv_path.with_suffix(".json").read_text())
    df = pd.read_csv(csv_path, dtype={"group": str, "stratum": str})
    for km in ours["km"]:
        check_km(df, km, f"{name} KM {km['group']}")
    groups = check_logrank(df, ours["logrank"], name)
    check_stratified(df, ours["logrank_stratified"], groups, name)
    check_cox(df, ours["cox_trt"], ["trt"], None, "cox trt", name)
    check_cox(df, ours["cox_multi"], ["trt", "x1"], None, "cox trt+x1", name)
    check_cox(df, ours["cox_stratified"], ["trt"], ["stratum"], "cox strata", name)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = sorted(Path(sys.argv[1]).glob("*.csv"))
    if not files:
        print(f"no fixtures in {sys.argv[1]}", file=sys.stderr)
        return 2
    for f in files:
        check(f)
    print(f"lifelines {lifelines.__version__}: {len(files)} datasets")
    print(f"{'statistic':28} {'max abs diff':>14} {'max rel diff':>14}")
    for stat, (a, r) in sorted(worst.items()):
        print(f"{stat:28} {a:14.3e} {r:14.3e}")
    print(f"(lifelines with default precision differs from its own tight fit by up to "
          f"{default_gap[0]:.3e} in a coefficient)")
    for msg in failures:
        print("MISMATCH", msg)
    print(f"{len(files) - len({m.split(' ')[0] for m in failures})} passed, "
          f"{len({m.split(' ')[0] for m in failures})} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
