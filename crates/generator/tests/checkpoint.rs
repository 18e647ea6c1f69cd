//! Hugging Face checkpoint directories: round trips, and a clear error (never a panic)
//! for every kind of bad checkpoint.

mod common;

use std::path::Path;

use common::fixture;

use generator::{GeneratorError, GptNeo};
use tch::{Device, Kind, Tensor};

/// A copy of a fixture checkpoint whose tensors went through `edit`.
fn edited(name: &str, edit: impl FnOnce(&mut Vec<(String, Tensor)>)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture(name).join("config.json"),
        dir.path().join("config.json"),
    )
    .unwrap();
    let mut tensors = Tensor::read_safetensors(fixture(name).join("model.safetensors")).unwrap();
    edit(&mut tensors);
    Tensor::write_safetensors(&tensors, dir.path().join("model.safetensors")).unwrap();
    dir
}

fn load_error(dir: &Path) -> GeneratorError {
    GptNeo::from_pretrained(dir, Device::Cpu).expect_err("the checkpoint should be rejected")
}

fn logits(model: &GptNeo) -> Tensor {
    let ids =
        Tensor::from_slice(&[5i64, 9, 17, 3, 250, 40, 41, 42, 7, 8, 9, 10, 11, 12]).view([1, 14]);
    model.forward(&ids, None, None, None).unwrap()
}

#[test]
fn saved_checkpoints_load_back_identically() {
    for name in ["gpt_neo_tiny_local", "gpt_neo_tiny_untied"] {
        let model = GptNeo::from_pretrained(fixture(name), Device::Cpu).unwrap();
        let dir = tempfile::tempdir().unwrap();
        model.save_pretrained(dir.path()).unwrap();
        let again = GptNeo::from_pretrained(dir.path(), Device::Cpu).unwrap();
        assert_eq!(again.config(), model.config());
        assert!(logits(&again).equal(&logits(&model)), "{name}");
        // transformers omits the tied head from the file; so do we
        let names: Vec<String> = Tensor::read_safetensors(dir.path().join("model.safetensors"))
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(
            names.contains(&"lm_head.weight".to_string()),
            !model.config().tie_word_embeddings
        );
    }
}

/// Saving writes each file whole, by rename: it leaves no temporary file, replaces an
/// earlier save, and refuses a symlink in a file's place instead of writing through it
/// (`std::fs::write`, which the generator used before, follows the link and truncates
/// whatever it points to).
#[test]
fn saving_replaces_whole_files_and_never_writes_through_a_symlink() {
    let model = GptNeo::from_pretrained(fixture("gpt_neo_tiny_local"), Device::Cpu).unwrap();
    let dir = tempfile::tempdir().unwrap();
    model.save_pretrained(dir.path()).unwrap();
    model.save_pretrained(dir.path()).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["config.json", "model.safetensors"]);
    assert!(GptNeo::from_pretrained(dir.path(), Device::Cpu).is_ok());

    let elsewhere = tempfile::tempdir().unwrap();
    let precious = elsewhere.path().join("precious.bin");
    std::fs::write(&precious, b"keep").unwrap();
    let linked = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&precious, linked.path().join("model.safetensors")).unwrap();
    let err = model
        .save_pretrained(linked.path())
        .expect_err("a symlink in place of the weights is refused");
    assert!(err.to_string().contains("model.safetensors"), "{err}");
    assert_eq!(std::fs::read(&precious).unwrap(), b"keep");
}

#[test]
fn optional_tensors_and_bare_models_load() {
    let reference = GptNeo::from_pretrained(fixture("gpt_neo_tiny_local"), Device::Cpu).unwrap();
    // Old checkpoints carry the causal-mask buffers, and some carry the tied head.
    let dir = edited("gpt_neo_tiny_local", |t| {
        let wte = t
            .iter()
            .find(|(n, _)| n == "transformer.wte.weight")
            .unwrap()
            .1
            .copy();
        t.push(("lm_head.weight".into(), wte));
        t.push((
            "transformer.h.0.attn.attention.bias".into(),
            Tensor::ones([1, 1, 64, 64], (Kind::Bool, Device::Cpu)),
        ));
        t.push((
            "transformer.h.0.attn.attention.masked_bias".into(),
            Tensor::from(-1e9f32),
        ));
    });
    let model = GptNeo::from_pretrained(dir.path(), Device::Cpu).unwrap();
    assert!(logits(&model).equal(&logits(&reference)));
    // A bare GPTNeoModel checkpoint (no `transformer.` prefix) with a tied head.
    let dir = edited("gpt_neo_tiny_local", |t| {
        for (name, _) in t.iter_mut() {
            *name = name.trim_start_matches("transformer.").to_string();
        }
    });
    let model = GptNeo::from_pretrained(dir.path(), Device::Cpu).unwrap();
    assert!(logits(&model).equal(&logits(&reference)));
}

