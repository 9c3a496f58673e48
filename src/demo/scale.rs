//! Synthetic data sets of a requested size, for trying the app at scale and for benchmarks.
//! About `n` follow-ups (most of them done history), with customers, sales, interactions and
//! notes in proportion: n/20 customers, n/2 sales, n/2 interactions, n/100 notes.

use super::business::shift;
use super::rng::Rng;
use super::{Plan, PlannedFollowup, SegmentCadence};
use crate::domain::deal::{DealStatus, NewDeal};

const LOST: [&str; 6] = ["price", "timing", "need", "trust", "competitor", "authority"];
use crate::domain::customer::NewCustomer;
use crate::domain::followup::{FollowupKind, NewFollowup};
use crate::domain::knowledge::{NewNote, NewProduct, NewTechnique, NoteKind};
use crate::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use chrono::NaiveDate;

const SEGMENTS: [&str; 4] = ["Café", "Restaurant", "Office", "Hotel"];
const REGIONS: [&str; 5] = ["North", "South", "East", "West", "Centre"];
const FIRST: [&str; 12] = ["Ana", "Ben", "Carla", "Dev", "Eva", "Finn", "Gita", "Hal", "Ines", "Jon", "Kira", "Leo"];
const LAST: [&str; 10] = ["Smith", "Novak", "Garcia", "Kowalski", "Nguyen", "Müller", "Silva", "Khan", "Rossi", "Berg"];
const TOPICS: [&str; 6] = ["pricing", "warranty", "delivery", "training", "objections", "maintenance"];

/// Follow-ups per chunk of a streamed load: the sales, interactions and deals in proportion
/// are made and inserted with them, so a million rows never sit in memory at once.
pub const CHUNK: u64 = 20_000;

/// The whole set at once (for tests and benchmarks): the base and every chunk.
pub fn scale_plan(n: u64, today: NaiveDate) -> Plan {
    let mut plan = scale_base(n, today);
    for chunk in scale_chunks(n, today, &plan) {
        plan.sales.extend(chunk.sales);
        plan.interactions.extend(chunk.interactions);
        plan.followups.extend(chunk.followups);
        plan.deals.extend(chunk.deals);
    }
    plan
}

/// What every chunk refers to: segments, techniques, products, customers, and the notes.
pub fn scale_base(n: u64, today: NaiveDate) -> Plan {
    let mut rng = Rng::new(n ^ 0x5CA1E);
    let customers = (n / 20).max(10) as i64;
    let products = 10 + (n / 5_000) as i64;
    let mut plan = Plan {
        segments: SEGMENTS
            .iter()
            .map(|s| SegmentCadence { segment: (*s).into(), ideal_days: 21, max_days: 45 })
            .collect(),
        techniques: (0..5)
            .map(|t| NewTechnique { name: format!("Technique {}", t + 1), description: String::new() })
            .collect(),
        ..Plan::default()
    };
    for p in 0..products {
        plan.products.push(NewProduct {
            name: format!("Product {:04}", p + 1),
            category: format!("Category {}", p % 7 + 1),
            price_minor: rng.range(1_000, 500_000),
            description: format!("Synthetic product {} for {}", p + 1, TOPICS[p as usize % TOPICS.len()]),
        });
    }
    for c in 0..customers {
        plan.customers.push(NewCustomer {
            name: format!("{} {} {}", rng.pick(&FIRST), rng.pick(&LAST), c + 1),
            company: format!("Company {}", c + 1),
            email: format!("contact{}@example.com", c + 1),
            segment: (*rng.pick(&SEGMENTS)).into(),
            region: (*rng.pick(&REGIONS)).into(),
            created_on: shift(today, -1_100),
            ..NewCustomer::default()
        });
    }
    for i in 0..(n / 100).max(6) {
        let body = format!(
            "Talking points about {} for product {}.",
            TOPICS[(i as usize / 6) % TOPICS.len()],
            i % products as u64 + 1
        );
        let title = format!("Note {} on {}", i + 1, TOPICS[i as usize % TOPICS.len()]);
        let topic = TOPICS[i as usize % TOPICS.len()];
        let mut note = NewNote::plain(&title, &body, topic, Some(i as i64 % products), shift(today, -(i as i64 % 700)));
        // Every tenth note is a playbook card, for a technique or an objection in turn.
        if i % 10 == 9 {
            note.kind = NoteKind::ALL[1 + (i as usize / 10) % 3];
            if i % 20 == 9 {
                note.technique_id = Some((i as i64 / 20) % 5);
            } else {
                note.objection = crate::domain::objections::DEFAULT_OBJECTIONS[(i as usize / 20) % 6].into();
            }
        }
        plan.notes.push(note);
    }
    plan
}

/// The chunks of follow-ups (with their sales, interactions and deals) after `base`, each
/// from its own seeded stream.
pub fn scale_chunks(n: u64, today: NaiveDate, base: &Plan) -> impl Iterator<Item = Plan> + use<> {
    let segments: Vec<String> = base.customers.iter().map(|c| c.segment.clone()).collect();
    let prices: Vec<i64> = base.products.iter().map(|p| p.price_minor).collect();
    (0..n.div_ceil(CHUNK)).map(move |k| {
        let range = k * CHUNK..((k + 1) * CHUNK).min(n);
        let mut plan = scale_chunk(n, today, range, &prices, segments.len() as i64);
        super::objections::add_objections_for(&mut plan.interactions, &segments, n ^ k);
        plan
    })
}

