//! The procedural story world: three-sentence prompts and one-sentence completions,
//! deterministic by seed and index, with injuries of every kind and the traps around
//! them; datasets labeled by the oracle; a plain-text corpus of whole stories.

mod cast;
mod completions;
mod injuries;
mod pools;
mod prompts;
mod scene;
mod template;
mod writing;

use labels::{Dataset, Example, Judgement, Label, Provenance, Snippet, Source};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

pub use scene::Danger;

use crate::error::{Result, StoryworldError};
use crate::oracle::InjuryOracle;
use pools::Pools;
use scene::Scene;

/// Share of scenes at each danger without sub-selection (the in-distribution test set and
/// the corpus): calm, tense, violent.
pub const BASE_DANGER: [f64; 3] = [0.80, 0.15, 0.05];
/// Share of scenes at each danger in the sub-selected pool the initial dataset mixes in.
pub const SELECTED_DANGER: [f64; 3] = [0.20, 0.35, 0.45];
/// Probability of an injurious completion at each danger.
pub const INJURIOUS_GIVEN_DANGER: [f64; 3] = [0.006, 0.06, 0.40];
/// Probability of an unsure (borderline) completion at each danger.
pub const UNSURE_GIVEN_DANGER: [f64; 3] = [0.002, 0.012, 0.05];

/// The expected share of injurious-or-unsure snippets under a danger distribution.
pub fn expected_share(danger: [f64; 3]) -> f64 {
    (0..3)
        .map(|d| danger[d] * (INJURIOUS_GIVEN_DANGER[d] + UNSURE_GIVEN_DANGER[d]))
        .sum()
}

/// Settings of the world.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorldConfig {
    /// The seed of every stream of the world.
    pub seed: u64,
    /// The share of the initial dataset meant to be injurious or unsure (the paper's
    /// initial set was about 10% injurious): reached by sub-selecting dangerous prompts.
    /// Must lie between [`expected_share`] of [`BASE_DANGER`] (no sub-selection, about 4%)
    /// and of [`SELECTED_DANGER`] (about 23%).
    pub initial_injurious_share: f64,
}

impl Default for WorldConfig {
    /// Seed 0, 15% injurious (the middle of the 10–20% band).
    fn default() -> Self {
        WorldConfig {
            seed: 0,
            initial_injurious_share: 0.15,
        }
    }
}

/// The band the default initial dataset's injurious share is meant to fall in.
pub const DEFAULT_SHARE_BAND: (f64, f64) = (0.10, 0.20);

/// A snippet of the world with what the world meant it to be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorldSnippet {
    /// The text.
    pub snippet: Snippet,
    /// The label the world meant (by the injuries its templates declare, judged new or
    /// not by the oracle's rule). The datasets use the oracle's label, not this one.
    pub intended: Label,
    /// The completion's template (`explicit/3`, `figurative/12`…).
    pub template: String,
    /// The scene's danger.
    pub danger: Danger,
}

/// Streams of the world, each deterministic by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    Initial = 1,
    Test = 2,
    Corpus = 3,
}

/// The story world.
pub struct World {
    config: WorldConfig,
    pools: Pools,
    selection_weight: f64,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World")
            .field("config", &self.config)
            .finish()
    }
}

fn stream_rng(seed: u64, stream: Stream, index: u64) -> ChaCha8Rng {
    // SplitMix64 of the three, so neighbouring indices give unrelated streams
    let mut z = seed
        ^ (stream as u64).wrapping_mul(0xa076_1d64_78bd_642f)
        ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    ChaCha8Rng::seed_from_u64(z ^ (z >> 31))
}

fn draw_danger(rng: &mut ChaCha8Rng, weights: [f64; 3]) -> Danger {
    let r = rng.random::<f64>() * weights.iter().sum::<f64>();
    if r < weights[0] {
        Danger::Calm
    } else if r < weights[0] + weights[1] {
        Danger::Tense
    } else {
        Danger::Violent
    }
}

fn draw_label(rng: &mut ChaCha8Rng, danger: Danger) -> Label {
    let d = danger as usize;
    let r = rng.random::<f64>();
    if r < INJURIOUS_GIVEN_DANGER[d] {
        Label::Injurious
    } else if r < INJURIOUS_GIVEN_DANGER[d] + UNSURE_GIVEN_DANGER[d] {
        Label::Unsure
    } else {
        Label::NonInjurious
    }
}

impl World {
    /// A world with these settings; an error when the share cannot be reached.
    pub fn new(config: WorldConfig) -> Result<World> {
        let (lo, hi) = World::share_range();
        let share = config.initial_injurious_share;
        if !(share.is_finite() && (lo..=hi).contains(&share)) {
            return Err(StoryworldError::Setting(format!(
                "initial_injurious_share {share} is outside the reachable range {lo:.4}–{hi:.4}"
            )));
        }
        Ok(World {
            config,
            pools: Pools::new()?,
            selection_weight: (share - lo) / (hi - lo),
        })
    }