#[test]
fn sharded_checkpoints_load() {
    let reference = GptNeo::from_pretrained(fixture("gpt_neo_tiny_local"), Device::Cpu).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("gpt_neo_tiny_local").join("config.json"),
        dir.path().join("config.json"),
    )
    .unwrap();
    let tensors =
        Tensor::read_safetensors(fixture("gpt_neo_tiny_local").join("model.safetensors")).unwrap();
    let (first, second): (Vec<_>, Vec<_>) = tensors
        .into_iter()
        .partition(|(n, _)| n.contains(".h.0.") || n.contains("wte"));
    let mut weight_map = serde_json::Map::new();
    for (shard, part) in [
        ("model-00001-of-00002.safetensors", &first),
        ("model-00002-of-00002.safetensors", &second),
    ] {
        Tensor::write_safetensors(part, dir.path().join(shard)).unwrap();
        for (name, _) in part {
            weight_map.insert(name.clone(), shard.into());
        }
    }
    let index = serde_json::json!({ "metadata": {}, "weight_map": weight_map });
    std::fs::write(
        dir.path().join("model.safetensors.index.json"),
        index.to_string(),
    )
    .unwrap();
    let model = GptNeo::from_pretrained(dir.path(), Device::Cpu).unwrap();
    assert!(logits(&model).equal(&logits(&reference)));
}

#[test]
fn a_missing_tensor_is_named() {
    let dir = edited("gpt_neo_tiny_local", |t| {
        t.retain(|(n, _)| n != "transformer.h.2.mlp.c_fc.bias")
    });
    match load_error(dir.path()) {
        GeneratorError::Checkpoint { tensor, path, .. } => {
            assert_eq!(tensor, "transformer.h.2.mlp.c_fc.bias");
            assert!(path.ends_with("model.safetensors"));
        }
        other => panic!("{other}"),
    }
    // the untied head must be there when the config unties it
    let dir = edited("gpt_neo_tiny_untied", |t| {
        t.retain(|(n, _)| n != "lm_head.weight")
    });
    assert!(
        matches!(load_error(dir.path()), GeneratorError::Checkpoint { tensor, .. } if tensor == "lm_head.weight")
    );
}

#[test]
fn a_wrong_shape_is_named() {
    let dir = edited("gpt_neo_tiny_local", |t| {
        for (name, tensor) in t.iter_mut() {
            if name == "transformer.h.1.attn.attention.q_proj.weight" {
                *tensor = Tensor::zeros([32, 16], (Kind::Float, Device::Cpu));
            }
        }
    });
    let err = load_error(dir.path());
    let message = err.to_string();
    assert!(
        matches!(&err, GeneratorError::Checkpoint { tensor, .. } if tensor == "transformer.h.1.attn.attention.q_proj.weight")
    );
    assert!(
        message.contains("[32, 16]") && message.contains("[32, 32]"),
        "{message}"
    );
}

