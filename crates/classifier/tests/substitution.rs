//! Substitution scoring against the naive computation: every variant built as its own
//! sequence and run through the full model (every layer at every token, the hidden states
//! of `forward_with_states`), one at a time.

mod common;

use classifier::{
    Batch, BatchOptions, DebertaForSequenceClassification, InjuriousnessClassifier, ModelInput,
    Substitution, TokenizerKind,
};
use tch::{Device, Kind};

/// What `transformers`-style scoring of one sequence gives: the full forward's logits.
fn naive_logits(model: &DebertaForSequenceClassification, ids: &[i64], types: &[i64]) -> Vec<f32> {
    let batch = Batch::from_sequences(&[(ids, types)], 0, Device::Cpu).unwrap();
    let (_, logits) = model.forward_with_states(&batch, false).unwrap();
    Vec::<f32>::try_from(logits.to_kind(Kind::Float).flatten(0, -1)).unwrap()
}

#[test]
fn substitution_scores_equal_naive_full_sequence_scores() {
    common::single_thread();
    let tokenizer = common::tokenizer(TokenizerKind::Unigram);
    let vocab = tokenizer.vocab_size() as i64;
    // 8 position buckets (identity up to distance 4, logarithmic beyond, clamped at 8): the
    // 20-odd tokens of the input use every kind of distance
    let mut config = common::small_config(vocab);
    config.position_buckets = 8;
    config.max_relative_positions = 32;
    let model = DebertaForSequenceClassification::new(config, 3, Device::Cpu).unwrap();
    let classifier = InjuriousnessClassifier::new(model, tokenizer).unwrap();
    let input = ModelInput::snippet(
        "Mara opened the door at dawn. Tom laughed.",
        "The knight cut the rope near the river.",
    );
    let base = classifier
        .encode(std::slice::from_ref(&input))
        .unwrap()
        .remove(0);
    let length = base.len();
    assert!(length > 16, "{length} tokens");
    // 3 candidates at every position, [CLS] and [SEP] included
    let substitutions: Vec<Substitution> = (0..length)
        .flat_map(|position| {
            (0..3).map(move |k| Substitution {
                position,
                id: (5 + 7 * position as i64 + 13 * k) % vocab,
            })
        })
        .collect();
    // small batches of 2.5 variants' tokens: the last batch is partial
    let options = BatchOptions {
        max_batch_size: 1,
        max_batch_tokens: 5 * length / 2,
    };
    let scores = classifier
        .score_substitutions(&base, &substitutions, &options)
        .unwrap();
    assert_eq!(scores.len(), substitutions.len());
    let model = classifier.model();
    let mut worst = 0f64;
    for (s, score) in substitutions.iter().zip(&scores) {
        let mut ids = base.ids();
        ids[s.position] = s.id;
        let want = naive_logits(model, &ids, &base.type_ids);
        for (a, b) in score.logits.iter().zip(&want) {
            worst = worst.max(f64::from((a - b).abs()));
        }
        assert_eq!(score.tokens, length);
        let p = classifier.output().probability(&want);
        assert!((score.p_injurious - p).abs() < 1e-4, "{s:?}");
    }
    println!(
        "max |logit difference| over {} variants: {worst:.2e}",
        scores.len()
    );
    assert!(worst < 1e-4, "{worst}");
}

#[test]
fn bad_substitutions_are_errors() {
    common::single_thread();
    let classifier = common::classifier(1);
    let base = classifier
        .encode(&[ModelInput::text("Tom laughed.")])
        .unwrap()
        .remove(0);
    let options = BatchOptions::default();
    let vocab = classifier.model().config().vocab_size;
    for s in [
        Substitution {
            position: base.len(),
            id: 5,
        },
        Substitution {
            position: 1,
            id: vocab,
        },
        Substitution {
            position: 1,
            id: -1,
        },
    ] {
        assert!(
            classifier
                .score_substitutions(&base, &[s], &options)
                .is_err(),
            "{s:?}"
        );
    }
    assert!(
        classifier
            .score_substitutions(&base, &[], &options)
            .unwrap()
            .is_empty()
    );
}
