//! Interval values checked against independently computed references.
//!
//! References come from scipy 1.17.1 (Python 3.11):
//! * Beta posterior: `scipy.stats.beta.ppf(q, k + a, n - k + b)`;
//! * Clopper–Pearson / Wilson: `scipy.stats.binomtest(k, n).proportion_ci(level, method)`
//!   with `method='exact'` / `'wilson'`;
//!
//! and from closed forms where they exist.

use metrics::{
    BetaPrior, Interval, IntervalMethod, MetricsError, RateEstimate, beta_posterior_interval,
    clopper_pearson_interval, upper_bound_when_none_seen, wilson_interval,
};

fn assert_close(got: f64, want: f64, relative: f64, what: &str) {
    let tolerance = relative * want.abs().max(1e-300);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got:e}, want {want:e} (relative tolerance {relative:e})"
    );
}

fn assert_interval(got: Interval, lower: f64, upper: f64, what: &str) {
    // statrs' regularized incomplete beta is accurate to ~1e-10 for parameters ~1e5, so the
    // tolerance is 1e-8 relative.
    assert_close(got.lower, lower, 1e-8, &format!("{what} lower"));
    assert_close(got.upper, upper, 1e-8, &format!("{what} upper"));
}

#[test]
fn paper_table_2_false_negative_rates() {
    // 2/2447 (baseline, +paraphrases, +tool-assisted) and 3/2447 (+manual).
    // scipy: beta.ppf([0.025, 0.975], 3, 2446)
    let two = beta_posterior_interval(2, 2447, BetaPrior::UNIFORM, 0.95).unwrap();
    assert_interval(
        two,
        0.0002527968778800083,
        0.0029481135898201476,
        "Beta 2/2447",
    );
    // scipy: beta.ppf([0.025, 0.975], 4, 2445)
    let three = beta_posterior_interval(3, 2447, BetaPrior::UNIFORM, 0.95).unwrap();
    assert_interval(
        three,
        0.00044538025421167774,
        0.003577185831884941,
        "Beta 3/2447",
    );
    // scipy: binomtest(2, 2447).proportion_ci(0.95, 'exact')
    let cp = clopper_pearson_interval(2, 2447, 0.95).unwrap();
    assert_interval(cp, 9.899746362476957e-05, 0.00294931709054375, "CP 2/2447");
    // scipy: binomtest(3, 2447).proportion_ci(0.95, 'exact')
    let cp = clopper_pearson_interval(3, 2447, 0.95).unwrap();
    assert_interval(cp, 0.0002529002162177281, 0.00357864597480127, "CP 3/2447");
    // scipy: binomtest(2, 2447).proportion_ci(0.95, 'wilson')
    let wilson = wilson_interval(2, 2447, 0.95).unwrap();
    assert_interval(
        wilson,
        0.00022416925894372494,
        0.002975327302725878,
        "Wilson 2/2447",
    );
    // scipy: binomtest(3, 2447).proportion_ci(0.95, 'wilson')
    let wilson = wilson_interval(3, 2447, 0.95).unwrap();
    assert_interval(
        wilson,
        0.00041703322533298884,
        0.003598509593756451,
        "Wilson 3/2447",
    );
}

#[test]
fn beta_posterior_against_scipy() {
    // (k, n, scipy beta.ppf(0.025, k+1, n-k+1), scipy beta.ppf(0.975, k+1, n-k+1))
    let cases = [
        (0, 2447, 1.0342188342849226e-05, 0.0015057604053472942),
        (0, 10, 0.002298972213814267, 0.28491415291815436),
        (5, 10, 0.23379359765934518, 0.7662064023406548),
        (10, 10, 0.7150858470818455, 0.9977010277861857),
        (1, 1, 0.15811388300841897, 0.9874208829065749),
        (0, 1, 0.01257911709342505, 0.841886116991581),
        // An FPR-sized count: 25% of ~97,600 non-injurious test snippets.
        (24500, 97586, 0.2483499552930284, 0.25379111855877595),
    ];
    for (k, n, lower, upper) in cases {
        let ci = beta_posterior_interval(k, n, BetaPrior::UNIFORM, 0.95).unwrap();
        assert_interval(ci, lower, upper, &format!("Beta(1,1) {k}/{n}"));
    }
}

