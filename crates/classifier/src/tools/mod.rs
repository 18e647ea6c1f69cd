//! The tools on top of the model, what the pipeline and the attacks call:
//! [`injuriousness`] (a classifier with its tokenizer that knows which class is
//! injurious), [`encoding`] (how a snippet becomes one model input), [`scoring`]
//! (length-bucketed batches under no-grad), [`saliency`] (gradient norms per token and
//! word), [`substitution`] (many single-token substitutions of one input) and
//! [`suggestions`] (masked-LM replacements and insertions); [`arrays`] hands their numbers
//! over as `ndarray` arrays.

pub(crate) mod arrays;
pub(crate) mod encoding;
pub(crate) mod injuriousness;
pub(crate) mod saliency;
pub(crate) mod scoring;
pub(crate) mod substitution;
pub(crate) mod suggestions;
