//! The beyond-the-paper experiments end to end at `--scale tiny`, on one tiny main-job run:
//! each writes its report, results and figures; every campaign spent its rounds; every
//! rate is a valid estimate with its interval; a rerun resumes to the same results; the
//! experiment refuses the main run's own directory.

use std::path::Path;

use highstakes::beyond::{Experiment, attack_strength, egregious, update_frequency};
use highstakes::pipeline::{PipelineError, RunOptions, Scale, Settings};
use serde_json::Value;

fn options() -> RunOptions {
    RunOptions {
        fresh: false,
        progress: false,
        verbose: true,
    }
}

/// Every `{k, n, estimate, interval}` in `value` is a valid rate with its interval.
fn check_rates(value: &Value, found: &mut usize) {
    match value {
        Value::Object(map) => {
            if let (Some(k), Some(n), Some(e), Some(i)) = (
                map.get("k").and_then(Value::as_u64),
                map.get("n").and_then(Value::as_u64),
                map.get("estimate").and_then(Value::as_f64),
                map.get("interval"),
            ) {
                let (lo, hi) = (i["lower"].as_f64().unwrap(), i["upper"].as_f64().unwrap());
                assert!(k <= n && n > 0, "{value}");
                assert_eq!(e, k as f64 / n as f64, "{value}");
                assert!(0.0 <= lo && lo <= hi && hi <= 1.0, "{value}");
                *found += 1;
            }
            map.values().for_each(|v| check_rates(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| check_rates(v, found)),
        _ => {}
    }
}

fn check_dir(dir: &Path, heading: &str, figure: &str) -> Value {
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    assert!(report.starts_with(heading), "{report}");
    assert!(report.contains("**Finding.**"), "{report}");
    for ext in ["svg", "png"] {
        let f = dir.join("figures").join(format!("{figure}.{ext}"));
        assert!(f.metadata().unwrap().len() > 1000, "{}", f.display());
    }
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap();
    let mut rates = 0;
    check_rates(&results, &mut rates);
    assert!(rates > 0, "no rate in {results}");
    // three classifiers compared on the test set and under fresh attack
    assert_eq!(results["test"].as_array().unwrap().len(), 3);
    assert!(results["fresh_attacks"].as_array().unwrap().len() >= 3);
    results
}

#[test]
fn the_experiments_run_resume_and_report() {
    tch::set_num_threads(2);
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    let settings = Settings::new(Scale::Tiny);
    let sizes = highstakes::beyond::BeyondSizes::of(Scale::Tiny);

    let dir = tmp.path().join("update_frequency");
    let mut exp = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    update_frequency::run(&mut exp).unwrap();
    let first = check_dir(
        &dir,
        "## Update the model much more frequently",
        update_frequency::NAME,
    );
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
    assert_eq!(first, second);

    let dir = tmp.path().join("egregious");
    let mut exp = Experiment::open(settings.clone(), &base, &dir, &options()).unwrap();
    egregious::run(&mut exp).unwrap();
    check_dir(
        &dir,
        "## Train on the most egregious failures",
        egregious::NAME,
    );

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

    // the experiment never writes into the main run
    let err = Experiment::open(settings, &base, &base, &options())
        .err()
        .unwrap();
    assert!(matches!(err, PipelineError::Setting(_)), "{err}");
}
