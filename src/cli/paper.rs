//! `highstakes paper`: one of the paper's tables or figures from a run of the main job,
//! running (or resuming) just the stages it needs first.

use clap::ValueEnum;
use pipeline::{Context, FIGURE3_FILE, Result, SPEEDUP_FILE, TABLE2_FILE, Table2Row, read_json};

use super::error::CliError;
use super::output::outln;
use super::run_args::RunArgs;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Reads a finished run of the main job (--out, default runs/adversarial_training), or runs
just the stages the part needs (table1: up to test_set; table2: evaluate; figure2: the
tool-assisted round; figure3, tools-speedup: their own stages) and prints its part of the
report; figures are also drawn to OUT/figures/ as SVG and PNG. Takes the main job's flags
(--scale tiny for a quick look).")]
pub struct Args {
    /// Which table or figure.
    #[arg(value_enum)]
    part: Part,
    #[command(flatten)]
    run: RunArgs,
}

/// A table or figure of the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Part {
    /// Table 1: labeled snippets per source and split, with the share injurious.
    Table1,
    /// Table 2: thresholds chosen by quality, test-set FNR and FPR, quality, per
    /// classifier.
    Table2,
    /// Figure 2: effort per tool-assisted adversarial example and its egregiousness.
    Figure2,
    /// Figure 3: FNR of every classifier on every tool-assisted dataset.
    Figure3,
    /// §5.2: attackers with and without the tools on the same seeds.
    ToolsSpeedup,
}

impl Part {
    /// The last stage of the main job the part needs.
    pub fn last_stage(self) -> &'static str {
        match self {
            Part::Table1 => "test_set",
            Part::Table2 => "evaluate",
            Part::Figure2 => "attack_plus_tool_assisted",
            Part::Figure3 => "figure3",
            Part::ToolsSpeedup => "tools_speedup",
        }
    }

    /// The part of the report, from a run that finished [`Part::last_stage`].
    pub fn show(self, ctx: &Context) -> Result<String> {
        use pipeline::report;
        Ok(match self {
            Part::Table1 => {
                let data = report::all_data(ctx)?;
                report::table1(&data.summary(labels::UnsurePolicy::AsInjurious))
            }
            Part::Table2 => {
                let rows: Vec<Table2Row> = read_json(&ctx.dir.path(TABLE2_FILE))?;
                report::table2(&rows, ctx.settings.acceptance_threshold)
            }
            Part::Figure2 => {
                let figure = pipeline::figure2_of(ctx)?;
                let files =
                    report::plots::draw_figure2(&figure, &ctx.dir.dir("figures")?, "figure2")?;
                format!(
                    "{}\nDrawn to {} and {}",
                    report::figure2(&figure),
                    files.svg.display(),
                    files.png.display()
                )
            }
            Part::Figure3 => {
                let figure: report::figures::Figure3 = read_json(&ctx.dir.path(FIGURE3_FILE))?;
                let files =
                    report::plots::draw_figure3(&figure, &ctx.dir.dir("figures")?, "figure3")?;
                format!(
                    "{}\nDrawn to {} and {}",
                    report::figure3(&figure, ctx.settings.acceptance_threshold),
                    files.svg.display(),
                    files.png.display()
                )
            }
            Part::ToolsSpeedup => {
                let rows: Vec<pipeline::Speedup> = read_json(&ctx.dir.path(SPEEDUP_FILE))?;
                report::speedup(&rows)
            }
        })
    }
}

/// Runs `paper`.
pub fn run(args: Args) -> std::result::Result<(), CliError> {
    let ctx = pipeline::run_until(
        args.run.settings(),
        &args.run.out,
        &args.run.options(1),
        Some(args.part.last_stage()),
    )?;
    outln!("{}", args.part.show(&ctx)?);
    Ok(())
}
