//! Reading and writing `config.json`: strict (an unknown key or a value this crate cannot
//! honour is an error naming the key), with `transformers`' defaults for absent keys.

use std::path::Path;

use model_kit::ConfigKeys;
use serde_json::{Map, Value};

use crate::error::{ClassifierError, Result};
use crate::model::activation::Activation;
use crate::model::config::{DebertaConfig, PositionAttention, RelativeEmbeddingNorm};

/// Keys of every `transformers` configuration that do not change this model.
const GENERIC_KEYS: &[&str] = &[
    "_name_or_path",
    "add_cross_attention",
    "architectures",
    "bad_words_ids",
    "begin_suppress_tokens",
    "bos_token_id",
    "chunk_size_feed_forward",
    "cross_attention_hidden_size",
    "decoder_start_token_id",
    "diversity_penalty",
    "do_sample",
    "dtype",
    "early_stopping",
    "encoder_no_repeat_ngram_size",
    "eos_token_id",
    "exponential_decay_length_penalty",
    "finetuning_task",
    "forced_bos_token_id",
    "forced_eos_token_id",
    "gradient_checkpointing",
    "is_decoder",
    "is_encoder_decoder",
    "label2id",
    "length_penalty",
    "max_length",
    "min_length",
    "no_repeat_ngram_size",
    "num_beam_groups",
    "num_beams",
    "num_return_sequences",
    "output_attentions",
    "output_hidden_states",
    "output_scores",
    "prefix",
    "problem_type",
    "pruned_heads",
    "remove_invalid_values",
    "repetition_penalty",
    "return_dict",
    "return_dict_in_generate",
    "sep_token_id",
    "suppress_tokens",
    "task_specific_params",
    "temperature",
    "tf_legacy_loss",
    "tie_encoder_decoder",
    "tokenizer_class",
    "top_k",
    "top_p",
    "torch_dtype",
    "torchscript",
    "transformers_version",
    "typical_p",
    "use_bfloat16",
    "use_cache",
    "cls_token_id",
    "mask_token_id",
];