#[test]
fn other_priors_and_levels() {
    // Jeffreys prior: scipy beta.ppf([0.05, 0.95], 2.5, 2445.5) (90% level)
    let ci = beta_posterior_interval(2, 2447, BetaPrior::JEFFREYS, 0.90).unwrap();
    assert_interval(
        ci,
        0.00023410162302037323,
        0.00226019076149477,
        "Jeffreys 2/2447 90%",
    );
    // Beta(3, 7) prior, 3 of 10, 99%: scipy beta.ppf([0.005, 0.995], 6, 14)
    let prior = BetaPrior::new(3.0, 7.0).unwrap();
    let ci = beta_posterior_interval(3, 10, prior, 0.99).unwrap();
    assert_interval(
        ci,
        0.08950135204832943,
        0.5817901386789437,
        "Beta(3,7) 3/10 99%",
    );
    // scipy binomtest(3, 2447).proportion_ci(0.90, 'exact')
    let ci = clopper_pearson_interval(3, 2447, 0.90).unwrap();
    assert_interval(
        ci,
        0.0003342415540397962,
        0.0031655611406976166,
        "CP 3/2447 90%",
    );
    // scipy binomtest(3, 20).proportion_ci(0.80, 'wilson')
    let ci = wilson_interval(3, 20, 0.80).unwrap();
    assert_interval(
        ci,
        0.07467301975322672,
        0.27844786562430834,
        "Wilson 3/20 80%",
    );
}

#[test]
fn clopper_pearson_and_wilson_edges_against_scipy() {
    // (k, n, CP lower, CP upper, Wilson lower, Wilson upper), all scipy binomtest(k, n)
    let cases = [
        (0, 10, 0.0, 0.30849710781876294, 0.0, 0.27753279986288926),
        (
            5,
            10,
            0.1870860284474045,
            0.8129139715525955,
            0.236593090512564,
            0.7634069094874361,
        ),
        (10, 10, 0.6915028921812371, 1.0, 0.7224672001371109, 1.0),
        (1, 1, 0.025000000000000022, 1.0, 0.20654931437723745, 1.0),
        (0, 1, 0.0, 0.975, 0.0, 0.7934506856227626),
    ];
    for (k, n, cp_lower, cp_upper, w_lower, w_upper) in cases {
        let cp = clopper_pearson_interval(k, n, 0.95).unwrap();
        let wilson = wilson_interval(k, n, 0.95).unwrap();
        if k == 0 {
            assert_eq!((cp.lower, wilson.lower), (0.0, 0.0));
        }
        if k == n {
            assert_eq!((cp.upper, wilson.upper), (1.0, 1.0));
        }
        assert_interval(cp, cp_lower, cp_upper, &format!("CP {k}/{n}"));
        assert_interval(wilson, w_lower, w_upper, &format!("Wilson {k}/{n}"));
    }
}

#[test]
fn closed_forms_when_none_seen() {
    for n in [1_u64, 7, 100, 2447, 100_033] {
        for level in [0.5_f64, 0.9, 0.95, 0.99] {
            let alpha = 1.0 - level;
            // Beta(1, n + 1) posterior: upper = 1 - (alpha/2)^(1/(n+1)), written with expm1 so
            // that the reference itself does not lose digits to cancellation.
            let beta_upper = -((alpha / 2.0).ln() / (n as f64 + 1.0)).exp_m1();
            let ci = beta_posterior_interval(0, n, BetaPrior::UNIFORM, level).unwrap();
            assert_close(ci.upper, beta_upper, 1e-8, "Beta(1,1) k=0 upper");
            // and lower = 1 - (1 - alpha/2)^(1/(n+1))
            let beta_lower = -((-alpha / 2.0).ln_1p() / (n as f64 + 1.0)).exp_m1();
            assert_close(ci.lower, beta_lower, 1e-8, "Beta(1,1) k=0 lower");
            assert_close(
                upper_bound_when_none_seen(n, level).unwrap(),
                beta_upper,
                1e-8,
                "upper_bound_when_none_seen",
            );
            // Clopper-Pearson k=0: upper = 1 - (alpha/2)^(1/n).
            let cp = clopper_pearson_interval(0, n, level).unwrap();
            let cp_upper = -((alpha / 2.0).ln() / n as f64).exp_m1();
            assert_close(cp.upper, cp_upper, 1e-8, "CP k=0 upper");
        }
    }
    // Rule of three: the 90% central (one-sided 95%) bound is about 3 / (n + 1).
    let bound = upper_bound_when_none_seen(2447, 0.90).unwrap();
    assert!((bound * 2448.0 - 3.0).abs() < 0.01, "{bound}");
    // No trials at all: the prior's own upper quantile, 1 - alpha/2.
    assert_close(
        upper_bound_when_none_seen(0, 0.95).unwrap(),
        0.975,
        1e-12,
        "n = 0",
    );
}

