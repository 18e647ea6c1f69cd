//! Every function that takes a vector of numbers gives, from ndarray arrays and views
//! (owned, borrowed, a strided column of a table, a reversed view), exactly the numbers it
//! gives from slices of the same elements: compared through `Debug`, which prints every
//! `f64` so that it reads back bit for bit (and makes NaN equal to NaN).

use std::fmt::Debug;

use metrics::ndarray::{Array1, Array2, ArrayView1, s};
use metrics::{
    BootstrapConfig, ConfusionCounts, ImportanceConfig, ImportanceIntervalMethod, IntervalMethod,
    Outcome, PairwiseJudgement, PairwiseQualityData, PromptCompletions, QualityConfig,
    bootstrap_mean, bootstrap_ratio_of_means, bootstrap_statistic, distinct_score_thresholds,
    importance_estimate, roc_auc, threshold_sweep, threshold_sweep_all, threshold_sweep_with,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The same value, bit for bit (errors included).
fn same<T: Debug>(from_array: T, from_slice: T) {
    assert_eq!(format!("{from_array:?}"), format!("{from_slice:?}"));
}

/// `n` scores in [0, 1) rounded to 2 places (so that there are ties) and labels.
fn data(n: usize, seed: u64) -> (Vec<f64>, Vec<bool>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let scores: Vec<f64> = (0..n)
        .map(|_| (rng.random::<f64>() * 100.0).floor() / 100.0)
        .collect();
    let labels = scores
        .iter()
        .map(|&s| rng.random_bool(0.2 + 0.6 * s))
        .collect();
    (scores, labels)
}

/// The scores and labels as the two columns of a row-major table: strided views.
fn table(scores: &[f64], labels: &[bool]) -> Array2<f64> {
    let mut t = Array2::zeros((scores.len(), 2));
    for (i, (&s, &l)) in scores.iter().zip(labels).enumerate() {
        t[[i, 0]] = s;
        t[[i, 1]] = f64::from(u8::from(l));
    }
    t
}

fn reversed<T: Clone>(v: &[T]) -> Vec<T> {
    v.iter().rev().cloned().collect()
}

#[test]
fn threshold_sweeps_and_confusion_counts() {
    let (scores, labels) = data(300, 1);
    let thresholds = [0.0, 0.05, 0.3, 0.3, 0.5, 0.99, 2.0, f64::INFINITY, 0.1];
    let t = table(&scores, &labels);
    let label_column: Array1<bool> = t.column(1).mapv(|l| l == 1.0);
    let owned = Array1::from(scores.clone());
    let owned_labels = Array1::from(labels.clone());
    let owned_thresholds = Array1::from(thresholds.to_vec());

    let expected = threshold_sweep(&scores, &labels, &thresholds);
    assert!(expected.is_ok());
    same(
        threshold_sweep(&owned, &owned_labels, &owned_thresholds),
        expected.clone(),
    );
    same(
        threshold_sweep(owned.view(), owned_labels.view(), owned_thresholds.view()),
        expected.clone(),
    );
    // strided columns of the table
    assert!(t.column(0).as_slice().is_none());
    same(
        threshold_sweep(t.column(0), &label_column, &thresholds),
        expected,
    );

    let expected = threshold_sweep_with(&scores, &labels, &thresholds, IntervalMethod::Wilson, 0.9);
    same(
        threshold_sweep_with(
            t.column(0),
            &label_column,
            &owned_thresholds,
            IntervalMethod::Wilson,
            0.9,
        ),
        expected,
    );

    same(
        threshold_sweep_all(t.column(0), &label_column),
        threshold_sweep_all(&scores, &labels),
    );
    same(
        distinct_score_thresholds(t.column(0)),
        distinct_score_thresholds(&scores),
    );

    for threshold in [0.0, 0.05, 0.5, 1.0] {
        same(
            ConfusionCounts::from_scores(t.column(0), &label_column, threshold),
            ConfusionCounts::from_scores(&scores, &labels, threshold),
        );
    }

    // a reversed view against the reversed slice
    let (back, back_labels) = (reversed(&scores), reversed(&labels));
    same(
        threshold_sweep(
            owned.slice(s![..;-1]),
            owned_labels.slice(s![..;-1]),
            &thresholds,
        ),
        threshold_sweep(&back, &back_labels, &thresholds),
    );
}

#[test]
fn errors_are_the_same_too() {
    let empty: [f64; 0] = [];
    same(
        threshold_sweep(
            Array1::<f64>::zeros(0).view(),
            ArrayView1::<bool>::from(&[]),
            &[0.5],
        ),
        threshold_sweep(&empty, &[], &[0.5]),
    );
    same(
        ConfusionCounts::from_scores(
            &Array1::from(vec![0.1, f64::NAN]),
            &Array1::from(vec![true, false]),
            0.5,
        ),
        ConfusionCounts::from_scores(&[0.1, f64::NAN], &[true, false], 0.5),
    );
    same(
        ConfusionCounts::from_scores(
            &Array1::from(vec![0.1, 0.2]),
            &Array1::from(vec![true]),
            0.5,
        ),
        ConfusionCounts::from_scores(&[0.1, 0.2], &[true], 0.5),
    );
    same(
        bootstrap_mean(
            &Array1::from(vec![1.0, f64::INFINITY]),
            &BootstrapConfig::default(),
        ),
        bootstrap_mean(&[1.0, f64::INFINITY], &BootstrapConfig::default()),
    );
}

#[test]
fn roc_auc_of_arrays() {
    let (scores, labels) = data(200, 2);
    let t = table(&scores, &labels);
    let positives: Vec<f64> = scores
        .iter()
        .zip(&labels)
        .filter(|p| *p.1)
        .map(|p| *p.0)
        .collect();
    let negatives: Vec<f64> = scores
        .iter()
        .zip(&labels)
        .filter(|p| !*p.1)
        .map(|p| *p.0)
        .collect();
    let expected = roc_auc(&positives, &negatives, 0.95);
    assert!(expected.is_ok());
    same(
        roc_auc(
            &Array1::from(positives.clone()),
            &Array1::from(negatives.clone()),
            0.95,
        ),
        expected,
    );
    // every other row of the table's score column
    let every_other: Vec<f64> = scores.iter().step_by(2).copied().collect();
    same(
        roc_auc(t.slice(s![..;2, 0]), &negatives, 0.9),
        roc_auc(&every_other, &negatives, 0.9),
    );
}

#[test]
fn bootstraps_of_arrays() {
    let (scores, labels) = data(120, 3);
    let t = table(&scores, &labels);
    let config = BootstrapConfig::new(1_000, 0.95, 5).unwrap();
    let expected = bootstrap_mean(&scores, &config);
    assert!(expected.is_ok());
    same(
        bootstrap_mean(&Array1::from(scores.clone()), &config),
        expected.clone(),
    );
    same(bootstrap_mean(t.column(0), &config), expected);

    let numerator: Vec<f64> = scores.iter().map(|s| s + 1.0).collect();
    let denominator: Vec<f64> = scores.iter().take(50).map(|s| s + 0.5).collect();
    let expected = bootstrap_ratio_of_means(&numerator, &denominator, &config);
    assert!(expected.is_ok());
    same(
        bootstrap_ratio_of_means(
            &Array1::from(numerator.clone()),
            Array1::from(denominator.clone()).view(),
            &config,
        ),
        expected,
    );

    let max = |xs: &[f64]| xs.iter().copied().fold(f64::MIN, f64::max);
    let expected = bootstrap_statistic(&scores, max, &config);
    assert!(expected.is_ok());
    same(bootstrap_statistic(t.column(0), max, &config), expected);
    let back = reversed(&scores);
    let owned = Array1::from(scores);
    same(
        bootstrap_statistic(owned.slice(s![..;-1]), max, &config),
        bootstrap_statistic(&back, max, &config),
    );
}

#[test]
fn importance_estimates_of_arrays() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let log_weights: Vec<f64> = (0..500).map(|_| -3.0 * rng.random::<f64>()).collect();
    let failures: Vec<bool> = (0..500).map(|_| rng.random_bool(0.05)).collect();
    let weights = Array1::from(log_weights.clone());
    let flags = Array1::from(failures.clone());
    for method in [
        ImportanceIntervalMethod::Normal,
        ImportanceIntervalMethod::Bootstrap {
            resamples: 500,
            seed: 9,
        },
    ] {
        let config = ImportanceConfig {
            method,
            ..ImportanceConfig::default()
        };
        let expected = importance_estimate(&log_weights, &failures, &config);
        assert!(expected.is_ok());
        same(
            importance_estimate(&weights, &flags, &config),
            expected.clone(),
        );
        same(
            importance_estimate(weights.view(), flags.view(), &config),
            expected,
        );
    }
}

