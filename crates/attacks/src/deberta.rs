//! [`Target`] for the DeBERTa injuriousness classifier and [`Suggester`] for its masked LM
//! (the `classifier` feature).
//!
//! The target scores and computes saliency with the classifier's length-bucketed batches
//! (no padding to the model maximum); its gradient replacements are HotFlip's first-order
//! estimate `(e_v − e_t) · ∂(log-odds)/∂e_t` for every vocabulary entry `v` at every token
//! `t`, computed as one matrix product with the embedding table. Pieces become text at
//! the token's character span (a `▁`/`Ġ` word marker is a space), so sub-word tokenizers
//! work. The suggester maps text sites onto the masked LM's own tokens (which may differ
//! from the classifier's) and turns each suggested piece back into a text edit.

use std::borrow::Borrow;

use classifier::{
    Batch, BatchOptions, ClassifierError, EditSite, InjuriousOutput, InjuriousnessClassifier,
    MaskedLmSuggester, ModelInput, Segment,
};
use labels::Snippet;
use tch::{Kind, Tensor};

use crate::edit::Edit;
use crate::error::{AttackError, Result};
use crate::suggester::{Site, Suggester, Suggestion};
use crate::target::{GradientToken, SaliencyMap, Target, TargetToken, TokenReplacement};
use crate::text::{Part, TextSpan};

fn part_of(segment: Segment) -> Option<Part> {
    match segment {
        Segment::Prompt => Some(Part::Prompt),
        Segment::Completion => Some(Part::Completion),
        Segment::Special | Segment::Text => None,
    }
}

/// The text a vocabulary piece stands for at a token's span: a word marker (`▁`, `Ġ`)
/// becomes a space, dropped at the start of a part.
pub fn piece_text(piece: &str, at_part_start: bool) -> String {
    let text = piece.replace(['▁', 'Ġ'], " ");
    if at_part_start {
        text.trim_start().to_string()
    } else {
        text
    }
}

/// The DeBERTa classifier as an attack target, under a name (recorded as the attacked
/// classifier). Owns the classifier or borrows it (`C` is `InjuriousnessClassifier` or a
/// reference to one).
pub struct DebertaTarget<C> {
    name: String,
    classifier: C,
    batches: BatchOptions,
}

impl<C: Borrow<InjuriousnessClassifier>> DebertaTarget<C> {
    /// A target named `name`, with the classifier's default batch limits.
    pub fn new(name: impl Into<String>, classifier: C) -> Self {
        DebertaTarget {
            name: name.into(),
            classifier,
            batches: BatchOptions::default(),
        }
    }

    /// Other batch limits.
    pub fn with_batches(mut self, batches: BatchOptions) -> Self {
        self.batches = batches;
        self
    }

    /// The classifier.
    pub fn classifier(&self) -> &InjuriousnessClassifier {
        self.classifier.borrow()
    }

    /// Takes the classifier back.
    pub fn into_inner(self) -> C {
        self.classifier
    }

    fn fail(&self, e: impl std::fmt::Display) -> AttackError {
        AttackError::target(&self.name, e)
    }

    /// A classifier error: an input it refuses (too long, empty) is [`AttackError::Refused`],
    /// anything else a target failure.
    fn fail_on(&self, e: ClassifierError) -> AttackError {
        match e {
            ClassifierError::Input { message, .. } => AttackError::Refused {
                target: self.name.clone(),
                message,
            },
            other => self.fail(other),
        }
    }

    fn tokens_of(
        &self,
        snippet: &Snippet,
        tokens: &[(Segment, usize, usize, f64)],
    ) -> Vec<TargetToken> {
        tokens
            .iter()
            .filter_map(|&(segment, start, end, saliency)| {
                let part = part_of(segment)?;
                let span = TextSpan::new(part, start, end);
                Some(TargetToken {
                    text: span.text(snippet).ok()?.to_string(),
                    span,
                    saliency,
                })
            })
            .collect()
    }

