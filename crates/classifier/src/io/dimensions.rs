//! A configuration's dimensions checked against a checkpoint's tensors before any model
//! is built: a `config.json` that does not match its weights, or that asks for an absurd
//! size (a million layers, 16,384-wide tensors), is an error naming the option and the
//! tensor, not gigabytes allocated and then a libtorch failure.

use std::collections::BTreeSet;

use crate::error::{ClassifierError, Result};
use crate::io::checkpoint::Checkpoint;
use crate::model::config::DebertaConfig;

/// The prefix of the encoder's layers in a (normalised) checkpoint.
const LAYER_PREFIX: &str = "deberta.encoder.layer.";
/// The word embeddings, which every DeBERTa checkpoint holds.
const WORD_EMBEDDINGS: &str = "deberta.embeddings.word_embeddings.weight";

/// Checks the backbone's dimensions in `config` against `checkpoint`: the number of
/// layers and the shapes of the tensors that carry every size option (the vocabulary,
/// the widths, the positions). A tensor the model needs but the file lacks is an error
/// here too, before anything is allocated.
pub(crate) fn check_dimensions(config: &DebertaConfig, checkpoint: &Checkpoint) -> Result<()> {
    // another model's checkpoint is named as such before its sizes are compared
    if checkpoint.shape(WORD_EMBEDDINGS).is_none() {
        return Err(checkpoint.missing(WORD_EMBEDDINGS));
    }
    let layers: BTreeSet<u64> = checkpoint
        .names()
        .into_iter()
        .filter_map(|name| {
            name.strip_prefix(LAYER_PREFIX)?
                .split('.')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    if layers.len() as i64 != config.num_hidden_layers {
        let held = match (layers.first(), layers.last()) {
            (Some(a), Some(b)) => format!("{} layers ({LAYER_PREFIX}{a} to {b})", layers.len()),
            _ => "no encoder layer".to_string(),
        };
        return Err(mismatch(
            checkpoint,
            "num_hidden_layers",
            format!(
                "is {} but the weights hold {held}",
                config.num_hidden_layers
            ),
        ));
    }
    let hidden = ("hidden_size", config.hidden_size);
    let embedding = if config.embedding_size() == config.hidden_size {
        hidden
    } else {
        ("embedding_size", config.embedding_size())
    };
    let mut expected = vec![
        (
            WORD_EMBEDDINGS,
            vec![("vocab_size", config.vocab_size), embedding],
        ),
        ("deberta.embeddings.LayerNorm.weight", vec![hidden]),
        (
            "deberta.encoder.layer.0.attention.self.query_proj.weight",
            vec![
                (
                    "num_attention_heads",
                    config.num_attention_heads * config.head_size(),
                ),
                hidden,
            ],
        ),
        (
            "deberta.encoder.layer.0.intermediate.dense.weight",
            vec![("intermediate_size", config.intermediate_size), hidden],
        ),
    ];
    if config.position_biased_input {
        expected.push((
            "deberta.embeddings.position_embeddings.weight",
            vec![
                ("max_position_embeddings", config.max_position_embeddings),
                embedding,
            ],
        ));
    }
    if config.relative_attention {
        let span = if config.position_buckets > 0 {
            "position_buckets"
        } else {
            "max_relative_positions"
        };
        expected.push((
            "deberta.encoder.rel_embeddings.weight",
            vec![(span, 2 * config.attention_span()), hidden],
        ));
    }
    for (name, dims) in expected {
        let Some(found) = checkpoint.shape(name) else {
            return Err(checkpoint.missing(name));
        };
        let wanted: Vec<i64> = dims.iter().map(|&(_, d)| d).collect();
        if found.len() != dims.len() {
            return Err(ClassifierError::ShapeMismatch {
                path: checkpoint.path().to_path_buf(),
                name: name.to_string(),
                found,
                expected: wanted,
            });
        }
        for (axis, (&(option, want), &have)) in dims.iter().zip(&found).enumerate() {
            if want != have {
                return Err(mismatch(
                    checkpoint,
                    option,
                    format!(
                        "implies {want} along axis {axis} of tensor `{name}`, but its shape is {found:?}"
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn mismatch(checkpoint: &Checkpoint, option: &str, message: String) -> ClassifierError {
    ClassifierError::ConfigMismatch {
        path: checkpoint.path().to_path_buf(),
        option: option.to_string(),
        message,
    }
}
