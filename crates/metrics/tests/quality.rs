//! Quality of the filtered generator, from pairwise judgements and from direct comparisons.

use metrics::{
    BootstrapConfig, MetricsError, Outcome, PairwiseJudgement, PairwiseQualityData,
    PromptCompletions, QualityConfig, direct_quality,
};

fn prompt(id: &str, scores: &[f64]) -> PromptCompletions {
    PromptCompletions {
        prompt_id: id.to_owned(),
        scores: scores.to_vec(),
    }
}

fn judgement(id: &str, a: usize, b: usize, outcome: Outcome) -> PairwiseJudgement {
    PairwiseJudgement {
        prompt_id: id.to_owned(),
        a,
        b,
        outcome,
    }
}

fn config(max_attempts: u32) -> QualityConfig {
    QualityConfig {
        max_attempts,
        bootstrap: BootstrapConfig::new(2_000, 0.95, 11).unwrap(),
    }
}

/// Two prompts with three completions each.
///
/// p1, scores [0.1, 0.5, 0.9]; judgements 0>1, 1=2, 2>0. Counting each in both directions,
/// per completion (credit, judged): c0 (1 + 0, 2), c1 (0 + 0.5, 2), c2 (0.5 + 1, 2).
///
/// p2, scores [0.2, 0.22, 0.8]; judgements 0>1, 2>0, 1=2, 0=1. Per completion:
/// c0 (1 + 0 + 0.5, 3) = (1.5, 3), c1 (0 + 0.5 + 0.5, 3) = (1, 3), c2 (1 + 0.5, 2) = (1.5, 2).
fn tiny_dataset() -> (Vec<PromptCompletions>, Vec<PairwiseJudgement>) {
    let prompts = vec![
        prompt("p1", &[0.1, 0.5, 0.9]),
        prompt("p2", &[0.2, 0.22, 0.8]),
    ];
    let judgements = vec![
        judgement("p1", 0, 1, Outcome::AWins),
        judgement("p1", 1, 2, Outcome::Tie),
        judgement("p1", 0, 2, Outcome::BWins),
        judgement("p2", 0, 1, Outcome::AWins),
        judgement("p2", 2, 0, Outcome::AWins),
        judgement("p2", 1, 2, Outcome::Tie),
        judgement("p2", 0, 1, Outcome::Tie),
    ];
    (prompts, judgements)
}

#[test]
fn hand_computed_example() {
    let (prompts, judgements) = tiny_dataset();
    let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
    assert_eq!(data.judged_prompts(), 2);

    // Threshold 0.6, 100 attempts: both prompts accept {c0, c1}, p_accept = 2/3, and
    // fail = (1/3)^100 ≈ 2e-48, so 1 - fail rounds to exactly 1.
    //   p1: win rate = (1 + 0.5) / (2 + 2) = 3/8
    //   p2: win rate = (1.5 + 1) / (3 + 3) = 5/12
    //   quality = (3/8 + 5/12) / 2 = 19/48 = 0.395833...
    let q = data.estimate_quality(0.6, &config(100)).unwrap();
    assert!((q.estimate - 19.0 / 48.0).abs() < 1e-15, "{}", q.estimate);
    assert_eq!((q.prompts_used, q.prompts_skipped), (2, 0));
    assert!((q.mean_acceptance_rate - 2.0 / 3.0).abs() < 1e-15);
    // With two prompts the resampled mean is 3/8, 19/48 or 5/12; with 2,000 resamples the
    // 2.5% and 97.5% quantiles are the extremes (each has probability 1/4).
    assert!((q.interval.lower - 3.0 / 8.0).abs() < 1e-15);
    assert!((q.interval.upper - 5.0 / 12.0).abs() < 1e-15);

    // Threshold 0.21, 2 attempts, so that failures matter:
    //   p1 accepts {c0}: p_accept = 1/3, fail = (2/3)^2 = 4/9, win rate = 1/2,
    //      q1 = (5/9)(1/2) = 5/18
    //   p2 accepts {c0} (0.22 is not < 0.21): fail = 4/9, win rate = 1.5/3 = 1/2, q2 = 5/18
    let q = data.estimate_quality(0.21, &config(2)).unwrap();
    assert!((q.estimate - 5.0 / 18.0).abs() < 1e-15, "{}", q.estimate);
    assert!((q.mean_failure_probability - 4.0 / 9.0).abs() < 1e-15);

    // Threshold 0.25, 2 attempts: p1 as above (q1 = 5/18); p2 accepts {c0, c1}:
    //   fail = (1/3)^2 = 1/9, win rate = 5/12, q2 = (8/9)(5/12) = 10/27
    //   quality = (5/18 + 10/27) / 2 = 35/108
    let q = data.estimate_quality(0.25, &config(2)).unwrap();
    assert!((q.estimate - 35.0 / 108.0).abs() < 1e-15, "{}", q.estimate);
}