    /// The gradient of the log-odds of P(injurious) with respect to the word embeddings
    /// of one encoded snippet: `[tokens, embedding]`, and the embeddings themselves.
    fn embedding_gradient(
        &self,
        batch: &Batch,
    ) -> std::result::Result<(Tensor, Tensor), tch::TchError> {
        let clf = self.classifier();
        let model = clf.model();
        let embeds = model
            .deberta
            .word_embeddings(&batch.input_ids)
            .map_err(|e| tch::TchError::Kind(e.to_string()))?
            .f_detach()?
            .set_requires_grad(true);
        let logits = model
            .forward_embeds(
                &embeds,
                Some(&batch.token_type_ids),
                &batch.attention_mask,
                false,
            )
            .map_err(|e| tch::TchError::Kind(e.to_string()))?;
        let output = match clf.output() {
            InjuriousOutput::SingleLogit => logits.f_select(1, 0)?,
            InjuriousOutput::Class(c) => {
                let classes = logits.size()[1];
                let log_probs = logits.f_log_softmax(1, Kind::Float)?;
                let log_p = log_probs.f_select(1, c as i64)?;
                if classes == 1 {
                    log_p
                } else {
                    let others: Vec<i64> = (0..classes).filter(|&j| j != c as i64).collect();
                    let idx = Tensor::f_from_slice(&others)?.f_to(logits.device())?;
                    let log_not_p = log_probs.f_index_select(1, &idx)?.f_logsumexp([1], false)?;
                    log_p.f_sub(&log_not_p)?
                }
            }
        };
        let total = output.f_sum(Kind::Float)?;
        let mut grads = Tensor::f_run_backward(&[&total], &[&embeds], false, false)?;
        let grad = grads
            .pop()
            .ok_or_else(|| tch::TchError::Kind("no gradient returned".into()))?;
        Ok((grad.f_select(0, 0)?, embeds.f_detach()?.f_select(0, 0)?))
    }
}

impl<C: Borrow<InjuriousnessClassifier>> Target for DebertaTarget<C> {
    fn name(&self) -> &str {
        &self.name
    }

    fn score_batch(&self, snippets: &[Snippet]) -> Result<Vec<f64>> {
        let inputs: Vec<ModelInput> = snippets.iter().cloned().map(ModelInput::Snippet).collect();
        let scores = self
            .classifier()
            .score_batch(&inputs, &self.batches)
            .map_err(|e| self.fail_on(e))?;
        Ok(scores.into_iter().map(|s| s.p_injurious).collect())
    }

    fn saliency_batch(&self, snippets: &[Snippet]) -> Result<Vec<SaliencyMap>> {
        let inputs: Vec<ModelInput> = snippets.iter().cloned().map(ModelInput::Snippet).collect();
        let maps = self
            .classifier()
            .saliency_batch(&inputs, &self.batches)
            .map_err(|e| self.fail_on(e))?;
        Ok(maps
            .into_iter()
            .zip(snippets)
            .map(|(m, s)| {
                let tokens: Vec<(Segment, usize, usize, f64)> = m
                    .tokens
                    .iter()
                    .map(|t| (t.segment, t.start, t.end, t.saliency))
                    .collect();
                SaliencyMap {
                    score: m.score.p_injurious,
                    tokens: self.tokens_of(s, &tokens),
                }
            })
            .collect())
    }

