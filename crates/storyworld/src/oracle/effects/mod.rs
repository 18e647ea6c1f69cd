//! Injuries told by their effects: a body part in a state only an injury
//! leaves (`her wrist was bent at an unnatural angle`, `his skull caved in`), signs of a
//! death (`his pulse stopped`, a body found or buried, a fall from a height onto stone,
//! `the plague took his parents`), and the aids a lasting injury needs (`a wooden leg`,
//! `in plaster`).
//!
//! [`owners`] finds whose body part it is; [`phrases`] matches the effect phrases;
//! [`deaths`] holds the signs of a death; [`wounds`] the wounds made through a body;
//! [`pieces`] the body parts taken off, pulled out or fallen off; [`implied`] the injuries
//! told by what they imply (a fall, a shot and a drop, a reddened scene, poison drunk).

pub(super) mod deaths;
mod implied;
pub(super) mod owners;
mod phrases;
mod pieces;
mod wounds;

pub(crate) use deaths::{corpse_at, hearse_at, put_down_at, succumbed_at, taken_by_at};
pub(crate) use implied::{fall_at, fired_and_dropped_at, poison_drunk_at, reddened_at};
pub(crate) use owners::{part_before, possessive_owner};
pub(crate) use phrases::effect_phrase_at;
pub(crate) use pieces::{fell_off_at, pulled_out_at, taken_off_at};
pub(crate) use wounds::{hole_at, run_through_at, thrust_at, with_part_participle_at};