#[test]
fn quality_from_arrays() {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let prompts: Vec<PromptCompletions> = (0..30)
        .map(|p| PromptCompletions {
            prompt_id: format!("p{p}"),
            scores: (0..4).map(|_| rng.random::<f64>()).collect(),
        })
        .collect();
    let outcomes = [Outcome::AWins, Outcome::BWins, Outcome::Tie];
    let judgements: Vec<PairwiseJudgement> = (0..90)
        .map(|j| PairwiseJudgement {
            prompt_id: format!("p{}", j % 30),
            a: j % 4,
            b: (j + 1) % 4,
            outcome: outcomes[rng.random_range(0..3)],
        })
        .collect();
    let data = PairwiseQualityData::new(&prompts, &judgements).unwrap();
    let config = QualityConfig {
        bootstrap: BootstrapConfig::new(500, 0.95, 3).unwrap(),
        ..QualityConfig::default()
    };

    let scores = data.completion_scores_array();
    same(scores.to_vec(), data.completion_scores());
    let candidates = distinct_score_thresholds(&scores);
    same(
        candidates.clone(),
        distinct_score_thresholds(&data.completion_scores()),
    );
    let candidates = candidates.unwrap();
    let as_array = Array1::from(candidates.clone());

    let expected = data.quality_curve(&candidates, &config);
    assert!(expected.is_ok());
    same(data.quality_curve(&as_array, &config), expected);
    for floor in [0.0, 0.3, 0.48, 0.99] {
        same(
            data.select_threshold(as_array.view(), floor, &config),
            data.select_threshold(&candidates, floor, &config),
        );
    }
    // a strided selection of the candidates
    let every_third: Vec<f64> = candidates.iter().step_by(3).copied().collect();
    same(
        data.select_threshold(as_array.slice(s![..;3]), 0.3, &config),
        data.select_threshold(&every_third, 0.3, &config),
    );
}
