//! The layout of the checkpoints people actually have (Redwood's injuriousness classifiers,
//! Microsoft's DeBERTa releases): `pytorch_model.bin` and `spm.model` with `[MASK]` added
//! after the pieces. The fixture `tests/fixtures/spm_checkpoint` was saved that way by
//! `python/make_classifier_fixtures.py` (a SentencePiece model trained there with the
//! `sentencepiece` package); its expected token ids come from `transformers`'
//! `AutoTokenizer` on the same directory and its logits from `transformers`' model.

mod common;

use std::path::PathBuf;

use classifier::{
    Batch, DebertaForSequenceClassification, InjuriousnessClassifier, ModelInput, TextTokenizer,
    convert_sentencepiece_dir,
};
use tch::{Device, Kind, Tensor};

fn fixture() -> PathBuf {
    common::spm_checkpoint()
}

fn cases() -> Vec<(ModelInput, Vec<i64>)> {
    let text = std::fs::read_to_string(fixture().join("expected_tokens.json")).unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    list.into_iter()
        .map(|c| {
            let ids: Vec<i64> = serde_json::from_value(c["ids"].clone()).unwrap();
            let input = match c.get("text") {
                Some(t) => ModelInput::text(t.as_str().unwrap()),
                None => ModelInput::snippet(
                    c["prompt"].as_str().unwrap(),
                    c["completion"].as_str().unwrap(),
                ),
            };
            (input, ids)
        })
        .collect()
}

#[test]
fn spm_model_converts_to_the_tokenizer_transformers_builds() {
    common::single_thread();
    let tok = TextTokenizer::from_sentencepiece_dir(fixture()).unwrap();
    let s = tok.special_ids();
    assert_eq!(
        (s.pad, s.cls, s.sep, s.unk, s.mask),
        (0, 1, 2, Some(3), Some(100))
    );
    for (input, want) in cases() {
        let got = tok.encode_input(&input, 512, 0).unwrap().ids();
        assert_eq!(got, want, "{input:?}");
    }
    // the conversion written as tokenizer.json reads back the same
    let dir = common::spm_tokenizer_copy();
    let path = convert_sentencepiece_dir(dir.path()).unwrap();
    let back = TextTokenizer::from_file(path).unwrap();
    for (input, want) in cases() {
        assert_eq!(back.encode_input(&input, 512, 0).unwrap().ids(), want);
    }
}

#[test]
fn a_pickled_state_dict_is_named_in_the_error_with_the_conversion_command() {
    common::single_thread();
    // libtorch's C++ loader does not read Python pickles of state dicts; the error says how
    // to convert
    let err = DebertaForSequenceClassification::load(fixture(), Device::Cpu)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("pytorch_model.bin") && err.contains("convert_deberta_checkpoint.py"),
        "{err}"
    );
}

#[test]
fn a_converted_pickled_state_dict_matches_transformers() {
    common::single_thread();
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../python/convert_deberta_checkpoint.py");
    let out = std::process::Command::new(common::python())
        .arg(script)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "conversion failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // the tokenizer.json transformers wrote encodes as the Rust conversion of spm.model does
    let written = TextTokenizer::from_file(dir.path().join("tokenizer.json")).unwrap();
    for (input, want) in cases() {
        assert_eq!(written.encode_input(&input, 512, 0).unwrap().ids(), want);
    }
    let model = DebertaForSequenceClassification::load(dir.path(), Device::Cpu).unwrap();
    let expected: std::collections::HashMap<String, Tensor> =
        Tensor::read_safetensors(fixture().join("expected.safetensors"))
            .unwrap()
            .into_iter()
            .collect();
    let batch = Batch {
        input_ids: expected["input_ids"].shallow_clone(),
        token_type_ids: expected["token_type_ids"].shallow_clone(),
        attention_mask: expected["attention_mask"].shallow_clone(),
    };
    let logits = tch::no_grad(|| model.forward(&batch, false).unwrap());
    let d = (logits.to_kind(Kind::Double) - expected["logits"].to_kind(Kind::Double))
        .abs()
        .max()
        .double_value(&[]);
    println!("pytorch_model.bin: logits max |diff| {d:.2e}");
    assert!(d < 1e-4, "{d}");

    // the whole directory as a classifier: its own encoding of the snippets gives the same scores
    std::fs::remove_file(dir.path().join("tokenizer.json")).unwrap(); // spm.model then serves
    let clf = InjuriousnessClassifier::load(dir.path(), Device::Cpu).unwrap();
    let inputs: Vec<ModelInput> = cases()
        .into_iter()
        .map(|(i, _)| i)
        .filter(|i| matches!(i, ModelInput::Snippet(_)))
        .collect();
    let scores = clf.score_batch(&inputs, &Default::default()).unwrap();
    for (row, s) in scores.iter().enumerate() {
        let want: Vec<f32> = Vec::try_from(expected["logits"].get(row as i64)).unwrap();
        for (a, b) in s.logits.iter().zip(&want) {
            assert!((a - b).abs() < 1e-4, "snippet {row}: {a} vs {b}");
        }
    }
}
