//! Batched scoring, saliency and masked-LM suggestions on small random models, checked
//! against one-at-a-time runs, finite differences and a direct masked-LM forward.

mod common;

use classifier::{
    BatchOptions, DebertaForSequenceClassification, EditSite, InjuriousnessClassifier, ModelInput,
    Segment, insertion_sites, replacement_sites,
};
use tch::{Device, Kind, Tensor};

fn inputs() -> Vec<ModelInput> {
    vec![
        ModelInput::snippet(
            "Mara opened the door at dawn. Tom laughed.",
            "The knight cut the rope.",
        ),
        ModelInput::text("Tom laughed."),
        ModelInput::snippet("", "The baker walked to the barn before the storm."),
        ModelInput::snippet(
            "Élin picked up the lantern.",
            "Tom shot a glance at the dog.",
        ),
        ModelInput::text("The old man opened the door near the river with a smile."),
        ModelInput::snippet("The knight laughed.", "Mara cut the rope in silence."),
        ModelInput::snippet("Tom walked to the barn.", "He laughed."),
    ]
}

/// A random classifier whose weights are spread wide enough (std 0.2) for outputs and
/// gradients to vary visibly between inputs.
fn lively_classifier() -> InjuriousnessClassifier {
    let tok = common::tokenizer(classifier::TokenizerKind::Unigram);
    let mut config = common::small_config(tok.vocab_size() as i64);
    config.initializer_range = 0.2;
    let model = DebertaForSequenceClassification::new(config, 11, Device::Cpu).unwrap();
    InjuriousnessClassifier::new(model, tok).unwrap()
}

#[test]
fn bucketed_scores_equal_one_at_a_time_scores_in_input_order() {
    common::single_thread();
    let clf = lively_classifier();
    let options = BatchOptions {
        max_batch_size: 3,
        max_batch_tokens: 60,
    };
    let batched = clf.score_batch(&inputs(), &options).unwrap();
    assert_eq!(batched.len(), inputs().len());
    let mut spread = Vec::new();
    for (input, b) in inputs().iter().zip(&batched) {
        let single = clf.score(input).unwrap();
        for (x, y) in b.logits.iter().zip(&single.logits) {
            // padding only adds masked positions: same numbers up to fp32 summation order
            assert!((x - y).abs() < 1e-5, "{x} vs {y}");
        }
        assert_eq!(b.tokens, single.tokens);
        // P(injurious) is the softmax of the logits at class 1 ("injurious")
        let (z0, z1) = (f64::from(b.logits[0]), f64::from(b.logits[1]));
        let p = z1.exp() / (z0.exp() + z1.exp());
        assert!((b.p_injurious - p).abs() < 1e-9);
        spread.push(b.p_injurious);
    }
    // a test that could not tell inputs apart would prove nothing about the order
    let max = spread.iter().cloned().fold(f64::MIN, f64::max);
    let min = spread.iter().cloned().fold(f64::MAX, f64::min);
    assert!(max - min > 1e-3, "scores barely differ: {spread:?}");
}

#[test]
fn truncation_is_visible_in_scores() {
    common::single_thread();
    let mut clf = lively_classifier();
    clf.set_max_length(12).unwrap();
    let long = ModelInput::snippet(
        "Mara opened the door at dawn. Tom walked to the barn.",
        "He laughed.",
    );
    let s = clf.score(&long).unwrap();
    assert_eq!(s.tokens, 12);
    assert!(s.truncated_tokens > 0);
    let err = clf
        .score(&ModelInput::snippet(
            "A.",
            "The old man opened the door near the river with a smile.",
        ))
        .unwrap_err()
        .to_string();
    assert!(err.contains("never cut"), "{err}");
}

/// A length limit is bounded: at 314c2bf `score --max-length 100000000` was accepted for
/// a model with relative positions (no table to run out of), so one long input could ask
/// for terabytes of attention.
#[test]
fn the_length_limit_is_bounded() {
    common::single_thread();
    let mut clf = lively_classifier();
    for bad in [0, 3, 100_000_000] {
        let err = clf.set_max_length(bad).unwrap_err().to_string();
        assert!(err.contains("at least 4 and at most"), "{bad}: {err}");
    }
    clf.set_max_length(classifier::MAX_POSITIONS as usize)
        .unwrap();
}

/// log P(injurious) − log P(non-injurious) for word embeddings, through the public model.
fn log_odds(clf: &InjuriousnessClassifier, embeds: &Tensor, types: &Tensor, mask: &Tensor) -> f64 {
    let logits = clf
        .model()
        .forward_embeds(embeds, Some(types), mask, false)
        .unwrap();
    let l = logits.to_kind(Kind::Double);
    (l.get(0).get(1) - l.get(0).get(0)).double_value(&[])
}