/// Sizes in config.json that the weights do not have are refused from the headers,
/// before the model is built: at 314c2bf a huge `num_layers` or `hidden_size` allocated
/// gigabytes (or failed inside libtorch naming no file) first. The fixture
/// (crates/generator/tests/fixtures/gpt_neo_tiny_local) has 4 layers of width 32, a
/// vocabulary of 320 and 64 positions.
#[test]
fn sizes_the_weights_do_not_have_are_refused_before_building() {
    let cases: [(&str, serde_json::Value, &[&str]); 5] = [
        (
            "num_layers",
            1_000_000.into(),
            &["`num_layers` is 1000000", "4 layers", "transformer.h.*"],
        ),
        (
            "hidden_size",
            16_384.into(),
            &["`hidden_size` implies [320, 16384]", "[320, 32]"],
        ),
        (
            "vocab_size",
            50_000_000.into(),
            &[
                "`vocab_size` implies [50000000, 32]",
                "transformer.wte.weight",
            ],
        ),
        (
            "max_position_embeddings",
            1_000_000_000.into(),
            &[
                "`max_position_embeddings`",
                "transformer.wpe.weight",
                "[64, 32]",
            ],
        ),
        (
            "intermediate_size",
            1_000_000_000.into(),
            &["`intermediate_size`", "mlp.c_fc.weight", "[128, 32]"],
        ),
    ];
    for (option, value, wanted) in cases {
        let dir = edited("gpt_neo_tiny_local", |_| {});
        let path = dir.path().join("config.json");
        let mut config: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        config[option] = value;
        if option == "num_layers" {
            config["attention_types"] = serde_json::json!([[["global"], 1_000_000]]);
            config["attention_layers"] = serde_json::Value::Null;
        }
        if option == "hidden_size" {
            config["num_heads"] = 16.into();
        }
        std::fs::write(&path, config.to_string()).unwrap();
        let started = std::time::Instant::now();
        let message = load_error(dir.path()).to_string();
        for w in wanted {
            assert!(message.contains(w), "{option}: `{w}` not in: {message}");
        }
        assert!(
            started.elapsed().as_secs() < 10,
            "{option} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn an_unknown_tensor_is_named() {
    // a fifth block that config.json does not have
    let dir = edited("gpt_neo_tiny_local", |t| {
        t.push((
            "transformer.h.4.ln_1.weight".into(),
            Tensor::ones([32], (Kind::Float, Device::Cpu)),
        ));
    });
    assert!(
        matches!(load_error(dir.path()), GeneratorError::Checkpoint { tensor, .. } if tensor == "transformer.h.4.ln_1.weight")
    );
}

#[test]
fn checkpoints_of_other_architectures_are_rejected() {
    // config.json of another model type
    let dir = edited("gpt_neo_tiny_local", |_| {});
    std::fs::write(
        dir.path().join("config.json"),
        r#"{"model_type": "deberta-v2", "hidden_size": 32}"#,
    )
    .unwrap();
    assert!(
        matches!(load_error(dir.path()), GeneratorError::Config { option, .. } if option == "model_type")
    );
    // a GPT-Neo config.json next to the weights of something else
    let dir = edited("gpt_neo_tiny_local", |t| {
        t.clear();
        t.push((
            "bert.embeddings.word_embeddings.weight".into(),
            Tensor::zeros([10, 4], (Kind::Float, Device::Cpu)),
        ));
    });
    let err = load_error(dir.path());
    assert!(
        matches!(&err, GeneratorError::Checkpoint { tensor, .. } if tensor == "transformer.wte.weight"),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("bert.embeddings.word_embeddings.weight")
    );
}

#[test]
fn missing_and_corrupt_files_are_errors() {
    assert!(matches!(
        load_error(Path::new("/nonexistent/checkpoint")),
        GeneratorError::Io { .. }
    ));
    let dir = edited("gpt_neo_tiny_local", |_| {});
    // truncated weights
    let weights = dir.path().join("model.safetensors");
    let bytes = std::fs::read(&weights).unwrap();
    std::fs::write(&weights, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        load_error(dir.path()),
        GeneratorError::Checkpoint { .. }
    ));
    // not a safetensors file at all
    std::fs::write(&weights, b"PK\x03\x04 this is a zip").unwrap();
    assert!(matches!(
        load_error(dir.path()),
        GeneratorError::Checkpoint { .. }
    ));
    // no weights
    std::fs::remove_file(&weights).unwrap();
    assert!(
        matches!(load_error(dir.path()), GeneratorError::Io { path, .. } if path.ends_with("model.safetensors"))
    );
    // no config
    std::fs::remove_file(dir.path().join("config.json")).unwrap();
    assert!(
        matches!(load_error(dir.path()), GeneratorError::Io { path, .. } if path.ends_with("config.json"))
    );
    // malformed config
    std::fs::write(dir.path().join("config.json"), "{ not json").unwrap();
    assert!(matches!(
        load_error(dir.path()),
        GeneratorError::Json { .. }
    ));
}

#[test]
fn half_precision_checkpoints_load_as_fp32() {
    let reference = GptNeo::from_pretrained(fixture("gpt_neo_tiny_local"), Device::Cpu).unwrap();
    let dir = edited("gpt_neo_tiny_local", |t| {
        for (_, tensor) in t.iter_mut() {
            *tensor = tensor.to_kind(Kind::BFloat16);
        }
    });
    let model = GptNeo::from_pretrained(dir.path(), Device::Cpu).unwrap();
    let l = logits(&model);
    assert_eq!(l.kind(), Kind::Float);
    // bf16 keeps 8 bits of mantissa: the logits move, but only a little.
    let diff = (l - logits(&reference)).abs().max().double_value(&[]);
    assert!(diff > 0.0 && diff < 0.5, "{diff}");
}