#[test]
fn accepting_everything_gives_one_half_exactly() {
    let (prompts, judgements) = tiny_dataset();
    let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
    // Filtered = unfiltered: each judgement adds 1 credit and 2 judged comparisons.
    for threshold in [f64::INFINITY, 1.0] {
        let q = data.estimate_quality(threshold, &config(100)).unwrap();
        assert_eq!(q.estimate, 0.5);
        assert_eq!((q.interval.lower, q.interval.upper), (0.5, 0.5));
        assert_eq!(q.mean_failure_probability, 0.0);
    }
}

#[test]
fn rejecting_everything_gives_zero() {
    let (prompts, judgements) = tiny_dataset();
    let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
    // All scores are >= 0.1, so threshold 0.1 rejects every completion (0.1 is not < 0.1):
    // every attempt fails and every comparison is a loss.
    for threshold in [0.1, 0.0, f64::NEG_INFINITY] {
        let q = data.estimate_quality(threshold, &config(100)).unwrap();
        assert_eq!(q.estimate, 0.0);
        assert_eq!((q.interval.lower, q.interval.upper), (0.0, 0.0));
        assert_eq!(q.mean_failure_probability, 1.0);
        assert_eq!(q.mean_acceptance_rate, 0.0);
    }
}

#[test]
fn prompts_without_information_are_left_out() {
    let (mut prompts, mut judgements) = tiny_dataset();
    // p3: only its two rejected completions were ever compared; p4: never judged.
    prompts.push(prompt("p3", &[0.05, 0.7, 0.9]));
    prompts.push(prompt("p4", &[0.05, 0.7]));
    judgements.push(judgement("p3", 1, 2, Outcome::AWins));
    let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
    assert_eq!((data.judged_prompts(), data.unjudged_prompts()), (3, 1));
    // At 0.6, p3 accepts only c0, which was never judged: skipped; same 19/48 as before.
    let q = data.estimate_quality(0.6, &config(100)).unwrap();
    assert_eq!((q.prompts_used, q.prompts_skipped), (2, 1));
    assert!((q.estimate - 19.0 / 48.0).abs() < 1e-15);
    // At +inf p3 counts (and gives 1/2).
    let q = data.estimate_quality(f64::INFINITY, &config(100)).unwrap();
    assert_eq!((q.prompts_used, q.estimate), (3, 0.5));
}

#[test]
fn quality_curve_and_selection() {
    let (prompts, judgements) = tiny_dataset();
    let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
    let thresholds = [0.0, 0.6, f64::INFINITY];
    let curve = data.quality_curve(&thresholds, &config(100)).unwrap();
    let estimates: Vec<f64> = curve.iter().map(|q| q.estimate).collect();
    assert_eq!(estimates[0], 0.0);
    assert!((estimates[1] - 19.0 / 48.0).abs() < 1e-15);
    assert_eq!(estimates[2], 0.5);
    // Floor 0.36: 0.6's lower bound is 3/8 = 0.375 > 0.36, so 0.6 is the lowest that passes.
    let chosen = data
        .select_threshold(&thresholds, 0.36, &config(100))
        .unwrap();
    assert_eq!(chosen.threshold, 0.6);
    // The paper's floor 0.48: only +inf passes.
    let chosen = data
        .select_threshold(&thresholds, 0.48, &config(100))
        .unwrap();
    assert_eq!(chosen.threshold, f64::INFINITY);
    // Without +inf, nothing does.
    assert!(matches!(
        data.select_threshold(&thresholds[..2], 0.48, &config(100)),
        Err(MetricsError::NoThresholdKeepsQuality { .. })
    ));
}

