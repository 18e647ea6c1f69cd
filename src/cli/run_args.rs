//! The command-line flags of a run, shared by `highstakes run`, `highstakes paper` and
//! `highstakes experiment` (and so by the examples, which call them).

use std::path::PathBuf;

use pipeline::{RunOptions, Scale, Settings};

/// Where and how big a run is.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// The run directory (resumed when it holds an unfinished run with equal settings).
    #[arg(long, default_value = "runs/adversarial_training")]
    pub out: PathBuf,
    /// Sizes: tiny (a smoke test), small (the default, < 30 min on 2 cores), medium,
    /// large.
    #[arg(long, default_value = "small")]
    pub scale: Scale,
    /// The seed of everything random.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Remove a previous run in --out first and start over.
    #[arg(long)]
    pub fresh: bool,
    /// A person at the terminal does the manual round (instead of the unaided policy).
    #[arg(long)]
    pub human: bool,
    /// Real checkpoints instead of models trained here: DIR/generator (GPT-Neo) and
    /// DIR/masked_lm (a DeBERTa masked LM with its tokenizer).
    #[arg(long)]
    pub model_dir: Option<PathBuf>,
}

impl RunArgs {
    /// The settings these flags ask for.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::new(self.scale);
        settings.seed = self.seed;
        settings.human = self.human;
        settings.model_dir = self.model_dir.clone();
        settings
    }

    /// The options these flags ask for (progress bars and one line per stage, printed),
    /// with `replicates` runs of the experiment (see [`RunOptions::replicates`]).
    pub fn options(&self, replicates: u32) -> RunOptions {
        RunOptions {
            fresh: self.fresh,
            progress: true,
            log: None,
            replicates,
        }
        .with_log(|event| println!("{event}"))
    }
}