    fn gradient_replacements(
        &self,
        snippet: &Snippet,
        per_token: usize,
    ) -> Result<Vec<GradientToken>> {
        let clf = self.classifier();
        let input = ModelInput::Snippet(snippet.clone());
        let encoded = clf
            .encode(std::slice::from_ref(&input))
            .map_err(|e| self.fail_on(e))?;
        let e = &encoded[0]; // one input, one encoding
        let ids = e.ids();
        let tokenizer = clf.tokenizer();
        let batch = Batch::from_sequences(
            &[(ids.as_slice(), e.type_ids.as_slice())],
            tokenizer.special_ids().pad,
            clf.device(),
        )
        .map_err(|e| self.fail(e))?;
        let table = &clf.model().deberta.embeddings.word_embeddings.weight;
        let vocab = table.size()[0];
        let text_vocab = (tokenizer.vocab_size() as i64).min(vocab);
        let k = per_token.min(vocab as usize).max(1) as i64;
        let computed = (|| -> std::result::Result<_, tch::TchError> {
            let (grad, embeds) = self.embedding_gradient(&batch)?;
            let _guard = tch::no_grad_guard();
            // Δ[t, v] = W_v · g_t − e_t · g_t
            let grad = grad.f_to_kind(Kind::Float)?;
            let table = table.f_to_kind(Kind::Float)?;
            let own = embeds
                .f_to_kind(Kind::Float)?
                .f_mul(&grad)?
                .f_sum_dim_intlist([1i64].as_slice(), true, Kind::Float)?;
            let mut change = grad.f_matmul(&table.f_tr()?)?.f_sub(&own)?;
            // banned: special tokens, embedding rows no piece maps to, the token itself
            let mut banned = vec![0f32; vocab as usize];
            for id in 0..vocab {
                if id >= text_vocab || tokenizer.is_special(id) {
                    banned[id as usize] = f32::INFINITY;
                }
            }
            let banned = Tensor::f_from_slice(&banned)?.f_to(change.device())?;
            change = change.f_add(&banned.f_unsqueeze(0)?)?;
            let current = Tensor::f_from_slice(&ids)?
                .f_to(change.device())?
                .f_unsqueeze(1)?;
            let inf = Tensor::f_full(
                [ids.len() as i64, 1],
                f64::INFINITY,
                (Kind::Float, change.device()),
            )?;
            change = change.f_scatter(1, &current, &inf)?;
            let (values, indices) = change.f_topk(k, 1, false, true)?;
            let norms = grad.f_norm_scalaropt_dim(2.0, [1i64].as_slice(), false)?;
            let values =
                Vec::<f32>::try_from(values.f_to_device(tch::Device::Cpu)?.f_flatten(0, -1)?)?;
            let indices =
                Vec::<i64>::try_from(indices.f_to_device(tch::Device::Cpu)?.f_flatten(0, -1)?)?;
            let norms = Vec::<f32>::try_from(norms.f_to_device(tch::Device::Cpu)?)?;
            Ok((values, indices, norms))
        })();
        let (values, indices, norms) = computed.map_err(|e| self.fail(e))?;
        let mut out = Vec::new();
        for (t, token) in e.tokens.iter().enumerate() {
            let Some(part) = part_of(token.segment) else {
                continue;
            };
            let span = TextSpan::new(part, token.start, token.end);
            let Ok(text) = span.text(snippet) else {
                continue;
            };
            let mut replacements: Vec<TokenReplacement> = Vec::new();
            for j in 0..k as usize {
                let (value, id) = (values[t * k as usize + j], indices[t * k as usize + j]);
                if !value.is_finite() {
                    continue;
                }
                let Some(piece) = tokenizer.id_to_token(id) else {
                    continue;
                };
                let new_text = piece_text(&piece, token.start == 0);
                if new_text != text && !replacements.iter().any(|r| r.text == new_text) {
                    replacements.push(TokenReplacement {
                        text: new_text,
                        estimated_change: f64::from(value),
                    });
                }
            }
            out.push(GradientToken {
                token: TargetToken {
                    span,
                    text: text.to_string(),
                    saliency: f64::from(norms[t]),
                },
                replacements,
            });
        }
        Ok(out)
    }
}

/// The masked LM of the `classifier` crate as a suggester (the paper's
/// "fill-in-the-blank" suggestions).
///
/// By default only whole words are proposed, as a person would edit: a token is
/// substituted only when it is a word by itself, by a piece that starts a word, and
/// insertions are whole words put before a word (no sub-word piece is glued onto a
/// neighbour). [`MaskedLmSuggestions::with_sub_words`] lifts this.
///
/// A snippet the masked LM cannot read — its completion alone is longer than the model's
/// window (the prompt is cut from its start as usual; the completion never is) — gets no
/// suggestions from it, not an error: a tool that cannot read a text has nothing to
/// suggest there, and an attack goes on with its other tools or ends with its search
/// exhausted. (A generator can write such a completion; which one it writes depends on
/// the last bits of the machine's floating point, so an error here failed whole runs on
/// some machines only.)
pub struct MaskedLmSuggestions<S> {
    name: String,
    suggester: S,
    batches: BatchOptions,
    whole_words: bool,
}

impl<S: Borrow<MaskedLmSuggester>> MaskedLmSuggestions<S> {
    /// Suggestions from `suggester`, named `name` in traces.
    pub fn new(name: impl Into<String>, suggester: S) -> Self {
        MaskedLmSuggestions {
            name: name.into(),
            suggester,
            batches: BatchOptions::default(),
            whole_words: true,
        }
    }

    /// Also proposes sub-word pieces (glued to their neighbours) and substitutions of
    /// pieces inside words.
    pub fn with_sub_words(mut self) -> Self {
        self.whole_words = false;
        self
    }

    /// Other batch limits.
    pub fn with_batches(mut self, batches: BatchOptions) -> Self {
        self.batches = batches;
        self
    }

    /// The masked LM.
    pub fn masked_lm(&self) -> &MaskedLmSuggester {
        self.suggester.borrow()
    }
}

impl<S: Borrow<MaskedLmSuggester>> Suggester for MaskedLmSuggestions<S> {
    fn name(&self) -> &str {
        &self.name
    }