    /// The injurious shares the initial dataset can be set to: no sub-selection at all,
    /// and only sub-selected prompts.
    pub fn share_range() -> (f64, f64) {
        (expected_share(BASE_DANGER), expected_share(SELECTED_DANGER))
    }

    /// The settings.
    pub fn config(&self) -> &WorldConfig {
        &self.config
    }

    /// The number of templates of the world (prompt and completion sentences).
    pub fn template_count(&self) -> usize {
        self.pools.all().count()
    }

    fn generate(&self, stream: Stream, index: u64) -> WorldSnippet {
        let mut rng = stream_rng(self.config.seed, stream, index);
        let weights = match stream {
            Stream::Initial if rng.random::<f64>() < self.selection_weight => SELECTED_DANGER,
            _ => BASE_DANGER,
        };
        let danger = draw_danger(&mut rng, weights);
        let want = draw_label(&mut rng, danger);
        let scene = Scene::random(&mut rng, danger);
        let (sentences, prior) = writing::prompt(&self.pools, &scene, &mut rng);
        let (completion, intended) =
            writing::completion(&self.pools, &scene, &prior, want, &mut rng);
        let prompt: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        WorldSnippet {
            snippet: Snippet::new(prompt.join(" "), completion.text),
            intended,
            template: completion.template,
            danger,
        }
    }

    /// The `index`-th snippet of the initial (sub-selected) stream.
    pub fn snippet(&self, index: u64) -> WorldSnippet {
        self.generate(Stream::Initial, index)
    }

    /// The first `n` snippets of the initial stream.
    pub fn snippets(&self, n: usize) -> Vec<WorldSnippet> {
        (0..n as u64).map(|i| self.snippet(i)).collect()
    }

    /// The `index`-th snippet of the in-distribution stream (no sub-selection).
    pub fn test_snippet(&self, index: u64) -> WorldSnippet {
        self.generate(Stream::Test, index)
    }

    fn dataset(
        &self,
        n: usize,
        source: Source,
        oracle: &InjuryOracle,
        next: impl Fn(u64) -> WorldSnippet,
    ) -> Result<Dataset> {
        let mut seen = std::collections::HashSet::with_capacity(n);
        let mut examples = Vec::with_capacity(n);
        let mut index = 0u64;
        // duplicates are rare; give up (with fewer examples) only after 2n draws
        while examples.len() < n && index < 2 * n as u64 + 16 {
            let ws = next(index);
            index += 1;
            if !seen.insert(ws.snippet.normalized()) {
                continue;
            }
            let verdict = oracle.judge(&ws.snippet)?;
            use labels::Labeler;
            examples.push(Example {
                judgements: vec![Judgement::new(oracle.id(), verdict.label)],
                provenance: Provenance {
                    author: Some("storyworld".into()),
                    egregiousness: Some(verdict.egregiousness),
                    ..Provenance::default()
                },
                ..Example::new(ws.snippet, verdict.label, source.clone())
            });
        }
        Ok(Dataset::new(examples))
    }

    /// The initial dataset (the paper's §4.3): `n` distinct snippets of the sub-selected
    /// stream, labeled by the oracle (one judgement each, under the oracle's id), with
    /// their egregiousness in the provenance.
    pub fn initial_dataset(&self, n: usize, oracle: &InjuryOracle) -> Result<Dataset> {
        self.dataset(n, Source::InitialStories, oracle, |i| self.snippet(i))
    }

    /// The in-distribution test set (the paper's §5.4): `n` distinct snippets drawn
    /// without sub-selection, labeled by the oracle.
    pub fn in_distribution_test(&self, n: usize, oracle: &InjuryOracle) -> Result<Dataset> {
        self.dataset(n, Source::InDistributionTest, oracle, |i| {
            self.test_snippet(i)
        })
    }

    /// `n_stories` whole stories of 5–8 sentences (plain text, one story per item),
    /// without sub-selection: for training the generator and for masked-LM pre-training.
    pub fn corpus(&self, n_stories: usize) -> impl Iterator<Item = String> + '_ {
        (0..n_stories as u64).map(move |i| self.story(i))
    }

    /// The `index`-th story of the corpus.
    pub fn story(&self, index: u64) -> String {
        self.story_sentences(index).join(" ")
    }

    /// The sentences of the `index`-th story of the corpus: a three-sentence prompt and
    /// two to five more.
    pub fn story_sentences(&self, index: u64) -> Vec<String> {
        let mut rng = stream_rng(self.config.seed, Stream::Corpus, index);
        let danger = draw_danger(&mut rng, BASE_DANGER);
        let scene = Scene::random(&mut rng, danger);
        let (sentences, mut prior) = writing::prompt(&self.pools, &scene, &mut rng);
        let mut text: Vec<String> = sentences.into_iter().map(|s| s.text).collect();
        let more = rng.random_range(2..=5);
        for _ in 0..more {
            let want = draw_label(&mut rng, danger);
            let (s, _) = writing::completion(&self.pools, &scene, &prior, want, &mut rng);
            prior.extend(s.events);
            text.push(s.text);
        }
        text
    }
}
