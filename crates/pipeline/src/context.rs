//! What every stage shares: the settings, the run directory, the device, the story world
//! and its oracle, and the progress display.

use std::io::IsTerminal;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use storyworld::fluency::WorldVocabulary;
use storyworld::{InjuryOracle, Lexicon, World, WorldConfig};
use tch::Device;

use super::error::Result;
use super::run_dir::RunDir;
use super::settings::Settings;

/// Shared state of a run.
pub struct Context {
    /// The settings.
    pub settings: Settings,
    /// The run directory.
    pub dir: RunDir,
    /// Where models run.
    pub device: Device,
    /// WordNet and the injury words.
    pub lexicon: Arc<Lexicon>,
    /// The story world. Its initial stream is fully sub-selected for danger (the top of
    /// [`World::share_range`], about 23% injurious in the world's own completions): the
    /// generator writes fewer injuries than the world does (about 4–7% of its completions
    /// of those prompts), and the paper's initial set was about 10% injurious.
    pub world: World,
    /// Whether progress bars are drawn.
    pub progress: bool,
    /// The world's language, built on first use ([`Context::vocabulary`]).
    vocabulary: OnceLock<WorldVocabulary>,
}

impl Context {
    /// The context of a run in `dir`.
    pub fn new(settings: Settings, dir: RunDir, device: Device, progress: bool) -> Result<Self> {
        let lexicon = Lexicon::load()?;
        let world = World::new(WorldConfig {
            seed: settings.replicate_seed(),
            initial_injurious_share: World::share_range().1,
        })?;
        Ok(Context {
            settings,
            dir,
            device,
            lexicon,
            world,
            progress: progress && std::io::stderr().is_terminal(),
            vocabulary: OnceLock::new(),
        })
    }

    /// The world's words and sentence shapes (built once per run from a sample of the
    /// world: a few seconds), for checking how text reads.
    pub fn vocabulary(&self) -> &WorldVocabulary {
        self.vocabulary
            .get_or_init(|| WorldVocabulary::of_world(&self.world))
    }

    /// A fresh injury oracle (the exact labeler) named `id`.
    pub fn oracle(&self, id: &str) -> InjuryOracle {
        InjuryOracle::with_lexicon(self.lexicon.clone()).with_id(id)
    }

    /// A progress bar of `len` steps with rate and ETA (hidden when not on a terminal).
    pub fn bar(&self, len: u64, label: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len);
        let style =
            ProgressStyle::with_template("  {msg:24} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(label.to_string());
        bar.enable_steady_tick(Duration::from_millis(500));
        bar
    }

    /// The seed of a named random stream of this run (of this replicate: see
    /// [`Settings::replicate_seed`]).
    pub fn seed_of(&self, stream: &str) -> u64 {
        super::seeds::stream_seed(self.settings.replicate_seed(), stream)
    }
}
