//! The performance workloads of the project, on the configurations of the Hugging Face
//! reference (`bench/hf_reference.py`), with 2 libtorch threads:
//!
//! - W1 scoring: one batch of 64 inputs of 96 tokens, no gradients;
//! - W2 saliency: one batch of 16, the gradient norm at every token;
//! - W3 substitution scoring: 32 candidates at each of the 96 positions (3,072 variants;
//!   xsmall: at every 4th position, 768);
//! - W4 masked-LM suggestions: every token masked in turn (one batch), the top 32 each
//!   (reported against the reference's W4 and W4b: ours applies the head at the masked
//!   positions only, which is what W4b asks of the reference);
//! - W5 generation: 16 prompts of 64 tokens, 32 new tokens each, top-p 0.9, with the cache;
//! - W7 fine-tuning: one optimiser step of the classifier (AdamW, clipping) on 16 and on 64;
//! - W8 masked-LM pre-training: one step on 16 texts, 15% masked (against W8 and W8b, as W4);
//! - W9 causal-LM training: one step of GPT-Neo on 8 blocks of 128 tokens;
//!
//! each on the "tiny" and the larger configuration (DeBERTa-v3-xsmall, GPT-Neo-125M).
//! Criterion times the tiny ones (10 samples, one iteration each, after a warm-up); the
//! larger ones take seconds to minutes an iteration, so they are timed by hand as the
//! reference times them: one warm-up run, then the median of `$HIGHSTAKES_BENCH_REPS`
//! runs (default 3).
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
    Some(Row::new(
        (workload, config),
        (units, unit),
        median_s,
        "criterion: median of 10 samples".into(),
    ))
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

/// How the measurements of one run are taken and collected.
struct Run<'a> {
    c: &'a mut Criterion,
    rows: Vec<Row>,
    /// Repetitions of a workload timed by hand (after one warm-up run).
    reps: usize,
}

impl Run<'_> {
    /// Measures `routine` (when the filters select it): with criterion on the tiny
    /// configurations, by hand on the larger ones.
    fn workload(&mut self, id: (&str, &str), units: (usize, &str), routine: impl FnMut() -> usize) {
        self.workload_after(id, units, routine, None::<fn()>);
    }

    /// [`Run::workload`], with `warmup` instead of one run of `routine` as the warm-up of
    /// a measurement by hand.
    fn workload_after(
        &mut self,
        (workload, config): (&str, &str),
        (units, unit): (usize, &str),
        mut routine: impl FnMut() -> usize,
        warmup: Option<impl FnOnce()>,
    ) {
        if config == "tiny" {
            self.rows
                .extend(measure(self.c, (workload, config), (units, unit), routine));
            return;
        }
        let name = format!("{}/{config}", workload.replace(' ', "_"));
        if !selected(&name) {
            return;
        }
        println!("{name}: timing {} runs by hand after a warm-up", self.reps);
        let warmups = match warmup {
            Some(w) => {
                w();
                0
            }
            None => 1,
        };
        let median_s = report::timed(warmups, self.reps, || {
            assert_eq!(routine(), units, "{name}: work done");
        });
        println!("{name}: median {median_s:.3} s");
        let method = format!(
            "by hand: median of {} runs after a warm-up{}",
            self.reps,
            if warmups == 0 {
                " of part of it"
            } else {
                " run"
            }
        );
        self.rows.push(Row::new(
            (workload, config),
            (units, unit),
            median_s,
            method,
        ));
    }

    /// Reports the last row again as `workload` (the same measurement compared with a
    /// second reference workload), saying why in its method.
    fn same_as_last(&mut self, workload: &str, why: &str) {
        if let Some(last) = self.rows.last().cloned() {
            self.rows.push(Row {
                workload: workload.into(),
                method: format!("{} ({why})", last.method),
                ..last
            });
        }
    }
}

fn main() {
    let threads: i32 = std::env::var("HIGHSTAKES_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    tch::set_num_threads(threads);
    let reps: usize = std::env::var("HIGHSTAKES_BENCH_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(3);
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
    let mut run = Run {
        c: &mut c,
        rows: Vec::new(),
        reps,
    };
    let (deberta_configs, neo_configs): (&[&str], &[&str]) = if only_tiny {
        (&["tiny"], &["tiny"])
    } else {
        (&["tiny", "xsmall"], &["tiny", "125m"])
    };
    const HEAD_AT_MASKS: &str =
        "the same measurement: ours applies the head at the masked positions only";
    for &name in deberta_configs {
        let ids = [
            "W1_scoring",
            "W2_saliency",
            "W3_substitution",
            "W4_mlm-suggest",
            "W7_fine-tune",
            "W8_mlm-pretrain",
        ];
        if !ids.iter().any(|w| selected(&format!("{w}/{name}"))) {
            continue;
        }
        println!("building the DeBERTa models ({name})");
        let mut s = deberta::Setup::new(name);
        run.workload(("W1 scoring", name), (64, "snippets/s"), || s.score());
        run.workload(("W2 saliency", name), (16, "snippets/s"), || s.saliency());
        let variants = s.substitutions.len();
        // by hand: a warm-up on 64 variants (the reference's: one batch), not a whole run
        let warmup = || {
            s.substitute_first(64);
        };
        run.workload_after(
            ("W3 substitution", name),
            (variants, "candidates/s"),
            || s.substitute(),
            Some(warmup),
        );
        let sites = s.mask_sites();
        run.workload(("W4 mlm-suggest", name), (sites, "positions/s"), || {
            s.suggest()
        });
        run.same_as_last("W4b mlm-suggest (head at mask only)", HEAD_AT_MASKS);
        for size in [16, 64] {
            let workload = format!("W7 fine-tune b{size}");
            run.workload((&workload, name), (size, "snippets/s"), || {
                s.fine_tune(size)
            });
        }
        run.workload(
            ("W8 mlm-pretrain", name),
            (16 * deberta::SEQ, "tokens/s"),
            || s.pretrain(),
        );
        run.same_as_last("W8b mlm-pretrain (head at mask only)", HEAD_AT_MASKS);
    }
    for &name in neo_configs {
        if !["W5_generation", "W9_causal-lm"]
            .iter()
            .any(|w| selected(&format!("{w}/{name}")))
        {
            continue;
        }
        println!("building the GPT-Neo model ({name})");
        let mut s = neo::Setup::new(name);
        run.workload(("W5 generation", name), (16 * 32, "new tokens/s"), || {
            s.generate()
        });
        run.workload(("W9 causal-lm train", name), (8 * 128, "tokens/s"), || {
            s.train()
        });
    }
    let rows = run.rows;
    c.final_summary();
    if !test_mode {
        let out = std::env::var_os("HIGHSTAKES_BENCH_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| dir.join("workloads.json"));
        report::write(&out, &rows, threads);
    }
}
