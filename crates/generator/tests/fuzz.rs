//! The readers of outside data in this crate, fuzzed: `config.json`, the safetensors
//! header and `tokenizer.json` of a GPT-Neo checkpoint, each a valid file with random
//! edits (`labels::fuzz`). Every case must load or give an error naming the file, never
//! a panic. Cases per reader: `labels::fuzz::cases(200)` (HIGHSTAKES_FUZZ_CASES for more).

mod common;

use common::fixture;
use generator::{GptNeo, GptNeoConfig, TextTokenizer};
use labels::fuzz::{cases, mutated};
use proptest::prelude::*;
use tch::Device;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture("gpt_neo_tiny_local").join(name)).unwrap()
}

/// A copy of the fixture checkpoint with `name` replaced by `bytes`.
fn checkpoint_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["config.json", "model.safetensors", "tokenizer.json"] {
        std::fs::write(dir.path().join(f), read(f)).unwrap();
    }
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_config_loads_or_names_the_file(bytes in mutated(read("config.json"))) {
        let dir = checkpoint_with("config.json", &bytes);
        if let Err(e) = GptNeoConfig::from_file(dir.path().join("config.json")) {
            prop_assert!(e.to_string().contains("config.json"), "{}", e);
        }
        if let Err(e) = GptNeo::from_pretrained(dir.path(), Device::Cpu) {
            let m = e.to_string();
            prop_assert!(m.contains("config.json") || m.contains("model.safetensors"), "{}", m);
        }
    }

    #[test]
    fn a_mutated_safetensors_header_loads_or_names_the_file(edit in mutated(read("model.safetensors"))) {
        // the edited header, then the original data
        let valid = read("model.safetensors");
        let header = 8 + u64::from_le_bytes(valid[..8].try_into().unwrap()) as usize;
        let mut bytes = edit[..header.min(edit.len())].to_vec();
        bytes.extend_from_slice(&valid[header..]);
        let dir = checkpoint_with("model.safetensors", &bytes);
        if let Err(e) = GptNeo::from_pretrained(dir.path(), Device::Cpu) {
            prop_assert!(e.to_string().contains("model.safetensors"), "{}", e);
        }
    }

    #[test]
    fn a_mutated_tokenizer_loads_or_names_the_file(bytes in mutated(read("tokenizer.json"))) {
        let dir = checkpoint_with("tokenizer.json", &bytes);
        match TextTokenizer::from_file(dir.path().join("tokenizer.json")) {
            Ok(t) => {
                let _ = t.encode("The knight smiled.");
            }
            Err(e) => prop_assert!(e.to_string().contains("tokenizer.json"), "{}", e),
        }
    }
}
