//! Reading and writing `config.json`: every option the architecture reads, with Hugging
//! Face's defaults when absent, generic Hugging Face keys that change nothing ignored,
//! and an error naming the option for anything unknown or unsupported.

use std::path::Path;

use model_kit::ConfigKeys;
use serde_json::{Map, Value, json};

use crate::error::{GeneratorError, Result};
use crate::model::config::{Activation, AttentionType, GptNeoConfig};

/// Keys of Hugging Face configs that do not change what GPT-Neo computes: read and ignored.
const IGNORED_KEYS: &[&str] = &[
    "_name_or_path",
    "architectures",
    "classifier_dropout",
    "dtype",
    "torch_dtype",
    "transformers_version",
    "use_cache",
    "gradient_checkpointing",
    "summary_activation",
    "summary_first_dropout",
    "summary_proj_to_labels",
    "summary_type",
    "summary_use_proj",
    "task_specific_params",
    "tokenizer_class",
    "id2label",
    "label2id",
    "num_labels",
    "problem_type",
    "finetuning_task",
    "return_dict",
    "output_attentions",
    "output_hidden_states",
    "torchscript",
    "use_bfloat16",
    "tf_legacy_loss",
    "is_decoder",
    "prefix",
    "sep_token_id",
    "decoder_start_token_id",
    "chunk_size_feed_forward",
    // generation defaults of transformers 4.x configs (generation options are ours)
    "max_length",
    "min_length",
    "do_sample",
    "early_stopping",
    "num_beams",
    "num_beam_groups",
    "diversity_penalty",
    "temperature",
    "top_k",
    "top_p",
    "typical_p",
    "repetition_penalty",
    "length_penalty",
    "no_repeat_ngram_size",
    "encoder_no_repeat_ngram_size",
    "bad_words_ids",
    "num_return_sequences",
    "output_scores",
    "return_dict_in_generate",
    "forced_bos_token_id",
    "forced_eos_token_id",
    "remove_invalid_values",
    "exponential_decay_length_penalty",
    "suppress_tokens",
    "begin_suppress_tokens",
];

/// Keys that are accepted only with the value that leaves GPT-Neo unchanged.
/// Whether a value leaves the architecture unchanged.
type IsInert = fn(&Value) -> bool;

const INERT_ONLY: &[(&str, IsInert)] = &[
    ("add_cross_attention", |v| v == &Value::Bool(false)),
    ("is_encoder_decoder", |v| v == &Value::Bool(false)),
    ("tie_encoder_decoder", |v| v == &Value::Bool(false)),
    ("pruned_heads", |v| v.as_object().is_some_and(Map::is_empty)),
    ("cross_attention_hidden_size", Value::is_null),
];

/// An error about `option`'s value, naming the file.
fn error(keys: &ConfigKeys, option: &str, message: impl Into<String>) -> GeneratorError {
    keys.error(option, message).into()
}