impl DebertaConfig {
    /// Reads `config.json`.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| ClassifierError::io(path, e))?;
        Self::from_json_str(&text, &path.display().to_string())
    }

    /// Parses the text of a `config.json`; `origin` names it in errors.
    pub fn from_json_str(text: &str, origin: &str) -> Result<Self> {
        let value: Value = serde_json::from_str(text).map_err(|e| ClassifierError::Format {
            path: origin.into(),
            message: format!("not valid JSON: {e}"),
        })?;
        let Value::Object(map) = value else {
            return Err(ClassifierError::format(origin, "not a JSON object"));
        };
        Self::from_json_map(map, origin)
    }

    /// Builds the configuration from the parsed JSON object.
    pub fn from_json_map(map: Map<String, Value>, origin: &str) -> Result<Self> {
        let mut keys = ConfigKeys::from_map(map, origin);
        match keys.take::<String>("model_type")? {
            Some(t) if t == "deberta-v2" => {}
            Some(t) => {
                return Err(invalid(
                    &keys,
                    "model_type",
                    format!(
                        "`{t}` is not DeBERTa-v2/v3 (`deberta-v2`): a checkpoint of another architecture"
                    ),
                ));
            }
            None => {
                return Err(invalid(
                    &keys,
                    "model_type",
                    "missing: a DeBERTa-v2/v3 config.json says \"model_type\": \"deberta-v2\"",
                ));
            }
        }
        let d = DebertaConfig::default();
        let mut c = DebertaConfig {
            vocab_size: keys.take("vocab_size")?.unwrap_or(d.vocab_size),
            hidden_size: keys.take("hidden_size")?.unwrap_or(d.hidden_size),
            num_hidden_layers: keys
                .take("num_hidden_layers")?
                .unwrap_or(d.num_hidden_layers),
            num_attention_heads: keys
                .take("num_attention_heads")?
                .unwrap_or(d.num_attention_heads),
            attention_head_size: keys.take("attention_head_size")?,
            intermediate_size: keys
                .take("intermediate_size")?
                .unwrap_or(d.intermediate_size),
            hidden_act: activation(&mut keys, "hidden_act")?.unwrap_or(d.hidden_act),
            hidden_dropout_prob: keys
                .take("hidden_dropout_prob")?
                .unwrap_or(d.hidden_dropout_prob),
            attention_probs_dropout_prob: keys
                .take("attention_probs_dropout_prob")?
                .unwrap_or(d.attention_probs_dropout_prob),
            max_position_embeddings: keys
                .take("max_position_embeddings")?
                .unwrap_or(d.max_position_embeddings),
            type_vocab_size: keys.take("type_vocab_size")?.unwrap_or(d.type_vocab_size),
            initializer_range: keys
                .take("initializer_range")?
                .unwrap_or(d.initializer_range),
            layer_norm_eps: keys.take("layer_norm_eps")?.unwrap_or(d.layer_norm_eps),
            relative_attention: keys
                .take("relative_attention")?
                .unwrap_or(d.relative_attention),
            max_relative_positions: keys
                .take("max_relative_positions")?
                .unwrap_or(d.max_relative_positions),
            position_buckets: keys.take("position_buckets")?.unwrap_or(d.position_buckets),
            pad_token_id: keys
                .take::<Option<i64>>("pad_token_id")?
                .flatten()
                .unwrap_or(d.pad_token_id),
            position_biased_input: keys
                .take("position_biased_input")?
                .unwrap_or(d.position_biased_input),
            pos_att_type: pos_att_type(&mut keys)?,
            share_att_key: keys.take("share_att_key")?.unwrap_or(d.share_att_key),
            norm_rel_ebd: norm_rel_ebd(&mut keys)?,
            embedding_size: keys.take::<Option<i64>>("embedding_size")?.flatten(),
            conv_kernel_size: keys.take("conv_kernel_size")?.unwrap_or(d.conv_kernel_size),
            conv_groups: keys.take("conv_groups")?.unwrap_or(d.conv_groups),
            conv_act: activation(&mut keys, "conv_act")?.unwrap_or(d.conv_act),
            pooler_hidden_size: keys.take("pooler_hidden_size")?,
            pooler_dropout: keys.take("pooler_dropout")?.unwrap_or(d.pooler_dropout),
            pooler_hidden_act: activation(&mut keys, "pooler_hidden_act")?
                .unwrap_or(d.pooler_hidden_act),
            cls_dropout: keys.take::<Option<f64>>("cls_dropout")?.flatten(),
            legacy: keys.take("legacy")?.unwrap_or(d.legacy),
            id2label: d.id2label.clone(),
            architectures: keys.peek("architectures")?.unwrap_or_default(),
        };
        if keys.take::<bool>("tie_word_embeddings")? == Some(false) {
            return Err(invalid(
                &keys,
                "tie_word_embeddings",
                "false is not supported: the masked-LM decoder is the word-embedding table",
            ));
        }
        let num_labels: Option<i64> = keys.take("num_labels")?;
        let id2label: Option<Map<String, Value>> = keys.take("id2label")?;
        c.id2label = match (id2label, num_labels) {
            (Some(m), _) => labels_from_map(&m, origin)?,
            (None, Some(n)) if n >= 1 => (0..n).map(|i| format!("LABEL_{i}")).collect(),
            (None, Some(n)) => {
                return Err(invalid(
                    &keys,
                    "num_labels",
                    format!("must be at least 1, got {n}"),
                ));
            }
            (None, None) => d.id2label,
        };
        if let Some(extra) = keys.unknown(GENERIC_KEYS) {
            return Err(ClassifierError::UnknownOption {
                origin: origin.to_string(),
                option: extra.to_string(),
            });
        }
        c.validate_from(origin)?;
        Ok(c)
    }

    /// The configuration as a Hugging Face `config.json` object, loadable by
    /// `transformers.AutoConfig` (`architecture` fills `architectures`).
    pub fn to_json(&self, architecture: &str) -> Value {
        let mut m = Map::new();
        m.insert("model_type".into(), "deberta-v2".into());
        m.insert("architectures".into(), Value::from(vec![architecture]));
        m.insert("vocab_size".into(), self.vocab_size.into());
        m.insert("hidden_size".into(), self.hidden_size.into());
        m.insert("num_hidden_layers".into(), self.num_hidden_layers.into());
        m.insert(
            "num_attention_heads".into(),
            self.num_attention_heads.into(),
        );
        if let Some(h) = self.attention_head_size {
            m.insert("attention_head_size".into(), h.into());
        }
        m.insert("intermediate_size".into(), self.intermediate_size.into());
        m.insert("hidden_act".into(), self.hidden_act.name().into());
        m.insert(
            "hidden_dropout_prob".into(),
            self.hidden_dropout_prob.into(),
        );
        m.insert(
            "attention_probs_dropout_prob".into(),
            self.attention_probs_dropout_prob.into(),
        );
        m.insert(
            "max_position_embeddings".into(),
            self.max_position_embeddings.into(),
        );
        m.insert("type_vocab_size".into(), self.type_vocab_size.into());
        m.insert("initializer_range".into(), self.initializer_range.into());
        m.insert("layer_norm_eps".into(), self.layer_norm_eps.into());
        m.insert("relative_attention".into(), self.relative_attention.into());
        m.insert(
            "max_relative_positions".into(),
            self.max_relative_positions.into(),
        );
        m.insert("position_buckets".into(), self.position_buckets.into());
        m.insert("pad_token_id".into(), self.pad_token_id.into());
        m.insert(
            "position_biased_input".into(),
            self.position_biased_input.into(),
        );
        m.insert("pos_att_type".into(), self.pos_att_type.to_json());
        m.insert("share_att_key".into(), self.share_att_key.into());
        let norm = match self.norm_rel_ebd {
            RelativeEmbeddingNorm::None => "none",
            RelativeEmbeddingNorm::LayerNorm => "layer_norm",
        };
        m.insert("norm_rel_ebd".into(), norm.into());
        if let Some(e) = self.embedding_size {
            m.insert("embedding_size".into(), e.into());
        }
        m.insert("conv_kernel_size".into(), self.conv_kernel_size.into());
        if self.conv_kernel_size > 0 {
            m.insert("conv_groups".into(), self.conv_groups.into());
            m.insert("conv_act".into(), self.conv_act.name().into());
        }
        if let Some(p) = self.pooler_hidden_size {
            m.insert("pooler_hidden_size".into(), p.into());
        }
        m.insert("pooler_dropout".into(), self.pooler_dropout.into());
        m.insert(
            "pooler_hidden_act".into(),
            self.pooler_hidden_act.name().into(),
        );
        if let Some(p) = self.cls_dropout {
            m.insert("cls_dropout".into(), p.into());
        }
        m.insert("legacy".into(), self.legacy.into());
        m.insert("tie_word_embeddings".into(), true.into());
        let mut id2label = Map::new();
        let mut label2id = Map::new();
        for (i, name) in self.id2label.iter().enumerate() {
            id2label.insert(i.to_string(), name.clone().into());
            label2id.insert(name.clone(), i.into());
        }
        m.insert("id2label".into(), Value::Object(id2label));
        m.insert("label2id".into(), Value::Object(label2id));
        m.insert("dtype".into(), "float32".into());
        Value::Object(m)
    }
}

