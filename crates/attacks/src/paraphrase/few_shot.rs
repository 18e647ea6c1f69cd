//! A paraphraser driven by the generator with a few-shot prompt (the paper §4.4.2 used
//! GPT-3 this way; here a GPT-Neo checkpoint, the `generator` feature). The prompt shows a
//! few (story, sentence, rewrite) examples and then the snippet's story and completion;
//! the generator's sampled next sentence is the paraphrase. It is only as good as the
//! checkpoint: a real GPT-Neo follows the pattern, the small story models trained here
//! mostly continue the story instead (use [`super::RuleParaphraser`] with those).

use std::borrow::Borrow;

use generator::{Decoding, GenerationConfig, Generator, SamplingConfig, StopAt};
use labels::Snippet;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::paraphraser::Paraphraser;
use crate::error::{AttackError, Result};

/// The built-in examples: (story so far, sentence, the sentence in other words).
pub const FEW_SHOT_EXAMPLES: [(&str, &str, &str); 3] = [
    (
        "The bandits blocked the road. The knight drew his sword.",
        "The knight swung his sword and cut the bandit's arm.",
        "The bandit's arm was slashed by the knight's swinging blade.",
    ),
    (
        "It had snowed all night. Mara ran to catch the bus.",
        "Mara slipped on the ice and broke her wrist.",
        "Mara's wrist snapped when she fell on the icy path.",
    ),
    (
        "The guests were cold and tired. Tom put the kettle on.",
        "Tom laughed and poured everyone another cup of tea.",
        "With a laugh, Tom refilled everyone's cup of tea.",
    ),
];

/// The few-shot paraphraser over a generator (owned or borrowed).
pub struct FewShotParaphraser<G> {
    generator: G,
    generation: GenerationConfig,
    examples: Vec<(String, String, String)>,
    rng: ChaCha8Rng,
}

impl<G: Borrow<Generator>> FewShotParaphraser<G> {
    /// A paraphraser with the built-in examples, sampling one sentence of at most 64
    /// tokens at temperature 0.9 and top-p 0.95, seeded by `seed`.
    pub fn new(generator: G, seed: u64) -> Self {
        FewShotParaphraser {
            generator,
            generation: GenerationConfig {
                max_new_tokens: 64,
                decoding: Decoding::Sample(SamplingConfig {
                    temperature: 0.9,
                    top_k: None,
                    top_p: Some(0.95),
                }),
                stop: StopAt::Sentence,
                use_cache: true,
            },
            examples: FEW_SHOT_EXAMPLES
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect(),
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Other generation settings.
    pub fn with_generation(mut self, generation: GenerationConfig) -> Self {
        self.generation = generation;
        self
    }

    /// Other examples: (story so far, sentence, the sentence in other words).
    pub fn with_examples(mut self, examples: Vec<(String, String, String)>) -> Self {
        self.examples = examples;
        self
    }

    /// The prompt the generator continues for `snippet`.
    pub fn few_shot_prompt(&self, snippet: &Snippet) -> String {
        let mut out =
            String::from("Each sentence is rewritten in other words, keeping its meaning.\n\n");
        for (story, sentence, rewrite) in &self.examples {
            out.push_str(&format!(
                "Story: {story}\nSentence: {sentence}\nRewritten: {rewrite}\n\n"
            ));
        }
        out.push_str(&format!(
            "Story: {}\nSentence: {}\nRewritten:",
            snippet.prompt.trim(),
            snippet.completion.trim()
        ));
        out
    }
}

impl<G: Borrow<Generator>> Paraphraser for FewShotParaphraser<G> {
    fn name(&self) -> &str {
        "few_shot_generator"
    }

    fn paraphrase(&mut self, snippet: &Snippet, n: usize) -> Result<Vec<Snippet>> {
        let prompt = self.few_shot_prompt(snippet);
        let prompts: Vec<&str> = vec![prompt.as_str(); n];
        let completions = self
            .generator
            .borrow()
            .complete(&prompts, &self.generation, &mut self.rng)
            .map_err(|e| AttackError::tool("few-shot paraphraser", e))?;
        let mut out: Vec<Snippet> = Vec::new();
        for c in completions {
            // the model may run on into the next example: keep the first line
            let text = c.text.lines().next().unwrap_or_default().trim().to_string();
            let made = Snippet::new(snippet.prompt.clone(), text);
            if made.validate().is_ok() && made != *snippet && !out.contains(&made) {
                out.push(made);
            }
        }
        Ok(out)
    }
}
