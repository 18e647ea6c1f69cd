//! What the tool-assisted attack costs, on a small DeBERTa (random weights: speed does not
//! depend on training; hidden 64, 2 layers, 4 heads, a 1,000-piece unigram tokenizer
//! trained on 300 stories of the story world), on the CPU with one libtorch thread:
//!
//! - `substitution/score_candidates`: candidate snippets scored per second through the
//!   attacks' query counter (fresh, so nothing is cached) — 12 substitutions and 12
//!   insertions at each of the completion's tokens, in the classifier's length buckets;
//! - `suggestion/click_latency`: the time from clicking one token to the sorted list — the
//!   masked LM's 12 substitutions and 12 insertions, all scored, sorted (one
//!   [`attacks::RewriteSession::candidates`] call).

use std::hint::black_box;

use attacks::{
    Budget, DebertaTarget, MaskedLmSuggestions, Part, QueryCounter, RewriteSession,
    SessionSettings, Site, Suggester,
};
use classifier::{
    DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification, InjuriousnessClassifier,
    MaskedLmSuggester, TextTokenizer, TokenizerKind,
};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use labels::Snippet;
use storyworld::{World, WorldConfig};
use tch::Device;

fn config(vocab: i64) -> DebertaConfig {
    let mut c = DebertaConfig::small_v3(vocab, 64, 2, 4, 128);
    c.id2label = vec!["non-injurious".into(), "injurious".into()];
    c
}

struct Setup {
    classifier: InjuriousnessClassifier,
    masked_lm: MaskedLmSuggester,
    snippet: Snippet,
}

fn setup() -> Setup {
    tch::set_num_threads(1);
    let world = World::new(WorldConfig::default()).expect("the story world builds");
    let corpus: Vec<String> = world.corpus(300).collect();
    let tokenizer =
        TextTokenizer::train(&corpus, 1_000, TokenizerKind::Bpe).expect("tokenizer trains");
    let vocab = tokenizer.vocab_size() as i64;
    let model = DebertaForSequenceClassification::new(config(vocab), 0, Device::Cpu)
        .expect("classifier builds");
    let classifier = InjuriousnessClassifier::new(model, tokenizer.clone()).expect("classifier");
    let mlm = DebertaForMaskedLm::new(config(vocab), 1, Device::Cpu).expect("masked LM builds");
    let masked_lm = MaskedLmSuggester::new(mlm, tokenizer).expect("suggester");
    Setup {
        classifier,
        masked_lm,
        snippet: world.snippet(3).snippet,
    }
}

fn benches(c: &mut Criterion) {
    let s = setup();
    let target = DebertaTarget::new("bench", &s.classifier);
    let suggester = MaskedLmSuggestions::new("bench-mlm", &s.masked_lm).with_sub_words();
    // the candidates of every completion token, as the greedy policy would score them
    let map = {
        let mut counter = QueryCounter::new(&target, Budget::unlimited()).expect("counter");
        counter.saliency(&s.snippet).expect("saliency")
    };
    let sites: Vec<Site> = map
        .tokens
        .iter()
        .filter(|t| t.span.part == Part::Completion)
        .flat_map(|t| {
            [
                Site::Replace(t.span),
                Site::Insert {
                    part: Part::Completion,
                    at: t.span.start,
                },
            ]
        })
        .collect();
    let mut candidates: Vec<Snippet> = suggester
        .suggest(&s.snippet, &sites, 12)
        .expect("suggestions")
        .into_iter()
        .flatten()
        .filter_map(|x| x.edit.apply(&s.snippet).ok())
        .collect();
    candidates.sort_by(|a, b| a.completion.cmp(&b.completion));
    candidates.dedup();

    let mut group = c.benchmark_group("substitution");
    group.throughput(Throughput::Elements(candidates.len() as u64));
    group.bench_function(format!("score_candidates/{}", candidates.len()), |b| {
        b.iter(|| {
            let mut counter = QueryCounter::new(&target, Budget::unlimited()).expect("counter");
            black_box(counter.score_batch(&candidates).expect("scores"))
        })
    });
    group.finish();

    let top = map.tokens[map.ranked(|span| span.part == Part::Completion)[0]].span;
    let mut group = c.benchmark_group("suggestion");
    group.bench_function("click_latency", |b| {
        b.iter_batched(
            || {
                RewriteSession::new(
                    &target,
                    Some(s.snippet.clone()),
                    Budget::unlimited(),
                    SessionSettings::default(),
                )
                .expect("session")
                .with_tools(&suggester)
            },
            |mut session| black_box(session.candidates(top).expect("candidates")),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group! {
    name = attack_benches;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(attack_benches);
