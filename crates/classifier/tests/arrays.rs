//! The ndarray views of the classifier's numbers equal what the plain API gives.

mod common;

use classifier::{BatchOptions, ModelInput, logits_array, p_injurious_array};

fn inputs() -> Vec<ModelInput> {
    vec![
        ModelInput::snippet("The knight drew his sword.", "He cut the rope."),
        ModelInput::text("She smiled at the baker."),
        ModelInput::snippet(
            "A storm rolled in.",
            "The roof fell on him and he broke his arm.",
        ),
    ]
}

#[test]
fn batch_scores_and_logits_as_arrays_equal_score_batch() {
    common::single_thread();
    let clf = common::classifier(3);
    let options = BatchOptions::default();
    let scores = clf.score_batch(&inputs(), &options).unwrap();
    let p = clf.p_injurious_array(&inputs(), &options).unwrap();
    let logits = clf.logits_array(&inputs(), &options).unwrap();
    assert_eq!(p.len(), scores.len());
    assert_eq!(logits.dim(), (scores.len(), scores[0].logits.len()));
    for (i, s) in scores.iter().enumerate() {
        assert_eq!(p[i], s.p_injurious);
        assert_eq!(logits.row(i).to_vec(), s.logits);
    }
    assert_eq!(p_injurious_array(&scores), p);
    assert_eq!(logits_array(&scores).unwrap(), logits);
}

#[test]
fn saliency_maps_as_arrays_equal_the_saliencies() {
    common::single_thread();
    let clf = common::classifier(3);
    let maps = clf
        .saliency_batch(&inputs(), &BatchOptions::default())
        .unwrap();
    for map in &maps {
        let tokens: Vec<f64> = map.tokens.iter().map(|t| t.saliency).collect();
        let words: Vec<f64> = map.words.iter().map(|w| w.saliency).collect();
        assert_eq!(map.token_array().to_vec(), tokens);
        assert_eq!(map.word_array().to_vec(), words);
    }
}