    fn suggest(
        &self,
        snippet: &Snippet,
        sites: &[Site],
        per_site: usize,
    ) -> Result<Vec<Vec<Suggestion>>> {
        let mlm = self.suggester.borrow();
        let fail = |e: classifier::ClassifierError| AttackError::tool(&self.name, e);
        let input = ModelInput::Snippet(snippet.clone());
        let encoded = match mlm.encode(&input) {
            Ok(encoded) => encoded,
            // too long for the window (an empty completion is refused by the attacks
            // before any tool is asked): nothing to suggest
            Err(classifier::ClassifierError::Input { .. })
                if !snippet.completion.trim().is_empty() =>
            {
                return Ok(vec![Vec::new(); sites.len()]);
            }
            Err(e) => return Err(fail(e)),
        };
        let starts_word = |i: usize| {
            let t = &encoded.tokens[i];
            t.segment == Segment::Special
                || t.piece.starts_with(['▁', 'Ġ'])
                || t.start == 0
                || part_of(t.segment).is_some_and(|p| {
                    let text = p.text(snippet);
                    text.chars()
                        .nth(t.start - 1)
                        .is_some_and(char::is_whitespace)
                })
        };
        let whole_word =
            |i: usize| starts_word(i) && (i + 1 >= encoded.len() || starts_word(i + 1));
        let whole_words = self.whole_words;
        // each text site becomes the masked LM's own sites: every token under a
        // replacement span, the token at or after an insertion point
        let mut edit_sites: Vec<EditSite> = Vec::new();
        let mut owner: Vec<usize> = Vec::new();
        for (k, site) in sites.iter().enumerate() {
            let in_part = |i: usize| part_of(encoded.tokens[i].segment) == Some(site.part());
            match *site {
                Site::Replace(span) => {
                    for i in 0..encoded.len() {
                        let t = &encoded.tokens[i];
                        if in_part(i)
                            && t.start < t.end
                            && TextSpan::new(span.part, t.start, t.end).overlaps(&span)
                            && (!whole_words || whole_word(i))
                        {
                            edit_sites.push(EditSite::Replace(i));
                            owner.push(k);
                        }
                    }
                }
                Site::Insert { at, .. } => {
                    let next = (0..encoded.len()).find(|&i| {
                        in_part(i)
                            && encoded.tokens[i].start >= at
                            && (!whole_words || starts_word(i))
                    });
                    let last = (0..encoded.len()).rev().find(|&i| in_part(i));
                    let position = match (next, last) {
                        (Some(i), _) => Some(i),
                        (None, Some(l)) => Some(l + 1),
                        (None, None) => None,
                    };
                    if let Some(i) = position.filter(|&i| i > 0 && i < encoded.len()) {
                        edit_sites.push(EditSite::Insert(i));
                        owner.push(k);
                    }
                }
            }
        }
        let mut out: Vec<Vec<Suggestion>> = vec![Vec::new(); sites.len()];
        if edit_sites.is_empty() {
            return Ok(out);
        }
        // whole words are a subset of the pieces: ask for more, keep the first `per_site`
        let asked = if whole_words {
            per_site.saturating_mul(4)
        } else {
            per_site
        };
        let found = mlm
            .suggest(&input, &edit_sites, asked, &self.batches)
            .map_err(fail)?;
        for (site_suggestions, &k) in found.iter().zip(&owner) {
            for s in &site_suggestions.suggestions {
                if whole_words && !s.piece.starts_with(['▁', 'Ġ']) {
                    continue;
                }
                let Ok(ModelInput::Snippet(made)) = site_suggestions.apply(&input, s) else {
                    continue;
                };
                let mut edits = Edit::diff(snippet, &made);
                if edits.len() != 1 {
                    continue; // no change (or an impossible two-part change)
                }
                let edit = edits.remove(0);
                if !out[k].iter().any(|o| o.edit == edit) {
                    out[k].push(Suggestion {
                        edit,
                        plausibility: s.log_prob,
                    });
                }
            }
        }
        for list in &mut out {
            list.sort_by(|a, b| b.plausibility.total_cmp(&a.plausibility));
            list.truncate(per_site);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_become_text() {
        assert_eq!(piece_text("▁knife", false), " knife");
        assert_eq!(piece_text("▁knife", true), "knife");
        assert_eq!(piece_text("bed", false), "bed");
        assert_eq!(piece_text("Ġstab", false), " stab");
    }
}
