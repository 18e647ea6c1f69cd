//! Labelers chosen on the command line: `oracle`, `noisy-oracle:RATE`, `terminal`,
//! `imported:FILE`.

use std::path::PathBuf;
use std::sync::Arc;

use labels::{ImportedLabels, Judgement, Labeler, NoisyLabeler, Snippet, TerminalLabeler};
use storyworld::{InjuryOracle, Lexicon};

use super::error::CliError;
use super::terminal::StdinLines;

/// A labeler as written on the command line.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelerSpec {
    /// The injury oracle (the world's exact labeler).
    Oracle,
    /// The oracle, wrong on a share of snippets (a simulated contractor).
    NoisyOracle(f64),
    /// A person at the terminal.
    Terminal,
    /// Labels from a JSONL file ({prompt, completion, label} per line).
    Imported(PathBuf),
}

impl std::str::FromStr for LabelerSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if s == "oracle" {
            return Ok(LabelerSpec::Oracle);
        }
        if s == "terminal" {
            return Ok(LabelerSpec::Terminal);
        }
        if let Some(rate) = s.strip_prefix("noisy-oracle:") {
            let rate: f64 = rate
                .parse()
                .map_err(|_| format!("noisy-oracle:RATE needs a number, got `{rate}`"))?;
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("noisy-oracle:RATE must be in [0, 1], got {rate}"));
            }
            return Ok(LabelerSpec::NoisyOracle(rate));
        }
        if let Some(file) = s.strip_prefix("imported:") {
            if file.is_empty() {
                return Err("imported:FILE needs a file".into());
            }
            return Ok(LabelerSpec::Imported(PathBuf::from(file)));
        }
        Err(format!(
            "unknown labeler `{s}`: expected oracle, noisy-oracle:RATE, terminal or imported:FILE"
        ))
    }
}

impl LabelerSpec {
    /// The labeler's name in judgements (before a position suffix).
    pub fn name(&self) -> String {
        match self {
            LabelerSpec::Oracle => "oracle".into(),
            LabelerSpec::NoisyOracle(rate) => format!("noisy-oracle:{rate}"),
            LabelerSpec::Terminal => "terminal".into(),
            LabelerSpec::Imported(path) => format!("imported:{}", path.display()),
        }
    }

    /// Builds the labeler named `id`; a noisy oracle errs independently per `seed`.
    pub fn build(
        &self,
        id: &str,
        lexicon: &Arc<Lexicon>,
        seed: u64,
    ) -> Result<Box<dyn Labeler>, CliError> {
        let oracle = || InjuryOracle::with_lexicon(lexicon.clone());
        Ok(match self {
            LabelerSpec::Oracle => Box::new(oracle().with_id(id)),
            LabelerSpec::NoisyOracle(rate) => {
                Box::new(NoisyLabeler::new(oracle(), id, *rate, seed)?)
            }
            LabelerSpec::Terminal => Box::new(TerminalLabeler::new(
                id,
                StdinLines::default(),
                std::io::stderr(),
            )),
            LabelerSpec::Imported(path) => Box::new(Named {
                id: id.to_string(),
                inner: ImportedLabels::from_jsonl(path, None)?,
            }),
        })
    }
}

/// The ids of a panel's three labelers: their names, with the position appended to a
/// name that occurs more than once (a panel needs three distinct labelers).
pub fn panel_ids(specs: &[LabelerSpec; 3]) -> [String; 3] {
    let names = specs.each_ref().map(LabelerSpec::name);
    std::array::from_fn(|i| {
        if names.iter().filter(|n| **n == names[i]).count() > 1 {
            format!("{}#{}", names[i], i + 1)
        } else {
            names[i].clone()
        }
    })
}

/// A labeler under another id (its judgements carry that id).
struct Named<L> {
    id: String,
    inner: L,
}

impl<L: Labeler> Labeler for Named<L> {
    fn id(&self) -> &str {
        &self.id
    }

    fn label_batch(&mut self, snippets: &[Snippet]) -> labels::Result<Vec<Judgement>> {
        let mut given = self.inner.label_batch(snippets)?;
        for j in &mut given {
            j.labeler = self.id.clone();
        }
        Ok(given)
    }

    fn preferred_batch_size(&self) -> usize {
        self.inner.preferred_batch_size()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_repeated_names_get_positions() {
        let noisy: LabelerSpec = "noisy-oracle:0.1".parse().unwrap();
        assert_eq!(noisy, LabelerSpec::NoisyOracle(0.1));
        assert!("noisy-oracle:2".parse::<LabelerSpec>().is_err());
        assert!("person".parse::<LabelerSpec>().is_err());
        let ids = panel_ids(&[noisy.clone(), noisy, LabelerSpec::Oracle]);
        assert_eq!(ids, ["noisy-oracle:0.1#1", "noisy-oracle:0.1#2", "oracle"]);
    }
}
