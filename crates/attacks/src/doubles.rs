//! Test doubles, public so that users' tests can drive attacks without models:
//! transparent stand-ins for a classifier ([`KeywordTarget`], a linear bag-of-words model
//! whose gradients are exact), a suggester ([`WordListSuggester`], a fixed word list) and
//! a labeler ([`KeywordLabeler`], injurious when the completion holds one of some words).
//! They make the attacks' behaviour checkable by hand (in this crate's tests, doctests
//! and benches, and in users' tests of their own attacks or front ends) and need no model
//! files. They are not models of anything: never attack them to measure a classifier.

use std::collections::{HashMap, HashSet};

use labels::{Judgement, Label, Labeler, Snippet};

use crate::edit::Edit;
use crate::error::Result;
use crate::suggester::{Site, Suggester, Suggestion};
use crate::target::{GradientToken, SaliencyMap, Target, TargetToken, TokenReplacement};
use crate::text::{Part, TextSpan};

/// The lowercase words of a part: maximal runs of letters and digits, with their spans.
pub fn keyword_tokens(snippet: &Snippet, part: Part) -> Vec<(TextSpan, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut n = 0;
    for (i, ch) in part.text(snippet).chars().enumerate() {
        n = i + 1;
        if ch.is_alphanumeric() {
            match &mut current {
                Some((_, w)) => w.extend(ch.to_lowercase()),
                None => current = Some((i, ch.to_lowercase().collect())),
            }
        } else if let Some((s, w)) = current.take() {
            out.push((TextSpan::new(part, s, i), w));
        }
    }
    if let Some((s, w)) = current {
        out.push((TextSpan::new(part, s, n), w));
    }
    out
}

/// A logistic bag-of-words classifier: `P(injurious) = σ(bias + Σ factor(part) ·
/// weight(word))` over the lowercase words of the snippet, where completion words count
/// fully and prompt words by `prompt_factor`. Its saliency is `|factor · weight|` per word
/// and its gradient replacements are exact (the model is linear in the words).
#[derive(Debug, Clone)]
pub struct KeywordTarget {
    name: String,
    bias: f64,
    prompt_factor: f64,
    weights: HashMap<String, f64>,
}

impl KeywordTarget {
    /// A model named `name` with this bias and word weights; prompt words count a quarter.
    pub fn new<'w>(
        name: impl Into<String>,
        bias: f64,
        weights: impl IntoIterator<Item = (&'w str, f64)>,
    ) -> Self {
        KeywordTarget {
            name: name.into(),
            bias,
            prompt_factor: 0.25,
            weights: weights
                .into_iter()
                .map(|(w, x)| (w.to_lowercase(), x))
                .collect(),
        }
    }

    /// The same model with another weight for prompt words.
    pub fn with_prompt_factor(mut self, factor: f64) -> Self {
        self.prompt_factor = factor;
        self
    }

    fn factor(&self, part: Part) -> f64 {
        match part {
            Part::Prompt => self.prompt_factor,
            Part::Completion => 1.0,
        }
    }

    fn weight(&self, word: &str) -> f64 {
        self.weights.get(word).copied().unwrap_or(0.0)
    }

    /// The model's log-odds for a snippet.
    pub fn logit(&self, snippet: &Snippet) -> f64 {
        self.bias
            + Part::BOTH
                .iter()
                .flat_map(|&p| keyword_tokens(snippet, p))
                .map(|(span, w)| self.factor(span.part) * self.weight(&w))
                .sum::<f64>()
    }

    fn tokens(&self, snippet: &Snippet) -> Vec<TargetToken> {
        Part::BOTH
            .iter()
            .flat_map(|&p| keyword_tokens(snippet, p))
            .map(|(span, w)| TargetToken {
                saliency: (self.factor(span.part) * self.weight(&w)).abs(),
                text: span.text(snippet).unwrap_or_default().to_string(),
                span,
            })
            .collect()
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl Target for KeywordTarget {
    fn name(&self) -> &str {
        &self.name
    }

    fn score_batch(&self, snippets: &[Snippet]) -> Result<Vec<f64>> {
        Ok(snippets.iter().map(|s| sigmoid(self.logit(s))).collect())
    }

    fn saliency_batch(&self, snippets: &[Snippet]) -> Result<Vec<SaliencyMap>> {
        Ok(snippets
            .iter()
            .map(|s| SaliencyMap {
                score: sigmoid(self.logit(s)),
                tokens: self.tokens(s),
            })
            .collect())
    }

    fn gradient_replacements(
        &self,
        snippet: &Snippet,
        per_token: usize,
    ) -> Result<Vec<GradientToken>> {
        let mut vocabulary: Vec<(&String, f64)> =
            self.weights.iter().map(|(w, &x)| (w, x)).collect();
        vocabulary.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
        Ok(self
            .tokens(snippet)
            .into_iter()
            .map(|token| {
                let word = token.text.to_lowercase();
                let factor = self.factor(token.span.part);
                let old = self.weight(&word);
                let replacements = vocabulary
                    .iter()
                    .filter(|(w, _)| **w != word)
                    .take(per_token)
                    .map(|(w, x)| TokenReplacement {
                        text: (*w).clone(),
                        estimated_change: factor * (x - old),
                    })
                    .collect();
                GradientToken {
                    token,
                    replacements,
                }
            })
            .collect())
    }
}

/// Suggests the words of a fixed list, in list order, at every site (replacing the text
/// under the span, or inserting the word with a space on the side that needs one).
#[derive(Debug, Clone)]
pub struct WordListSuggester {
    name: String,
    words: Vec<String>,
}

impl WordListSuggester {
    /// A suggester of `words`.
    pub fn new<'w>(name: impl Into<String>, words: impl IntoIterator<Item = &'w str>) -> Self {
        WordListSuggester {
            name: name.into(),
            words: words.into_iter().map(str::to_string).collect(),
        }
    }
}

impl Suggester for WordListSuggester {
    fn name(&self) -> &str {
        &self.name
    }