/// Follow-ups `range` of the set (global numbers, so names and the 20-step mix continue),
/// half as many sales and interactions, a fifth as many deals.
fn scale_chunk(n: u64, today: NaiveDate, range: std::ops::Range<u64>, prices: &[i64], customers: i64) -> Plan {
    let mut rng = Rng::new((n ^ 0x5CA1E).wrapping_add(range.start.wrapping_mul(0x9E37_79B9)));
    let products = prices.len() as i64;
    let mut plan = Plan::default();
    let size = range.end - range.start;
    for _ in 0..size / 2 {
        let customer = rng.range(0, customers);
        let product = rng.range(0, products);
        let day = rng.range(0, 1_095);
        let technique = Some(rng.range(0, 5));
        plan.sales.push(NewSale {
            customer_id: customer,
            product_id: Some(product),
            technique_id: technique,
            kind: SaleKind::Sale,
            quantity: rng.range(1, 4) as u32,
            amount_minor: prices[product as usize],
            sold_on: shift(today, -day),
            note: String::new(),
            refund_of: None,
        });
        let outcome = *rng.pick(&[Outcome::Won, Outcome::Lost, Outcome::Pending, Outcome::None]);
        plan.interactions.push(NewInteraction {
            customer_id: customer,
            technique_id: technique,
            product_id: Some(product),
            kind: *rng.pick(InteractionKind::ALL),
            outcome,
            lost_reason: if outcome == Outcome::Lost { "price".into() } else { String::new() },
            happened_on: shift(today, -day),
            note: String::new(),
            objections: Vec::new(),
            response: String::new(),
        });
    }
    for f in range.clone() {
        // 80% done history, 15% upcoming, 5% overdue.
        let bucket = f % 20;
        let due = match bucket {
            0 => -rng.range(1, 60),
            1..=3 => rng.range(0, 180),
            _ => -rng.range(60, 1_095),
        };
        let due_on = shift(today, due);
        plan.followups.push(PlannedFollowup {
            followup: NewFollowup {
                customer_id: rng.range(0, customers),
                kind: *rng.pick(FollowupKind::ALL),
                reason: format!("Synthetic follow-up {}", f + 1),
                due_on,
                due_time: None,
                recurrence: None,
                sale_id: None,
                complaint_id: None,
                created_on: shift(today, due.min(0) - 7),
            },
            completed_on: (bucket >= 4).then_some(due_on),
        });
    }
    // About one deal per 5 follow-ups: most closed over the past two years with their stage
    // history, one in ten open in any stage.
    for d in range.start / 5..range.start / 5 + size / 5 {
        let reached = rng.range(1, 5);
        let open = rng.chance(10);
        let closed = shift(today, -rng.range(1, 730));
        let created = shift(closed, -rng.range(4, 60));
        let step = (closed - created).num_days() / reached;
        let moves: Vec<(i64, NaiveDate)> = (1..=reached).map(|p| (p, shift(created, (p - 1) * step))).collect();
        let status = match (open, rng.chance(45)) {
            (true, _) => DealStatus::Open,
            (false, true) => DealStatus::Won,
            (false, false) => DealStatus::Lost,
        };
        plan.deals.push(super::PlannedDeal {
            deal: NewDeal {
                customer_id: rng.range(0, customers),
                title: format!("Deal {}", d + 1),
                product_id: rng.chance(70).then(|| rng.range(0, products)),
                value_minor: rng.range(10_000, 2_000_000),
                stage_id: reached,
                close_on: Some(if open { shift(today, rng.range(-10, 90)) } else { closed }),
                probability_permille: None,
                created_on: created,
            },
            last_activity_on: if open { shift(today, -rng.range(0, 30)) } else { closed },
            moves,
            lost_reason: if status == DealStatus::Lost { (*rng.pick(&LOST)).into() } else { String::new() },
            closed_on: (status != DealStatus::Open).then_some(closed),
            status,
        });
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_proportional() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let plan = scale_plan(2_000, today);
        assert_eq!(plan.followups.len(), 2_000);
        assert_eq!(plan.customers.len(), 100);
        assert_eq!(plan.sales.len(), 1_000);
        assert_eq!(plan.notes.len(), 20);
        let open = plan.followups.iter().filter(|f| f.completed_on.is_none()).count();
        assert_eq!(open, 400);
        assert_eq!(plan, scale_plan(2_000, today));
    }

    #[test]
    fn chunks_continue_one_another() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        // Two whole chunks and a part one.
        let n = 2 * CHUNK + 5_000;
        let plan = scale_plan(n, today);
        assert_eq!((plan.followups.len(), plan.sales.len(), plan.interactions.len()), (45_000, 22_500, 22_500));
        assert_eq!(plan.deals.len(), 9_000);
        let open = plan.followups.iter().filter(|f| f.completed_on.is_none()).count();
        assert_eq!(open, 9_000, "the 20-step mix runs on across chunks");
        let reasons: std::collections::HashSet<&str> =
            plan.followups.iter().map(|f| f.followup.reason.as_str()).collect();
        assert_eq!(reasons.len(), 45_000, "numbered once each");
        let titles: std::collections::HashSet<&str> = plan.deals.iter().map(|d| d.deal.title.as_str()).collect();
        assert_eq!(titles.len(), 9_000);
        assert!(plan.interactions.iter().any(|i| !i.objections.is_empty()), "objections in every chunk's stream");
        let customers = plan.customers.len() as i64;
        assert!(plan.followups.iter().all(|f| f.followup.customer_id < customers));
    }
}
