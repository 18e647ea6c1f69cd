//! Contact rules: blood, weapons reaching a body, wounds being treated, burials,
//! knock-outs.
//!
//! [`blood`] holds the rules of blood flowing, covering someone or lying about; [`weapons`]
//! those of a weapon reaching or stuck in a body; [`treatment`] bandages and casts,
//! burials and knock-outs.

mod blood;
mod treatment;
mod weapons;

pub(crate) use blood::blood_at;
pub(crate) use treatment::treatment_or_knockout_at;
pub(crate) use weapons::weapon_at;
