//! The main job end to end at `--scale tiny`: every stage runs, the report holds every
//! table and figure with numbers in their valid ranges, a rerun resumes (and recomputes
//! a removed stage to the same numbers), and a run directory of other settings or a
//! corrupt manifest is refused with an error naming the file.

#[path = "support/json.rs"]
mod json;

use std::path::Path;

use highstakes::pipeline::{
    MANIFEST_FILE, PipelineError, RunOptions, Scale, Settings, run, run_until, stage_names,
};
use highstakes::report::results::Results;
use metrics::{BootstrapEstimate, RateEstimate};

fn options() -> RunOptions {
    RunOptions {
        fresh: false,
        progress: false,
        verbose: true,
    }
}

fn results(dir: &Path) -> Results {
    let text = std::fs::read_to_string(dir.join("results.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check_rate(what: &str, r: &RateEstimate) {
    assert!(r.k <= r.n && r.n > 0, "{what}: {r}");
    // a central Beta(1,1) interval leaves out 0 when k = 0 (and 1 when k = n): only the
    // ends' order and range are checked
    let i = r.interval;
    assert!(
        0.0 <= i.lower && i.lower <= i.upper && i.upper <= 1.0,
        "{what}: {r}"
    );
    assert!((0.0..=1.0).contains(&r.estimate), "{what}: {r}");
    // read back from results.json: k/n up to rounding, never compared bit for bit
    let ratio = r.k as f64 / r.n as f64;
    assert!((r.estimate - ratio).abs() <= 1e-12, "{what}: {r}");
}

fn check_boot(what: &str, b: &Option<BootstrapEstimate>, max: f64) {
    if let Some(b) = b {
        let i = b.interval;
        assert!(
            0.0 <= i.lower && i.lower <= i.upper && i.upper <= max,
            "{what}: {b:?}"
        );
    }
}

fn check(dir: &Path, r: &Results) {
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
        let q = &row.quality;
        assert!(0.0 <= q.interval.lower && q.interval.lower <= q.estimate);
        assert!(q.estimate <= q.interval.upper && q.interval.upper <= 1.0);
    }
    // Figure 2: one row per classifier; egregiousness on the oracle's 1–10 scale
    assert_eq!(r.figure2.classifiers.len(), 4);
    for row in &r.figure2.classifiers {
        check_rate("success rate", &row.success_rate);
        check_boot("queries", &row.queries_per_success, f64::MAX);
        check_boot("seconds", &row.seconds_per_success, f64::MAX);
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
    // §5.2: the baseline and +tool-assisted
    assert_eq!(r.tools_speedup.len(), 2);
    for sp in &r.tools_speedup {
        check_boot("query speed-up", &sp.query_speedup, f64::MAX);
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
    for f in ["figure2", "figure3"] {
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