#[test]
fn rate_estimates_and_display() {
    let fnr = RateEstimate::new(2, 2447).unwrap();
    assert_eq!(fnr.k, 2);
    assert_eq!(fnr.estimate, 2.0 / 2447.0);
    assert_eq!(
        fnr.method,
        IntervalMethod::BetaPosterior(BetaPrior::UNIFORM)
    );
    assert_eq!(fnr.interval.level, 0.95);
    // Beta(1,1): [0.0253%, 0.295%]; Clopper-Pearson: [0.0099%, 0.295%] (scipy values above).
    assert_eq!(fnr.to_string(), "2/2447 = 0.082% [0.025%, 0.29%]");
    let cp = RateEstimate::clopper_pearson(2, 2447, 0.95).unwrap();
    assert_eq!(cp.to_string(), "2/2447 = 0.082% [0.0099%, 0.29%]");
    let none = RateEstimate::clopper_pearson(0, 2447, 0.95).unwrap();
    assert_eq!(none.to_string(), "0/2447 = 0% [0%, 0.15%]");
    // Serializes with its interval and method.
    let json = serde_json::to_string(&fnr).unwrap();
    let back: RateEstimate = serde_json::from_str(&json).unwrap();
    assert_eq!(back, fnr);
}

#[test]
fn invalid_inputs_are_errors_with_clear_messages() {
    let err = beta_posterior_interval(5, 4, BetaPrior::UNIFORM, 0.95).unwrap_err();
    assert_eq!(err, MetricsError::CountExceedsTrials { k: 5, n: 4 });
    assert_eq!(
        err.to_string(),
        "count k = 5 exceeds the number of trials n = 4"
    );

    for level in [0.0, 1.0, -0.5, 1.5, f64::NAN] {
        let err = wilson_interval(1, 4, level).unwrap_err();
        assert!(matches!(err, MetricsError::InvalidLevel { .. }), "{err}");
        assert!(err.to_string().contains(&level.to_string()), "{err}");
        assert!(clopper_pearson_interval(1, 4, level).is_err());
        assert!(beta_posterior_interval(1, 4, BetaPrior::UNIFORM, level).is_err());
        assert!(upper_bound_when_none_seen(4, level).is_err());
    }

    assert!(matches!(
        wilson_interval(0, 0, 0.95),
        Err(MetricsError::NoTrials { .. })
    ));
    assert!(matches!(
        clopper_pearson_interval(0, 0, 0.95),
        Err(MetricsError::NoTrials { .. })
    ));
    // The Beta posterior with no data is the prior: allowed.
    let prior_only = beta_posterior_interval(0, 0, BetaPrior::UNIFORM, 0.95).unwrap();
    assert_interval(prior_only, 0.025, 0.975, "Beta(1,1) prior");

    for (alpha, beta) in [
        (0.0, 1.0),
        (1.0, -1.0),
        (f64::NAN, 1.0),
        (1.0, f64::INFINITY),
    ] {
        let err = BetaPrior::new(alpha, beta).unwrap_err();
        assert!(matches!(err, MetricsError::InvalidPrior { .. }));
        let bad = BetaPrior { alpha, beta };
        assert!(beta_posterior_interval(1, 3, bad, 0.95).is_err());
    }
    assert!(Interval::new(0.5, 0.4, 0.95).is_err());
}

#[test]
fn an_interval_open_above_survives_json_and_reads_as_such() {
    // JSON has no infinity: +∞ is written as null and read back as +∞
    let open = metrics::Interval::new(12.5, f64::INFINITY, 0.95).unwrap();
    let json = serde_json::to_string(&open).unwrap();
    assert_eq!(json, r#"{"lower":12.5,"upper":null,"level":0.95}"#);
    let back: metrics::Interval = serde_json::from_str(&json).unwrap();
    assert_eq!(back, open);
    assert_eq!(format!("{open:.1}"), "[12.5, ∞)");
    // finite ends are written as numbers, as before
    let closed = metrics::Interval::new(0.25, 0.5, 0.95).unwrap();
    assert_eq!(
        serde_json::to_string(&closed).unwrap(),
        r#"{"lower":0.25,"upper":0.5,"level":0.95}"#
    );
    assert_eq!(format!("{closed}"), "[0.25, 0.5]");
}
