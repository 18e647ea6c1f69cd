//! Bad model directories give errors that name the file and the tensor or option, and
//! never panic.

mod common;

use std::path::{Path, PathBuf};

use classifier::{
    ClassifierError, DebertaForMaskedLm, DebertaForSequenceClassification, InjuriousnessClassifier,
};
use tch::{Device, Tensor};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture directory whose config.json and tensors can be edited.
fn copy_of(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture(name)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn edit_config(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("config.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(path, v.to_string()).unwrap();
}

fn load_err(dir: &Path) -> String {
    DebertaForSequenceClassification::load(dir, Device::Cpu)
        .unwrap_err()
        .to_string()
}

#[test]
fn a_missing_config_names_the_file() {
    common::single_thread();
    let dir = copy_of("v3/classifier");
    std::fs::remove_file(dir.path().join("config.json")).unwrap();
    let err = load_err(dir.path());
    assert!(err.contains("config.json"), "{err}");
}

#[test]
fn an_unknown_or_unsupported_option_is_named() {
    common::single_thread();
    let dir = copy_of("v3/classifier");
    edit_config(dir.path(), |v| v["share_attention_keys"] = true.into());
    let err = load_err(dir.path());
    assert!(
        err.contains("config.json") && err.contains("`share_attention_keys`"),
        "{err}"
    );
    edit_config(dir.path(), |v| {
        v.as_object_mut().unwrap().remove("share_attention_keys");
        v["norm_rel_ebd"] = "batch_norm".into();
    });
    let err = load_err(dir.path());
    assert!(
        err.contains("`norm_rel_ebd`") && err.contains("batch_norm"),
        "{err}"
    );
}

#[test]
fn a_missing_tensor_is_named_with_its_file() {
    common::single_thread();
    let dir = copy_of("v3/classifier");
    let path = dir.path().join("model.safetensors");
    let gone = "deberta.encoder.layer.1.attention.self.key_proj.bias";
    let kept: Vec<(String, Tensor)> = Tensor::read_safetensors(&path)
        .unwrap()
        .into_iter()
        .filter(|(n, _)| n != gone)
        .collect();
    Tensor::write_safetensors(&kept, &path).unwrap();
    let err = DebertaForSequenceClassification::load(dir.path(), Device::Cpu).unwrap_err();
    assert!(matches!(err, ClassifierError::MissingTensor { .. }));
    let err = err.to_string();
    assert!(
        err.contains(gone) && err.contains("model.safetensors"),
        "{err}"
    );
}

#[test]
fn a_wrong_shape_names_the_tensor_and_both_shapes() {
    common::single_thread();
    let dir = copy_of("v3/classifier");
    edit_config(dir.path(), |v| v["vocab_size"] = 65.into());
    let err = load_err(dir.path());
    assert!(
        err.contains("deberta.embeddings.word_embeddings.weight")
            && err.contains("`vocab_size`")
            && err.contains("implies 65")
            && err.contains("[64, 16]"),
        "{err}"
    );
    // a tensor whose shape no size option carries is checked as the model is filled
    let dir = copy_of("v3/classifier");
    let path = dir.path().join("model.safetensors");
    let bad = "deberta.encoder.layer.1.attention.self.key_proj.bias";
    let tensors: Vec<(String, Tensor)> = Tensor::read_safetensors(&path)
        .unwrap()
        .into_iter()
        .map(|(n, t)| {
            if n == bad {
                (n, Tensor::zeros([17], (tch::Kind::Float, Device::Cpu)))
            } else {
                (n, t)
            }
        })
        .collect();
    Tensor::write_safetensors(&tensors, &path).unwrap();
    let err = load_err(dir.path());
    assert!(
        err.contains(bad) && err.contains("[17]") && err.contains("[16]"),
        "{err}"
    );
}

/// Sizes in config.json that the weights do not have are refused before the model is
/// built: at 314c2bf `num_hidden_layers: 1000000` built layers until 20 GB were allocated,
/// and a 16,384-wide embedding asked for gigabyte tensors before a libtorch error that named
/// no file. The fixture (crates/classifier/tests/fixtures/v3) has 2 layers of width 16,
/// 2 heads, an intermediate width of 32 and 256 position buckets.
#[test]
fn sizes_the_weights_do_not_have_are_refused_before_building() {
    common::single_thread();
    let cases: [(&str, serde_json::Value, &[&str]); 6] = [
        (
            "num_hidden_layers",
            1_000_000.into(),
            &["is 1000000", "2 layers (deberta.encoder.layer.0 to 1)"],
        ),
        (
            "embedding_size",
            16_384.into(),
            &["`embedding_size`", "implies 16384", "[64, 16]"],
        ),
        (
            "intermediate_size",
            1_000_000_000.into(),
            &[
                "`intermediate_size`",
                "intermediate.dense.weight",
                "[32, 16]",
            ],
        ),
        (
            "vocab_size",
            50_000_000.into(),
            &["`vocab_size`", "implies 50000000", "[64, 16]"],
        ),
        (
            "position_buckets",
            100_000.into(),
            &["`position_buckets`", "rel_embeddings", "[512, 16]"],
        ),
        (
            "max_position_embeddings",
            1_000_000_000.into(),
            &["`max_position_embeddings`", "65536"],
        ),
    ];
    for (option, value, wanted) in cases {
        let dir = copy_of("v3/classifier");
        edit_config(dir.path(), |v| v[option] = value.clone());
        let started = std::time::Instant::now();
        for err in [
            load_err(dir.path()),
            DebertaForMaskedLm::load(dir.path(), Device::Cpu)
                .unwrap_err()
                .to_string(),
        ] {
            assert!(err.contains("config.json"), "{option}: {err}");
            for w in wanted {
                assert!(err.contains(w), "{option}: `{w}` not in: {err}");
            }
        }
        // nothing was built: far under the minutes the bad sizes took at 314c2bf
        assert!(
            started.elapsed().as_secs() < 10,
            "{option} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn another_architectures_checkpoint_is_recognised() {
    common::single_thread();
    // a config of another model type
    let dir = copy_of("v3/classifier");
    edit_config(dir.path(), |v| v["model_type"] = "gpt_neo".into());
    let err = load_err(dir.path());
    assert!(err.contains("another architecture"), "{err}");
    // a DeBERTa config over another model's tensors
    let dir = copy_of("v3/classifier");
    let t = Tensor::zeros([4, 4], (tch::Kind::Float, Device::Cpu));
    Tensor::write_safetensors(
        &[
            ("transformer.wte.weight", &t),
            ("transformer.h.0.ln_1.weight", &t),
        ],
        dir.path().join("model.safetensors"),
    )
    .unwrap();
    let err = load_err(dir.path());
    assert!(
        err.contains("not a DeBERTa-v2 checkpoint") && err.contains("transformer.wte.weight"),
        "{err}"
    );
    // a classifier directory read as a masked LM lacks the MLM head
    let err = DebertaForMaskedLm::load(fixture("v3/classifier"), Device::Cpu)
        .unwrap_err()
        .to_string();
    assert!(err.contains("cls.predictions"), "{err}");
}

#[test]
fn corrupt_or_absent_weights_are_errors() {
    common::single_thread();
    let dir = copy_of("v3/classifier");
    std::fs::write(dir.path().join("model.safetensors"), b"not a tensor file").unwrap();
    let err = load_err(dir.path());
    assert!(
        err.contains("model.safetensors") && err.contains("not a safetensors file"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("model.safetensors")).unwrap();
    let err = load_err(dir.path());
    assert!(err.contains("no weights"), "{err}");
    std::fs::write(dir.path().join("pytorch_model.bin"), b"PK\x03\x04 garbage").unwrap();
    let err = load_err(dir.path());
    assert!(err.contains("pytorch_model.bin"), "{err}");
}

#[test]
fn a_directory_without_tokenizer_names_tokenizer_json() {
    common::single_thread();
    let err = InjuriousnessClassifier::load(fixture("v3/classifier"), Device::Cpu)
        .unwrap_err()
        .to_string();
    assert!(err.contains("tokenizer.json"), "{err}");
}

#[test]
fn a_sharded_checkpoint_loads_like_a_single_file() {
    common::single_thread();
    let dir = copy_of("v3/classifier");
    let single = dir.path().join("model.safetensors");
    let tensors = Tensor::read_safetensors(&single).unwrap();
    let (first, second): (Vec<_>, Vec<_>) = tensors
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let strip =
        |v: Vec<(usize, (String, Tensor))>| v.into_iter().map(|(_, p)| p).collect::<Vec<_>>();
    let (first, second) = (strip(first), strip(second));
    let mut map = serde_json::Map::new();
    for (file, part) in [
        ("model-00001-of-00002.safetensors", &first),
        ("model-00002-of-00002.safetensors", &second),
    ] {
        Tensor::write_safetensors(part, dir.path().join(file)).unwrap();
        for (name, _) in part {
            map.insert(name.clone(), file.into());
        }
    }
    let index = serde_json::json!({ "metadata": {}, "weight_map": map });
    std::fs::write(
        dir.path().join("model.safetensors.index.json"),
        index.to_string(),
    )
    .unwrap();
    let whole = DebertaForSequenceClassification::load(dir.path(), Device::Cpu).unwrap();
    std::fs::remove_file(&single).unwrap();
    let sharded = DebertaForSequenceClassification::load(dir.path(), Device::Cpu).unwrap();
    let (a, b) = (
        whole.var_store().variables(),
        sharded.var_store().variables(),
    );
    assert_eq!(a.len(), b.len());
    for (name, t) in &a {
        assert_eq!(t, &b[name], "{name}");
    }
}
