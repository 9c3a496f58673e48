//! Objections and responses on the demo's past interactions, so the objection figures and
//! the playbooks have something real to show: cafés balk at the price and a cost-per-cup
//! answer wins them more often than a discount; offices need the owner's say.
//! Its own random stream, so the rest of the demo stays as it was.

use super::Plan;
use super::rng::Rng;
use crate::domain::sale::{NewInteraction, Outcome};

const SEED: u64 = 0x0b1e_c710;

/// (objection, percent chance) per segment.
fn usual(segment: &str) -> &'static [(&'static str, u64)] {
    match segment {
        "Café" => &[("price", 45), ("timing", 15)],
        "Restaurant" => &[("price", 30), ("competitor", 20)],
        "Office" => &[("authority", 35), ("need", 15)],
        "Hotel" => &[("competitor", 30), ("trust", 15)],
        _ => &[("price", 20)],
    }
}

fn from_lost_reason(reason: &str) -> Option<&'static str> {
    match reason {
        "price" => Some("price"),
        "timing" => Some("timing"),
        "chose a competitor" => Some("competitor"),
        _ => None,
    }
}

fn response(objection: &str, outcome: Outcome, rng: &mut Rng) -> &'static str {
    let won = outcome == Outcome::Won;
    match objection {
        "price" if rng.chance(if won { 75 } else { 25 }) => "Showed the cost per cup",
        "price" => "Offered a discount",
        "authority" if rng.chance(if won { 70 } else { 30 }) => "Asked to meet the owner",
        "authority" => "Sent a summary to forward",
        "competitor" => "Compared service response times",
        _ => "",
    }
}

pub fn add_objections(plan: &mut Plan) {
    let segments: Vec<String> = plan.customers.iter().map(|c| c.segment.clone()).collect();
    add_objections_for(&mut plan.interactions, &segments, 0);
}

/// The same for interactions whose customers' segments are `segments` (by plan index);
/// `stream` picks a random stream of its own (one per chunk of a scaled set).
pub fn add_objections_for(interactions: &mut [NewInteraction], segments: &[String], stream: u64) {
    let mut rng = Rng::new(SEED ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    for interaction in interactions {
        let segment = segments.get(interaction.customer_id as usize).map_or("", String::as_str);
        let mut raised: Vec<&'static str> = from_lost_reason(&interaction.lost_reason).into_iter().collect();
        for (objection, chance) in usual(segment) {
            if rng.chance(*chance) && !raised.contains(objection) {
                raised.push(objection);
            }
        }
        if let Some(first) = raised.first() {
            interaction.response = response(first, interaction.outcome, &mut rng).to_string();
        }
        interaction.objections = raised.into_iter().map(String::from).collect();
    }
}
