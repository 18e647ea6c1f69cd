//! Beyond the paper: the questions the authors' look back left open, answered with the
//! same machinery on the embedded default, each with intervals.
//!
//! - [`update_frequency`]: the same adversarial-example budget spent in a few large
//!   rounds (the paper) or in many small ones, retraining after each.
//! - [`egregious`]: attackers that seek the most egregious injury that fools the
//!   classifier, against attackers that stop at the threshold.
//! - [`attack_strength`]: train on a weak attack, test against a strong one, and the
//!   reverse.
//! - [`competent`]: fine-tune the generator itself to avoid injuries (on its own samples,
//!   filtered by the classifier or by the oracle) against filtering it.
//! - [`failure_rate`]: the filtered generator's failure rate by plain sampling, importance
//!   sampling and multi-level splitting, down to thresholds where plain sampling sees
//!   nothing.
//!
//! Each experiment starts from a finished main-job run (its masked LM, initial data,
//! baseline, test set, quality study and Table 2's classifiers with their thresholds; the
//! run is made or resumed first, up to its evaluation) and keeps its own results in a run directory of its own: resumable
//! stages recorded in a manifest, attacks journaled seed by seed, every classifier saved.
//! The experiment writes `REPORT.md` (its section of the report), `results.json` and its
//! figures there.
//!
//! ```no_run
//! use experiments::{Experiment, update_frequency};
//! use pipeline::{RunOptions, Scale, Settings};
//! # fn main() -> pipeline::Result<()> {
//! let settings = Settings::new(Scale::Small);
//! let mut exp = Experiment::open(
//!     settings,
//!     "runs/adversarial_training".as_ref(),
//!     "runs/beyond/update_frequency".as_ref(),
//!     &RunOptions::default(),
//! )?;
//! let report = update_frequency::run(&mut exp)?;
//! println!("{}", report.markdown);
//! # Ok(()) }
//! ```
//!
//! Their sizes grow with the main run's scale:
//!
//! ```
//! use experiments::ExperimentSizes;
//! use pipeline::Scale;
//!
//! let tiny = ExperimentSizes::of(Scale::Tiny);
//! let small = ExperimentSizes::of(Scale::Small);
//! assert!(tiny.budget < small.budget && tiny.many_rounds < small.many_rounds);
//! ```

#![deny(missing_docs)]

pub mod attack_strength;
pub mod campaign;
pub mod comparison;
pub mod competent;
pub mod egregious;
pub mod experiment;
pub mod failure_rate;
pub mod fresh;
mod report;
pub mod update_frequency;

pub use experiment::{BASE_STAGE, Experiment, ExperimentSizes};
pub use report::ExperimentReport;
