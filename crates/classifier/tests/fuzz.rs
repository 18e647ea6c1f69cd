//! The readers of outside data in this crate, fuzzed: `config.json`, the safetensors
//! header and data, `tokenizer.json` (trained here, and converted from a hub `spm.model`
//! with its `Precompiled` normalizer) and `spm.model` itself, each a valid file with random edits
//! (`labels::fuzz`). Every case must load or give an error naming the file, never a
//! panic. Cases per reader: `labels::fuzz::cases(200)` (HIGHSTAKES_FUZZ_CASES for more).

mod common;

use std::path::PathBuf;

use classifier::{
    Checkpoint, DebertaConfig, DebertaForSequenceClassification, SentencePieceModel, TextTokenizer,
    TokenizerKind, convert_sentencepiece_dir,
};
use labels::fuzz::{cases, mutated};
use proptest::prelude::*;
use tch::Device;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v3/classifier")
        .join(name)
}

fn tokenizer_json() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokenizer.json");
    common::tokenizer(TokenizerKind::Unigram)
        .save(&path)
        .unwrap();
    std::fs::read(path).unwrap()
}

/// The hub checkpoint's `spm.model` converted to `tokenizer.json` (a Unigram model with a
/// `Precompiled` normalizer, which `tokenizers` 0.22 unwraps when it does not parse).
fn converted_tokenizer_json() -> Vec<u8> {
    let dir = common::spm_tokenizer_copy();
    std::fs::read(convert_sentencepiece_dir(dir.path()).unwrap()).unwrap()
}

/// The first bytes of a safetensors file: its 8-byte length and JSON header, where a
/// reader's trust in outside numbers (lengths, offsets, shapes, dtypes) is tested.
fn header_prefix(bytes: &[u8]) -> usize {
    8 + u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize
}

/// `bytes` as a `tokenizer.json`: it loads and then encodes without panicking, or the
/// error names the file.
fn loads_and_encodes_or_names_the_file(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokenizer.json");
    std::fs::write(&path, bytes).unwrap();
    match TextTokenizer::from_file(&path) {
        Ok(t) => {
            let _ = t.inner().encode("The knight smiled.", false);
        }
        Err(e) => prop_assert!(e.to_string().contains("tokenizer.json"), "{}", e),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_config_loads_or_names_the_file(
        bytes in mutated(std::fs::read(fixture("config.json")).unwrap())
    ) {
        common::single_thread();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.json"), &bytes).unwrap();
        std::fs::copy(fixture("model.safetensors"), dir.path().join("model.safetensors")).unwrap();
        if let Err(e) = DebertaConfig::from_file(dir.path().join("config.json")) {
            prop_assert!(e.to_string().contains("config.json"), "{}", e);
        }
        // the whole load: a config that parses must still match the weights
        if let Err(e) = DebertaForSequenceClassification::load(dir.path(), Device::Cpu) {
            let m = e.to_string();
            prop_assert!(m.contains("config.json") || m.contains("model.safetensors"), "{}", m);
        }
    }

    #[test]
    fn a_mutated_safetensors_header_reads_or_names_the_file(
        edit in mutated(std::fs::read(fixture("model.safetensors")).unwrap())
    ) {
        common::single_thread();
        let valid = std::fs::read(fixture("model.safetensors")).unwrap();
        // keep the data, edit mostly the header: a case is the edited header's bytes
        // followed by the original data
        let cut = header_prefix(&valid).min(edit.len());
        let mut bytes = edit[..cut].to_vec();
        bytes.extend_from_slice(&valid[header_prefix(&valid)..]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        std::fs::write(&path, &bytes).unwrap();
        std::fs::copy(fixture("config.json"), dir.path().join("config.json")).unwrap();
        if let Err(e) = Checkpoint::read_safetensors(&path) {
            prop_assert!(e.to_string().contains("model.safetensors"), "{}", e);
        }
        if let Err(e) = DebertaForSequenceClassification::load(dir.path(), Device::Cpu) {
            prop_assert!(e.to_string().contains("model.safetensors"), "{}", e);
        }
    }

    #[test]
    fn a_mutated_converted_tokenizer_loads_or_names_the_file(
        bytes in mutated(converted_tokenizer_json())
    ) {
        loads_and_encodes_or_names_the_file(&bytes)?;
    }

    #[test]
    fn a_mutated_sentencepiece_model_parses_or_is_an_error(
        bytes in mutated(std::fs::read(common::spm_checkpoint().join("spm.model")).unwrap())
    ) {
        let _ = SentencePieceModel::parse(&bytes);
    }

    #[test]
    fn a_mutated_tokenizer_loads_or_names_the_file(bytes in mutated(tokenizer_json())) {
        loads_and_encodes_or_names_the_file(&bytes)?;
    }
}
