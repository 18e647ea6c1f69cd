//! ROC AUC: known answers worked out by hand (each test says how), its properties over
//! random inputs, its errors, and the coverage of its interval by simulation.

use metrics::{MetricsError, roc_auc};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[test]
fn pairs_ordered_right_over_all_pairs() {
    // positives {0.8, 0.6}, negatives {0.7, 0.2}: of the 4 pairs, (0.6, 0.7) is ordered
    // wrong, so A = 3/4. Placements: positives 1 and 1/2, negatives 1/2 and 1; both
    // sample variances are var([1, 1/2]) = 1/8, so DeLong's variance is
    // 1/8 / 2 + 1/8 / 2 = 1/8 and its standard error sqrt(1/8).
    let auc = roc_auc(&[0.8, 0.6], &[0.7, 0.2], 0.95).unwrap();
    assert_eq!(auc.estimate, 0.75);
    let se = auc.delong_standard_error.unwrap();
    assert!((se - 0.125f64.sqrt()).abs() < 1e-15, "{se}");
}

#[test]
fn a_tie_counts_one_half() {
    // positives {0.9, 0.4, 0.8}, negatives {0.1, 0.4}: 5 of 6 pairs right, (0.4, 0.4)
    // tied: A = 5.5 / 6
    let auc = roc_auc(&[0.9, 0.4, 0.8], &[0.1, 0.4], 0.95).unwrap();
    assert!((auc.estimate - 5.5 / 6.0).abs() < 1e-15);
    // all scores equal: every pair tied, A = 1/2
    let auc = roc_auc(&[0.3; 4], &[0.3; 7], 0.95).unwrap();
    assert_eq!(auc.estimate, 0.5);
    assert_eq!(auc.delong_standard_error, Some(0.0));
}

#[test]
fn perfect_separation_has_the_worst_case_lower_end() {
    // A = 1 with min(m, n) = 2: the lower end solves a^2 = 0.025, a = sqrt(0.025)
    // (Clopper–Pearson at 2 of 2), the upper end is 1
    let auc = roc_auc(&[3.0, 4.0, 5.0], &[1.0, 2.0], 0.95).unwrap();
    assert_eq!(auc.estimate, 1.0);
    assert!((auc.interval.lower - 0.025f64.sqrt()).abs() < 1e-9, "{auc}");
    assert_eq!(auc.interval.upper, 1.0);
    // DeLong's variance is 0 here: the reason it is not the interval
    assert_eq!(auc.delong_standard_error, Some(0.0));
    // 3 positives on top of 1000 negatives: the lower end is 0.025^(1/3) = 0.292
    let negatives: Vec<f64> = (0..1000).map(f64::from).collect();
    let auc = roc_auc(&[2000.0, 2001.0, 2002.0], &negatives, 0.95).unwrap();
    assert!(
        (auc.interval.lower - 0.025f64.powf(1.0 / 3.0)).abs() < 1e-9,
        "{auc}"
    );
    // and the reverse order: A = 0, the upper end is 1 - 0.025^(1/3)
    let auc = roc_auc(&negatives, &[2000.0, 2001.0, 2002.0], 0.95).unwrap();
    assert_eq!(auc.estimate, 0.0);
    assert_eq!(auc.interval.lower, 0.0);
    assert!((auc.interval.upper - (1.0 - 0.025f64.powf(1.0 / 3.0))).abs() < 1e-9);
}

#[test]
fn chance_ordering_has_the_beta_one_two_interval() {
    // positives {1, 4}, negatives {2, 3}: A = 2/4. At min(m, n) = 2 and x = 1 the ends are
    // the 2.5% quantile of Beta(1, 2), 1 - sqrt(0.975) (its CDF is 1 - (1 - t)^2), and the
    // 97.5% quantile of Beta(2, 1), sqrt(0.975) (its CDF is t^2).
    let auc = roc_auc(&[1.0, 4.0], &[2.0, 3.0], 0.95).unwrap();
    assert_eq!(auc.estimate, 0.5);
    assert!(
        (auc.interval.lower - (1.0 - 0.975f64.sqrt())).abs() < 1e-9,
        "{auc}"
    );
    assert!((auc.interval.upper - 0.975f64.sqrt()).abs() < 1e-9, "{auc}");
}

#[test]
fn one_score_per_class_has_no_delong_error() {
    let auc = roc_auc(&[0.9], &[0.1], 0.95).unwrap();
    assert_eq!(auc.estimate, 1.0);
    assert_eq!(auc.delong_standard_error, None);
    // min(m, n) = 1: the lower end is 0.025
    assert!((auc.interval.lower - 0.025).abs() < 1e-9);
}

#[test]
fn infinite_scores_are_ordered_like_any_other() {
    let auc = roc_auc(&[f64::INFINITY, 0.5], &[f64::NEG_INFINITY, 0.7], 0.95).unwrap();
    assert_eq!(auc.estimate, 0.75);
}

