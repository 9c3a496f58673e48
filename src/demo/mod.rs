//! Demo data: the hand-written demo business (`assets/demo.toml`) brought to life relative to
//! the day it is loaded, and synthetic data sets of any size for trying and benchmarking.
//! Everything here is pure and deterministic: the same `today` gives the same plan.
//!
//! In a plan, `customer_id`, `product_id`, `technique_id` and `sale_id` fields hold indexes
//! into the plan's own lists; the store maps them to row ids as it inserts.

mod asset;
mod business;
mod deals;
mod objections;
mod rng;
mod scale;

pub use business::demo_plan;
pub use scale::{scale_base, scale_chunks, scale_plan};

use crate::domain::care::NewComplaint;
use crate::domain::care::NewScore;
use crate::domain::customer::NewCustomer;
use crate::domain::deal::{DealStatus, NewDeal};
use crate::domain::followup::NewFollowup;
use crate::domain::goal::NewGoal;
use crate::domain::knowledge::{NewNote, NewProduct, NewTechnique};
use crate::domain::sale::{NewInteraction, NewSale};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentCadence {
    pub segment: String,
    pub ideal_days: u32,
    pub max_days: u32,
}

/// A follow-up, and when it was done if it is history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFollowup {
    pub followup: NewFollowup,
    pub completed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedComplaint {
    pub complaint: NewComplaint,
    pub first_response_on: Option<NaiveDate>,
    pub resolved_on: Option<NaiveDate>,
    pub resolution: String,
}

/// A deal with its stage history. `deal.stage_id` and the moves' stages are positions in
/// the pipeline (1 = the first stage); the store maps them to the stages' ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDeal {
    pub deal: NewDeal,
    pub moves: Vec<(i64, NaiveDate)>,
    pub last_activity_on: NaiveDate,
    pub status: DealStatus,
    pub lost_reason: String,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub segments: Vec<SegmentCadence>,
    pub products: Vec<NewProduct>,
    pub techniques: Vec<NewTechnique>,
    pub customers: Vec<NewCustomer>,
    pub goals: Vec<NewGoal>,
    pub sales: Vec<NewSale>,
    pub interactions: Vec<NewInteraction>,
    pub followups: Vec<PlannedFollowup>,
    pub complaints: Vec<PlannedComplaint>,
    pub scores: Vec<NewScore>,
    pub notes: Vec<NewNote>,
    pub deals: Vec<PlannedDeal>,
}
