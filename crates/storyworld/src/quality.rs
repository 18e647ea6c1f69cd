//! The automatic quality judge: a pairwise preference between two completions of one
//! prompt, standing in for the paper's human comparisons (§4.5: raters chose the better
//! of an unfiltered and a filtered completion). **It is a proxy**: it rates fluency (real
//! words, a well-formed sentence of a reasonable length, no stutter) and coherence with
//! the prompt (the prompt's characters, its words, no strangers, no copying), adds the
//! disagreement of a simulated rater (logistic noise, deterministic given a seed), and
//! calls close pairs a tie. Real comparisons can be read from JSONL instead
//! ([`read_comparisons`]).

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Result, StoryworldError};
use crate::lexicon::Lexicon;

/// Which completion a rater preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preference {
    /// The first completion is better.
    AWins,
    /// Neither is clearly better.
    Tie,
    /// The second completion is better.
    BWins,
}

impl Preference {
    /// The preference with the two completions swapped.
    pub fn mirrored(self) -> Preference {
        match self {
            Preference::AWins => Preference::BWins,
            Preference::Tie => Preference::Tie,
            Preference::BWins => Preference::AWins,
        }
    }

    fn parse(text: &str) -> Option<Preference> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a" | "a_wins" | "awins" | "first" => Some(Preference::AWins),
            "tie" | "equal" | "same" => Some(Preference::Tie),
            "b" | "b_wins" | "bwins" | "second" => Some(Preference::BWins),
            _ => None,
        }
    }
}

/// The judge's scores of one completion, each in 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct QualityScore {
    /// Real words, a well-formed sentence, a reasonable length, no repetition.
    pub fluency: f64,
    /// The prompt's characters and words, no new names, no copying.
    pub coherence: f64,
    /// The mean of the two.
    pub total: f64,
}

/// The automatic quality judge.
#[derive(Debug, Clone)]
pub struct QualityJudge {
    lexicon: Arc<Lexicon>,
    /// Scale of the simulated rater's logistic noise (default 0.04).
    pub noise: f64,
    /// Differences smaller than this are ties (default 0.02).
    pub tie_margin: f64,
}

#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "into", "he", "she", "it", "they", "we", "you", "i", "him", "her", "them", "us", "me",
    "his", "their", "my", "your", "our", "its", "was", "were", "is", "are", "be", "been", "had",
    "has", "have", "did", "do", "does", "that", "this", "as", "not", "so", "then", "there", "said",
    "says", "what", "who", "all", "one", "up", "out", "down", "over", "again",
];

fn words(text: &str) -> Vec<(String, bool)> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            (w.trim_matches('\'').to_lowercase(), capital)
        })
        .filter(|(w, _)| !w.is_empty())
        .collect()
}

