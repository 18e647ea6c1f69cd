//! Parity with Hugging Face `transformers`: the fixtures in tests/fixtures were made by
//! python/make_generator_fixtures.py (transformers 5.23.0, torch 2.13.0) from tiny
//! random-init GPT-Neo models; the expected logits and tokens are that script's outputs.

mod common;

use common::{expected, fixture};
use generator::{GptNeo, positions_from_mask};
use tch::{Device, Kind, Tensor};

const MODELS: [&str; 2] = ["gpt_neo_tiny_local", "gpt_neo_tiny_untied"];

fn max_abs_diff(a: &Tensor, b: &Tensor) -> f64 {
    (a - b).abs().max().double_value(&[])
}

/// Logits must agree to 1e-4 (absolute), the project's parity tolerance; fp32 rounding differences
/// between two implementations of the same sums are around 1e-6 here.
const TOLERANCE: f64 = 1e-4;

#[test]
fn logits_match_transformers_without_padding() {
    for name in MODELS {
        let model = GptNeo::from_pretrained(fixture(name), Device::Cpu).unwrap();
        let ids = expected(name, "plain.input_ids");
        let logits = model.forward(&ids, None, None, None).unwrap();
        let want = expected(name, "plain.logits");
        assert_eq!(logits.size(), want.size());
        let diff = max_abs_diff(&logits, &want);
        eprintln!("{name} unpadded: max |Δlogit| = {diff:.2e}");
        assert!(diff < TOLERANCE, "{name}: max |Δlogit| = {diff}");
    }
}

#[test]
fn logits_match_transformers_with_left_padding() {
    for name in MODELS {
        let model = GptNeo::from_pretrained(fixture(name), Device::Cpu).unwrap();
        let ids = expected(name, "padded.input_ids");
        let mask = expected(name, "padded.attention_mask");
        let positions = positions_from_mask(&mask).unwrap();
        assert_eq!(
            positions,
            expected(name, "padded.position_ids"),
            "{name}: positions differ from generate's"
        );
        let real = mask.ne(0).unsqueeze(-1);
        for (case, positions) in [
            ("padded", Some(&positions)),
            ("padded_default_positions", None),
        ] {
            let logits = model.forward(&ids, Some(&mask), positions, None).unwrap();
            let want = expected(name, &format!("{case}.logits"));
            // Only real tokens are compared: a padded query sees no key at all, and what
            // each implementation writes there is never read (its key is masked for all).
            let diff = max_abs_diff(
                &logits.masked_fill(&real.logical_not(), 0.0),
                &want.masked_fill(&real.logical_not(), 0.0),
            );
            eprintln!("{name} {case}: max |Δlogit| = {diff:.2e}");
            assert!(diff < TOLERANCE, "{name} {case}: max |Δlogit| = {diff}");
            let finite = logits.isfinite().all().int64_value(&[]);
            assert_eq!(finite, 1, "{name} {case}: non-finite logits");
        }
    }
}

#[test]
fn padding_does_not_change_the_real_tokens() {
    // Row 2 of the padded batch, alone and unpadded, must give the same logits as in the
    // batch (positions restart at 0 after the padding).
    let name = MODELS[0];
    let model = GptNeo::from_pretrained(fixture(name), Device::Cpu).unwrap();
    let ids = expected(name, "padded.input_ids");
    let mask = expected(name, "padded.attention_mask");
    let batch = model
        .forward(
            &ids,
            Some(&mask),
            Some(&positions_from_mask(&mask).unwrap()),
            None,
        )
        .unwrap();
    let len = mask.get(2).sum(Kind::Int64).int64_value(&[]);
    let row = ids.get(2).narrow(0, 14 - len, len).unsqueeze(0);
    let alone = model.forward(&row, None, None, None).unwrap();
    let diff = max_abs_diff(&alone.get(0), &batch.get(2).narrow(0, 14 - len, len));
    assert!(diff < TOLERANCE, "max |Δlogit| = {diff}");
}

#[test]
fn activations_match_transformers() {
    let text = std::fs::read_to_string(fixture("activations.json")).unwrap();
    let table: serde_json::Value = serde_json::from_str(&text).unwrap();
    let xs: Vec<f32> = serde_json::from_value(table["x"].clone()).unwrap();
    let x = Tensor::from_slice(&xs);
    for (name, activation) in [
        ("gelu_new", generator::Activation::GeluNew),
        ("gelu_pytorch_tanh", generator::Activation::GeluPytorchTanh),
        ("gelu", generator::Activation::Gelu),
        ("relu", generator::Activation::Relu),
        ("silu", generator::Activation::Silu),
    ] {
        let want: Vec<f32> = serde_json::from_value(table["y"][name].clone()).unwrap();
        let got = activation.apply(&x).unwrap();
        let diff = max_abs_diff(&got, &Tensor::from_slice(&want));
        assert!(diff < 1e-6, "{name}: max difference {diff}");
    }
}