#[test]
fn invalid_datasets_are_errors_naming_the_culprit() {
    let (prompts, mut judgements) = tiny_dataset();
    judgements.push(judgement("p2", 1, 3, Outcome::Tie));
    let err = PairwiseQualityData::new(&prompts, &judgements).unwrap_err();
    assert_eq!(
        err,
        MetricsError::UnknownCompletion {
            prompt_id: "p2".into(),
            index: 3,
            completions: 3
        }
    );
    let message = err.to_string();
    assert!(
        message.contains("\"p2\"") && message.contains("completion 3"),
        "{message}"
    );

    let (prompts, mut judgements) = tiny_dataset();
    judgements.push(judgement("p9", 0, 1, Outcome::Tie));
    assert_eq!(
        PairwiseQualityData::new(&prompts, &judgements).unwrap_err(),
        MetricsError::UnknownPrompt {
            prompt_id: "p9".into()
        }
    );

    let (prompts, mut judgements) = tiny_dataset();
    judgements.push(judgement("p1", 2, 2, Outcome::Tie));
    assert!(matches!(
        PairwiseQualityData::new(&prompts, &judgements),
        Err(MetricsError::SelfComparison { index: 2, .. })
    ));

    let (mut prompts, judgements) = tiny_dataset();
    prompts.push(prompt("p1", &[0.3]));
    assert!(matches!(
        PairwiseQualityData::new(&prompts, &judgements),
        Err(MetricsError::DuplicatePrompt { .. })
    ));

    let (mut prompts, judgements) = tiny_dataset();
    prompts[1].scores[2] = f64::NAN;
    assert!(matches!(
        PairwiseQualityData::new(&prompts, &judgements),
        Err(MetricsError::NanCompletionScore { index: 2, .. })
    ));

    let (prompts, judgements) = tiny_dataset();
    let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
    assert!(data.estimate_quality(f64::NAN, &config(100)).is_err());
    assert!(data.estimate_quality(0.5, &config(0)).is_err());
    let empty = PairwiseQualityData::new(&[], &[]).unwrap();
    assert!(matches!(
        empty.estimate_quality(0.5, &config(100)),
        Err(MetricsError::NoQualityInformation { .. })
    ));
}