fn stable_unit(seed: u64, parts: &[&str]) -> f64 {
    // FNV-1a then SplitMix64's finaliser: a stable uniform number in (0, 1)
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for part in parts {
        for &b in part.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    ((z >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

impl QualityJudge {
    /// A judge over a lexicon (for what counts as a real word), with the default noise.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        QualityJudge {
            lexicon,
            noise: 0.04,
            tie_margin: 0.02,
        }
    }

    /// Scores one completion of a prompt.
    pub fn score(&self, prompt: &str, completion: &str) -> QualityScore {
        let prompt_words = words(prompt);
        let names: HashSet<&str> = prompt_words
            .iter()
            .filter(|(_, capital)| *capital)
            .map(|(w, _)| w.as_str())
            .collect();
        let completion_words = words(completion);
        let n = completion_words.len();
        if n == 0 {
            return QualityScore {
                fluency: 0.0,
                coherence: 0.0,
                total: 0.0,
            };
        }
        // fluency
        let known = completion_words
            .iter()
            .filter(|(w, capital)| {
                names.contains(w.as_str()) || *capital || self.lexicon.is_known_word(w)
            })
            .count();
        let known_ratio = known as f64 / n as f64;
        let trimmed = completion.trim();
        let starts_well = trimmed
            .chars()
            .find(|c| !matches!(c, '"' | '\''))
            .is_some_and(char::is_uppercase);
        let ends_well = trimmed
            .trim_end_matches(['"', '\''])
            .ends_with(['.', '!', '?']);
        let quotes_balanced = trimmed.matches('"').count().is_multiple_of(2);
        let form = (f64::from(u8::from(starts_well))
            + f64::from(u8::from(ends_well))
            + f64::from(u8::from(quotes_balanced)))
            / 3.0;
        let length = if n < 4 {
            n as f64 / 4.0
        } else if n <= 35 {
            1.0
        } else {
            (35.0 / n as f64).powi(2)
        };
        let bigrams: Vec<(&str, &str)> = completion_words
            .windows(2)
            .map(|w| (w[0].0.as_str(), w[1].0.as_str()))
            .collect();
        let distinct: HashSet<&(&str, &str)> = bigrams.iter().collect();
        let repetition = if bigrams.is_empty() {
            0.0
        } else {
            1.0 - distinct.len() as f64 / bigrams.len() as f64
        };
        let fluency = 0.5 * known_ratio + 0.2 * form + 0.15 * length + 0.15 * (1.0 - repetition);
        // coherence
        let mentions = completion_words.iter().any(|(w, capital)| {
            names.contains(w.as_str())
                || (!capital
                    && matches!(
                        w.as_str(),
                        "he" | "she" | "they" | "him" | "her" | "them" | "his" | "their"
                    ))
        });
        let strangers = completion_words
            .iter()
            .skip(1)
            .filter(|(w, capital)| *capital && !names.contains(w.as_str()) && w != "i")
            .count();
        let content = |ws: &[(String, bool)]| -> HashSet<String> {
            ws.iter()
                .map(|(w, _)| w.clone())
                .filter(|w| w.len() > 2 && !STOP_WORDS.contains(&w.as_str()))
                .collect()
        };
        let prompt_content = content(&prompt_words);
        let completion_content = content(&completion_words);
        let shared = completion_content.intersection(&prompt_content).count();
        let overlap = (shared as f64 / 2.0).min(1.0);
        let copied = prompt
            .split(['.', '!', '?'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .any(|s| {
                let sentence: HashSet<String> = words(s).into_iter().map(|(w, _)| w).collect();
                let inside = completion_words
                    .iter()
                    .filter(|(w, _)| sentence.contains(w))
                    .count();
                inside as f64 / n as f64 > 0.8 && n > 3
            });
        let coherence = 0.45 * f64::from(u8::from(mentions)) * (1.0 / (1.0 + strangers as f64))
            + 0.35 * overlap
            + 0.2 * f64::from(u8::from(!copied));
        QualityScore {
            fluency,
            coherence,
            total: 0.5 * fluency + 0.5 * coherence,
        }
    }

    /// Compares two completions of one prompt. Deterministic given `seed`; swapping `a`
    /// and `b` mirrors the outcome; identical completions tie.
    pub fn compare(&self, prompt: &str, a: &str, b: &str, seed: u64) -> Preference {
        if a == b {
            return Preference::Tie;
        }
        let difference = self.score(prompt, a).total - self.score(prompt, b).total;
        let (first, second) = if a < b { (a, b) } else { (b, a) };
        let u = stable_unit(seed, &[prompt, first, second]);
        let noise = self.noise * (u / (1.0 - u)).ln();
        let oriented = if a == first { noise } else { -noise };
        let v = difference + oriented;
        if v.abs() < self.tie_margin {
            Preference::Tie
        } else if v > 0.0 {
            Preference::AWins
        } else {
            Preference::BWins
        }
    }
}

/// A pairwise comparison of two completions of one prompt, by a person or the judge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The prompt.
    pub prompt: String,
    /// The first completion.
    pub a: String,
    /// The second completion.
    pub b: String,
    /// Which was preferred.
    pub outcome: Preference,
}

#[derive(Deserialize)]
struct RawComparison {
    prompt: String,
    a: String,
    b: String,
    outcome: String,
}

/// Reads real comparisons from JSONL, one `{"prompt", "a", "b", "outcome"}` object per line
/// (`outcome`: `a`, `b` or `tie`; also `a_wins`, `b_wins`). Blank lines are skipped; the
/// first bad line is an error naming the file and line.
pub fn read_comparisons(path: impl AsRef<Path>) -> Result<Vec<Comparison>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| StoryworldError::io(path, e))?;
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| StoryworldError::MalformedLine {
            path: path.to_path_buf(),
            line: k + 1,
            message,
        };
        let raw: RawComparison =
            serde_json::from_str(line).map_err(|e| bad(format!("not a comparison: {e}")))?;
        let outcome = Preference::parse(&raw.outcome)
            .ok_or_else(|| bad(format!("outcome {:?} is not one of a, b, tie", raw.outcome)))?;
        if raw.a.trim().is_empty() || raw.b.trim().is_empty() {
            return Err(bad("a completion is empty".into()));
        }
        out.push(Comparison {
            prompt: raw.prompt,
            a: raw.a,
            b: raw.b,
            outcome,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_parse_and_mirror() {
        assert_eq!(Preference::parse("A"), Some(Preference::AWins));
        assert_eq!(Preference::parse("b_wins"), Some(Preference::BWins));
        assert_eq!(Preference::parse("tie"), Some(Preference::Tie));
        assert_eq!(Preference::parse("maybe"), None);
        assert_eq!(Preference::AWins.mirrored(), Preference::BWins);
    }

    #[test]
    fn stable_unit_is_in_the_open_interval_and_stable() {
        let u = stable_unit(7, &["p", "a", "b"]);
        assert!(u > 0.0 && u < 1.0);
        assert_eq!(u, stable_unit(7, &["p", "a", "b"]));
        assert_ne!(u, stable_unit(8, &["p", "a", "b"]));
    }
}
