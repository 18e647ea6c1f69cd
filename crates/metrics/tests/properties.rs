//! Property tests (proptest) of intervals, sweeps, bootstrap and quality.

use metrics::{
    BetaPrior, BootstrapConfig, ConfusionCounts, IntervalMethod, Outcome, PairwiseJudgement,
    PairwiseQualityData, PromptCompletions, QualityConfig, bootstrap_mean,
    bootstrap_ratio_of_means, threshold_sweep, threshold_sweep_all,
};
use proptest::prelude::*;

/// (k, n) with 1 <= n <= 3000 and 0 <= k <= n.
fn counts() -> impl Strategy<Value = (u64, u64)> {
    (1u64..=3000).prop_flat_map(|n| (0..=n, Just(n)))
}

fn method() -> impl Strategy<Value = IntervalMethod> {
    prop_oneof![
        Just(IntervalMethod::BetaPosterior(BetaPrior::UNIFORM)),
        Just(IntervalMethod::BetaPosterior(BetaPrior::JEFFREYS)),
        (0.1f64..20.0, 0.1f64..20.0)
            .prop_map(|(alpha, beta)| IntervalMethod::BetaPosterior(BetaPrior { alpha, beta })),
        Just(IntervalMethod::ClopperPearson),
        Just(IntervalMethod::Wilson),
    ]
}

/// Scores in [0, 1] with labels; repeated scores are likely (rounded to 2 decimals).
fn labelled_scores() -> impl Strategy<Value = (Vec<f64>, Vec<bool>)> {
    prop::collection::vec(
        (
            (0u32..=100).prop_map(|s| f64::from(s) / 100.0),
            any::<bool>(),
        ),
        1..80,
    )
    .prop_map(|rows| rows.into_iter().unzip())
}

