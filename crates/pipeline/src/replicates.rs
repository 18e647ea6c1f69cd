//! Replicates: the experiment again on other seeds, sharing what does not depend on the
//! seed of the experiment itself.
//!
//! Replicate 0 is the main run in the run directory. Replicate `k` lives in
//! `replicates/k/` and shares the main run's [`SHARED_STAGES`]: the corpus, the two
//! pre-trained models and the three evaluation sets (test set, quality study, fresh
//! quality prompts), copied in and recorded as finished. It draws its own initial data,
//! labels, classifiers, attacks and thresholds from
//! [`Settings::replicate_seed`](super::Settings::replicate_seed). The spread across
//! replicates is therefore the spread of the adversarial-training experiment on fixed
//! models and a fixed test set, the paper's own set-up; the test set's sampling error is
//! in each rate's interval.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::data::{FRESH_QUALITY_FILE, QUALITY_FILE, TEST_CHECK_FILE, TEST_FILE, TEST_LABELS_FILE};
use super::error::{PipelineError, Result};
use super::models::{CORPUS_FILE, GENERATOR_DIR, MASKED_LM_DIR};
use super::run_dir::{RunDir, write_json};
use super::settings::Settings;

/// Which replicates a run directory holds besides its main run (written by the main job,
/// read by the report).
pub const REPLICATES_FILE: &str = "eval/replicates.json";
/// The directory of the replicates inside the main run's directory.
pub const REPLICATES_DIR: &str = "replicates";

/// The stages every replicate shares with the main run, with the files and directories
/// each writes (relative to the run directory).
pub const SHARED_STAGES: [(&str, &[&str]); 6] = [
    ("corpus", &[CORPUS_FILE]),
    ("generator", &[GENERATOR_DIR]),
    ("masked_lm", &[MASKED_LM_DIR]),
    ("test_set", &[TEST_FILE, TEST_LABELS_FILE, TEST_CHECK_FILE]),
    ("quality_study", &[QUALITY_FILE]),
    ("fresh_quality", &[FRESH_QUALITY_FILE]),
];

/// One replicate of a run: its number, seed and directory (relative to the main run's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplicateDir {
    /// The replicate's number (1, 2, …; the main run is 0).
    pub replicate: u32,
    /// The seed its random streams come from.
    pub seed: u64,
    /// Its run directory, relative to the main run's.
    pub dir: String,
}

/// The run directory of replicate `k` of the run in `main`.
pub fn replicate_dir(main: &Path, k: u32) -> PathBuf {
    main.join(REPLICATES_DIR).join(k.to_string())
}

/// Copies the main run's finished shared stages into the replicate's run directory and
/// records them there as finished (with zero seconds: the time was spent once, by the
/// main run). A stage already finished in the replicate is left as it is.
pub fn share(main: &RunDir, replicate: &mut RunDir) -> Result<()> {
    for (stage, paths) in SHARED_STAGES {
        let Some(record) = main.finished(stage) else {
            return Err(PipelineError::stage(
                "replicates",
                format!(
                    "the main run in {} has not finished stage {stage}",
                    main.root().display()
                ),
            ));
        };
        if replicate.finished(stage).is_some() {
            continue;
        }
        for path in paths {
            let from = main.path(path);
            // a file the stage writes only sometimes (none today) is skipped when absent
            if !from.exists() {
                continue;
            }
            copy_all(&from, &replicate.path(path))?;
        }
        replicate.finish(
            stage,
            0.0,
            format!("shared with the main run: {}", record.summary),
        )?;
    }
    Ok(())
}

/// Copies a file, or a directory recursively, replacing what is at `to`.
fn copy_all(from: &Path, to: &Path) -> Result<()> {
    if from.is_dir() {
        if to.exists() {
            std::fs::remove_dir_all(to).map_err(|e| PipelineError::io(to, e))?;
        }
        std::fs::create_dir_all(to).map_err(|e| PipelineError::io(to, e))?;
        for entry in std::fs::read_dir(from).map_err(|e| PipelineError::io(from, e))? {
            let entry = entry.map_err(|e| PipelineError::io(from, e))?;
            copy_all(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| PipelineError::io(parent, e))?;
        }
        std::fs::copy(from, to).map_err(|e| PipelineError::io(to, e))?;
    }
    Ok(())
}

/// The settings of replicate `k` of a run with `settings`.
pub fn replicate_settings(settings: &Settings, k: u32) -> Settings {
    Settings {
        replicate: k,
        ..settings.clone()
    }
}

/// Records which replicates the run in `main` has (none: the file is removed).
pub fn record(main: &RunDir, replicates: &[ReplicateDir]) -> Result<()> {
    let path = main.path(REPLICATES_FILE);
    if replicates.is_empty() {
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| PipelineError::io(&path, e))?;
        }
        return Ok(());
    }
    main.dir("eval")?;
    write_json(&path, &replicates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::Scale;

    #[test]
    fn a_replicate_gets_the_main_runs_shared_files_and_records_them_finished() {
        let tmp = tempfile::tempdir().unwrap();
        let settings = Settings::new(Scale::Tiny);
        let mut main = RunDir::open(&tmp.path().join("main"), &settings, false).unwrap();
        let sub_settings = replicate_settings(&settings, 1);
        let sub_root = replicate_dir(main.root(), 1);

        // the main run has not finished the shared stages: refused, naming the stage
        let mut sub = RunDir::open(&sub_root, &sub_settings, false).unwrap();
        let err = share(&main, &mut sub).unwrap_err().to_string();
        assert!(err.contains("corpus"), "{err}");

        for (stage, paths) in SHARED_STAGES {
            for path in paths {
                let at = main.path(path);
                if path.starts_with("models/") {
                    std::fs::create_dir_all(&at).unwrap();
                    std::fs::write(at.join("config.json"), stage).unwrap();
                } else {
                    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
                    std::fs::write(&at, stage).unwrap();
                }
            }
            main.finish(stage, 12.5, format!("{stage} done")).unwrap();
        }
        share(&main, &mut sub).unwrap();
        for (stage, paths) in SHARED_STAGES {
            let record = sub.finished(stage).unwrap();
            assert_eq!(record.seconds, 0.0);
            assert_eq!(
                record.summary,
                format!("shared with the main run: {stage} done")
            );
            for path in paths {
                let file = if path.starts_with("models/") {
                    sub.path(path).join("config.json")
                } else {
                    sub.path(path)
                };
                assert_eq!(std::fs::read_to_string(file).unwrap(), stage);
            }
        }
        // the replicate's manifest keeps them: reopened, it resumes after them
        drop(sub);
        let sub = RunDir::open(&sub_root, &sub_settings, false).unwrap();
        assert_eq!(sub.stages().len(), SHARED_STAGES.len());
        // and its settings are not the main run's: the main directory refuses them
        assert!(RunDir::open(main.root(), &sub_settings, false).is_err());
    }

    #[test]
    fn replicate_seeds_differ_from_the_main_seed_and_from_each_other() {
        let settings = Settings::new(Scale::Tiny);
        let seeds: Vec<u64> = (0..4)
            .map(|k| replicate_settings(&settings, k).replicate_seed())
            .collect();
        assert_eq!(seeds[0], settings.seed);
        for i in 0..seeds.len() {
            for j in 0..i {
                assert_ne!(seeds[i], seeds[j]);
            }
        }
    }
}
