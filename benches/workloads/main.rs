//! The performance workloads W1–W5 of the project, on the configurations of the
//! Hugging Face reference (`bench/hf_reference.py`), with 2 libtorch threads:
//!
//! - W1 scoring: one batch of 64 inputs of 96 tokens, no gradients;
//! - W2 saliency: one batch of 16, the gradient norm at every token;
//! - W3 substitution scoring: 32 candidates at each of the 96 positions (3,072 variants);
//! - W4 masked-LM suggestions: every token masked in turn (one batch), the top 32 each;
//! - W5 generation: 16 prompts of 64 tokens, 32 new tokens each, top-p 0.9, with the cache;
//!
//! each on the "tiny" and the larger configuration (DeBERTa-v3-xsmall, GPT-Neo-125M).
//! Criterion times each (10 samples, one iteration each, after one warm-up run); W3 on
//! xsmall takes minutes per iteration, so it is timed by hand instead (one run after a
//! warm-up on 64 of its variants, as the reference times it once after a warm-up run:
//! criterion's minimum of 10 samples would take most of an hour).
//!
//! Besides criterion's own output, the medians are written to
//! `$HIGHSTAKES_BENCH_OUT` (default: `workloads.json` in criterion's directory), which
//! `scripts/bench-compare` reads. `HIGHSTAKES_BENCH_ONLY=tiny` runs the tiny
//! configurations only; `HIGHSTAKES_BENCH_THREADS` overrides the 2 threads.
//!
//! Run: `cargo bench --bench workloads` (or `scripts/bench-compare`, which also runs the
//! reference and prints the comparison).

mod deberta;
mod neo;
mod report;

use std::cell::Cell;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use report::Row;

/// Benchmarks `routine` as `group/id` (when criterion's filter lets it run) and returns its
/// row, `units` of `unit` per iteration.
fn measure(
    c: &mut Criterion,
    (workload, config): (&str, &str),
    (units, unit): (usize, &str),
    mut routine: impl FnMut() -> usize,
) -> Option<Row> {
    let group_name = workload.replace(' ', "_");
    let ran = Cell::new(false);
    let mut group = c.benchmark_group(&group_name);
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(units as u64));
    group.bench_function(config, |b| {
        ran.set(true);
        b.iter(|| {
            let done = routine();
            assert_eq!(done, units, "{workload} {config}: work done");
            done
        })
    });
    group.finish();
    if !ran.get() {
        return None;
    }
    let median_s = report::criterion_median(&group_name, config)?;
    Some(Row {
        workload: workload.into(),
        config: config.into(),
        units: units as f64,
        unit: unit.into(),
        median_s,
        throughput: units as f64 / median_s,
        method: "criterion: median of 10 samples".into(),
    })
}

/// Whether the command line's filters (criterion's positional arguments, matched as
/// substrings) select the benchmark `name` (`group/id`).
fn selected(name: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
}

fn main() {
    let threads: i32 = std::env::var("HIGHSTAKES_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    tch::set_num_threads(threads);
    let test_mode = std::env::args().any(|a| a == "--test");
    let only_tiny = test_mode || std::env::var("HIGHSTAKES_BENCH_ONLY").is_ok_and(|v| v == "tiny");
    let dir = report::criterion_dir();
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
        .output_directory(&dir)
        .configure_from_args();
    let mut rows: Vec<Row> = Vec::new();
    let deberta_configs: &[&str] = if only_tiny {
        &["tiny"]
    } else {
        &["tiny", "xsmall"]
    };
    for &name in deberta_configs {
        let ids = [
            "W1_scoring",
            "W2_saliency",
            "W3_substitute",
            "W4_mlm-suggest",
        ];
        if !ids.iter().any(|w| selected(&format!("{w}/{name}"))) {
            continue;
        }
        println!("building the DeBERTa models ({name})");
        let s = deberta::Setup::new(name);
        rows.extend(measure(
            &mut c,
            ("W1 scoring", name),
            (64, "snippets/s"),
            || s.score(),
        ));
        rows.extend(measure(
            &mut c,
            ("W2 saliency", name),
            (16, "snippets/s"),
            || s.saliency(),
        ));
        let variants = s.substitutions.len();
        if name == "tiny" {
            rows.extend(measure(
                &mut c,
                ("W3 substitute", name),
                (variants, "candidates/s"),
                || s.substitute(),
            ));
        } else if selected(&format!("W3_substitute/{name}")) && !test_mode {
            println!("W3_substitute/{name}: timing one run by hand (minutes)");
            s.substitute_first(64);
            let median_s = report::timed(0, 1, || {
                assert_eq!(s.substitute(), variants);
            });
            println!("W3_substitute/{name}: median {median_s:.2} s");
            rows.push(Row {
                workload: "W3 substitute".into(),
                config: name.into(),
                units: variants as f64,
                unit: "candidates/s".into(),
                median_s,
                throughput: variants as f64 / median_s,
                method: "by hand: one run after a warm-up of 64 variants".into(),
            });
        }
        let sites = s.mask_sites();
        rows.extend(measure(
            &mut c,
            ("W4 mlm-suggest", name),
            (sites, "positions/s"),
            || s.suggest(),
        ));
    }
    let neo_configs: &[&str] = if only_tiny {
        &["tiny"]
    } else {
        &["tiny", "125m"]
    };
    for &name in neo_configs {
        if !selected(&format!("W5_generate/{name}")) {
            continue;
        }
        println!("building the GPT-Neo model ({name})");
        let mut s = neo::Setup::new(name);
        rows.extend(measure(
            &mut c,
            ("W5 generate", name),
            (16 * 32, "tokens/s"),
            || s.generate(),
        ));
    }
    c.final_summary();
    if !test_mode {
        let out = std::env::var_os("HIGHSTAKES_BENCH_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| dir.join("workloads.json"));
        report::write(&out, &rows, threads);
    }
}
