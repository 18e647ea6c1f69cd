//! `highstakes report`: re-renders the report of a finished run directory.

use std::path::PathBuf;
use std::time::Instant;

use classifier::parse_device;

use super::error::CliError;
use super::output::outln;
use pipeline::{Context, MANIFEST_FILE, Manifest, RunDir, stage_names};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input: --run, a run directory of the main job (`highstakes run`), finished up to its
report stage: manifest.json (the run's settings and finished stages), data/*.jsonl,
eval/table2.json, eval/figure3.json, eval/tools_speedup.json and the attack journals.
The run's own settings (from its manifest) are used, so nothing is recomputed or mixed.

Output (in --run): REPORT.md (Tables 1 and 2, Figures 2 and 3, the tools' speed-up and
the paper's numbers beside ours), results.json (every number behind it) and
figures/figure2.{svg,png}, figures/figure3.{svg,png}; the manifest's `report` stage
record is updated. Use it after changing the report code, or to draw the figures again.")]
pub struct Args {
    /// The run directory.
    #[arg(long)]
    run: PathBuf,
    /// cpu, cuda, cuda:N, or auto (only to describe the machine in results.json).
    #[arg(long, default_value = "cpu")]
    device: String,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let device = parse_device(&args.device)?;
    let path = args.run.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (is {} a run directory of `highstakes run`?)",
            path.display(),
            args.run.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a run manifest: {e}", path.display()))?;
    let names = stage_names();
    // every stage before the report must have finished
    if let Some(missing) = names
        .iter()
        .take_while(|n| n.as_str() != "report")
        .find(|n| !manifest.stages.iter().any(|s| &s.name == *n))
    {
        return Err(format!(
            "{}: the run is not finished (stage `{missing}` has not run); resume it with `highstakes run --out {}` and the same settings",
            args.run.display(),
            args.run.display()
        )
        .into());
    }
    let dir = RunDir::open(&args.run, &manifest.settings, false)?;
    let mut ctx = Context::new(manifest.settings.clone(), dir, device, false)?;
    let clock = Instant::now();
    let summary = pipeline::report::write_report(&mut ctx)?;
    ctx.dir
        .finish("report", clock.elapsed().as_secs_f64(), summary.clone())?;
    outln!(
        "{}: {summary}",
        ctx.dir.path(pipeline::report::REPORT_FILE).display()
    );
    Ok(())
}
