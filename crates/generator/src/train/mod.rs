//! Training: causal-LM training of a generator from scratch or from a checkpoint
//! ([`causal_lm`]).

pub(crate) mod causal_lm;