#[test]
fn data_types_read_from_jsonl() {
    let prompts = r#"{"prompt_id": "p1", "scores": [0.1, 0.5, 0.9]}
{"prompt_id": "p2", "scores": [0.2, 0.22, 0.8]}"#;
    let judgements = r#"{"prompt_id": "p1", "a": 0, "b": 1, "outcome": "a_wins"}
{"prompt_id": "p1", "a": 1, "b": 2, "outcome": "tie"}
{"prompt_id": "p1", "a": 0, "b": 2, "outcome": "b_wins"}
{"prompt_id": "p2", "a": 0, "b": 1, "outcome": "a_wins"}
{"prompt_id": "p2", "a": 2, "b": 0, "outcome": "a_wins"}
{"prompt_id": "p2", "a": 1, "b": 2, "outcome": "tie"}
{"prompt_id": "p2", "a": 0, "b": 1, "outcome": "tie"}"#;
    let prompts: Vec<PromptCompletions> = prompts
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let judgements: Vec<PairwiseJudgement> = judgements
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!((prompts.clone(), judgements.clone()), tiny_dataset());
    let line = serde_json::to_string(&judgements[0]).unwrap();
    assert_eq!(line, r#"{"prompt_id":"p1","a":0,"b":1,"outcome":"a_wins"}"#);
}

#[test]
fn direct_evaluation() {
    // 3 wins, 2 ties, 5 losses → scores mean 0.4.
    // numpy 2.4.6 / scipy 1.17.1: s.std(ddof=1) and norm.ppf(0.975):
    //   0.4 ± 1.959964 · s / sqrt(10) = [0.11522383528035302, 0.6847761647196471]
    let mut outcomes = vec![Outcome::AWins; 3];
    outcomes.extend([Outcome::Tie; 2]);
    outcomes.extend([Outcome::BWins; 5]);
    let q = direct_quality(&outcomes, 0.95).unwrap();
    assert_eq!((q.wins, q.ties, q.losses), (3, 2, 5));
    assert!((q.estimate - 0.4).abs() < 1e-15);
    assert!((q.interval.lower - 0.11522383528035302).abs() < 1e-12);
    assert!((q.interval.upper - 0.6847761647196471).abs() < 1e-12);

    // Paper-sized: 5000 prompts, 2400 wins, 150 ties, 2450 losses: same formula in numpy
    // gives 0.495 [0.4813497688198399, 0.5086502311801602].
    let mut outcomes = vec![Outcome::AWins; 2400];
    outcomes.extend([Outcome::Tie; 150]);
    outcomes.extend([Outcome::BWins; 2450]);
    let q = direct_quality(&outcomes, 0.95).unwrap();
    assert!((q.estimate - 0.495).abs() < 1e-12);
    assert!((q.interval.lower - 0.4813497688198399).abs() < 1e-12);
    assert!((q.interval.upper - 0.5086502311801602).abs() < 1e-12);

    assert!(direct_quality(&[Outcome::Tie], 0.95).is_err());
    assert!(direct_quality(&outcomes, 1.0).is_err());
    // All wins: a degenerate interval clipped at 1.
    let q = direct_quality(&[Outcome::AWins; 4], 0.95).unwrap();
    assert_eq!((q.interval.lower, q.interval.upper), (1.0, 1.0));
}

mod selection_walk {
    use super::*;
    use metrics::{distinct_score_thresholds, select_threshold_by_quality};
    use proptest::prelude::*;

    /// Prompts of 2–5 completions with scores on a grid of 1/32, every pair judged.
    fn study() -> impl Strategy<Value = (Vec<PromptCompletions>, Vec<PairwiseJudgement>)> {
        prop::collection::vec(prop::collection::vec((0u32..32, 0u8..3), 2..6), 1..8).prop_map(
            |prompts| {
                let mut listed = Vec::new();
                let mut judged = Vec::new();
                for (p, completions) in prompts.iter().enumerate() {
                    let id = format!("p{p}");
                    let scores: Vec<f64> = completions
                        .iter()
                        .map(|&(s, _)| f64::from(s) / 32.0)
                        .collect();
                    listed.push(prompt(&id, &scores));
                    for a in 0..completions.len() {
                        for b in a + 1..completions.len() {
                            let outcome = match (completions[a].1 + completions[b].1) % 3 {
                                0 => Outcome::AWins,
                                1 => Outcome::Tie,
                                _ => Outcome::BWins,
                            };
                            judged.push(judgement(&id, a, b, outcome));
                        }
                    }
                }
                (listed, judged)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The ascending walk that stops at the first qualifying candidate chooses what the
        /// rule chooses over the whole curve, and fails where it fails.
        #[test]
        fn the_walk_agrees_with_the_rule_over_the_whole_curve(
            (prompts, judgements) in study(),
            floor in 0.0f64..0.6,
        ) {
            let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
            let mut candidates = distinct_score_thresholds(&data.completion_scores()).unwrap();
            candidates.reverse(); // any order
            let config = config(20);
            let walked = data.select_threshold(&candidates, floor, &config);
            let whole = select_threshold_by_quality(
                &data.quality_curve(&candidates, &config).unwrap(),
                floor,
            );
            prop_assert_eq!(walked, whole);
        }
    }
}
