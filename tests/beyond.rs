//! The beyond-the-paper experiments end to end at `--scale tiny`, on one tiny main-job run:
//! each writes its report, results and figures; every campaign spent its rounds; every
//! rate is a valid estimate with its interval; a rerun resumes to the same results; the
//! experiment refuses the main run's own directory.

#[path = "support/json.rs"]
mod json;

use std::path::Path;

use highstakes::experiments::{
    Experiment, attack_strength, competent, egregious, failure_rate, update_frequency,
};
use highstakes::pipeline::{PipelineError, RunOptions, Scale, Settings};
use serde_json::Value;

fn options() -> RunOptions {
    RunOptions {
        fresh: false,
        progress: false,
        log: None,
        replicates: 1,
    }
    .with_log(|event| println!("{event}"))
}

/// Every `{k, n, estimate, interval}` in `value` is the rate `RateEstimate` makes of its
/// counts (`json::assert_rate`).
fn check_rates(value: &Value, found: &mut usize) {
    match value {
        Value::Object(map) => {
            if map.contains_key("k") && map.contains_key("interval") {
                json::assert_rate("rate", value);
                *found += 1;
            }
            map.values().for_each(|v| check_rates(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| check_rates(v, found)),
        _ => {}
    }
}

/// Every other `{estimate, interval}` in `value` (an estimated probability that is not a
/// count ratio: importance sampling, splitting) has its interval in [0, 1] around it (an
/// importance-sampling estimate: see inside).
fn check_estimates(value: &Value, found: &mut usize) {
    match value {
        Value::Object(map) => {
            if let (None, Some(e), Some(i)) = (
                map.get("k"),
                map.get("estimate").and_then(Value::as_f64),
                map.get("interval"),
            ) {
                let (lo, hi) = (i["lower"].as_f64().unwrap(), i["upper"].as_f64().unwrap());
                assert!(0.0 <= lo && lo <= hi && hi <= 1.0, "{value}");
                if let Some(sn) = map.get("self_normalized").and_then(Value::as_f64) {
                    // an importance-sampling estimate: the unbiased (1/n) Σ w f can exceed
                    // 1 by chance when the weights' mean does (metrics::ImportanceEstimate),
                    // and its interval is clipped to [0, 1]; the self-normalised estimate
                    // is a probability inside its own interval
                    let j = &map["self_normalized_interval"];
                    let (slo, shi) = (j["lower"].as_f64().unwrap(), j["upper"].as_f64().unwrap());
                    assert!(e >= 0.0 && e.is_finite(), "{value}");
                    assert!(
                        slo <= sn && sn <= shi && (0.0..=1.0).contains(&sn),
                        "{value}"
                    );
                } else {
                    assert!(lo <= e && e <= hi, "{value}");
                }
                *found += 1;
            }
            map.values().for_each(|v| check_estimates(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| check_estimates(v, found)),
        _ => {}
    }
}

/// The report starts with `heading` and states a finding, the figure (if any) is drawn,
/// and every rate of the results is valid; `count_rates` says whether the results must
/// hold a `k / n` rate (the failure-rate experiment's are estimates, checked apart).
fn check_report(dir: &Path, heading: &str, figure: Option<&str>, count_rates: bool) -> Value {
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    assert!(report.starts_with(heading), "{report}");
    assert!(report.contains("**Finding.**"), "{report}");
    for ext in figure.map_or(&[][..], |_| &["svg", "png"][..]) {
        let f = dir
            .join("figures")
            .join(format!("{}.{ext}", figure.unwrap_or_default()));
        assert!(f.metadata().unwrap().len() > 1000, "{}", f.display());
    }
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap();
    let mut rates = 0;
    check_rates(&results, &mut rates);
    assert!(!count_rates || rates > 0, "no rate in {results}");
    results
}

fn check_dir(dir: &Path, heading: &str, figure: &str) -> Value {
    let results = check_report(dir, heading, Some(figure), true);
    // three classifiers compared on the test set and under fresh attack
    assert_eq!(results["test"].as_array().unwrap().len(), 3);
    assert!(results["fresh_attacks"].as_array().unwrap().len() >= 3);
    results
}

/// The attack at each classifier's own threshold ran on every classifier from the seeds
/// all three flag at theirs (`eval/{name}_own_threshold_seeds.json`), or, when there is
/// none, not at all.
fn check_own_threshold(results: &Value, dir: &Path, name: &str) {
    let own = &results["own_threshold"];
    let seeds: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("eval/{name}_own_threshold_seeds.json")))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(own["seeds"].as_u64(), Some(seeds.len() as u64), "{own}");
    assert_eq!(own["thresholds"].as_array().unwrap().len(), 3, "{own}");
    let attacks = own["attacks"].as_array().unwrap();
    assert_eq!(attacks.len(), if seeds.is_empty() { 0 } else { 3 }, "{own}");
    for a in attacks {
        assert_eq!(
            a["effort"]["success_rate"]["n"].as_u64(),
            Some(seeds.len() as u64),
            "{a}"
        );
    }
}

#[test]
fn the_experiments_run_resume_and_report() {
    tch::set_num_threads(2);
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    let settings = Settings::new(Scale::Tiny);
    let sizes = highstakes::experiments::ExperimentSizes::of(Scale::Tiny);

    let dir = tmp.path().join("update_frequency");
    let mut exp = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    update_frequency::run(&mut exp).unwrap();
    let first = check_dir(
        &dir,
        "## Update the model much more frequently",
        update_frequency::NAME,
    );
    check_own_threshold(&first, &dir, "update_frequency");
    // both schedules ran all their rounds
    let campaigns = first["campaigns"].as_array().unwrap();
    assert_eq!(
        campaigns[0]["rounds"].as_array().unwrap().len(),
        sizes.few_rounds
    );
    assert_eq!(
        campaigns[1]["rounds"].as_array().unwrap().len(),
        sizes.many_rounds
    );
    // a rerun finds every stage done and gives the same results
    drop(exp);
    let mut again = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    update_frequency::run(&mut again).unwrap();
    let second: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap();
    json::assert_close(&first, &second);

    let dir = tmp.path().join("egregious");
    let mut exp = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    egregious::run(&mut exp).unwrap();
    let r = check_dir(
        &dir,
        "## Train on the most egregious failures",
        egregious::NAME,
    );
    check_own_threshold(&r, &dir, "egregious");

    let dir = tmp.path().join("attack_strength");
    let mut exp = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    attack_strength::run(&mut exp).unwrap();
    let r = check_dir(
        &dir,
        "## Generalisation across attack strength",
        attack_strength::NAME,
    );
    // both attacks on all three classifiers
    assert_eq!(r["fresh_attacks"].as_array().unwrap().len(), 6);

    let dir = tmp.path().join("competent");
    let mut exp = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    competent::run(&mut exp).unwrap();
    let r = check_report(
        &dir,
        "## Competent catastrophes",
        Some(competent::NAME),
        true,
    );
    // the base and the three fine-tunes
    assert_eq!(r["generators"].as_array().unwrap().len(), 4);
    // each kind of data kept what its rule says of the judged training samples
    // (samples/train.json), and every fine-tune saw the smallest kind's count
    let train: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("samples/train.json")).unwrap())
            .unwrap();
    let samples = train["samples"].as_array().unwrap();
    let threshold = r["threshold"].as_f64().unwrap();
    let scored = samples.iter().filter(|s| s["score"].is_f64());
    let expected = [
        scored.clone().count(),
        scored
            .clone()
            .filter(|s| s["score"].as_f64().unwrap() < threshold)
            .count(),
        scored
            .filter(|s| !s["injurious"].as_bool().unwrap())
            .count(),
    ];
    let kept: Vec<u64> = r["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kept"].as_u64().unwrap())
        .collect();
    assert_eq!(kept, expected.map(|n| n as u64), "{}", r["kept"]);
    assert_eq!(
        r["fine_tune_texts"].as_u64(),
        kept.iter().min().copied(),
        "{r}"
    );

    let dir = tmp.path().join("failure_rate");
    let mut exp = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    failure_rate::run(&mut exp).unwrap();
    let r = check_report(
        &dir,
        "## The failure rate of the filtered generator",
        Some(failure_rate::NAME),
        false,
    );
    // plain sampling, importance sampling and splitting at each of the three thresholds
    let mut estimates = 0;
    check_estimates(&r, &mut estimates);
    assert!(estimates >= 3 * 3, "{r}");
    let thresholds = r["thresholds"].as_array().unwrap();
    assert_eq!(thresholds.len(), 3);
    for t in thresholds {
        // plain sampling's exact bound holds its own estimate (failing / accepted)
        let (k, n) = (
            t["plain_counts"][0].as_f64().unwrap(),
            t["plain_counts"][1].as_f64().unwrap(),
        );
        let bound = t["plain_upper_bound"].as_f64().unwrap();
        assert!(bound <= 1.0 && (n == 0.0 || bound >= k / n), "{t}");
        // importance sampling's draws all carry a weight no larger than the bound 1/(1 − λ)
        let importance = &t["importance"];
        let interval = &importance["filtered_interval"];
        assert!(
            interval["lower"].as_f64() <= interval["upper"].as_f64(),
            "{t}"
        );
        assert!(
            importance["failure"]["mean_weight"].as_f64().unwrap() > 0.0,
            "{t}"
        );
    }

    // the experiment never writes into the main run
    let err = Experiment::open(settings, &base, &base, &options())
        .err()
        .unwrap();
    assert!(matches!(err, PipelineError::Setting(_)), "{err}");
}
