//! Property tests of the rare-event estimators.

mod problems;

use metrics::{
    ImportanceConfig, SplittingConfig, SplittingOutcome, importance_estimate, run_splitting,
};
use problems::Bits;
use proptest::prelude::*;

/// Log-weights in [-30, 30] with failure flags, at least 2 draws.
fn draws() -> impl Strategy<Value = (Vec<f64>, Vec<bool>)> {
    prop::collection::vec((-30.0f64..30.0, any::<bool>()), 2..60)
        .prop_map(|rows| rows.into_iter().unzip())
}

proptest! {
    #[test]
    fn unit_weights_give_the_plain_mean(f in prop::collection::vec(any::<bool>(), 2..200)) {
        let n = f.len();
        let k = f.iter().filter(|&&x| x).count();
        let e = importance_estimate(&vec![0.0; n], &f, &ImportanceConfig::default()).unwrap();
        let plain = k as f64 / n as f64;
        prop_assert!((e.estimate - plain).abs() < 1e-12);
        prop_assert!((e.self_normalized - plain).abs() < 1e-12);
        prop_assert!((e.mean_weight - 1.0).abs() < 1e-12);
        prop_assert!((e.effective_sample_size - n as f64).abs() < 1e-9);
        prop_assert_eq!(e.failures, k);
        if k > 0 {
            // the standard error of a sample mean of 0/1 values (n − 1 denominator)
            let se = (plain * (1.0 - plain) * n as f64 / (n as f64 - 1.0) / n as f64).sqrt();
            prop_assert!((e.standard_error - se).abs() < 1e-12);
            prop_assert!((e.failure_effective_sample_size - k as f64).abs() < 1e-9);
        }
    }

    #[test]
    fn shifting_log_weights_scales_only_the_unbiased_estimate(
        (lw, f) in draws(),
        c in -20.0f64..20.0,
    ) {
        let config = ImportanceConfig::default();
        let a = importance_estimate(&lw, &f, &config).unwrap();
        let shifted: Vec<f64> = lw.iter().map(|l| l + c).collect();
        let b = importance_estimate(&shifted, &f, &config).unwrap();
        prop_assert!((a.self_normalized - b.self_normalized).abs() < 1e-9);
        prop_assert!((a.effective_sample_size - b.effective_sample_size).abs() < 1e-9 * a.effective_sample_size);
        if a.failures > 0 {
            prop_assert!((b.log_estimate - a.log_estimate - c).abs() < 1e-9);
        }
    }

    #[test]
    fn order_does_not_matter_and_intervals_hold_the_estimates((lw, f) in draws()) {
        let config = ImportanceConfig::default();
        let a = importance_estimate(&lw, &f, &config).unwrap();
        let (rl, rf): (Vec<f64>, Vec<bool>) = lw.iter().rev().copied().zip(f.iter().rev().copied()).unzip();
        let b = importance_estimate(&rl, &rf, &config).unwrap();
        prop_assert!((a.log_estimate - b.log_estimate).abs() < 1e-9 || a.failures == 0);
        prop_assert!((a.self_normalized - b.self_normalized).abs() < 1e-12);
        prop_assert!(1.0 - 1e-9 <= a.effective_sample_size && a.effective_sample_size <= lw.len() as f64 + 1e-9);
        prop_assert!(0.0 <= a.self_normalized && a.self_normalized <= 1.0);
        prop_assert!(a.self_normalized_interval.contains(a.self_normalized));
        if a.estimate <= 1.0 {
            prop_assert!(a.interval.contains(a.estimate));
        }
    }

    #[test]
    fn splitting_ends_consistently(
        k in 3usize..10,
        threshold in 0u32..12,
        particles in 4usize..30,
        kill_fraction in 0.05f64..0.9,
        seed in 0u64..1000,
    ) {
        let kill = ((particles as f64 * kill_fraction) as usize).clamp(1, particles - 1);
        let config = SplittingConfig {
            threshold: f64::from(threshold),
            particles,
            kill,
            mcmc_steps: 3,
            max_iterations: 8,
            seed,
            ..SplittingConfig::default()
        };
        let run = run_splitting(Bits::new(k), &config).unwrap();
        let d = &run.diagnostics;
        prop_assert!(d.levels.windows(2).all(|w| w[0] < w[1]));
        prop_assert_eq!(d.levels.len(), d.killed.len());
        prop_assert!(d.killed.iter().all(|&n| n >= kill && n < particles));
        match run.outcome {
            SplittingOutcome::Reached { estimate, interval, .. } => {
                prop_assert!(estimate > 0.0 && estimate <= 1.0);
                prop_assert!(interval.contains(estimate));
                // unreachable thresholds (more ones than bits) can never be reached
                prop_assert!(threshold as usize <= k);
            }
            SplittingOutcome::Extinct { upper_bound, .. } => {
                prop_assert!(upper_bound > 0.0 && upper_bound <= 1.0);
            }
            SplittingOutcome::NotReached { upper_bound, log_probability_above_level, .. } => {
                prop_assert_eq!(d.iterations(), 8);
                prop_assert!(upper_bound >= log_probability_above_level.exp());
            }
        }
    }
}
