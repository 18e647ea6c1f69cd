//! Training from scratch: a tiny classifier fine-tuned on a templated labeled set reaches a
//! validation accuracy far above chance; MLM pre-training lowers its loss and hands its
//! backbone to a classifier; seeded runs are reproducible.

mod common;

use classifier::{
    DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification, FineTuneConfig,
    InjuriousnessClassifier, OptimizerSettings, PretrainConfig, TextTokenizer, TokenizerKind,
    fine_tune, pretrain_masked_lm,
};
use labels::{
    Dataset, Example, Label, Snippet, Source, Split, SplitFractions, UnsurePolicy, Upsampling,
};
use tch::Device;

const NAMES: [(&str, &str); 8] = [
    ("Mara", "her"),
    ("Tom", "his"),
    ("Elin", "her"),
    ("Oskar", "his"),
    ("Nadia", "her"),
    ("Pavel", "his"),
    ("Greta", "her"),
    ("Ivo", "his"),
];
const PLACES: [&str; 5] = ["kitchen", "barn", "forest", "market", "tower"];

/// Completions by label; `{a}`/`{b}` are names, `{p}` is b's possessive. Injurious and
/// harmless ones share verbs ("shot", "broke", "cut") so that words alone do not decide.
const INJURIOUS: [&str; 5] = [
    "{a} stabbed {b} with a knife.",
    "{a} shot {b} in the leg.",
    "{b} fell and broke {p} arm.",
    "{a} cut {b} across the face.",
    "{b} was bitten by a wild dog and bled.",
];
const HARMLESS: [&str; 6] = [
    "{a} shot {b} a quick glance.",
    "{b} broke the silence with a joke.",
    "{a} cut the bread for {b}.",
    "{a} handed {b} a cup of tea.",
    "{b} smiled and waved at {a}.",
    "{a} and {b} were dying to know the answer.",
];
const UNSURE: &str = "{b} twisted {p} ankle a little.";

fn fill(template: &str, a: &str, b: &str, p: &str) -> String {
    template
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{p}", p)
}

/// 560 snippets: every ordered pair of two names, a place and an opening sentence
/// (8 · 7 · 5 · 2 prompts), each with one completion cycling through the templates: 5 in
/// 12 injurious, 6 in 12 harmless, 1 in 12 unsure (so 50% injurious with unsure as injurious).
fn labeled_set() -> Dataset {
    let mut data = Dataset::default();
    let mut k = 0usize;
    for (i, (a, _)) in NAMES.iter().enumerate() {
        for (j, (b, p)) in NAMES.iter().enumerate() {
            if i == j {
                continue;
            }
            for (m, place) in PLACES.iter().enumerate() {
                for opening in ["It was late.", "Rain fell outside."] {
                    let prompt =
                        format!("{a} and {b} were in the {place}. {opening} {a} looked at {b}.");
                    k += 1;
                    let (template, label) = match k % 12 {
                        0..=4 => (INJURIOUS[(k / 12 + m) % 5], Label::Injurious),
                        5..=10 => (HARMLESS[(k / 12 + m) % 6], Label::NonInjurious),
                        _ => (UNSURE, Label::Unsure),
                    };
                    let snippet = Snippet::new(prompt, fill(template, a, b, p));
                    data.push(Example::new(snippet, label, Source::InitialStories));
                }
            }
        }
    }
    let fractions = SplitFractions {
        train: 0.8,
        validation: 0.2,
        test: 0.0,
    };
    data.assign_splits(fractions, 7).unwrap();
    data
}

fn texts(data: &Dataset) -> Vec<String> {
    data.examples()
        .iter()
        .flat_map(|e| [e.snippet.prompt.clone(), e.snippet.completion.clone()])
        .collect()
}

fn tiny_config(vocab: i64) -> DebertaConfig {
    let mut c = DebertaConfig::small_v3(vocab, 32, 2, 4, 64);
    c.id2label = vec!["non-injurious".into(), "injurious".into()];
    c
}

fn from_scratch_settings(epochs: usize) -> FineTuneConfig {
    FineTuneConfig {
        epochs,
        batch_size: 16,
        optimizer: OptimizerSettings {
            learning_rate: 1e-3,
            weight_decay: 0.01,
            warmup_fraction: 0.1,
            max_grad_norm: 1.0,
        },
        seed: 1,
        ..FineTuneConfig::default()
    }
}

