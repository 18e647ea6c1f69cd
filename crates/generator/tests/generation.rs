//! Generation against Hugging Face and against itself: greedy tokens equal to
//! `transformers`' `generate` (fixtures from python/make_generator_fixtures.py), and the
//! same tokens with and without the key/value cache, batched or alone.

mod common;

use common::{expected, fixture};
use generator::{
    Decoding, GenerationConfig, Generator, GptNeo, SamplingConfig, StopAt, StopReason,
    TextTokenizer, generate_tokens,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tch::Device;

const MODELS: [&str; 2] = ["gpt_neo_tiny_local", "gpt_neo_tiny_untied"];

/// The fixture's left-padded batch as unpadded prompts.
fn padded_prompts(model: &str) -> Vec<Vec<i64>> {
    let ids = expected(model, "padded.input_ids");
    let mask = expected(model, "padded.attention_mask");
    (0..ids.size()[0])
        .map(|r| {
            let row = Vec::<i64>::try_from(ids.get(r)).unwrap();
            let keep = Vec::<i64>::try_from(mask.get(r)).unwrap();
            row.into_iter()
                .zip(keep)
                .filter(|&(_, m)| m == 1)
                .map(|(t, _)| t)
                .collect()
        })
        .collect()
}

fn greedy(max_new_tokens: usize, use_cache: bool) -> GenerationConfig {
    GenerationConfig {
        max_new_tokens,
        decoding: Decoding::Greedy,
        stop: StopAt::Budget,
        use_cache,
    }
}

#[test]
fn greedy_tokens_match_transformers_with_and_without_cache() {
    for name in MODELS {
        let model = GptNeo::from_pretrained(fixture(name), Device::Cpu).unwrap();
        let prompts = padded_prompts(name);
        let want = expected(name, "greedy.new_tokens");
        for use_cache in [true, false] {
            let mut rng = ChaCha8Rng::seed_from_u64(0);
            let out =
                generate_tokens(&model, &prompts, &greedy(12, use_cache), &mut rng, None).unwrap();
            for (r, o) in out.iter().enumerate() {
                let want = Vec::<i64>::try_from(want.get(r as i64)).unwrap();
                assert_eq!(o.tokens, want, "{name} row {r} (cache: {use_cache})");
                assert_eq!(o.stop, StopReason::Budget);
            }
        }
    }
}

#[test]
fn batched_generation_equals_one_prompt_at_a_time() {
    let name = MODELS[0];
    let model = GptNeo::from_pretrained(fixture(name), Device::Cpu).unwrap();
    let prompts = padded_prompts(name);
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    let batched = generate_tokens(&model, &prompts, &greedy(20, true), &mut rng, None).unwrap();
    for (p, b) in prompts.iter().zip(&batched) {
        let alone = generate_tokens(
            &model,
            std::slice::from_ref(p),
            &greedy(20, true),
            &mut rng,
            None,
        )
        .unwrap();
        assert_eq!(alone[0], *b);
    }
}

#[test]
fn sampling_is_seeded_and_the_cache_does_not_change_it() {
    let name = MODELS[1];
    let model = GptNeo::from_pretrained(fixture(name), Device::Cpu).unwrap();
    let prompts = padded_prompts(name);
    let sample = |seed: u64, use_cache: bool| {
        let config = GenerationConfig {
            max_new_tokens: 20,
            decoding: Decoding::Sample(SamplingConfig {
                temperature: 0.9,
                top_k: Some(40),
                top_p: Some(0.95),
            }),
            stop: StopAt::Budget,
            use_cache,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        generate_tokens(&model, &prompts, &config, &mut rng, None).unwrap()
    };
    let a = sample(5, true);
    assert_eq!(a, sample(5, true), "same seed, same tokens");
    assert_eq!(a, sample(5, false), "the cache changes nothing");
    assert_ne!(a, sample(6, true), "another seed, other tokens");
}

#[test]
fn prompts_that_do_not_fit_are_errors_not_panics() {
    let model = GptNeo::from_pretrained(fixture(MODELS[0]), Device::Cpu).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    // 60 prompt tokens + 10 new ones exceed the 64 positions.
    let long = vec![5i64; 60];
    assert!(generate_tokens(&model, &[long], &greedy(10, true), &mut rng, None).is_err());
    // a token outside the vocabulary
    assert!(
        generate_tokens(
            &model,
            &[vec![1, 100_000]],
            &greedy(3, true),
            &mut rng,
            None
        )
        .is_err()
    );
    assert!(generate_tokens(&model, &[vec![-1]], &greedy(3, true), &mut rng, None).is_err());
    assert!(generate_tokens(&model, &[vec![1]], &greedy(0, true), &mut rng, None).is_err());
    // sentence stops need a tokenizer
    let sentence = GenerationConfig {
        stop: StopAt::Sentence,
        ..greedy(3, true)
    };
    assert!(generate_tokens(&model, &[vec![1]], &sentence, &mut rng, None).is_err());
    // nothing to do
    assert!(
        generate_tokens(&model, &[], &greedy(3, true), &mut rng, None)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn tokenizer_matches_python_tokenizers() {
    // ids and decoding from the Python `tokenizers` library (tokenizer_case.json).
    let dir = fixture(MODELS[0]);
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tokenizer_case.json")).unwrap())
            .unwrap();
    let tok = TextTokenizer::from_file(&dir).unwrap();
    let ids: Vec<i64> = serde_json::from_value(case["ids"].clone()).unwrap();
    assert_eq!(tok.encode(case["text"].as_str().unwrap()).unwrap(), ids);
    assert_eq!(tok.decode(&ids).unwrap(), case["decoded"].as_str().unwrap());
}

#[test]
fn text_completions_stop_at_the_end_of_a_sentence() {
    let generator = Generator::from_pretrained(fixture(MODELS[0]), Device::Cpu).unwrap();
    let config = GenerationConfig {
        max_new_tokens: 40,
        decoding: Decoding::Sample(SamplingConfig::default()),
        stop: StopAt::Sentence,
        use_cache: true,
    };
    let prompts = [
        "The knight rode into the village.",
        "She picked up the lantern.",
        "\"Are you coming?\"",
    ];
    let mut stopped_at_sentence = 0;
    for seed in 0..20 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        for c in generator.complete(&prompts, &config, &mut rng).unwrap() {
            assert!(c.token_ids.len() <= 40);
            assert_eq!(c.text, c.text.trim());
            match c.stop {
                StopReason::EndOfSentence => {
                    stopped_at_sentence += 1;
                    // The text is exactly one sentence: ending it with a line break
                    // confirms its end at its very end, and no earlier end exists.
                    let closed = format!(" {}\nX", c.text);
                    assert_eq!(
                        generator::sentence_end(&closed),
                        Some(c.text.len() + 1),
                        "{:?}",
                        c.text
                    );
                }
                StopReason::Budget => assert_eq!(c.token_ids.len(), 40),
                StopReason::EndOfText => {}
            }
        }
    }
    // The random fixture model puts terminators and spaces among its tokens: some of the
    // 60 sampled completions end a sentence within 40 tokens.
    assert!(stopped_at_sentence > 0);
}
