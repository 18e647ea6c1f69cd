//! Shared helpers of the integration tests: a small corpus, a tokenizer trained on it and a
//! random tiny classifier.
#![allow(dead_code)]

use classifier::{
    DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification, InjuriousnessClassifier,
    MaskedLmSuggester, TextTokenizer, TokenizerKind,
};
use tch::Device;

/// One libtorch thread: the models here are tiny, and on a shared 2-core machine libtorch's
/// spinning worker threads make them many times slower (measured 7 s vs 70 s for the
/// training test under a load of 4).
pub fn single_thread() {
    tch::set_num_threads(1);
}

/// Sentences in the style of the story world.
pub fn corpus() -> Vec<String> {
    let names = [
        "Mara",
        "Tom",
        "the knight",
        "the baker",
        "Élin",
        "the old man",
    ];
    let verbs = [
        "opened the door",
        "picked up the lantern",
        "walked to the barn",
        "cut the rope",
        "shot a glance at the dog",
        "laughed",
    ];
    let tails = [
        "at dawn.",
        "in silence.",
        "before the storm.",
        "with a smile.",
        "near the river.",
    ];
    let mut out = Vec::new();
    for (i, n) in names.iter().enumerate() {
        for (j, v) in verbs.iter().enumerate() {
            let t = tails[(i + j) % tails.len()];
            out.push(format!("{n} {v} {t}"));
        }
    }
    out
}

pub fn tokenizer(kind: TokenizerKind) -> TextTokenizer {
    TextTokenizer::train(&corpus(), 120, kind).unwrap()
}

pub fn small_config(vocab_size: i64) -> DebertaConfig {
    let mut c = DebertaConfig::small_v3(vocab_size, 32, 2, 4, 64);
    c.id2label = vec!["non-injurious".into(), "injurious".into()];
    c
}

pub fn classifier(seed: u64) -> InjuriousnessClassifier {
    let tok = tokenizer(TokenizerKind::Unigram);
    let model = DebertaForSequenceClassification::new(
        small_config(tok.vocab_size() as i64),
        seed,
        Device::Cpu,
    )
    .unwrap();
    InjuriousnessClassifier::new(model, tok).unwrap()
}

pub fn suggester(seed: u64) -> MaskedLmSuggester {
    let tok = tokenizer(TokenizerKind::Unigram);
    let model =
        DebertaForMaskedLm::new(small_config(tok.vocab_size() as i64), seed, Device::Cpu).unwrap();
    MaskedLmSuggester::new(model, tok).unwrap()
}

/// The project's Python (`$HIGHSTAKES_VENV/bin/python`, else
/// `$HOME/.cache/highstakes/venv/bin/python`, what `scripts/setup` makes). Tests that need
/// it fail, saying so, when it is missing: they never pass silently.
pub fn python() -> std::path::PathBuf {
    let venv = std::env::var_os("HIGHSTAKES_VENV")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| std::path::PathBuf::from(h).join(".cache/highstakes/venv"))
        })
        .expect("neither HIGHSTAKES_VENV nor HOME is set");
    let python = venv.join("bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run `. scripts/setup` (it installs torch and transformers) before the classifier tests",
        python.display()
    );
    python
}

/// The hub-layout DeBERTa checkpoint fixture (`pytorch_model.bin`, `spm.model` and its
/// tokenizer files).
pub fn spm_checkpoint() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spm_checkpoint")
}

/// A directory holding a copy of the fixture's `spm.model` and tokenizer files only, for
/// `convert_sentencepiece_dir` to write its `tokenizer.json` into.
pub fn spm_tokenizer_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "spm.model",
        "added_tokens.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
    ] {
        std::fs::copy(spm_checkpoint().join(f), dir.path().join(f)).unwrap();
    }
    dir
}
