//! Bootstrap intervals: values against references, reproducibility, and the §5.2 use.
//!
//! A bootstrap reference drawn with another random generator can only agree up to Monte
//! Carlo error, so the tolerances below are a few times that error.

use metrics::{
    BootstrapConfig, MetricsError, bootstrap_mean, bootstrap_ratio_of_means, bootstrap_statistic,
};

fn config(resamples: usize, seed: u64) -> BootstrapConfig {
    BootstrapConfig::new(resamples, 0.95, seed).unwrap()
}

/// 1, 2, ..., 100.
fn one_to_hundred() -> Vec<f64> {
    (1..=100).map(f64::from).collect()
}

/// Quantiles of an exponential distribution with the given mean at (i + 0.5) / n: a
/// deterministic, right-skewed sample like minutes spent per adversarial example.
fn exponential_quantiles(mean: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| -mean * (1.0 - (i as f64 + 0.5) / n as f64).ln())
        .collect()
}

#[test]
fn mean_of_one_to_hundred() {
    let result = bootstrap_mean(&one_to_hundred(), &config(10_000, 7)).unwrap();
    assert_eq!(result.estimate, 50.5);
    assert_eq!((result.resamples, result.seed), (10_000, 7));
    // scipy 1.17.1: stats.bootstrap((np.arange(1, 101.),), np.mean, n_resamples=200000,
    //   method='percentile', random_state=1).confidence_interval = (44.84, 56.16).
    // Closed-form check: the bootstrap standard error is sd(ddof=0)/sqrt(n) = 28.866/10, so the
    // normal interval is 50.5 ± 1.96 · 2.8866 = [44.84, 56.16]. Monte Carlo error of a 2.5%
    // quantile with 10,000 resamples is about 0.1.
    assert!((result.interval.lower - 44.84).abs() < 0.35, "{result}");
    assert!((result.interval.upper - 56.16).abs() < 0.35, "{result}");
}

#[test]
fn ratio_of_means_like_section_5_2() {
    // "Minutes per adversarial example": 40 examples without tools (mean about 20), 120 with
    // tools (mean about 13), as in the paper's §5.2.
    let without_tools = exponential_quantiles(20.0, 40);
    let with_tools = exponential_quantiles(13.0, 120);
    let result = bootstrap_ratio_of_means(&without_tools, &with_tools, &config(10_000, 3)).unwrap();
    // numpy 2.4.6: mean(num) / mean(den) = 19.827234019208383 / 12.962492143308035
    assert!((result.estimate - 1.529585036581435).abs() < 1e-12);
    // numpy 2.4.6, default_rng(0), 200,000 resamples (numerator then denominator redrawn
    // independently each time), np.quantile(ratios, [0.025, 0.975]) = [1.0591, 2.1311].
    assert!((result.interval.lower - 1.0591).abs() < 0.02, "{result}");
    assert!((result.interval.upper - 2.1311).abs() < 0.04, "{result}");

    // The numerator alone: same numpy run, np.quantile(numerator means, [0.025, 0.975]) =
    // [14.263, 26.104].
    let numerator = bootstrap_mean(&without_tools, &config(10_000, 3)).unwrap();
    assert!(
        (numerator.interval.lower - 14.263).abs() < 0.2,
        "{numerator}"
    );
    assert!(
        (numerator.interval.upper - 26.104).abs() < 0.3,
        "{numerator}"
    );
}

#[test]
fn same_seed_same_bits_other_seed_other_result() {
    let sample = exponential_quantiles(20.0, 30);
    let a = bootstrap_mean(&sample, &config(2_000, 42)).unwrap();
    let b = bootstrap_mean(&sample, &config(2_000, 42)).unwrap();
    assert_eq!(a.interval.lower.to_bits(), b.interval.lower.to_bits());
    assert_eq!(a.interval.upper.to_bits(), b.interval.upper.to_bits());
    let c = bootstrap_mean(&sample, &config(2_000, 43)).unwrap();
    assert_ne!(a.interval, c.interval);
}

#[test]
fn golden_values_are_stable() {
    // Recorded from this implementation (ChaCha8Rng::seed_from_u64(3), indices from rand 0.9's
    // portable `random_range`). They must not change across platforms or refactors: a change
    // means earlier reports can no longer be reproduced from their seed. The resampling is
    // exact; the sample comes through the C library's `ln`, whose last bit may differ between
    // CPUs (glibc picks an FMA variant where the CPU has one), so the check allows 1e-12 of
    // relative rounding and no more.
    let result = bootstrap_mean(&exponential_quantiles(20.0, 40), &config(10_000, 3)).unwrap();
    let close = |x: f64, want: f64| (x - want).abs() <= 1e-12 * want;
    assert!(
        close(result.interval.lower, 14.241263088949324),
        "{result:?}"
    );
    assert!(
        close(result.interval.upper, 26.056083908792452),
        "{result:?}"
    );
}

#[test]
fn generic_statistic_agrees_with_mean_bit_for_bit() {
    let sample = exponential_quantiles(5.0, 17);
    let config = config(1_000, 9);
    let by_mean = bootstrap_mean(&sample, &config).unwrap();
    let generic = bootstrap_statistic(
        &sample,
        |xs| xs.iter().sum::<f64>() / xs.len() as f64,
        &config,
    )
    .unwrap();
    assert_eq!(by_mean, generic);
}