impl GptNeoConfig {
    /// Reads `config.json` (a file, or a checkpoint directory holding one).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let mut path = path.as_ref().to_path_buf();
        if path.is_dir() {
            path = path.join("config.json");
        }
        let text = std::fs::read_to_string(&path).map_err(|e| GeneratorError::io(&path, e))?;
        Self::from_json_str(&text, &path)
    }

    /// Parses the text of a `config.json`; `path` names it in errors.
    pub fn from_json_str(text: &str, path: &Path) -> Result<Self> {
        Self::from_keys(ConfigKeys::parse(text, path)?)
    }

    fn from_keys(mut r: ConfigKeys) -> Result<Self> {
        let model_type: Option<String> = r.take_optional("model_type")?;
        if let Some(model_type) = model_type
            && model_type != "gpt_neo"
        {
            return Err(error(
                &r,
                "model_type",
                format!("this is a `{model_type}` checkpoint, not GPT-Neo (`gpt_neo`)"),
            ));
        }
        let d = GptNeoConfig::default();
        let attention_types = match r.take_optional::<Value>("attention_types")? {
            None => d.attention_types.clone(),
            Some(value) => {
                parse_attention_types(&value).map_err(|m| error(&r, "attention_types", m))?
            }
        };
        let activation_function = match r.take_optional::<String>("activation_function")? {
            None => d.activation_function,
            Some(name) => Activation::parse(&name).ok_or_else(|| {
                error(&r,
                    "activation_function",
                    format!(
                        "unsupported activation `{name}` (supported: gelu_new, gelu_pytorch_tanh, gelu, relu, silu)"
                    ),
                )
            })?,
        };
        // absent: transformers' default (50256); null: none
        let eos_token_id = match r
            .take::<Option<Value>>("eos_token_id")?
            .map(|v| v.unwrap_or(Value::Null))
        {
            None => d.eos_token_id.clone(),
            Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_i64())
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    error(
                        &r,
                        "eos_token_id",
                        "expected an integer or a list of integers",
                    )
                })?,
            Some(v) => vec![v.as_i64().ok_or_else(|| {
                error(&r, "eos_token_id", format!("expected an integer, got {v}"))
            })?],
        };
        let config = GptNeoConfig {
            vocab_size: r.take_or("vocab_size", d.vocab_size)?,
            max_position_embeddings: r
                .take_or("max_position_embeddings", d.max_position_embeddings)?,
            hidden_size: r.take_or("hidden_size", d.hidden_size)?,
            num_layers: r.take_or("num_layers", d.num_layers)?,
            num_heads: r.take_or("num_heads", d.num_heads)?,
            intermediate_size: r.take_optional("intermediate_size")?,
            attention_types,
            window_size: r.take_or("window_size", d.window_size)?,
            activation_function,
            resid_dropout: r.take_or("resid_dropout", d.resid_dropout)?,
            embed_dropout: r.take_or("embed_dropout", d.embed_dropout)?,
            attention_dropout: r.take_or("attention_dropout", d.attention_dropout)?,
            layer_norm_epsilon: r.take_or("layer_norm_epsilon", d.layer_norm_epsilon)?,
            initializer_range: r.take_or("initializer_range", d.initializer_range)?,
            bos_token_id: r
                .take::<Option<i64>>("bos_token_id")?
                .unwrap_or(d.bos_token_id),
            eos_token_id,
            pad_token_id: r.take_optional("pad_token_id")?,
            tie_word_embeddings: r.take_or("tie_word_embeddings", d.tie_word_embeddings)?,
        };
        // `attention_layers` is the expanded list that transformers writes next to
        // `attention_types`: it must agree.
        if let Some(layers) = r.take_optional::<Vec<String>>("attention_layers")? {
            let expected: Vec<&str> = config
                .attention_layers()
                .iter()
                .map(|t| t.as_str())
                .collect();
            if layers != expected {
                return Err(error(
                    &r,
                    "attention_layers",
                    format!(
                        "{layers:?} disagrees with `attention_types`, which expands to {expected:?}"
                    ),
                ));
            }
        }
        for (key, inert) in INERT_ONLY {
            if let Some(value) = r.remove(key)
                && !inert(&value)
            {
                return Err(error(
                    &r,
                    key,
                    format!("{value} is not supported by GPT-Neo"),
                ));
            }
        }
        if let Some(key) = r.unknown(IGNORED_KEYS) {
            return Err(error(&r, key, "unknown option for GPT-Neo"));
        }
        config.validate_at(r.path())?;
        Ok(config)
    }

    /// The configuration as Hugging Face writes it (`save_pretrained`), readable by
    /// `transformers.GPTNeoConfig` and by [`GptNeoConfig::from_json_str`].
    pub fn to_json(&self) -> Value {
        let types: Vec<Value> = self
            .attention_types
            .iter()
            .map(|(types, repeat)| {
                json!([types.iter().map(|t| t.as_str()).collect::<Vec<_>>(), repeat])
            })
            .collect();
        let layers: Vec<&str> = self.attention_layers().iter().map(|t| t.as_str()).collect();
        let eos = match self.eos_token_id.as_slice() {
            [] => Value::Null,
            [one] => json!(one),
            many => json!(many),
        };
        json!({
            "model_type": "gpt_neo",
            "architectures": ["GPTNeoForCausalLM"],
            "vocab_size": self.vocab_size,
            "max_position_embeddings": self.max_position_embeddings,
            "hidden_size": self.hidden_size,
            "num_layers": self.num_layers,
            "num_heads": self.num_heads,
            "intermediate_size": self.intermediate_size,
            "attention_types": types,
            "attention_layers": layers,
            "window_size": self.window_size,
            "activation_function": self.activation_function.as_str(),
            "resid_dropout": self.resid_dropout,
            "embed_dropout": self.embed_dropout,
            "attention_dropout": self.attention_dropout,
            "layer_norm_epsilon": self.layer_norm_epsilon,
            "initializer_range": self.initializer_range,
            "bos_token_id": self.bos_token_id,
            "eos_token_id": eos,
            "pad_token_id": self.pad_token_id,
            "tie_word_embeddings": self.tie_word_embeddings,
            "use_cache": true,
        })
    }
}

