//! How the generator writes: the share of its completions that are the world's language
//! (words the world uses, one sentence), and how often they injure beside the world's own
//! completions of the same prompts. A generator that writes word salad makes every label,
//! classifier and failure rate downstream measure noise; this is where a run shows it.

use labels::{Dataset, Label, Snippet};
use metrics::RateEstimate;
use serde::{Deserialize, Serialize};
use storyworld::{InjuryOracle, WorldVocabulary};

use super::error::{PipelineError, Result};

/// Completions that are not well-formed kept as examples in the check.
const EXAMPLES_KEPT: usize = 5;

/// The generator's completions of one stream of the world's prompts, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneratorCheck {
    /// The dataset (`initial`, `test`).
    pub dataset: String,
    /// Completions written of only the world's words and forming one sentence, of every
    /// completion written (empty ones and those later dropped included).
    pub well_formed: RateEstimate,
    /// Completions of only the world's words (of every completion).
    pub world_words_only: u64,
    /// Completions forming one sentence (of every completion).
    pub one_sentence: u64,
    /// Completions drawn again because the first draw had no word (they count once, as
    /// their final draw).
    #[serde(default)]
    pub redrawn: u64,
    /// Completions that are, up to names, sentences of the world's reference sample
    /// (of every completion).
    #[serde(default)]
    pub world_sentences: u64,
    /// The same share for the world's own completions of prompts beyond the reference
    /// sample: what a generator that wrote exactly as the world does would score.
    #[serde(default)]
    pub world_sentence_coverage: Option<RateEstimate>,
    /// Injurious-or-unsure share of the labeled dataset (the panel's labels).
    pub generator_injurious: RateEstimate,
    /// Injurious-or-unsure share of the world's own completions of the same prompts
    /// (the oracle's labels).
    pub world_injurious: RateEstimate,
    /// A few completions that are not well-formed, in order, with their unknown words.
    pub not_well_formed: Vec<String>,
}

/// What the generator's completions are compared with.
#[derive(Debug, Clone, Copy)]
pub struct WorldReference<'a> {
    /// The world's words and sentences.
    pub vocabulary: &'a WorldVocabulary,
    /// The world's own snippets of the same prompts, in order.
    pub own: &'a [Snippet],
    /// Completions the world writes beyond the vocabulary's reference sample.
    pub unseen: &'a [String],
    /// Judges the world's own completions.
    pub oracle: &'a InjuryOracle,
}

fn rate(k: u64, n: u64, what: &str) -> Result<RateEstimate> {
    RateEstimate::new(k, n)
        .map_err(|e| PipelineError::stage("generator_check", format!("{what}: {e}")))
}

impl GeneratorCheck {
    /// Checks `completions` (every completion the generator wrote for the stream, in
    /// order, `redrawn` of them drawn again after an empty first draw) against the
    /// world's `reference`, with `labeled` the stream's labeled dataset.
    pub fn measure(
        dataset: &str,
        completions: &[String],
        redrawn: usize,
        labeled: &Dataset,
        reference: &WorldReference<'_>,
    ) -> Result<GeneratorCheck> {
        let WorldReference {
            vocabulary,
            own: world,
            unseen,
            oracle,
        } = *reference;
        let n = completions.len() as u64;
        let (mut well_formed, mut words_only, mut one_sentence) = (0u64, 0u64, 0u64);
        let mut world_sentences = 0u64;
        let mut not_well_formed = Vec::new();
        for c in completions {
            let f = vocabulary.check(c);
            words_only += u64::from(f.unknown_words.is_empty() && f.words > 0);
            one_sentence += u64::from(f.one_sentence);
            world_sentences += u64::from(f.world_sentence);
            if f.well_formed() {
                well_formed += 1;
            } else if not_well_formed.len() < EXAMPLES_KEPT {
                not_well_formed.push(if f.unknown_words.is_empty() {
                    format!("{c:?}")
                } else {
                    format!("{c:?} (unknown: {})", f.unknown_words.join(", "))
                });
            }
        }
        let injurious = |l: Label| l != Label::NonInjurious;
        let generator_k = labeled
            .examples()
            .iter()
            .filter(|e| injurious(e.label))
            .count();
        let mut world_k = 0u64;
        for s in world {
            world_k += u64::from(injurious(oracle.label(s)?));
        }
        let covered = unseen
            .iter()
            .filter(|c| vocabulary.check(c).world_sentence)
            .count() as u64;
        let world_sentence_coverage = if unseen.is_empty() {
            None
        } else {
            Some(rate(covered, unseen.len() as u64, "unseen")?)
        };
        Ok(GeneratorCheck {
            dataset: dataset.into(),
            well_formed: rate(well_formed, n, "completions")?,
            world_words_only: words_only,
            one_sentence,
            redrawn: redrawn as u64,
            world_sentences,
            world_sentence_coverage,
            generator_injurious: rate(generator_k as u64, labeled.len() as u64, "labeled")?,
            world_injurious: rate(world_k, world.len() as u64, "world")?,
            not_well_formed,
        })
    }