#[test]
fn generic_statistic_median() {
    // Median of 1..=100 is 50.5; its bootstrap interval is roughly the order statistics
    // 40..61 (binomial(100, 1/2) 95% range of ranks, 50 ± 10). Loose check.
    let median = |xs: &[f64]| {
        let mut v = xs.to_vec();
        v.sort_by(f64::total_cmp);
        (v[49] + v[50]) / 2.0
    };
    let result = bootstrap_statistic(&one_to_hundred(), median, &config(2_000, 5)).unwrap();
    assert_eq!(result.estimate, 50.5);
    assert!((35.0..=45.0).contains(&result.interval.lower), "{result}");
    assert!((56.0..=66.0).contains(&result.interval.upper), "{result}");
}

#[test]
fn single_value_and_constant_samples() {
    let result = bootstrap_mean(&[13.0], &config(100, 0)).unwrap();
    assert_eq!(
        (
            result.estimate,
            result.interval.lower,
            result.interval.upper
        ),
        (13.0, 13.0, 13.0)
    );
    let result = bootstrap_mean(&[2.5; 10], &config(100, 0)).unwrap();
    assert_eq!((result.interval.lower, result.interval.upper), (2.5, 2.5));
}

#[test]
fn display() {
    let result = bootstrap_mean(&[1.0, 2.0, 3.0], &config(100, 0)).unwrap();
    let text = format!("{result:.1}");
    assert!(text.starts_with("2.0 ["), "{text}");
}

#[test]
fn errors() {
    let c = BootstrapConfig::default();
    assert_eq!(
        bootstrap_ratio_of_means(&[1.0], &[], &c),
        Err(MetricsError::Empty {
            what: "denominator sample"
        })
    );
    assert_eq!(
        bootstrap_statistic(&[], |_| 0.0, &c),
        Err(MetricsError::Empty { what: "sample" })
    );
    assert!(matches!(
        bootstrap_mean(&[f64::NAN], &c),
        Err(MetricsError::InvalidValue {
            what: "sample",
            index: 0,
            ..
        })
    ));
    assert!(matches!(
        bootstrap_statistic(&[1.0, 2.0], |_| f64::NAN, &c),
        Err(MetricsError::InvalidParameter { .. })
    ));
    assert!(BootstrapConfig::new(10, 1.0, 0).is_err());
}

/// Cost per success over the resampled units, `+∞` when a resample holds no success.
fn per_success<'a>(cost: &'a [f64], success: &'a [f64]) -> impl FnMut(&[usize]) -> f64 + 'a {
    move |units: &[usize]| {
        let c: f64 = units.iter().map(|&u| cost[u]).sum();
        let s: f64 = units.iter().map(|&u| success[u]).sum();
        if s == 0.0 { f64::INFINITY } else { c / s }
    }
}

#[test]
fn bootstrap_units_of_a_mean_is_bootstrap_mean_bit_for_bit() {
    // the same generator, the same draws, the same order of summation
    let sample = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
    let config = BootstrapConfig::default().with_seed(11);
    let units = metrics::bootstrap_units(
        sample.len(),
        |u: &[usize]| u.iter().map(|&i| sample[i]).sum::<f64>() / u.len() as f64,
        &config,
    )
    .unwrap();
    assert_eq!(units, bootstrap_mean(&sample, &config).unwrap());
}

#[test]
fn a_few_successes_give_an_interval_open_above_never_none() {
    // 1 success in 20 seeds: a resample misses it with probability (19/20)^20 = 0.36,
    // far more than the 2.5% upper tail, so the upper end is +∞; the estimate is still
    // Σ cost / Σ successes and the lower end is finite and below it
    let cost: Vec<f64> = (0..20).map(|i| 10.0 + f64::from(i)).collect();
    let mut success = vec![0.0; 20];
    success[7] = 1.0;
    let b = metrics::bootstrap_units(
        20,
        per_success(&cost, &success),
        &BootstrapConfig::default(),
    )
    .unwrap();
    assert_eq!(b.estimate, cost.iter().sum::<f64>());
    assert_eq!(b.interval.upper, f64::INFINITY);
    assert!(
        b.interval.lower.is_finite() && b.interval.lower <= b.estimate,
        "{b:?}"
    );
    // half the seeds broken: a resample without success has probability 2^-20, the
    // interval is closed and holds the estimate
    let half: Vec<f64> = (0..20).map(|i| f64::from(i % 2)).collect();
    let b = metrics::bootstrap_units(20, per_success(&cost, &half), &BootstrapConfig::default())
        .unwrap();
    assert!(b.interval.upper.is_finite(), "{b:?}");
    assert!(b.interval.contains(b.estimate), "{b:?}");
}

#[test]
fn undefined_resamples_widen_both_ends() {
    // NaN on every resample without unit 0 (probability (4/5)^5 = 33%): both ends open
    let b = metrics::bootstrap_units(
        5,
        |u: &[usize]| if u.contains(&0) { 1.0 } else { f64::NAN },
        &BootstrapConfig::default(),
    )
    .unwrap();
    assert_eq!(b.estimate, 1.0);
    assert_eq!(
        (b.interval.lower, b.interval.upper),
        (f64::NEG_INFINITY, f64::INFINITY)
    );
    // no units, or an infinite estimate, are errors
    assert!(metrics::bootstrap_units(0, |_: &[usize]| 1.0, &BootstrapConfig::default()).is_err());
    assert!(
        metrics::bootstrap_units(3, |_: &[usize]| f64::INFINITY, &BootstrapConfig::default())
            .is_err()
    );
}