    fn suggest(
        &self,
        snippet: &Snippet,
        sites: &[Site],
        per_site: usize,
    ) -> Result<Vec<Vec<Suggestion>>> {
        sites
            .iter()
            .map(|site| {
                let mut out = Vec::new();
                for (rank, word) in self.words.iter().enumerate() {
                    if out.len() >= per_site {
                        break;
                    }
                    let edit = match *site {
                        Site::Replace(span) => {
                            if span.text(snippet)?.eq_ignore_ascii_case(word) {
                                continue;
                            }
                            Edit::replace(span, word.clone())
                        }
                        Site::Insert { part, at } => {
                            let text = part.text(snippet);
                            let after_space = at == 0
                                || text.chars().nth(at - 1).is_some_and(char::is_whitespace);
                            let inserted = if after_space {
                                format!("{word} ")
                            } else {
                                format!(" {word}")
                            };
                            Edit::insert(part, at, inserted)
                        }
                    };
                    out.push(Suggestion {
                        edit,
                        plausibility: -(rank as f64),
                    });
                }
                Ok(out)
            })
            .collect()
    }
}

/// Labels a snippet injurious when its completion contains one of a set of words
/// (case-insensitive, whole words), non-injurious otherwise.
#[derive(Debug, Clone)]
pub struct KeywordLabeler {
    id: String,
    injury_words: HashSet<String>,
}

impl KeywordLabeler {
    /// A labeler named `id` that looks for `injury_words`.
    pub fn new<'w>(id: impl Into<String>, injury_words: impl IntoIterator<Item = &'w str>) -> Self {
        KeywordLabeler {
            id: id.into(),
            injury_words: injury_words.into_iter().map(str::to_lowercase).collect(),
        }
    }

    /// The label of one snippet.
    pub fn label(&self, snippet: &Snippet) -> Label {
        if keyword_tokens(snippet, Part::Completion)
            .iter()
            .any(|(_, w)| self.injury_words.contains(w))
        {
            Label::Injurious
        } else {
            Label::NonInjurious
        }
    }
}

impl Labeler for KeywordLabeler {
    fn id(&self) -> &str {
        &self.id
    }

    fn label_batch(&mut self, snippets: &[Snippet]) -> labels::Result<Vec<Judgement>> {
        Ok(snippets
            .iter()
            .map(|s| Judgement::new(self.id.clone(), self.label(s)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyword_model_by_hand() {
        let t = KeywordTarget::new("kw", -2.0, [("stabbed", 4.0), ("knife", 1.5)]);
        let s = Snippet::new("A knife.", "Mara stabbed Tom with a knife.");
        // −2 + 4 + 1.5 + 0.25 × 1.5 = 3.875 (by hand)
        assert!((t.logit(&s) - 3.875).abs() < 1e-12);
        let map = &t.saliency_batch(std::slice::from_ref(&s)).unwrap()[0];
        let stabbed = map.tokens.iter().find(|t| t.text == "stabbed").unwrap();
        assert_eq!(stabbed.saliency, 4.0);
        assert_eq!(stabbed.span, TextSpan::new(Part::Completion, 5, 12));
        let grads = t.gradient_replacements(&s, 1).unwrap();
        let g = grads.iter().find(|g| g.token.text == "stabbed").unwrap();
        // best replacement of "stabbed" is "knife": 1.5 − 4 = −2.5
        assert_eq!(g.replacements[0].text, "knife");
        assert_eq!(g.replacements[0].estimated_change, -2.5);
    }

    #[test]
    fn word_list_and_keyword_labeler() {
        let s = Snippet::new("", "She stabbed him.");
        let sug = WordListSuggester::new("list", ["stabbed", "poked", "hugged"]);
        let span = TextSpan::new(Part::Completion, 4, 11);
        let out = sug.suggest(&s, &[Site::Replace(span)], 5).unwrap();
        let texts: Vec<&str> = out[0].iter().map(|x| x.edit.text.as_str()).collect();
        assert_eq!(texts, ["poked", "hugged"]); // the word already there is skipped
        let l = KeywordLabeler::new("kw", ["stabbed"]);
        assert_eq!(l.label(&s), Label::Injurious);
        assert_eq!(
            l.label(&Snippet::new("stabbed", "She left.")),
            Label::NonInjurious
        );
    }
}