#[test]
fn empty_classes_nan_scores_and_bad_levels_are_errors() {
    assert_eq!(
        roc_auc(&[], &[0.1], 0.95),
        Err(MetricsError::Empty {
            what: "positive scores"
        })
    );
    assert_eq!(
        roc_auc(&[0.1], &[], 0.95),
        Err(MetricsError::Empty {
            what: "negative scores"
        })
    );
    assert!(matches!(
        roc_auc(&[0.1, f64::NAN], &[0.2], 0.95),
        Err(MetricsError::InvalidValue {
            what: "positive scores",
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        roc_auc(&[0.1], &[f64::NAN], 0.95),
        Err(MetricsError::InvalidValue {
            what: "negative scores",
            index: 0,
            ..
        })
    ));
    assert!(matches!(
        roc_auc(&[0.1], &[0.2], 1.0),
        Err(MetricsError::InvalidLevel { .. })
    ));
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Fraction of `trials` intervals that contain the true AUC of positives N(shift, 1)
/// against negatives N(0, 1), which is Φ(shift / √2).
fn coverage(positives: usize, negatives: usize, shift: f64, truth: f64, trials: usize) -> f64 {
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    let mut covered = 0;
    for _ in 0..trials {
        let p: Vec<f64> = (0..positives).map(|_| shift + normal(&mut rng)).collect();
        let n: Vec<f64> = (0..negatives).map(|_| normal(&mut rng)).collect();
        if roc_auc(&p, &n, 0.95).unwrap().interval.contains(truth) {
            covered += 1;
        }
    }
    covered as f64 / trials as f64
}

#[test]
fn the_interval_covers_with_few_positives() {
    // Φ(1/√2) = 0.760249938 and Φ(3/√2) = 0.983052573 (the normal CDF, to 9 digits);
    // 5 positives against 60 negatives, 400 simulated data sets each. A nominal 95%
    // interval should cover at least ~95%; 0.93 leaves room for simulation noise
    // (the binomial standard error of a 0.95 coverage over 400 trials is 0.011).
    // Measured: 1.000 at both (the interval bounds the worst case, so it is conservative
    // for binormal scores).
    for (shift, truth) in [(1.0, 0.760_249_938), (3.0, 0.983_052_573)] {
        let c = coverage(5, 60, shift, truth, 400);
        println!("coverage {c} at true AUC {truth}");
        assert!(c >= 0.93, "coverage {c} at true AUC {truth}");
    }
}

/// Pairs ordered right over all pairs, by brute force.
fn brute_force(p: &[f64], n: &[f64]) -> f64 {
    let mut total = 0.0;
    for &x in p {
        for &y in n {
            total += if x > y {
                1.0
            } else if x == y {
                0.5
            } else {
                0.0
            };
        }
    }
    total / (p.len() * n.len()) as f64
}

/// Scores on a grid of 1/16, so that the transforms below are exact and keep every order.
fn scores() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec((-160i32..160).prop_map(|k| f64::from(k) / 16.0), 1..40)
}

proptest! {
    #[test]
    fn auc_lies_in_the_unit_interval_inside_its_interval(p in scores(), n in scores()) {
        let auc = roc_auc(&p, &n, 0.95).unwrap();
        prop_assert!((0.0..=1.0).contains(&auc.estimate));
        prop_assert!(0.0 <= auc.interval.lower && auc.interval.upper <= 1.0);
        prop_assert!(auc.interval.contains(auc.estimate), "{}", auc);
        prop_assert!((auc.estimate - brute_force(&p, &n)).abs() < 1e-12);
    }

    #[test]
    fn swapping_the_classes_mirrors_the_estimate_and_interval(p in scores(), n in scores()) {
        let forward = roc_auc(&p, &n, 0.95).unwrap();
        let backward = roc_auc(&n, &p, 0.95).unwrap();
        prop_assert!((forward.estimate + backward.estimate - 1.0).abs() < 1e-12);
        prop_assert!((forward.interval.lower + backward.interval.upper - 1.0).abs() < 1e-9);
        prop_assert!((forward.interval.upper + backward.interval.lower - 1.0).abs() < 1e-9);
    }

    #[test]
    fn strictly_increasing_transforms_change_nothing(p in scores(), n in scores()) {
        let plain = roc_auc(&p, &n, 0.95).unwrap();
        let transforms: [fn(f64) -> f64; 3] = [|x| 3.0 * x - 7.0, |x| x * x * x, |x| (x / 8.0).exp()];
        for f in transforms {
            let tp: Vec<f64> = p.iter().map(|&x| f(x)).collect();
            let tn: Vec<f64> = n.iter().map(|&x| f(x)).collect();
            let moved = roc_auc(&tp, &tn, 0.95).unwrap();
            prop_assert_eq!(moved.estimate, plain.estimate);
            prop_assert_eq!(moved.interval, plain.interval);
        }
    }
}

#[test]
fn the_price_of_honesty_at_large_counts() {
    // the interval against DeLong's normal interval (±1.96 standard errors) on binormal
    // scores: wider (it bounds the worst case), but by a bounded factor. Measured ratios
    // of widths: 1.82, 1.30 and 2.18 for the three cases below.
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for (m, n, shift) in [(200, 5_000, 1.0), (1_000, 1_000, 1.0), (300, 3_000, 2.5)] {
        let p: Vec<f64> = (0..m).map(|_| shift + normal(&mut rng)).collect();
        let q: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let auc = roc_auc(&p, &q, 0.95).unwrap();
        let delong = 2.0 * 1.959_963_985 * auc.delong_standard_error.unwrap();
        let ratio = auc.interval.width() / delong;
        assert!((1.0..3.0).contains(&ratio), "ratio {ratio} at m {m}, n {n}");
    }
}