fn parse_attention_types(
    value: &Value,
) -> std::result::Result<Vec<(Vec<AttentionType>, usize)>, String> {
    let shape = "expected a list of [[types...], repeat] pairs";
    let groups = value.as_array().ok_or(shape)?;
    groups
        .iter()
        .map(|group| {
            let [types, repeat] = group.as_array().map(Vec::as_slice).ok_or(shape)? else {
                return Err(format!("{shape}, got {group}"));
            };
            let repeat = repeat
                .as_u64()
                .ok_or_else(|| format!("repeat count {repeat} is not a non-negative integer"))?;
            let types = types
                .as_array()
                .ok_or_else(|| format!("{shape}, got {group}"))?
                .iter()
                .map(|t| match t.as_str() {
                    Some("global") => Ok(AttentionType::Global),
                    Some("local") => Ok(AttentionType::Local),
                    _ => Err(format!(
                        "unsupported attention type {t} (supported: \"global\", \"local\")"
                    )),
                })
                .collect::<std::result::Result<Vec<_>, _>>()?;
            Ok((types, repeat as usize))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<GptNeoConfig> {
        GptNeoConfig::from_json_str(text, Path::new("config.json"))
    }

    #[test]
    fn attention_types_expand_group_by_group() {
        let c = parse(
            r#"{"num_layers": 5, "hidden_size": 8, "num_heads": 2,
                "attention_types": [[["global", "local"], 2], [["local"], 1]]}"#,
        )
        .unwrap();
        use AttentionType::{Global, Local};
        assert_eq!(
            c.attention_layers(),
            vec![Global, Local, Global, Local, Local]
        );
    }

    #[test]
    fn defaults_are_hugging_faces() {
        // transformers 5.23 GPTNeoConfig(): vocab 50257, 24 layers of global/local, window 256.
        let c = parse("{}").unwrap();
        assert_eq!(c, GptNeoConfig::default());
        assert_eq!(c.attention_layers().len(), 24);
        assert_eq!(c.inner_dim(), 4 * 2048);
    }

    #[test]
    fn errors_name_the_option() {
        let cases = [
            (r#"{"model_type": "bert"}"#, "model_type"),
            (
                r#"{"activation_function": "gelu_fast"}"#,
                "activation_function",
            ),
            (
                r#"{"attention_types": [[["global", "sparse"], 12]]}"#,
                "attention_types",
            ),
            (
                r#"{"attention_types": [[["global"], 3]]}"#,
                "attention_types",
            ),
            (r#"{"num_heads": 3}"#, "num_heads"),
            (r#"{"hidden_size": "big"}"#, "hidden_size"),
            (r#"{"rotary_dim": 64}"#, "rotary_dim"),
            (r#"{"add_cross_attention": true}"#, "add_cross_attention"),
            (r#"{"eos_token_id": 60000}"#, "eos_token_id"),
            (r#"{"attention_layers": ["local"]}"#, "attention_layers"),
        ];
        for (text, option) in cases {
            match parse(text) {
                Err(GeneratorError::Config {
                    option: o, path, ..
                }) => {
                    assert_eq!(o, option, "{text}");
                    assert_eq!(path, Path::new("config.json"));
                }
                other => panic!("{text}: expected an error about `{option}`, got {other:?}"),
            }
        }
    }

    #[test]
    fn round_trips_through_json() {
        let c = GptNeoConfig {
            vocab_size: 300,
            max_position_embeddings: 64,
            hidden_size: 32,
            num_layers: 3,
            num_heads: 4,
            intermediate_size: Some(40),
            attention_types: vec![
                (vec![AttentionType::Local], 1),
                (vec![AttentionType::Global], 2),
            ],
            window_size: 5,
            activation_function: Activation::Gelu,
            eos_token_id: vec![0, 1],
            bos_token_id: Some(0),
            tie_word_embeddings: false,
            ..GptNeoConfig::default()
        };
        let text = c.to_json().to_string();
        assert_eq!(parse(&text).unwrap(), c);
    }

    #[test]
    fn real_gpt_neo_2_7b_config_reads() {
        // The config.json of EleutherAI/gpt-neo-2.7B (keys and values as published).
        let text = r#"{"activation_function": "gelu_new", "architectures": ["GPTNeoForCausalLM"],
          "attention_dropout": 0, "attention_layers": ["global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local","global","local"],
          "attention_types": [[["global", "local"], 16]], "bos_token_id": 50256, "embed_dropout": 0,
          "eos_token_id": 50256, "gradient_checkpointing": false, "hidden_size": 2560,
          "initializer_range": 0.02, "intermediate_size": null, "layer_norm_epsilon": 1e-05,
          "max_position_embeddings": 2048, "model_type": "gpt_neo", "num_heads": 20, "num_layers": 32,
          "resid_dropout": 0, "summary_activation": null, "summary_first_dropout": 0.1,
          "summary_proj_to_labels": true, "summary_type": "cls_index", "summary_use_proj": true,
          "task_specific_params": {"text-generation": {"do_sample": true, "max_length": 50, "temperature": 0.9}},
          "tokenizer_class": "GPT2Tokenizer", "transformers_version": "4.5.0.dev0", "use_cache": true,
          "vocab_size": 50257, "window_size": 256}"#;
        let c = parse(text).unwrap();
        assert_eq!((c.hidden_size, c.num_layers, c.head_dim()), (2560, 32, 128));
        assert_eq!(c.eos_token_id, vec![50256]);
    }
}
