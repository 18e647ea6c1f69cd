//! Parity with Hugging Face `transformers` 5.23.0: tiny random-init checkpoints and the
//! outputs `transformers` computed for them, written by `python/make_classifier_fixtures.py`
//! (see its docstring for what each config exercises). Every comparison is fp32 on the CPU
//! with a tolerance of 1e-4 max abs difference, over a right-padded batch of three
//! sequences (lengths 14, 9, 5), padding positions included.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use classifier::{Batch, DebertaForMaskedLm, DebertaForSequenceClassification, relative_positions};
use tch::{Device, Kind, Tensor};

const TOLERANCE: f64 = 1e-4;
const CONFIGS: &[&str] = &[
    "v3",
    "v2_xlarge",
    "biased_input",
    "separate_c2p",
    "no_buckets",
    "absolute",
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn expected(dir: &std::path::Path) -> HashMap<String, Tensor> {
    Tensor::read_safetensors(dir.join("expected.safetensors"))
        .unwrap()
        .into_iter()
        .collect()
}

fn batch_of(e: &HashMap<String, Tensor>) -> Batch {
    Batch {
        input_ids: e["input_ids"].shallow_clone(),
        token_type_ids: e["token_type_ids"].shallow_clone(),
        attention_mask: e["attention_mask"].shallow_clone(),
    }
}

fn max_abs_diff(a: &Tensor, b: &Tensor) -> f64 {
    assert_eq!(a.size(), b.size());
    (a.to_kind(Kind::Double) - b.to_kind(Kind::Double))
        .abs()
        .max()
        .double_value(&[])
}

#[test]
fn classifier_logits_and_hidden_states_match_transformers() {
    common::single_thread();
    for name in CONFIGS {
        let dir = fixtures().join(name).join("classifier");
        let model = DebertaForSequenceClassification::load(&dir, Device::Cpu).unwrap();
        let e = expected(&dir);
        let (states, logits) = model.forward_with_states(&batch_of(&e), false).unwrap();
        let hidden = Tensor::stack(&states, 0);
        let d_logits = max_abs_diff(&logits, &e["logits"]);
        // `forward` computes the last layer at token 0 only: the same logits
        let fast = model.forward(&batch_of(&e), false).unwrap();
        let d_fast = max_abs_diff(&fast, &e["logits"]);
        assert!(
            d_fast < TOLERANCE,
            "{name}: forward's logits differ by {d_fast}"
        );
        let d_hidden = max_abs_diff(&hidden, &e["hidden_states"]);
        println!(
            "{name}/classifier: logits max |diff| {d_logits:.2e}, hidden states {d_hidden:.2e}"
        );
        assert!(d_logits < TOLERANCE, "{name}: logits differ by {d_logits}");
        assert!(
            d_hidden < TOLERANCE,
            "{name}: hidden states differ by {d_hidden}"
        );
    }
}

#[test]
fn masked_lm_logits_match_transformers() {
    common::single_thread();
    for name in CONFIGS {
        let dir = fixtures().join(name).join("masked_lm");
        let model = DebertaForMaskedLm::load(&dir, Device::Cpu).unwrap();
        let e = expected(&dir);
        let logits = model.forward(&batch_of(&e), false).unwrap();
        let d = max_abs_diff(&logits, &e["logits"]);
        println!(
            "{name}/masked_lm ({:?} head): logits max |diff| {d:.2e}",
            model.head.layout
        );
        assert!(d < TOLERANCE, "{name}: MLM logits differ by {d}");
    }
}

#[test]
fn forward_at_selected_positions_equals_the_full_forward() {
    common::single_thread();
    let dir = fixtures().join("biased_input").join("masked_lm");
    let model = DebertaForMaskedLm::load(&dir, Device::Cpu).unwrap();
    let e = expected(&dir);
    // one position per row; then several in a row, out of order, and a row with none
    for (rows, cols) in [
        (vec![0i64, 1, 2], vec![3i64, 8, 0]),
        (vec![2, 0, 2, 0, 2], vec![4, 13, 0, 2, 1]),
    ] {
        let rows = Tensor::from_slice(&rows);
        let cols = Tensor::from_slice(&cols);
        let picked = model
            .forward_at(&batch_of(&e), &rows, &cols, false)
            .unwrap();
        let full = e["logits"].index(&[Some(&rows), Some(&cols)]);
        assert!(max_abs_diff(&picked, &full) < TOLERANCE);
    }
}

#[test]
fn relative_positions_match_build_relative_position() {
    common::single_thread();
    let cases: Vec<(String, Tensor)> =
        Tensor::read_safetensors(fixtures().join("relative_positions.safetensors")).unwrap();
    assert_eq!(cases.len(), 5);
    for (name, want) in cases {
        // name: len{L}_buckets{B}_max{M}
        let parts: Vec<i64> = name
            .split('_')
            .map(|p| p.trim_start_matches(char::is_alphabetic).parse().unwrap())
            .collect();
        let (len, buckets, max) = (parts[0], parts[1], parts[2]);
        let got = relative_positions(len, buckets, max, Device::Cpu).unwrap();
        let rows = got.index_select(0, &Tensor::from_slice(&[0, len - 1]));
        assert_eq!(rows, want, "{name}");
    }
}
