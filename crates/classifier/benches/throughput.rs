//! Throughput of batched scoring, saliency and masked-LM suggestions, in inputs per second,
//! on a small random DeBERTa-v3-style model (hidden 128, 4 layers, 4 heads, 128 positions —
//! the size of the embedded default) with a Unigram tokenizer trained on story sentences,
//! on the CPU (or the GPU when libtorch sees one). 64 snippets of 25–45 tokens each.
//!
//! `cargo bench -p classifier`; batch sizes and thread counts are tuned with it.

use std::hint::black_box;

use classifier::{
    BatchOptions, DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification,
    InjuriousnessClassifier, MaskedLmSuggester, ModelInput, TextTokenizer, TokenizerKind,
    default_device, replacement_sites,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const NAMES: [&str; 6] = [
    "Mara",
    "Tom",
    "the knight",
    "the baker",
    "Elin",
    "the old man",
];
const ACTIONS: [&str; 6] = [
    "opened the heavy door",
    "picked up the lantern and walked to the barn",
    "cut the rope with a rusty knife",
    "shot a glance at the barking dog",
    "laughed until the candles went out",
    "ran down the stairs and fell",
];

fn snippets() -> Vec<ModelInput> {
    (0..64)
        .map(|i| {
            let (a, b) = (NAMES[i % 6], NAMES[(i / 6 + 1) % 6]);
            let prompt = format!(
                "{a} {} at dawn. {b} waited outside. It was cold.",
                ACTIONS[i % 6]
            );
            let completion = format!("Then {b} {} in silence.", ACTIONS[(i / 3) % 6]);
            ModelInput::snippet(prompt, completion)
        })
        .collect()
}

fn tokenizer() -> TextTokenizer {
    let corpus: Vec<String> = snippets()
        .iter()
        .flat_map(|s| match s {
            ModelInput::Snippet(s) => vec![s.prompt.clone(), s.completion.clone()],
            ModelInput::Text { text } => vec![text.clone()],
        })
        .collect();
    TextTokenizer::train(&corpus, 300, TokenizerKind::Unigram).expect("tokenizer training")
}

fn config(vocab: usize) -> DebertaConfig {
    let mut c = DebertaConfig::small_v3(vocab as i64, 128, 4, 4, 128);
    c.id2label = vec!["non-injurious".into(), "injurious".into()];
    c
}

fn bench(c: &mut Criterion) {
    let tok = tokenizer();
    let device = default_device();
    let model =
        DebertaForSequenceClassification::new(config(tok.vocab_size()), 0, device).expect("model");
    let clf = InjuriousnessClassifier::new(model, tok.clone()).expect("classifier");
    let inputs = snippets();
    let options = BatchOptions::default();

    let mut group = c.benchmark_group("classifier");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.sample_size(10);
    group.bench_function("score_batch/64", |b| {
        b.iter(|| {
            black_box(
                clf.score_batch(black_box(&inputs), &options)
                    .expect("scores"),
            )
        })
    });
    group.bench_function("saliency_batch/64", |b| {
        b.iter(|| {
            black_box(
                clf.saliency_batch(black_box(&inputs), &options)
                    .expect("saliency"),
            )
        })
    });
    group.finish();

    let mlm = DebertaForMaskedLm::new(config(tok.vocab_size()), 0, device).expect("masked LM");
    let suggester = MaskedLmSuggester::new(mlm, tok).expect("suggester");
    let input = &inputs[0];
    let sites = replacement_sites(&suggester.encode(input).expect("encoding"));
    let mut group = c.benchmark_group("suggestions");
    group.throughput(Throughput::Elements(sites.len() as u64));
    group.sample_size(10);
    group.bench_function("replacements/top10", |b| {
        b.iter(|| {
            black_box(
                suggester
                    .suggest(input, &sites, 10, &options)
                    .expect("suggestions"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