fn labels_from_map(m: &Map<String, Value>, origin: &str) -> Result<Vec<String>> {
    let invalid = |message: String| ClassifierError::InvalidOption {
        origin: origin.to_string(),
        option: "id2label".into(),
        message,
    };
    let mut out = vec![None; m.len()];
    for (k, v) in m {
        let i: usize = k
            .parse()
            .map_err(|_| invalid(format!("key `{k}` is not a class index")))?;
        let name = v
            .as_str()
            .ok_or_else(|| invalid(format!("class {k} is not a string")))?;
        let slot = out
            .get_mut(i)
            .ok_or_else(|| invalid(format!("class indices must be 0..{}, got {i}", m.len())))?;
        *slot = Some(name.to_string());
    }
    // every slot is filled: m.len() distinct keys, each an index below m.len()
    Ok(out.into_iter().flatten().collect())
}

/// An invalid value of `option`, naming the file.
fn invalid(keys: &ConfigKeys, option: &str, message: impl Into<String>) -> ClassifierError {
    keys.error(option, message).into()
}

fn activation(keys: &mut ConfigKeys, key: &str) -> Result<Option<Activation>> {
    match keys.take::<String>(key)? {
        None => Ok(None),
        Some(name) => Activation::from_name(&name).map(Some).ok_or_else(|| {
            invalid(
                keys,
                key,
                format!(
                    "unsupported activation `{name}` (supported: {})",
                    Activation::SUPPORTED.join(", ")
                ),
            )
        }),
    }
}

/// `pos_att_type`: `"p2c|c2p"`, `["p2c", "c2p"]` or null.
fn pos_att_type(keys: &mut ConfigKeys) -> Result<PositionAttention> {
    let entries: Vec<String> = match keys.remove("pos_att_type") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => s.split('|').map(|x| x.trim().to_lowercase()).collect(),
        Some(Value::Array(list)) => {
            let mut out = Vec::new();
            for item in list {
                match item {
                    Value::String(s) => out.push(s.trim().to_lowercase()),
                    other => {
                        return Err(invalid(
                            keys,
                            "pos_att_type",
                            format!("entry {other} is not a string"),
                        ));
                    }
                }
            }
            out
        }
        Some(other) => {
            return Err(invalid(
                keys,
                "pos_att_type",
                format!("expected \"p2c|c2p\" or a list, got {other}"),
            ));
        }
    };
    let mut out = PositionAttention::default();
    for e in entries {
        match e.as_str() {
            "c2p" => out.c2p = true,
            "p2c" => out.p2c = true,
            "" | "none" => {}
            other => {
                return Err(invalid(
                    keys,
                    "pos_att_type",
                    format!("unsupported entry `{other}` (supported: c2p, p2c)"),
                ));
            }
        }
    }
    Ok(out)
}

