//! Round trip through Python: models saved by this crate are loaded by `transformers`
//! (`python/make_classifier_fixtures.py --check DIR`, run with the project's virtualenv),
//! which must compute the same logits (1e-4 max abs difference, fp32); and they load back
//! here unchanged.
//!
//! The virtualenv is `$HIGHSTAKES_VENV`, else `$HOME/.cache/highstakes/venv` (what
//! `scripts/setup` makes). Without it this test fails and says so: it never passes silently.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use classifier::{
    Activation, Batch, BatchOptions, DebertaConfig, DebertaForMaskedLm,
    DebertaForSequenceClassification, InjuriousnessClassifier, MaskedLmSuggester, ModelInput,
    TokenizerKind,
};
use tch::{Device, Kind, Tensor};

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../python/make_classifier_fixtures.py")
}

fn inputs() -> Vec<ModelInput> {
    vec![
        ModelInput::snippet("Mara opened the door at dawn.", "The knight cut the rope."),
        ModelInput::text("Tom laughed."),
        ModelInput::snippet(
            "Élin walked to the barn.",
            "He shot a glance at the dog before the storm.",
        ),
    ]
}

/// Writes the padded batch as `inputs.safetensors` and returns it.
fn write_inputs(dir: &Path, batch: &Batch) {
    let named = [
        ("input_ids", &batch.input_ids),
        ("token_type_ids", &batch.token_type_ids),
        ("attention_mask", &batch.attention_mask),
    ];
    Tensor::write_safetensors(&named, dir.join("inputs.safetensors")).unwrap();
}

fn python_logits(dir: &Path) -> Tensor {
    let out = Command::new(common::python())
        .arg(script())
        .arg("--check")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "transformers could not run the saved model:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut named = Tensor::read_safetensors(dir.join("python_outputs.safetensors")).unwrap();
    named.remove(0).1
}

fn max_abs_diff(a: &Tensor, b: &Tensor) -> f64 {
    assert_eq!(a.size(), b.size());
    (a.to_kind(Kind::Double) - b.to_kind(Kind::Double))
        .abs()
        .max()
        .double_value(&[])
}

#[test]
fn a_classifier_saved_here_gives_the_same_logits_in_transformers() {
    common::single_thread();
    let tok = common::tokenizer(TokenizerKind::Unigram);
    // many options at once: v2-xlarge's convolution, a narrow embedding, token types, absolute
    // positions besides relative ones, separate position projections
    let mut config = common::small_config(tok.vocab_size() as i64);
    config.initializer_range = 0.2;
    config.conv_kernel_size = 3;
    config.conv_act = Activation::Gelu;
    config.embedding_size = Some(16);
    config.type_vocab_size = 2;
    config.position_biased_input = true;
    config.share_att_key = false;
    let model = DebertaForSequenceClassification::new(config, 3, Device::Cpu).unwrap();
    let clf = InjuriousnessClassifier::new(model, tok).unwrap();
    let dir = tempfile::tempdir().unwrap();
    clf.save(dir.path()).unwrap();

    let encoded = clf.encode(&inputs()).unwrap();
    let ids: Vec<Vec<i64>> = encoded.iter().map(|e| e.ids()).collect();
    let pairs: Vec<(&[i64], &[i64])> = ids
        .iter()
        .zip(&encoded)
        .map(|(i, e)| (i.as_slice(), e.type_ids.as_slice()))
        .collect();
    let batch = Batch::from_sequences(&pairs, 0, Device::Cpu).unwrap();
    write_inputs(dir.path(), &batch);
    let rust = tch::no_grad(|| clf.model().forward(&batch, false).unwrap());
    let python = python_logits(dir.path());
    let d = max_abs_diff(&rust, &python);
    println!("classifier round trip: max |diff| {d:.2e}");
    assert!(d < 1e-4, "logits differ by {d}");

    let back = InjuriousnessClassifier::load(dir.path(), Device::Cpu).unwrap();
    let a = clf
        .score_batch(&inputs(), &BatchOptions::default())
        .unwrap();
    let b = back
        .score_batch(&inputs(), &BatchOptions::default())
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_masked_lm_saved_here_gives_the_same_logits_in_transformers() {
    common::single_thread();
    let tok = common::tokenizer(TokenizerKind::Bpe);
    let mut config: DebertaConfig = common::small_config(tok.vocab_size() as i64);
    config.initializer_range = 0.2;
    config.embedding_size = Some(16); // the legacy transform maps back to 16
    let model = DebertaForMaskedLm::new(config, 4, Device::Cpu).unwrap();
    let sug = MaskedLmSuggester::new(model, tok).unwrap();
    let dir = tempfile::tempdir().unwrap();
    sug.save(dir.path()).unwrap();
    let encoded: Vec<_> = inputs().iter().map(|i| sug.encode(i).unwrap()).collect();
    let ids: Vec<Vec<i64>> = encoded.iter().map(|e| e.ids()).collect();
    let pairs: Vec<(&[i64], &[i64])> = ids
        .iter()
        .zip(&encoded)
        .map(|(i, e)| (i.as_slice(), e.type_ids.as_slice()))
        .collect();
    let batch = Batch::from_sequences(&pairs, 0, Device::Cpu).unwrap();
    write_inputs(dir.path(), &batch);
    let rust = tch::no_grad(|| sug.model().forward(&batch, false).unwrap());
    let python = python_logits(dir.path());
    let d = max_abs_diff(&rust, &python);
    println!("masked LM round trip: max |diff| {d:.2e}");
    assert!(d < 1e-4, "logits differ by {d}");
    let back = MaskedLmSuggester::load(dir.path(), Device::Cpu).unwrap();
    let again = tch::no_grad(|| back.model().forward(&batch, false).unwrap());
    assert_eq!(max_abs_diff(&rust, &again), 0.0);
}