    /// One line for a stage summary.
    pub fn summary(&self) -> String {
        let n = self.well_formed.n;
        format!(
            "well-formed {} (the world's words only {}, one sentence {}; {} empty drawn again; world sentences {}/{n}{})",
            self.well_formed,
            self.world_words_only,
            self.one_sentence,
            self.redrawn,
            self.world_sentences,
            match &self.world_sentence_coverage {
                Some(c) => format!(", the world's own beyond the sample {c}"),
                None => String::new(),
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use labels::Example;
    use labels::Source;

    use super::*;

    #[test]
    fn the_check_counts_every_completion_and_both_injury_rates() {
        let vocabulary =
            WorldVocabulary::from_sentences(&["Tom stabbed Mara.", "Mara folded the map."]);
        let completions: Vec<String> = [
            "Mara folded the map.",  // a world sentence
            "Tom folded the map.",   // names aside, the same
            "Mara stabbed the map.", // the world's words, one sentence, not its sentence
            "Mara folded the gar.",  // an unknown word
            "",                      // empty after every redraw
        ]
        .map(String::from)
        .to_vec();
        let snippet = |c: &str| Snippet::new("Tom and Mara argued.", c);
        let labeled = Dataset::new(vec![
            Example::new(
                snippet("Tom stabbed Mara."),
                Label::Injurious,
                Source::InitialStories,
            ),
            Example::new(
                snippet("Mara folded the map."),
                Label::NonInjurious,
                Source::InitialStories,
            ),
        ]);
        let world = vec![
            snippet("Tom stabbed Mara."),
            snippet("Tom stabbed Mara."),
            snippet("Mara folded the map."),
        ];
        let oracle = InjuryOracle::new().expect("WordNet (scripts/setup installs it)");
        let unseen = vec![
            "Tom stabbed Mara.".to_string(),
            "Mara cut the map.".to_string(),
        ];
        let reference = WorldReference {
            vocabulary: &vocabulary,
            own: &world,
            unseen: &unseen,
            oracle: &oracle,
        };
        let check =
            GeneratorCheck::measure("initial", &completions, 2, &labeled, &reference).unwrap();
        // by construction above: 3 well-formed of 5, 3 of the world's words only (the
        // empty one has no word), 4 one sentence (all but the empty one)
        assert_eq!((check.well_formed.k, check.well_formed.n), (3, 5));
        assert_eq!(check.world_words_only, 3);
        assert_eq!(check.one_sentence, 4);
        assert_eq!(check.world_sentences, 2);
        assert_eq!(check.redrawn, 2);
        assert_eq!(
            (check.generator_injurious.k, check.generator_injurious.n),
            (1, 2)
        );
        assert_eq!((check.world_injurious.k, check.world_injurious.n), (2, 3));
        let coverage = check.world_sentence_coverage.unwrap();
        assert_eq!((coverage.k, coverage.n), (1, 2));
        assert_eq!(check.not_well_formed.len(), 2);
        assert!(
            check.not_well_formed[0].contains("gar"),
            "{:?}",
            check.not_well_formed
        );
    }
}
