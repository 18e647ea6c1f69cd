//! Where the benches' results go: criterion's estimates, read back after the run, and the
//! few measurements timed by hand, written together as one JSON file that
//! `bench/compare.py` reads next to the reference's.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

/// One measured workload, in the reference's terms (`bench/hf_reference.py`).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `W1 scoring`, … (the reference's names).
    pub workload: String,
    /// `tiny`, `xsmall`, `125m`.
    pub config: String,
    /// Units of work per iteration (snippets, candidates, positions, tokens).
    pub units: f64,
    /// What a unit is, per second (`snippets/s`, …).
    pub unit: String,
    /// Median seconds per iteration.
    pub median_s: f64,
    /// `units / median_s`.
    pub throughput: f64,
    /// How it was timed.
    pub method: String,
}

impl Row {
    /// The row of `units` of `unit` done in `median_s` seconds, timed by `method`.
    pub fn new(
        (workload, config): (&str, &str),
        (units, unit): (usize, &str),
        median_s: f64,
        method: String,
    ) -> Row {
        Row {
            workload: workload.into(),
            config: config.into(),
            units: units as f64,
            unit: unit.into(),
            median_s,
            throughput: units as f64 / median_s,
            method,
        }
    }
}

/// The directory criterion writes into: `$CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else the workspace's `target/criterion` (set on
/// criterion explicitly, so that both agree).
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion")
}

/// The median (seconds) criterion estimated for `group/id` in this run.
pub fn criterion_median(group: &str, id: &str) -> Option<f64> {
    let path = criterion_dir()
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"]
        .as_f64()
        .map(|ns| ns * 1e-9)
}

/// Median of `reps` timed runs after `warmup` untimed ones.
pub fn timed(warmup: usize, reps: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..warmup {
        f();
    }
    let mut times: Vec<f64> = (0..reps.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    median(&mut times)
}

/// The median of `values` (sorted in place).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Writes `rows` with the run's settings to `path` (directories created).
pub fn write(path: &Path, rows: &[Row], threads: i32) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("the results directory can be created");
    }
    let json = serde_json::json!({
        "threads": threads,
        "rows": rows,
    });
    std::fs::write(
        path,
        serde_json::to_string_pretty(&json).expect("rows serialise"),
    )
    .expect("the results file can be written");
    println!("results: {}", path.display());
}
