//! The ndarray views of the next-token distribution equal what the tensor API gives.

mod common;

use common::fixture;
use generator::{GptNeo, SamplingConfig, warped_probabilities};
use tch::{Device, Kind, Tensor};

#[test]
fn next_token_logits_and_probabilities_as_arrays_equal_the_tensors() {
    common::one_thread();
    let model = GptNeo::from_pretrained(fixture("gpt_neo_tiny_local"), Device::Cpu).unwrap();
    let prompts = vec![vec![3i64, 4, 5, 6], vec![7], vec![8, 9]];
    let logits = model.next_token_logits(&prompts).unwrap();
    assert_eq!(logits.dim(), (3, model.config().vocab_size));
    // each prompt alone (no padding) gives the same row, to padding's rounding
    for (i, p) in prompts.iter().enumerate() {
        let ids = Tensor::from_slice(p).view([1, p.len() as i64]);
        let alone = model.forward_last(&ids, None, None, None).unwrap();
        let alone = Vec::<f32>::try_from(alone.to_kind(Kind::Float).flatten(0, -1)).unwrap();
        for (a, b) in logits.row(i).iter().zip(&alone) {
            assert!((a - b).abs() < 1e-4, "prompt {i}: {a} vs {b}");
        }
    }
    let sampling = SamplingConfig {
        temperature: 0.8,
        top_k: Some(10),
        top_p: Some(0.9),
    };
    let probs = model.next_token_probabilities(&prompts, &sampling).unwrap();
    for i in 0..prompts.len() {
        let want = warped_probabilities(&logits.row(i).to_vec(), &sampling);
        assert_eq!(probs.row(i).to_vec(), want);
    }
    assert!(model.next_token_logits(&[vec![]]).is_err());
}
