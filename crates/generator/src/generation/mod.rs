//! Generation on top of the model: choosing the next token ([`sampling`]), batched
//! generation of token ids ([`generate`]), where a one-sentence completion ends
//! ([`sentence`]), text to text with a tokenizer ([`completion`]), the generator
//! filtered by a classifier ([`filtered`]), and the next-token distribution as `ndarray`
//! arrays ([`next_token`]). Failure rates far below `1 / n` are in
//! [`crate::rare`].

pub(crate) mod completion;
pub(crate) mod filtered;
pub(crate) mod generate;
pub(crate) mod next_token;
pub(crate) mod sampling;
pub(crate) mod sentence;