#[test]
fn saliency_is_the_gradient_norm_found_by_finite_differences() {
    common::single_thread();
    let clf = lively_classifier();
    let input = ModelInput::snippet("Tom walked to the barn.", "The knight cut the rope.");
    let sal = clf
        .saliency_batch(std::slice::from_ref(&input), &BatchOptions::default())
        .unwrap()
        .remove(0);
    let encoded = clf.encode(std::slice::from_ref(&input)).unwrap().remove(0);
    let ids = Tensor::from_slice(&encoded.ids()).unsqueeze(0);
    let types = Tensor::from_slice(&encoded.type_ids).unsqueeze(0);
    let mask = ids.ones_like();
    let base = tch::no_grad(|| clf.model().deberta.word_embeddings(&ids).unwrap());
    let width = base.size()[2];
    let eps = 1e-2;
    let _guard = tch::no_grad_guard();
    for position in [2usize, encoded.len() - 3] {
        let mut sum_sq = 0.0;
        for d in 0..width {
            let bump = Tensor::zeros_like(&base);
            let _ = bump.get(0).get(position as i64).get(d).fill_(eps);
            let up = log_odds(&clf, &(&base + &bump), &types, &mask);
            let down = log_odds(&clf, &(&base - &bump), &types, &mask);
            sum_sq += ((up - down) / (2.0 * eps)).powi(2);
        }
        let numeric = sum_sq.sqrt();
        let analytic = sal.tokens[position].saliency;
        // central differences in fp32: truncation O(eps²) and rounding O(1e-7 / eps)
        assert!(
            (numeric - analytic).abs() < 0.01 * analytic + 1e-4,
            "token {position}: finite differences {numeric}, saliency {analytic}"
        );
        assert!(
            analytic > 1e-3,
            "a vanishing gradient would make this test vacuous"
        );
    }
}

#[test]
fn batched_saliency_equals_single_and_covers_every_word() {
    common::single_thread();
    let clf = lively_classifier();
    let options = BatchOptions {
        max_batch_size: 2,
        max_batch_tokens: 1000,
    };
    let all = clf.saliency_batch(&inputs(), &options).unwrap();
    let scores = clf.score_batch(&inputs(), &options).unwrap();
    for ((input, s), score) in inputs().iter().zip(&all).zip(&scores) {
        let one = clf
            .saliency_batch(std::slice::from_ref(input), &options)
            .unwrap()
            .remove(0);
        for (a, b) in s.tokens.iter().zip(&one.tokens) {
            assert!((a.saliency - b.saliency).abs() < 1e-4 * (1.0 + b.saliency));
        }
        assert!((s.score.p_injurious - score.p_injurious).abs() < 1e-6);
        let n_words: usize = [Segment::Prompt, Segment::Completion, Segment::Text]
            .iter()
            .filter_map(|&seg| input.segment_text(seg))
            .map(|t| t.split_whitespace().count())
            .sum();
        assert_eq!(s.words.len(), n_words);
        assert!(s.words.iter().all(|w| w.saliency > 0.0));
    }
}

#[test]
fn suggestions_are_the_masked_lms_top_k() {
    common::single_thread();
    let sug = common::suggester(5);
    let input = ModelInput::snippet("Tom walked to the barn.", "The knight cut the rope.");
    let encoded = sug.encode(&input).unwrap();
    let mut sites = replacement_sites(&encoded);
    sites.extend(insertion_sites(&encoded));
    let options = BatchOptions {
        max_batch_size: 4,
        max_batch_tokens: 10_000,
    };
    let found = sug.suggest(&input, &sites, 5, &options).unwrap();
    assert_eq!(found.len(), sites.len());
    let mask = sug.tokenizer().special_ids().mask.unwrap();
    let _guard = tch::no_grad_guard();
    for (site, got) in sites.iter().zip(&found) {
        assert_eq!(got.site, *site);
        // the same thing by hand: mask the site, run the whole sequence, rank the vocabulary
        let mut ids = encoded.ids();
        let mut types = encoded.type_ids.clone();
        let (pos, original) = match *site {
            EditSite::Replace(i) => (i, Some(ids[i])),
            EditSite::Insert(i) => {
                ids.insert(i, mask);
                types.insert(
                    i,
                    types[if encoded.tokens[i].segment == Segment::Special {
                        i - 1
                    } else {
                        i
                    }],
                );
                (i, None)
            }
        };
        ids[pos] = mask;
        let batch = classifier::Batch::from_sequences(&[(&ids, &types)], 0, Device::Cpu).unwrap();
        let logits = sug.model().forward(&batch, false).unwrap();
        let row: Vec<f32> =
            Vec::try_from(logits.get(0).get(pos as i64).log_softmax(-1, Kind::Float)).unwrap();
        let mut ranked: Vec<usize> = (0..row.len())
            .filter(|&id| !sug.tokenizer().is_special(id as i64) && Some(id as i64) != original)
            .filter(|&id| id < sug.tokenizer().vocab_size())
            .collect();
        ranked.sort_by(|&a, &b| row[b].total_cmp(&row[a]));
        let want: Vec<i64> = ranked[..5].iter().map(|&id| id as i64).collect();
        let got_ids: Vec<i64> = got.suggestions.iter().map(|s| s.id).collect();
        assert_eq!(got_ids, want, "{site:?}");
        for s in &got.suggestions {
            assert!((s.log_prob - f64::from(row[s.id as usize])).abs() < 1e-4);
        }
        // and each suggestion splices into the text
        let edited = got.apply(&input, &got.suggestions[0]).unwrap();
        assert_ne!(edited, input);
    }
    assert!(
        sug.suggest(&input, &[EditSite::Replace(0)], 5, &options)
            .is_err()
    );
}
