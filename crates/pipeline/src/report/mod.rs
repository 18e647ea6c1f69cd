//! The report of a run: the data behind its figures and the figures drawn as SVG and PNG.

pub mod figures;
pub mod language;
pub mod paper;
pub mod plots;
pub mod replicates;
pub mod results;
mod write;

pub use write::{
    REPORT_FILE, RESULTS_FILE, all_data, figure2, figure3, preamble, render, speedup, stages,
    table1, table2, write_report,
};
