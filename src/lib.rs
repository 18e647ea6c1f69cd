//! highstakes: adversarial training toward high-stakes reliability, after *Adversarial
//! training for high-stakes reliability* (Ziegler et al., 2022).
//!
//! A classifier filters a text generator and must let through essentially no
//! catastrophic output; adversaries — people with tools, and programs — search for the
//! failures it still has, so that it can be trained on them. This facade re-exports the
//! workspace's crates under one name:
//!
//! - [`labels`]: snippets, labels, judgements, provenance, datasets and labelers;
//! - [`metrics`]: failure rates with credible intervals, bootstrap intervals, threshold
//!   selection and the quality of a filtered generator;
//! - [`storyworld`]: the embedded default — a procedural story world, the injury oracle
//!   (the project's written definition of injury), egregiousness and a quality judge;
//! - [`generator`]: GPT-Neo exact to Hugging Face, sampling, training, and the
//!   generator filtered by a classifier;
//! - [`classifier`]: DeBERTa-v2/v3 exact to Hugging Face, trainable, with batched
//!   scoring, saliency and masked-LM suggestions.
//!
//! ```
//! use highstakes::metrics::RateEstimate;
//!
//! // The paper's Table 2: 2 false negatives among 2,447 injurious test snippets.
//! let fnr = RateEstimate::new(2, 2447).unwrap();
//! assert!(fnr.interval.lower < fnr.estimate && fnr.estimate < fnr.interval.upper);
//! ```
#![deny(missing_docs)]

pub use attacks;
pub use classifier;
pub use experiments;
pub use generator;
pub use labels;
pub use metrics;
pub use pipeline;
pub use serve;
pub use storyworld;

pub mod cli;
pub mod threads;
