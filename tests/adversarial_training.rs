//! The main job end to end at `--scale tiny`: every stage runs, the report holds every
//! table and figure with numbers in their valid ranges, a rerun resumes (and recomputes
//! a removed stage to the same numbers), and a run directory of other settings or a
//! corrupt manifest is refused with an error naming the file.

#[path = "support/json.rs"]
mod json;

use std::path::Path;

use highstakes::pipeline::report::results::Results;
use highstakes::pipeline::{
    MANIFEST_FILE, PipelineError, REPLICATES_DIR, REPLICATES_FILE, RunOptions, SHARED_STAGES,
    Scale, Settings, run, run_until, stage_names,
};
use metrics::{BootstrapEstimate, Interval, RateEstimate};

fn options() -> RunOptions {
    RunOptions {
        fresh: false,
        progress: false,
        log: None,
        replicates: 1,
    }
    .with_log(|event| println!("{event}"))
}

fn results(dir: &Path) -> Results {
    let text = std::fs::read_to_string(dir.join("results.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A rate read back from results.json is the one `RateEstimate` makes of its counts
/// (`json::assert_rate`).
fn check_rate(what: &str, r: &RateEstimate) {
    json::assert_rate(what, &serde_json::to_value(r).expect("a rate serialises"));
}

/// A fraction (a quality, an AUC) and its interval inside [0, 1] (the interval's order is
/// `Interval`'s own; a percentile-bootstrap interval need not hold its estimate).
fn check_fraction(what: &str, estimate: f64, interval: &Interval) {
    assert!((0.0..=1.0).contains(&estimate), "{what}: {estimate}");
    assert!(
        0.0 <= interval.lower && interval.upper <= 1.0,
        "{what}: {interval:?}"
    );
}

fn check_boot(what: &str, b: &Option<BootstrapEstimate>, max: f64) {
    if let Some(b) = b {
        let i = b.interval;
        // an interval may be open above (+∞) when resamples found nothing
        assert!(
            0.0 <= i.lower && i.lower <= i.upper && (i.upper <= max || i.upper == f64::INFINITY),
            "{what}: {b:?}"
        );
        assert!(b.estimate.is_finite(), "{what}: {b:?}");
    }
}

/// An effort per adversarial example: the estimate Σ cost / Σ successes is there exactly
/// when something was found, and lies inside its (possibly open) interval.
fn check_effort(what: &str, b: &Option<BootstrapEstimate>, successes: u64) {
    assert_eq!(
        b.is_some(),
        successes > 0,
        "{what}: {b:?} with {successes} successes"
    );
    check_boot(what, b, f64::MAX);
    if let Some(b) = b {
        assert!(b.interval.contains(b.estimate), "{what}: {b:?}");
    }
}

/// `a` and `b` equal up to a relative 1e-12 (numbers read back from JSON).
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn check(dir: &Path, r: &Results) {
    // how the adversarial examples read: a rate per non-empty dataset, a world sentence
    // being well-formed too
    for row in &r.adversarial_language {
        check_rate(&row.dataset, &row.well_formed);
        check_rate(&row.dataset, &row.world_sentences);
        assert!(row.world_sentences.k <= row.well_formed.k, "{row:?}");
    }
    // Table 1: the initial data, the three rounds and the test sets are all there
    let sources: Vec<String> = r
        .table1
        .rows
        .iter()
        .map(|row| format!("{:?}", row.source))
        .collect();
    for s in ["InitialStories", "InDistributionTest"] {
        assert!(
            sources.iter().any(|x| x == s),
            "{s} missing from {sources:?}"
        );
    }
    // Table 2: four classifiers, thresholds in (0, 1), rates and quality in [0, 1]
    assert_eq!(r.table2.len(), 4);
    for row in &r.table2 {
        assert!(row.threshold > 0.0 && row.threshold < 1.0, "{row:?}");
        check_rate("test FNR", &row.test_fnr);
        check_rate("test FPR", &row.test_fpr);
        check_rate("FNR at acceptance", &row.test_fnr_at_acceptance);
        check_fraction("quality", row.quality.estimate, &row.quality.interval);
        // the candidates are the quality study's distinct scores, at most 16 × 4 at tiny
        assert!(
            (1..=64).contains(&row.threshold_candidates),
            "{} candidates",
            row.threshold_candidates
        );
        // Table 2's quality: measured afresh, on every fresh prompt, inside its interval
        let fresh = row.fresh_quality.as_ref().expect("fresh quality");
        assert_eq!(fresh.prompts, r.settings.sizes.fresh_quality_prompts);
        assert_eq!(fresh.attempts, r.settings.sizes.fresh_quality_attempts);
        let e = &fresh.estimate;
        assert_eq!(e.wins + e.ties + e.losses, fresh.prompts as u64);
        assert!(fresh.exhausted as u64 <= e.losses, "{fresh:?}");
        check_fraction("fresh quality", e.estimate, &e.interval);
        // ROC AUC on the test set (both classes are there), in [0, 1]
        let auc = row.test_auc.as_ref().expect("test AUC");
        assert_eq!(
            (auc.positives as u64, auc.negatives as u64),
            (row.test_fnr.n, row.test_fpr.n)
        );
        check_fraction("test ROC AUC", auc.estimate, &auc.interval);
        // the filter's effect: both rates from the same test counts as the FNR and FPR
        // (none when the filter accepts nothing, as a tiny classifier that flags every
        // test snippet at its threshold does: then no snippet passed it)
        let Some(f) = row.filter.as_ref() else {
            assert_eq!(
                row.test_fnr.k + row.test_fpr.n - row.test_fpr.k,
                0,
                "no filter effect although the filter accepted some snippets: {row:?}"
            );
            continue;
        };
        check_rate("unfiltered", &f.unfiltered);
        check_rate("filtered", &f.filtered);
        assert_eq!(f.unfiltered.n, row.test_fnr.n + row.test_fpr.n, "{f:?}");
        assert_eq!(f.unfiltered.k, row.test_fnr.n, "{f:?}");
        assert_eq!(f.filtered.k, row.test_fnr.k, "{f:?}");
        assert_eq!(
            f.filtered.n,
            row.test_fnr.k + row.test_fpr.n - row.test_fpr.k,
            "{f:?}"
        );
        assert!(f.reduction_interval.lower <= f.reduction, "{f:?}");
    }
    // the generator's check: every completion of the initial and test prompts counted
    let datasets: Vec<&str> = r.generator.iter().map(|c| c.dataset.as_str()).collect();
    assert_eq!(datasets, ["initial", "test"]);
    for (c, n) in r.generator.iter().zip([
        r.settings.sizes.initial_snippets,
        r.settings.sizes.test_snippets,
    ]) {
        assert_eq!(c.well_formed.n, n as u64, "{c:?}");
        check_rate("well-formed", &c.well_formed);
        check_rate("generator injurious", &c.generator_injurious);
        check_rate("world injurious", &c.world_injurious);
        assert_eq!(c.world_injurious.n, n as u64, "{c:?}");
        for part in [c.world_words_only, c.one_sentence] {
            assert!(c.well_formed.k <= part && part <= n as u64, "{c:?}");
        }
        assert!(c.world_sentences <= n as u64, "{c:?}");
    }
    // Figure 2: one row per classifier; egregiousness on the oracle's 1–10 scale
    assert_eq!(r.figure2.classifiers.len(), 4);
    for row in &r.figure2.classifiers {
        check_rate("success rate", &row.success_rate);
        let found = row.success_rate.k;
        check_effort("queries", &row.queries_per_success, found);
        check_effort("evaluations", &row.evaluations_per_success, found);
        check_effort("seconds", &row.seconds_per_success, found);
        assert!(row.spent.queries > 0, "{row:?}");
        if let Some(e) = &row.egregiousness {
            assert!((1.0..=10.0).contains(&e.estimate), "{e:?}");
        }
    }
    // Figure 3: 4 × 4; on its own dataset a classifier misses everything (the attack
    // only submits what its target accepts)
    assert_eq!(r.figure3.cells.len(), 4);
    for (d, row) in r.figure3.cells.iter().enumerate() {
        assert_eq!(row.len(), 4);
        for (c, cell) in row.iter().enumerate() {
            if let Some(rate) = cell {
                check_rate("figure 3", rate);
                if c == d {
                    assert_eq!(rate.k, rate.n, "diagonal of figure 3: {rate}");
                }
            }
        }
    }
    // Figure 3 at each classifier's own threshold: the thresholds are Table 2's, and
    // where a threshold is at or under the acceptance threshold it misses no more (the
    // same scores, a lower cut), and more where it is above
    assert_eq!(r.figure3.own_thresholds.len(), 4);
    for (own, row) in r.figure3.own_thresholds.iter().zip(&r.table2) {
        assert!(close(*own, row.threshold), "{own} vs {}", row.threshold);
    }
    assert_eq!(r.figure3.cells_at_own_threshold.len(), 4);
    let acceptance = r.settings.acceptance_threshold;
    for (fixed, own) in r
        .figure3
        .cells
        .iter()
        .zip(&r.figure3.cells_at_own_threshold)
    {
        assert_eq!(own.len(), 4);
        for (c, (f, o)) in fixed.iter().zip(own).enumerate() {
            assert_eq!(f.is_some(), o.is_some());
            if let (Some(f), Some(o)) = (f, o) {
                check_rate("figure 3 at own threshold", o);
                assert_eq!(f.n, o.n);
                let t = r.figure3.own_thresholds[c];
                if t <= acceptance {
                    assert!(o.k <= f.k, "{o} at {t} vs {f} at {acceptance}");
                } else {
                    assert!(o.k >= f.k, "{o} at {t} vs {f} at {acceptance}");
                }
            }
        }
    }
    // §5.2: the baseline and +tool-assisted; a speed-up whenever both attackers found
    // something
    assert_eq!(r.tools_speedup.len(), 2);
    for sp in &r.tools_speedup {
        check_boot("query speed-up", &sp.query_speedup, f64::MAX);
        check_effort(
            "unaided queries",
            &sp.unaided.queries_per_success,
            sp.unaided.success_rate.k,
        );
        let both = sp.unaided.success_rate.k > 0 && sp.tools.success_rate.k > 0;
        assert_eq!(sp.query_speedup.is_some(), both, "{sp:?}");
    }
    // the report names every table and figure and its images exist
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    for heading in [
        "## Table 1",
        "## Table 2",
        "## Figure 2",
        "## Figure 3",
        "## §5.2",
    ] {
        assert!(report.contains(heading), "{heading} missing from REPORT.md");
    }
    // Table 2's new columns, and every classifier that fell back to the acceptance
    // threshold named in a note
    assert!(report.contains("| test ROC AUC | quality | selection estimate |"));
    for row in r
        .table2
        .iter()
        .filter(|r| !r.threshold_rule.starts_with("lowest"))
    {
        assert!(
            report.contains(&format!("- {}: ", row.classifier)),
            "{} fell back but is not named",
            row.classifier
        );
    }
    for f in ["figure2", "figure3", "figure3_own_threshold"] {
        for ext in ["svg", "png"] {
            let path = dir.join(format!("figures/{f}.{ext}"));
            assert!(std::fs::metadata(&path).unwrap().len() > 1_000, "{path:?}");
        }
        assert!(report.contains(&format!("figures/{f}.png")));
    }
    // every stage but the report itself (written while its stage runs) is recorded
    let mut names = stage_names();
    assert_eq!(names.pop().as_deref(), Some("report"));
    assert_eq!(
        r.stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        names
    );
}

#[test]
fn a_tiny_run_end_to_end_resumes_and_refuses_what_it_cannot_use() {
    tch::set_num_threads(1);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    let settings = Settings::new(Scale::Tiny);
    run(settings.clone(), &dir, &options()).unwrap();
    let first = results(&dir);
    check(&dir, &first);

    // interrupted before the last two stages: they are redone, to the same numbers
    let manifest_path = dir.join(MANIFEST_FILE);
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let stages = manifest["stages"].as_array_mut().unwrap();
    let kept = stages.len() - 2;
    stages.truncate(kept);
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    std::fs::remove_file(dir.join("results.json")).unwrap();
    run(settings.clone(), &dir, &options()).unwrap();
    let second = results(&dir);
    let value = |r: &Results| serde_json::to_value((&r.tools_speedup, &r.table2, &r.figure3));
    json::assert_close(&value(&second).unwrap(), &value(&first).unwrap());

    // a second replicate: the main run is finished, so only replicate 1 runs, on the
    // main run's models and evaluation sets and on its own initial data and classifiers
    let twice = RunOptions {
        replicates: 2,
        ..options()
    };
    run(settings.clone(), &dir, &twice).unwrap();
    let sub_dir = dir.join(REPLICATES_DIR).join("1");
    let sub = results(&sub_dir);
    check(&sub_dir, &sub);
    assert_eq!(sub.settings.replicate, 1);
    for (stage, paths) in SHARED_STAGES {
        let record = sub.stages.iter().find(|s| s.name == stage).unwrap();
        assert!(
            record.summary.starts_with("shared with the main run"),
            "{record:?}"
        );
        for path in paths.iter().filter(|p| p.ends_with(".jsonl")) {
            assert_eq!(
                std::fs::read(dir.join(path)).unwrap(),
                std::fs::read(sub_dir.join(path)).unwrap(),
                "{path}"
            );
        }
    }
    assert_ne!(
        std::fs::read(dir.join("data/initial.jsonl")).unwrap(),
        std::fs::read(sub_dir.join("data/initial.jsonl")).unwrap(),
        "a replicate draws its own initial data"
    );
    let with = results(&dir);
    assert_eq!(with.replicates.len(), 2);
    assert_eq!(with.replicates[1].table2, sub.table2);
    assert_eq!(with.replicates[0].table2, with.table2);
    // each claim is checked on each replicate; the AUC goal re-checked here from the
    // replicates' own Table 2 (the project's goal for the baseline, 0.995)
    assert!(with.claims.iter().all(|c| c.holds.len() == 2));
    let auc = with
        .claims
        .iter()
        .find(|c| c.claim.contains("ROC AUC"))
        .unwrap();
    for (holds, r) in auc.holds.iter().zip([&with, &sub]) {
        let baseline = r
            .table2
            .iter()
            .find(|row| row.classifier == "baseline")
            .unwrap();
        let expected = baseline
            .test_auc
            .as_ref()
            .is_some_and(|a| a.estimate >= 0.995);
        assert_eq!(*holds, expected);
    }
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    assert!(report.contains("## Replicates: the claims on 2 seeds"));
    // back to the main run alone: the replicates leave the report
    run(settings.clone(), &dir, &options()).unwrap();
    assert!(results(&dir).replicates.is_empty());
    assert!(!dir.join(REPLICATES_FILE).exists());

    // real checkpoints instead of the models trained here: a model directory laid out as
    // --model-dir wants it (here, the first run's Hugging Face-format models)
    let real = tmp.path().join("real");
    for (from, to) in [
        ("models/generator", "generator"),
        ("models/masked_lm", "masked_lm"),
    ] {
        std::fs::create_dir_all(real.join(to)).unwrap();
        for entry in std::fs::read_dir(dir.join(from)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), real.join(to).join(entry.file_name())).unwrap();
        }
    }
    let mut with_real = settings.clone();
    with_real.model_dir = Some(real.clone());
    let ctx = run_until(
        with_real,
        &tmp.path().join("with-real"),
        &options(),
        Some("initial_data"),
    )
    .unwrap();
    for stage in ["generator", "masked_lm"] {
        let record = ctx.dir.finished(stage).unwrap();
        assert!(record.summary.starts_with("loaded from"), "{record:?}");
    }
    assert!(ctx.dir.finished("baseline").is_none());
    // a model directory without the generator is a clear error naming what is missing
    let mut broken = settings.clone();
    std::fs::remove_dir_all(real.join("generator")).unwrap();
    broken.model_dir = Some(real);
    let err = run(broken, &tmp.path().join("broken"), &options())
        .err()
        .unwrap();
    assert!(err.to_string().contains("generator"), "{err}");

    // other settings: refused, naming the manifest and the setting
    let mut other = settings.clone();
    other.seed = 7;
    let err = run(other, &dir, &options()).err().unwrap();
    assert!(matches!(err, PipelineError::Incompatible { .. }), "{err}");
    assert!(err.to_string().contains("seed"), "{err}");

    // a corrupt manifest: refused, naming the file
    std::fs::write(&manifest_path, "{ not json").unwrap();
    let err = run(settings.clone(), &dir, &options()).err().unwrap();
    assert!(err.to_string().contains(MANIFEST_FILE), "{err}");

    // --fresh refuses to delete a directory that is not a run directory
    let stranger = tmp.path().join("stranger");
    std::fs::create_dir_all(&stranger).unwrap();
    std::fs::write(stranger.join("notes.txt"), "mine").unwrap();
    let fresh = RunOptions {
        fresh: true,
        ..options()
    };
    assert!(run(settings, &stranger, &fresh).is_err());
    assert!(stranger.join("notes.txt").exists());
}