proptest! {
    #[test]
    fn intervals_lie_in_unit_range_and_are_ordered(
        (k, n) in counts(),
        method in method(),
        level in 0.01f64..0.9999,
    ) {
        let ci = method.interval(k, n, level).unwrap();
        prop_assert!(0.0 <= ci.lower && ci.lower <= ci.upper && ci.upper <= 1.0, "{ci:?}");
        prop_assert_eq!(ci.level, level);
    }

    #[test]
    fn intervals_contain_the_point_estimate(
        (k, n) in counts(),
        level in 0.6f64..0.9999,
    ) {
        let p = k as f64 / n as f64;
        // Clopper-Pearson and Wilson always contain k / n.
        prop_assert!(metrics::clopper_pearson_interval(k, n, level).unwrap().contains(p));
        prop_assert!(metrics::wilson_interval(k, n, level).unwrap().contains(p));
        // The equal-tailed Beta(1, 1) interval contains k / n (the posterior mode) except at
        // k = 0 and k = n, where the mode sits on the edge of [0, 1] and the interval stops a
        // tail short of it.
        let beta = metrics::beta_posterior_interval(k, n, BetaPrior::UNIFORM, level).unwrap();
        if 0 < k && k < n {
            prop_assert!(beta.contains(p), "{k}/{n}: {beta:?}");
        } else {
            prop_assert!(beta.width() > 0.0);
        }
    }

    #[test]
    fn intervals_narrow_as_n_grows_at_fixed_rate(
        (k, n) in (1u64..=400).prop_flat_map(|n| (0..=n, Just(n))),
        factor in 2u64..6,
        method in prop_oneof![
            Just(IntervalMethod::BetaPosterior(BetaPrior::UNIFORM)),
            Just(IntervalMethod::ClopperPearson),
            Just(IntervalMethod::Wilson),
        ],
        level in 0.5f64..0.999,
    ) {
        let small = method.interval(k, n, level).unwrap();
        let large = method.interval(k * factor, n * factor, level).unwrap();
        prop_assert!(large.width() <= small.width() + 1e-12, "{small:?} vs {large:?}");
    }

    #[test]
    fn sweep_agrees_with_counting_and_is_monotone((scores, labels) in labelled_scores()) {
        let sweep = threshold_sweep_all(&scores, &labels).unwrap();
        for pair in sweep.windows(2) {
            let (low, high) = (&pair[0], &pair[1]);
            prop_assert!(low.threshold < high.threshold);
            // Raising the threshold accepts more: FNR up, FPR and rejection rate down.
            prop_assert!(high.rejection_rate <= low.rejection_rate);
            if let (Some(a), Some(b)) = (low.false_negative_rate, high.false_negative_rate) {
                prop_assert!(a.estimate <= b.estimate);
            }
            if let (Some(a), Some(b)) = (low.false_positive_rate, high.false_positive_rate) {
                prop_assert!(a.estimate >= b.estimate);
            }
        }
        for point in &sweep {
            let counts = ConfusionCounts::from_scores(&scores, &labels, point.threshold).unwrap();
            prop_assert_eq!(point.counts, counts);
        }
    }

    #[test]
    fn sweep_at_arbitrary_thresholds_agrees_with_counting(
        (scores, labels) in labelled_scores(),
        thresholds in prop::collection::vec(-0.1f64..1.1, 0..20),
    ) {
        let sweep = threshold_sweep(&scores, &labels, &thresholds).unwrap();
        prop_assert_eq!(sweep.len(), thresholds.len());
        for (point, &t) in sweep.iter().zip(&thresholds) {
            prop_assert_eq!(point.counts, ConfusionCounts::from_scores(&scores, &labels, t).unwrap());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bootstrap_is_reproducible_from_its_seed(
        sample in prop::collection::vec(0.0f64..100.0, 10..40),
        seed in any::<u64>(),
    ) {
        let config = BootstrapConfig::new(200, 0.95, seed).unwrap();
        let a = bootstrap_mean(&sample, &config).unwrap();
        let b = bootstrap_mean(&sample, &config).unwrap();
        prop_assert_eq!(a.interval.lower.to_bits(), b.interval.lower.to_bits());
        prop_assert_eq!(a.interval.upper.to_bits(), b.interval.upper.to_bits());
        let ratio_a = bootstrap_ratio_of_means(&sample, &[1.0, 2.0, 3.0], &config).unwrap();
        let ratio_b = bootstrap_ratio_of_means(&sample, &[1.0, 2.0, 3.0], &config).unwrap();
        prop_assert_eq!(ratio_a, ratio_b);
        // Another seed (usually) gives another interval: among five other seeds at least one
        // must differ, for a sample of ten or more continuous values.
        let differs = (1..=5u64).any(|offset| {
            let other = bootstrap_mean(&sample, &config.with_seed(seed.wrapping_add(offset)));
            other.map(|o| o.interval != a.interval).unwrap_or(false)
        });
        prop_assert!(differs);
        // The interval lies within the sample's range.
        let min = sample.iter().copied().fold(f64::INFINITY, f64::min);
        let max = sample.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(min <= a.interval.lower && a.interval.upper <= max);
    }

    #[test]
    fn quality_is_one_half_when_accepting_everything_and_zero_when_rejecting_everything(
        prompts in prop::collection::vec(prop::collection::vec(0.0f64..1.0, 2..6), 1..8),
        raw_judgements in prop::collection::vec((any::<prop::sample::Index>(), 0usize..6, 0usize..6, 0u8..3), 1..30),
        threshold in 0.0f64..1.0,
    ) {
        let prompts: Vec<PromptCompletions> = prompts
            .into_iter()
            .enumerate()
            .map(|(i, scores)| PromptCompletions { prompt_id: format!("p{i}"), scores })
            .collect();
        let mut judgements = Vec::new();
        for (which, a, b, outcome) in raw_judgements {
            let prompt = &prompts[which.index(prompts.len())];
            let m = prompt.scores.len();
            let (a, b) = (a % m, b % m);
            if a == b {
                continue;
            }
            let outcome = [Outcome::AWins, Outcome::Tie, Outcome::BWins][usize::from(outcome)];
            judgements.push(PairwiseJudgement { prompt_id: prompt.prompt_id.clone(), a, b, outcome });
        }
        prop_assume!(!judgements.is_empty());
        let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
        let config = QualityConfig {
            bootstrap: BootstrapConfig::new(100, 0.95, 1).unwrap(),
            ..QualityConfig::default()
        };
        let everything = data.estimate_quality(f64::INFINITY, &config).unwrap();
        prop_assert_eq!(everything.estimate, 0.5);
        let nothing = data.estimate_quality(0.0, &config).unwrap();
        prop_assert_eq!(nothing.estimate, 0.0);
        // Anything in between is a preference rate in [0, 1] with an ordered interval.
        if let Ok(q) = data.estimate_quality(threshold, &config) {
            prop_assert!((0.0..=1.0).contains(&q.estimate));
            prop_assert!(0.0 <= q.interval.lower && q.interval.lower <= q.interval.upper);
            prop_assert!(q.interval.upper <= 1.0);
        }
    }
}