/// `norm_rel_ebd`: `"none"`, `"layer_norm"` (or both joined by `|`).
fn norm_rel_ebd(keys: &mut ConfigKeys) -> Result<RelativeEmbeddingNorm> {
    let Some(text) = keys.take::<String>("norm_rel_ebd")? else {
        return Ok(RelativeEmbeddingNorm::None);
    };
    let mut out = RelativeEmbeddingNorm::None;
    for part in text.to_lowercase().split('|').map(str::trim) {
        match part {
            "layer_norm" => out = RelativeEmbeddingNorm::LayerNorm,
            "none" | "" => {}
            other => {
                return Err(invalid(
                    keys,
                    "norm_rel_ebd",
                    format!("unsupported entry `{other}` (supported: none, layer_norm)"),
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v3_large_json_parses_to_the_preset() {
        // microsoft/deberta-v3-large's config.json, as published
        let text = r#"{"model_type": "deberta-v2", "attention_probs_dropout_prob": 0.1,
            "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 1024,
            "initializer_range": 0.02, "intermediate_size": 4096, "max_position_embeddings": 512,
            "relative_attention": true, "position_buckets": 256, "norm_rel_ebd": "layer_norm",
            "share_att_key": true, "pos_att_type": "p2c|c2p", "layer_norm_eps": 1e-7,
            "max_relative_positions": -1, "position_biased_input": false,
            "num_attention_heads": 16, "num_hidden_layers": 24, "type_vocab_size": 0,
            "vocab_size": 128100}"#;
        let c = DebertaConfig::from_json_str(text, "config.json").unwrap();
        assert_eq!(c, DebertaConfig::deberta_v3_large());
        assert_eq!(c.attention_span(), 256);
        assert_eq!(c.pos_att_type.scale_factor(), 3);
    }

    #[test]
    fn unknown_and_bad_options_are_named() {
        let err = DebertaConfig::from_json_str(
            r#"{"model_type": "deberta-v2", "hiden_size": 8}"#,
            "c.json",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("c.json") && err.contains("`hiden_size`"),
            "{err}"
        );
        let err = DebertaConfig::from_json_str(
            r#"{"model_type": "deberta-v2", "pos_att_type": "p2p|c2p"}"#,
            "c.json",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("`pos_att_type`") && err.contains("p2p"),
            "{err}"
        );
        let err = DebertaConfig::from_json_str(
            r#"{"model_type": "deberta-v2", "hidden_act": "mish"}"#,
            "c.json",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("`hidden_act`") && err.contains("mish"),
            "{err}"
        );
        let err = DebertaConfig::from_json_str(r#"{"model_type": "gpt_neo"}"#, "c.json")
            .unwrap_err()
            .to_string();
        assert!(err.contains("another architecture"), "{err}");
        let err = DebertaConfig::from_json_str(
            r#"{"model_type": "deberta-v2", "hidden_size": "big"}"#,
            "c.json",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("`hidden_size`"), "{err}");
        let err = DebertaConfig::from_json_str(
            r#"{"model_type": "deberta-v2", "hidden_size": 10, "num_attention_heads": 3}"#,
            "c.json",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("`num_attention_heads`"), "{err}");
    }

    #[test]
    fn json_round_trip_keeps_every_option() {
        let mut c = DebertaConfig::small_v3(100, 32, 2, 4, 64);
        c.conv_kernel_size = 3;
        c.conv_act = Activation::Gelu;
        c.embedding_size = Some(16);
        c.type_vocab_size = 2;
        c.id2label = vec!["non-injurious".into(), "injurious".into()];
        let text = c.to_json("DebertaV2ForSequenceClassification").to_string();
        let back = DebertaConfig::from_json_str(&text, "round trip").unwrap();
        assert_eq!(
            back.architectures,
            vec!["DebertaV2ForSequenceClassification".to_string()]
        );
        assert_eq!(
            DebertaConfig {
                architectures: vec![],
                ..back
            },
            c
        );
    }
}
