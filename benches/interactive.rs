//! The rewriting tool's interactive budget: a person clicks, and the saliency
//! map of the snippet and the sorted dropdown for one token must be on screen within
//! 100 ms at the 95th percentile, on 2 CPU cores.
//!
//! The models are the default run's (`--scale small`): a DeBERTa-v3 classifier and masked
//! LM of width 64, 3 layers, 4 heads, 128 positions, with a 2,000-piece BPE tokenizer
//! trained on story-world stories — random weights, since speed does not depend on
//! training. One interaction is what the app's model thread computes for a click
//! (`crates/serve/src/worker.rs`): `RewriteSession::saliency`, then `RewriteSession::candidates`
//! at the most salient completion token — WordNet's and the masked LM's substitutions and
//! insertions, 12 per site, every candidate scored by the classifier in one batch, sorted.
//!
//! 200 interactions on 200 different snippets, each in a fresh session (nothing cached),
//! are timed for the percentiles, written to `$HIGHSTAKES_BENCH_INTERACTIVE_OUT` (default
//! `interactive.json` in criterion's directory); criterion then times the interaction on
//! one snippet.
//!
//! Run: `cargo bench --bench interactive`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attacks::{
    AttackerSuggestions, Budget, DebertaTarget, Part, RewriteSession, SessionSettings, Suggester,
    TextSpan,
};
use classifier::{
    DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification, InjuriousnessClassifier,
    MaskedLmSuggester, TextTokenizer, TokenizerKind,
};
use criterion::{BatchSize, Criterion};
use labels::Snippet;
use storyworld::{Lexicon, World, WorldConfig};
use tch::Device;

/// Interactions timed for the percentiles.
const INTERACTIONS: usize = 200;
/// The budget at the 95th percentile.
const BUDGET_MS: f64 = 100.0;

/// The default run's DeBERTa (`crates/pipeline/src/steps.rs`: width 64, 3 layers, one head per
/// 16 dimensions, 128 positions).
fn config(vocab: i64) -> DebertaConfig {
    let mut c = DebertaConfig::small_v3(vocab, 64, 3, 4, 128);
    c.id2label = vec!["non-injurious".into(), "injurious".into()];
    c
}

/// Milliseconds of one interaction: (saliency, dropdown).
fn interact(session: &mut RewriteSession<'_, '_>) -> (f64, f64) {
    let start = Instant::now();
    let map = session.saliency().expect("saliency");
    let saliency = start.elapsed();
    let ranked = map.ranked(|span| span.part == Part::Completion);
    let click: TextSpan = map.tokens[ranked[0]].span;
    let list = session.candidates(click).expect("candidates");
    assert!(!list.is_empty(), "an empty dropdown");
    let total = start.elapsed();
    (ms(saliency), ms(total - saliency))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The `q`-quantile of sorted values (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion")
}

fn main() {
    let threads: i32 = std::env::var("HIGHSTAKES_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    tch::set_num_threads(threads);
    let test_mode = std::env::args().any(|a| a == "--test");
    let world = World::new(WorldConfig::default()).expect("the story world builds");
    let corpus: Vec<String> = world.corpus(1_000).collect();
    let tokenizer =
        TextTokenizer::train(&corpus, 2_000, TokenizerKind::Bpe).expect("the tokenizer trains");
    let vocab = tokenizer.vocab_size() as i64;
    let model = DebertaForSequenceClassification::new(config(vocab), 0, Device::Cpu)
        .expect("the classifier builds");
    let classifier = InjuriousnessClassifier::new(model, tokenizer.clone()).expect("classifier");
    let mlm = DebertaForMaskedLm::new(config(vocab), 1, Device::Cpu).expect("the masked LM");
    let masked_lm = MaskedLmSuggester::new(mlm, tokenizer).expect("suggester");
    let lexicon = Lexicon::load().expect("WordNet loads (run scripts/setup)");
    let suggestions = AttackerSuggestions::new(lexicon, &masked_lm);
    let combined = suggestions.combined();
    let suggester: &dyn Suggester = &combined;
    let target = DebertaTarget::new("bench", &classifier);
    let open = |snippet: Snippet| {
        RewriteSession::new(
            &target,
            Some(snippet),
            Budget::unlimited(),
            SessionSettings::default(),
        )
        .expect("session")
        .with_tools(suggester)
    };
    let snippets: Vec<Snippet> = (0..INTERACTIONS as u64)
        .map(|i| world.snippet(10_000 + i).snippet)
        .collect();

    if !test_mode {
        // warm up (allocator, libtorch's threads), then time
        for s in snippets.iter().take(5) {
            interact(&mut open(s.clone()));
        }
        let mut times: Vec<(f64, f64)> = Vec::with_capacity(INTERACTIONS);
        for s in &snippets {
            let mut session = open(s.clone());
            times.push(interact(&mut session));
        }
        let mut total: Vec<f64> = times.iter().map(|(a, b)| a + b).collect();
        let mut saliency: Vec<f64> = times.iter().map(|t| t.0).collect();
        let mut dropdown: Vec<f64> = times.iter().map(|t| t.1).collect();
        for v in [&mut total, &mut saliency, &mut dropdown] {
            v.sort_by(f64::total_cmp);
        }
        let summary = serde_json::json!({
            "threads": threads,
            "interactions": INTERACTIONS,
            "budget_ms": BUDGET_MS,
            "total_ms": {
                "p50": quantile(&total, 0.5),
                "p95": quantile(&total, 0.95),
                "max": quantile(&total, 1.0),
                "mean": total.iter().sum::<f64>() / total.len() as f64,
            },
            "saliency_ms": { "p50": quantile(&saliency, 0.5), "p95": quantile(&saliency, 0.95) },
            "dropdown_ms": { "p50": quantile(&dropdown, 0.5), "p95": quantile(&dropdown, 0.95) },
        });
        println!(
            "interaction (saliency + dropdown) over {INTERACTIONS} snippets: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (budget {BUDGET_MS} ms at p95)",
            quantile(&total, 0.5),
            quantile(&total, 0.95),
            quantile(&total, 1.0)
        );
        let out = std::env::var_os("HIGHSTAKES_BENCH_INTERACTIVE_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| criterion_dir().join("interactive.json"));
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir).expect("the results directory can be created");
        }
        std::fs::write(
            &out,
            serde_json::to_string_pretty(&summary).expect("serialises"),
        )
        .expect("the results file can be written");
        println!("results: {}", out.display());
    }

    let mut c = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .without_plots()
        .output_directory(&criterion_dir())
        .configure_from_args();
    c.bench_function("interactive/saliency_and_dropdown", |b| {
        b.iter_batched(
            || open(snippets[0].clone()),
            |mut session| interact(&mut session),
            BatchSize::PerIteration,
        )
    });
    c.final_summary();
}
