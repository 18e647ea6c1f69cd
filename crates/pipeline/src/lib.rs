//! The main job: the paper's whole pipeline on the embedded default (or on real
//! checkpoints), as resumable stages in a run directory.
//!
//! 1. `corpus`, `generator`, `masked_lm`: the story corpus, a small GPT-Neo trained on it,
//!    a small DeBERTa pre-trained on it as a masked LM.
//! 2. `test_set`, `quality_study`, `fresh_quality`: the evaluation sets, generator
//!    completions of prompts no classifier trains on (they depend on the generator
//!    alone).
//! 3. `initial_data`: generator completions of the world's prompts, labeled by two
//!    simulated contractors and a tie-breaking oracle, and checked against the world's
//!    language ([`GeneratorCheck`]); `baseline` is trained on it.
//! 4. Three rounds (manual, paraphrases, tool-assisted), each attacking the classifier
//!    trained on everything so far, with a retrain half way.
//! 5. Table 2's four classifiers on equal totals.
//! 6. `evaluate`: threshold by quality on the study, test FNR, FPR and ROC AUC, and the
//!    quality at that threshold measured afresh on prompts that did not choose it.
//! 7. Fresh tool-assisted attacks on each classifier (Figures 2 and 3) and the unaided
//!    attacker on the same seeds (§5.2).
//! 8. `report`: `REPORT.md`, `results.json` and the figures.
//!
//! Every stage records itself in `manifest.json` when it finishes; a rerun skips the
//! finished ones, and attacks and labels are journaled as they happen.
//!
//! # Replicates
//!
//! With [`RunOptions::replicates`] = N > 1, [`run`] runs steps 3–8 again in
//! `replicates/1/` … `replicates/N-1/`, each on its own seed
//! ([`Settings::replicate_seed`]) and sharing the main run's models and evaluation sets
//! ([`SHARED_STAGES`]); the main run's report then gives every replicate's Table 2,
//! Figure 2 and §5.2, and says which claims hold on all of them.
//!
//! ```
//! use pipeline::{RunOptions, Scale, Settings, stage_names};
//!
//! // the paper's stages in order, the report last
//! let stages = stage_names();
//! assert_eq!(stages.first().map(String::as_str), Some("corpus"));
//! assert_eq!(stages.last().map(String::as_str), Some("report"));
//! assert!(Settings::new(Scale::Tiny).validate().is_ok());
//!
//! // a run tells its log of every stage; the library itself prints nothing
//! let options = RunOptions::default().with_log(|event| eprintln!("{event}"));
//! assert!(options.log.is_some());
//! ```

#![deny(missing_docs)]

mod attack_journal;
mod attack_policy;
mod attacking;
mod context;
mod data;
mod effort;
mod error;
mod evaluation;
pub mod filter;
mod fluency;
mod models;
mod recipes;
mod replicates;
pub mod report;
mod rounds;
mod run_dir;
mod runner;
mod scale;
mod seeds;
mod settings;
mod stages;
pub mod steps;
mod study;
mod training;

pub use attack_journal::{JournaledRun, SeedRecord, run_journaled};
pub use attack_policy::{AttackKind, AttackSettings, Console, run_attack};
pub use attacking::{Attacker, attack_once};
pub use attacking::{Suggestions, attack_seeds};
pub use context::Context;
pub use data::{INITIAL_CHECK_FILE, TEST_CHECK_FILE};
pub use data::{INITIAL_FILE, TEST_FILE, load, load_fresh_quality, load_quality};
pub use effort::effort_row;
pub use effort::{FIGURE3_FILE, SPEEDUP_FILE, Speedup, figure2 as figure2_of};
pub use error::{PipelineError, Result};
pub use evaluation::{FreshQuality, TABLE2, TABLE2_FILE, Table2Row, test_auc};
pub use evaluation::{evaluate_classifier, score_all};
pub use fluency::{GeneratorCheck, WorldReference};
pub use models::{GENERATOR_DIR, MASKED_LM_DIR};
pub use models::{load_corpus, load_generator, load_masked_lm};
pub use recipes::{TOP_P, generation_config};
pub use replicates::{REPLICATES_DIR, REPLICATES_FILE, ReplicateDir, SHARED_STAGES, replicate_dir};
pub use run_dir::{
    MANIFEST_FILE, MANIFEST_FORMAT, Manifest, RunDir, StageRecord, read_json, save_dir_atomically,
    write_json,
};
pub use runner::{
    RunEvent, RunLog, RunOptions, run, run_replicate, run_stage, run_until, stage_names,
};
pub use scale::{Scale, Sizes};
pub use settings::Settings;
pub use study::{QualityPrompt, QualityStudy};
pub use training::load_classifier;
