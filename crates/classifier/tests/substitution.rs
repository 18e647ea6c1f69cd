//! Substitution scoring (the first layer's work shared across variants, the last layer at
//! token 0 only) against the naive computation: every variant built as its own sequence
//! and run through the full model (every layer at every token, the hidden states of
//! `forward_with_states`), one at a time.

mod common;

use classifier::{
    Batch, BatchOptions, DebertaConfig, DebertaForSequenceClassification, InjuriousnessClassifier,
    ModelInput, PositionAttention, Substitution, TextTokenizer, TokenizerKind,
};
use tch::{Device, Kind};

/// What `transformers`-style scoring of one sequence gives: the full forward's logits.
fn naive_logits(model: &DebertaForSequenceClassification, ids: &[i64], types: &[i64]) -> Vec<f32> {
    let batch = Batch::from_sequences(&[(ids, types)], 0, Device::Cpu).unwrap();
    let (_, logits) = model.forward_with_states(&batch, false).unwrap();
    Vec::<f32>::try_from(logits.to_kind(Kind::Float).flatten(0, -1)).unwrap()
}

/// The largest logit difference between `score_substitutions` and the naive scores, over
/// 3 substitutions at every position of one input ([CLS] and [SEP] included).
fn worst_difference(mut config: DebertaConfig, tokenizer: TextTokenizer) -> f64 {
    let vocab = tokenizer.vocab_size() as i64;
    // weights of spread 0.2 (not 0.02): one token changes the logits by whole units, so
    // that a wrong row, column or distance would show far above the tolerance
    config.initializer_range = 0.2;
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
    let substitutions: Vec<Substitution> = (0..length)
        .flat_map(|position| {
            (0..3).map(move |k| Substitution {
                position,
                id: (5 + 7 * position as i64 + 13 * k) % vocab,
            })
        })
        .collect();
    // batches of 5 variants: the last batch is partial
    let options = BatchOptions {
        max_batch_size: 5,
        max_batch_tokens: 8 * length,
    };
    let scores = classifier
        .score_substitutions(&base, &substitutions, &options)
        .unwrap();
    assert_eq!(scores.len(), substitutions.len());
    let model = classifier.model();
    let mut worst = 0f64;
    let first: Vec<f32> = scores.iter().map(|s| s.logits[0]).collect();
    let spread = first.iter().fold(f32::MIN, |a, &b| a.max(b))
        - first.iter().fold(f32::MAX, |a, &b| a.min(b));
    println!("logit 0 spreads over {spread:.3} across the variants");
    assert!(spread > 0.1, "{spread}");
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
    worst
}

#[test]
fn substitution_scores_equal_naive_full_sequence_scores() {
    common::single_thread();
    let tokenizer = common::tokenizer(TokenizerKind::Unigram);
    let vocab = tokenizer.vocab_size() as i64;
    // DeBERTa-v3's options with 8 position buckets (identity up to distance 4,
    // logarithmic beyond, clamped at 8): the 20-odd tokens use every kind of distance
    let mut v3 = common::small_config(vocab);
    v3.position_buckets = 8;
    v3.max_relative_positions = 32;
    // three layers, c2p only through its own projection, plain distances clamped at 6
    let mut c2p_only = common::small_config(vocab);
    c2p_only.num_hidden_layers = 3;
    c2p_only.share_att_key = false;
    c2p_only.pos_att_type = PositionAttention {
        c2p: true,
        p2c: false,
    };
    c2p_only.position_buckets = 0;
    c2p_only.max_relative_positions = 6;
    // p2c only, through its own projection
    let mut p2c_only = c2p_only.clone();
    p2c_only.pos_att_type = PositionAttention {
        c2p: false,
        p2c: true,
    };
    // no relative attention (absolute positions)
    let mut absolute = common::small_config(vocab);
    absolute.relative_attention = false;
    absolute.position_biased_input = true;
    absolute.pos_att_type = PositionAttention::default();
    for (name, config) in [
        ("v3", v3),
        ("c2p only", c2p_only),
        ("p2c only", p2c_only),
        ("absolute", absolute),
    ] {
        let worst = worst_difference(config, tokenizer.clone());
        println!("{name}: max |logit difference| {worst:.2e}");
        assert!(worst < 1e-4, "{name}: {worst}");
    }
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