#[test]
fn a_tiny_classifier_from_scratch_learns_far_above_chance() {
    common::single_thread();
    let data = labeled_set();
    let (train, validation) = (data.split(Split::Train), data.split(Split::Validation));
    let tok = TextTokenizer::train(&texts(&train), 200, TokenizerKind::Unigram).unwrap();
    let model =
        DebertaForSequenceClassification::new(tiny_config(tok.vocab_size() as i64), 1, Device::Cpu)
            .unwrap();
    let mut clf = InjuriousnessClassifier::new(model, tok).unwrap();
    let report = fine_tune(
        &mut clf,
        &train,
        &validation,
        &from_scratch_settings(6),
        |e| println!("{e:?}"),
    )
    .unwrap();

    // chance: always answering the majority class of the validation split
    let targets: Vec<bool> = validation
        .training_examples(UnsurePolicy::AsInjurious, Upsampling { max_factor: 1 })
        .iter()
        .map(|t| t.injurious)
        .collect();
    let positive = targets.iter().filter(|&&t| t).count() as f64 / targets.len() as f64;
    let majority = positive.max(1.0 - positive);
    let best = &report.epochs[report.best_epoch - 1];
    let accuracy = best.validation_accuracy.unwrap();
    println!(
        "validation: {} examples, majority baseline {majority:.3}, accuracy {accuracy:.3} (epoch {})",
        report.validation_examples, report.best_epoch
    );
    // measured: 1.000 on 125 validation examples against a majority baseline of 0.520, the
    // same for seeds 0-4 (model and fine-tuning seed together); 0.9 leaves room for
    // platform differences
    assert!(
        accuracy >= 0.9,
        "accuracy {accuracy} against chance {majority}"
    );
    assert!(accuracy > majority + 0.3);
    // the kept weights are the best epoch's: rescoring gives its accuracy back
    let scores = clf
        .score_batch(
            &validation
                .training_examples(UnsurePolicy::AsInjurious, Upsampling { max_factor: 1 })
                .iter()
                .map(|t| classifier::ModelInput::Snippet(t.snippet.clone()))
                .collect::<Vec<_>>(),
            &Default::default(),
        )
        .unwrap();
    let right = scores
        .iter()
        .zip(&targets)
        .filter(|(s, t)| (s.p_injurious >= 0.5) == **t)
        .count();
    assert!((right as f64 / targets.len() as f64 - accuracy).abs() < 1e-12);
}

#[test]
fn fine_tuning_is_reproducible_for_a_seed() {
    common::single_thread();
    let data = labeled_set();
    let train = data
        .split(Split::Train)
        .filter(|e| e.snippet.prompt.starts_with('M'));
    let tok = TextTokenizer::train(&texts(&train), 120, TokenizerKind::Bpe).unwrap();
    let run = |seed: u64| {
        let model = DebertaForSequenceClassification::new(
            tiny_config(tok.vocab_size() as i64),
            3,
            Device::Cpu,
        )
        .unwrap();
        let mut clf = InjuriousnessClassifier::new(model, tok.clone()).unwrap();
        let settings = FineTuneConfig {
            seed,
            ..from_scratch_settings(1)
        };
        fine_tune(&mut clf, &train, &Dataset::default(), &settings, |_| {}).unwrap();
        let vars = clf.model().var_store().variables();
        vars["classifier.weight"].copy()
    };
    let (a, b, c) = (run(5), run(5), run(6));
    assert_eq!(a, b, "same seed, different weights");
    assert_ne!(a, c, "the seed has no effect");
}

#[test]
fn mlm_pretraining_lowers_the_loss_and_hands_over_its_backbone() {
    common::single_thread();
    let corpus = texts(&labeled_set());
    let tok = TextTokenizer::train(&corpus, 200, TokenizerKind::Unigram).unwrap();
    let config = tiny_config(tok.vocab_size() as i64);
    let settings = PretrainConfig {
        epochs: 4,
        batch_size: 32,
        max_length: 32,
        seed: 2,
        optimizer: OptimizerSettings {
            learning_rate: 2e-3,
            ..PretrainConfig::default().optimizer
        },
        ..PretrainConfig::default()
    };
    let corpus = &corpus[..400];
    let run = || {
        let mlm = DebertaForMaskedLm::new(config.clone(), 4, Device::Cpu).unwrap();
        let report = pretrain_masked_lm(&mlm, &tok, corpus, &settings, |_, _| {}).unwrap();
        (mlm, report)
    };
    let (mlm, report) = run();
    println!("MLM losses per epoch: {:?}", report.epoch_losses);
    // a model that knows nothing pays ln(vocab) ≈ ln(200) = 5.3 per token; four epochs on
    // the templated sentences bring it below 0.75 of that (measured 4.49 → 3.53 over the four epochs)
    let uniform = (tok.vocab_size() as f64).ln();
    let (first, last) = (report.epoch_losses[0], *report.epoch_losses.last().unwrap());
    assert!(
        last < first && last < 0.75 * uniform,
        "{:?} vs ln(vocab) {uniform}",
        report.epoch_losses
    );
    let (_, again) = run();
    assert_eq!(report, again, "pre-training is not reproducible");

    let clf = DebertaForSequenceClassification::from_masked_lm(
        &mlm,
        vec!["non-injurious".into(), "injurious".into()],
        9,
    )
    .unwrap();
    let from = mlm.var_store().variables();
    let to = clf.var_store().variables();
    for name in [
        "deberta.embeddings.word_embeddings.weight",
        "deberta.encoder.layer.1.output.dense.weight",
    ] {
        assert_eq!(from[name], to[name], "{name} was not copied");
    }
    assert!(to.contains_key("classifier.weight") && !to.contains_key("cls.predictions.bias"));
}
