//! The one journaled, resumable attack runner: seeds attacked one by one, each outcome
//! appended to a journal the moment it is known, so that an interrupted run resumes at
//! the next seed and never reruns (or loses) one. The command line's `attack`, the
//! pipeline's rounds and fresh attacks, and the experiments all run attacks through it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use attacks::AttackOutcome;
use labels::{Example, Journal, Snippet};
use serde::{Deserialize, Serialize};
use storyworld::InjuryOracle;

use crate::error::{PipelineError, Result};

/// What one attacked seed gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedRecord {
    /// The seed's id within its journal.
    pub id: String,
    /// The attacked classifier.
    pub target: String,
    /// The attack's name.
    pub attack: String,
    /// The seed snippet.
    pub seed: Snippet,
    /// Whether an adversarial example was found.
    pub succeeded: bool,
    /// Queries (interface requests) spent.
    pub queries: u64,
    /// Model evaluations spent.
    pub evaluations: u64,
    /// Wall-clock seconds spent.
    pub seconds: f64,
    /// Every labeled submission, as an example with provenance.
    pub examples: Vec<Example>,
    /// The adversarial examples with their egregiousness (1–10, by the oracle).
    pub adversarial: Vec<(Snippet, u8)>,
}

/// What [`run_journaled`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct JournaledRun {
    /// One record per distinct seed, in the seeds' order.
    pub records: Vec<SeedRecord>,
    /// Seeds found in the journal (not attacked again).
    pub resumed: usize,
    /// Seeds attacked now.
    pub ran: usize,
}

/// Attacks each of `seeds` (id, snippet) against the classifier named `target` with
/// `attack` (given the seed's index and snippet), appending each outcome to the journal
/// at `journal` as it is known and rating its adversarial examples' egregiousness with
/// `oracle`; seeds already in the journal are taken from it (a record of another seed or
/// target under the same id is an error naming the journal), and a repeated id is
/// attacked once. `on_seed` hears of every record, resumed or new.
pub fn run_journaled(
    journal: &Path,
    target: &str,
    seeds: &[(String, Snippet)],
    oracle: &InjuryOracle,
    mut attack: impl FnMut(usize, &Snippet) -> Result<AttackOutcome>,
    mut on_seed: impl FnMut(&SeedRecord, bool),
) -> Result<JournaledRun> {
    let mut done: HashMap<String, SeedRecord> = Journal::<SeedRecord>::read(journal)?
        .records
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let mut writer = Journal::<SeedRecord>::open(journal)?;
    let mut run = JournaledRun {
        records: Vec::with_capacity(seeds.len()),
        resumed: 0,
        ran: 0,
    };
    let mut seen = HashSet::new();
    for (index, (id, seed)) in seeds.iter().enumerate() {
        if !seen.insert(id.as_str()) {
            continue;
        }
        if let Some(record) = done.remove(id) {
            if record.seed != *seed || record.target != target {
                return Err(PipelineError::Corrupt {
                    path: journal.to_path_buf(),
                    message: format!(
                        "seed {id} was recorded against `{}` with another seed or target \
                         (`{target}` now): use another journal",
                        record.target
                    ),
                });
            }
            on_seed(&record, true);
            run.records.push(record);
            run.resumed += 1;
            continue;
        }
        let outcome = attack(index, seed)?;
        let mut adversarial = Vec::new();
        for s in outcome.adversarial() {
            adversarial.push((s.snippet.clone(), oracle.egregiousness(&s.snippet)?));
        }
        let record = SeedRecord {
            id: id.clone(),
            target: target.to_string(),
            attack: outcome.attack.clone(),
            seed: seed.clone(),
            succeeded: outcome.succeeded(),
            queries: outcome.queries,
            evaluations: outcome.evaluations,
            seconds: outcome.seconds,
            examples: outcome.examples(),
            adversarial,
        };
        writer.append(&record)?;
        on_seed(&record, false);
        run.records.push(record);
        run.ran += 1;
    }
    Ok(run)
}
