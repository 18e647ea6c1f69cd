//! The few-shot paraphraser over a generator: with a tiny random GPT-Neo (no checkpoint
//! can be downloaded here) it cannot paraphrase well, but the plumbing is checked — the
//! prompt, the sampling, the filtering, reproducibility, and the paraphrase attack over it.

mod common;

use attacks::{
    Attack, Budget, FEW_SHOT_EXAMPLES, FewShotParaphraser, KeywordTarget, ParaphraseAttack,
    ParaphraseConfig, Paraphraser,
};
use generator::{GptNeo, TextTokenizer, small_config};
use labels::Snippet;

fn generator(positions: usize) -> generator::Generator {
    let texts: Vec<String> = FEW_SHOT_EXAMPLES
        .iter()
        .flat_map(|(a, b, c)| [a.to_string(), b.to_string(), c.to_string()])
        .collect();
    let tokenizer = TextTokenizer::train_byte_level_bpe(&texts, 300).unwrap();
    let mut config = small_config(tokenizer.vocab_size(), positions);
    config.hidden_size = 32;
    config.num_layers = 2;
    config.num_heads = 2;
    config.attention_types = vec![(
        vec![
            generator::AttentionType::Global,
            generator::AttentionType::Local,
        ],
        1,
    )];
    let model = GptNeo::new(&config, tch::Device::Cpu, 3).unwrap();
    generator::Generator::new(model, tokenizer).unwrap()
}

#[test]
fn the_prompt_the_samples_and_the_attack() {
    tch::set_num_threads(1);
    // a model too short for the prompt is a clear error, not a panic
    let short = generator(128);
    let seed = Snippet::new("The wolf ran at them.", "The wolf bit Tom's leg.");
    let err = FewShotParaphraser::new(&short, 5)
        .paraphrase(&seed, 2)
        .unwrap_err();
    assert!(err.to_string().contains("positions"), "{err}");

    let g = generator(1024);
    let mut p = FewShotParaphraser::new(&g, 5);
    let prompt = p.few_shot_prompt(&seed);
    assert!(prompt.contains(FEW_SHOT_EXAMPLES[1].2));
    assert!(
        prompt.ends_with(
            "Story: The wolf ran at them.\nSentence: The wolf bit Tom's leg.\nRewritten:"
        )
    );
    let out = p.paraphrase(&seed, 4).unwrap();
    assert!(out.len() <= 4);
    for x in &out {
        assert_eq!(x.prompt, seed.prompt);
        assert!(!x.completion.trim().is_empty() && !x.completion.contains('\n'));
        assert_ne!(x, &seed);
    }
    let again = FewShotParaphraser::new(&g, 5).paraphrase(&seed, 4).unwrap();
    assert_eq!(again, out, "seeded sampling is reproducible");

    // whatever the random model writes, the attack keeps only what the target accepts
    let target = KeywordTarget::new("accept-all", -10.0, []);
    let mut labeler = common::labeler();
    let config = ParaphraseConfig {
        per_round: 4,
        min_accepted: 1,
        max_accepted: 2,
        max_rounds: 2,
        ..ParaphraseConfig::default()
    };
    let o = ParaphraseAttack::new(config, FewShotParaphraser::new(&g, 9))
        .run(Some(&seed), &target, &mut labeler, Budget::evaluations(50))
        .unwrap();
    assert!(o.submissions.len() <= 2);
    assert!(o.submissions.iter().all(|s| s.score < 0.05));
}
