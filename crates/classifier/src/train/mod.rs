//! Training: [`fine_tune`] (the classifier on labeled snippets, the paper's recipe) and
//! [`pretrain`] (a masked LM from scratch), both on the AdamW recipe of [`optimization`].

pub(crate) mod fine_tune;
pub(crate) mod optimization;
pub(crate) mod pretrain;
