//! `results.json`: every figure, every interval, every setting and seed of a run.

use labels::Summary;
use serde::{Deserialize, Serialize};

use super::figures::{Figure2, Figure3};
use super::language::LanguageRow;
use super::replicates::{Claim, Replicate};
use crate::effort::Speedup;
use crate::evaluation::Table2Row;
use crate::fluency::GeneratorCheck;
use crate::run_dir::StageRecord;
use crate::settings::Settings;

/// Where a run ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// The CPU model (from `/proc/cpuinfo` where there is one).
    pub cpu: String,
    /// Logical CPUs available to the process.
    pub cpus: usize,
    /// libtorch's intra-op threads.
    pub torch_threads: i32,
    /// The device models ran on.
    pub device: String,
}

impl Machine {
    /// This machine.
    pub fn detect(device: tch::Device) -> Machine {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split(':').nth(1))
                    .map(|s| s.trim().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cpu,
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            torch_threads: tch::get_num_threads(),
            device: format!("{device:?}"),
        }
    }
}

/// Everything a run measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// The settings (sizes, seed, thresholds).
    pub settings: Settings,
    /// Where it ran.
    pub machine: Machine,
    /// Every stage with its time and summary.
    pub stages: Vec<StageRecord>,
    /// Seconds of all stages together (each counted the last time it ran to the end).
    pub total_seconds: f64,
    /// The generator's completions of the initial and test prompts, checked against the
    /// world's language (empty in results written before the check).
    #[serde(default)]
    pub generator: Vec<GeneratorCheck>,
    /// Table 1: labeled snippets per source and split.
    pub table1: Summary,
    /// How each adversarial dataset reads (empty in results written before the check).
    #[serde(default)]
    pub adversarial_language: Vec<LanguageRow>,
    /// Table 2: one row per classifier.
    pub table2: Vec<Table2Row>,
    /// Figure 2: effort and egregiousness per classifier.
    pub figure2: Figure2,
    /// Figure 3: FNR of every classifier on every tool-assisted dataset.
    pub figure3: Figure3,
    /// §5.2: attackers with and without the tools, on the baseline and on +tool-assisted.
    pub tools_speedup: Vec<Speedup>,
    /// Every replicate's Table 2, Figure 2 and §5.2, this run's first (empty for a run
    /// without replicates, and in a replicate's own results).
    #[serde(default)]
    pub replicates: Vec<Replicate>,
    /// The claims checked on every replicate (empty without replicates).
    #[serde(default)]
    pub claims: Vec<Claim>,
}

// the replicates section's view of a run's results (here, so that the replicates module
// need not know the results it summarises)
impl Replicate {
    /// The replicate of `results`, found in `dir` (`""` for the main run).
    pub fn of(results: &Results, dir: &str) -> Replicate {
        Replicate {
            replicate: results.settings.replicate,
            seed: results.settings.replicate_seed(),
            dir: dir.to_string(),
            seconds: results.total_seconds,
            table2: results.table2.clone(),
            figure2: results.figure2.clone(),
            tools_speedup: results.tools_speedup.clone(),
        }
    }
}
