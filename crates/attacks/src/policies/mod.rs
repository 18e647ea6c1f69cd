//! The automatic adversaries, synthetic people so that experiments need no humans: the
//! tool-assisted policy (saliency + score-sorted suggestions, greedy or beam), the unaided
//! policy (the same edits without the tools), and a gradient-guided token attack.

mod gradient;
mod persona;
mod tool_assisted;
mod unaided;

pub use gradient::{GradientAttack, GradientConfig};
pub use tool_assisted::{ToolAssistedAttack, ToolAssistedConfig};
pub use unaided::{UnaidedAttack, UnaidedConfig};
