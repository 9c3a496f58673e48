//! The small demo business, dated relative to `today`.

use super::asset::{self, Asset};
use super::rng::Rng;
use super::{Plan, PlannedComplaint, PlannedFollowup, SegmentCadence};
use crate::domain::care::{NewComplaint, NewScore, Severity};
use crate::domain::customer::NewCustomer;
use crate::domain::followup::{FollowupKind, NewFollowup, RecurFrom, RecurUnit, Recurrence};
use crate::domain::goal::{Metric, NewGoal, WorkingDays};
use crate::domain::knowledge::{NewNote, NewProduct, NewTechnique, NoteKind};
use crate::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use anyhow::Result;
use chrono::{Days, NaiveDate};

const SEED: u64 = 0x005A_1E5C_0AC4;
const LOST_REASONS: [&str; 4] = ["price", "timing", "chose a competitor", "no budget"];

/// `today` shifted by `days` (negative = past).
pub(super) fn shift(today: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 { today + Days::new(days as u64) } else { today - Days::new(days.unsigned_abs()) }
}

pub fn demo_plan(today: NaiveDate) -> Result<Plan> {
    let asset = asset::load()?;
    let mut rng = Rng::new(SEED);
    let mut plan = Plan {
        segments: asset
            .segment
            .iter()
            .map(|s| SegmentCadence { segment: s.name.clone(), ideal_days: s.ideal_days, max_days: s.max_days })
            .collect(),
        products: asset
            .product
            .iter()
            .map(|p| NewProduct {
                name: p.name.clone(),
                category: p.category.clone(),
                price_minor: p.price,
                description: p.description.clone(),
            })
            .collect(),
        techniques: asset
            .technique
            .iter()
            .map(|t| NewTechnique { name: t.name.clone(), description: t.description.clone() })
            .collect(),
        ..Plan::default()
    };
    plan.goals = goals(&asset, today)?;
    for (index, customer) in asset.customer.iter().enumerate() {
        add_customer(&mut plan, &mut rng, today, index, customer);
    }
    add_prospecting(&mut plan, &mut rng, today);
    add_care(&mut plan, &mut rng, today);
    add_open_followups(&mut plan, &mut rng, today);
    plan.notes = notes(&asset, today)?;
    super::objections::add_objections(&mut plan);
    plan.deals = super::deals::demo_deals(today, plan.customers.len());
    Ok(plan)
}

fn goals(asset: &Asset, today: NaiveDate) -> Result<Vec<NewGoal>> {
    asset
        .goal
        .iter()
        .map(|g| {
            Ok(NewGoal {
                title: g.title.clone(),
                metric: Metric::parse(&g.metric).map_err(anyhow::Error::msg)?,
                unit: String::new(),
                target: g.target,
                start_on: shift(today, g.start),
                deadline_on: shift(today, g.deadline),
                working_days: WorkingDays::default(),
            })
        })
        .collect()
}

/// A customer and their purchase history: the first sale is equipment, repeats are mostly beans.
fn add_customer(plan: &mut Plan, rng: &mut Rng, today: NaiveDate, index: usize, c: &asset::Customer) {
    let recent = c.loyalty <= 2 && index % 2 == 1;
    let first_day = if c.loyalty == 0 || recent { rng.range(8, 50) } else { rng.range(150, 365) };
    plan.customers.push(NewCustomer {
        name: c.name.clone(),
        company: c.company.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        segment: c.segment.clone(),
        industry: c.industry.clone(),
        region: c.region.clone(),
        tags: c.tags.clone(),
        notes: String::new(),
        cadence_ideal_days: None,
        cadence_max_days: None,
        created_on: shift(today, -first_day - 3),
    });
    let purchases = (c.loyalty * 9 / 5).max(c.loyalty.min(1)) as i64;
    let machine = if matches!(c.segment.as_str(), "Café" | "Hotel") { 0 } else { 1 };
    for k in 0..purchases {
        let day = first_day - k * first_day / purchases.max(1) - rng.range(0, 4);
        let sold_on = shift(today, -day.max(1));
        let product = match k {
            0 => machine,
            _ if rng.chance(65) => 3 + rng.range(0, 2) as usize,
            _ => *rng.pick(&[2usize, 5, 6, 7, 8, 9]),
        };
        let quantity = if product == 3 || product == 4 { rng.range(1, 6) as u32 } else { 1 };
        let price = plan.products[product].price_minor * i64::from(quantity);
        let amount = if rng.chance(20) { price * 95 / 100 / 100 * 100 } else { price };
        // Live demos close more often in this business: the technique table should show it.
        let technique = match rng.range(0, 10) {
            0..=3 => Some(1),
            4..=7 => Some(rng.range(0, 5)),
            _ => None,
        };
        plan.interactions.push(NewInteraction {
            customer_id: index as i64,
            technique_id: technique,
            product_id: Some(product as i64),
            kind: *rng.pick(&[
                InteractionKind::Call,
                InteractionKind::Visit,
                InteractionKind::Demo,
                InteractionKind::Email,
            ]),
            outcome: Outcome::Won,
            lost_reason: String::new(),
            happened_on: shift(today, -day.max(1) - rng.range(0, 3)),
            note: String::new(),
            objections: Vec::new(),
            response: String::new(),
        });
        let sale_index = plan.sales.len() as i64;
        plan.sales.push(NewSale {
            customer_id: index as i64,
            product_id: Some(product as i64),
            technique_id: technique,
            kind: SaleKind::Sale,
            quantity,
            amount_minor: amount,
            sold_on,
            note: String::new(),
            refund_of: None,
        });
        add_post_sale(plan, rng, today, index as i64, sale_index, sold_on);
    }
}

/// The post-sale sequence for history: a check-in two days later, mostly done on time.
fn add_post_sale(plan: &mut Plan, rng: &mut Rng, today: NaiveDate, customer: i64, sale: i64, sold_on: NaiveDate) {
    let due = sold_on + Days::new(2);
    let completed_on = if due < today && !(rng.chance(12) && (today - due).num_days() < 12) {
        Some(due + Days::new(*rng.pick(&[0u64, 0, 0, 0, 1, 2])))
    } else {
        None
    };
    plan.followups.push(PlannedFollowup {
        followup: NewFollowup {
            customer_id: customer,
            kind: FollowupKind::CheckIn,
            reason: "How is it going? Ask for a satisfaction score".into(),
            due_on: due,
            due_time: None,
            recurrence: None,
            sale_id: Some(sale),
            complaint_id: None,
            created_on: sold_on,
        },
        completed_on: completed_on.filter(|d| *d <= today),
    });
    let reorder_on = sold_on + Days::new(30);
    if reorder_on >= today {
        plan.followups.push(PlannedFollowup {
            followup: NewFollowup {
                customer_id: customer,
                kind: FollowupKind::Reorder,
                reason: "Reorder or referral check".into(),
                due_on: reorder_on,
                due_time: None,
                recurrence: None,
                sale_id: Some(sale),
                complaint_id: None,
                created_on: sold_on,
            },
            completed_on: None,
        });
    }
    if rng.chance(70) {
        let rated_on = (due + Days::new(rng.range(0, 3) as u64)).min(today);
        let score = *rng.pick(&[10u8, 10, 9, 9, 9, 8, 8, 7, 6]);
        let comment = match score {
            9..=10 => "Very happy",
            7..=8 => "Good, delivery could be faster",
            _ => "Shots inconsistent at first",
        };
        plan.scores.push(NewScore {
            customer_id: customer,
            sale_id: Some(sale),
            score,
            comment: comment.into(),
            rated_on,
        });
    }
}

/// Calls that did not (yet) turn into sales, more of them in the current month.
fn add_prospecting(plan: &mut Plan, rng: &mut Rng, today: NaiveDate) {
    let customers = plan.customers.len() as i64;
    for n in 0..110 {
        let customer = rng.range(0, customers);
        let age = (today - plan.customers[customer as usize].created_on).num_days();
        let day = if n < 22 { rng.range(0, 17) } else { rng.range(17, 365) }.min(age);
        let outcome = *rng.pick(&[Outcome::Lost, Outcome::Lost, Outcome::Pending, Outcome::None, Outcome::None]);
        let lost_reason = if outcome == Outcome::Lost { rng.pick(&LOST_REASONS).to_string() } else { String::new() };
        plan.interactions.push(NewInteraction {
            customer_id: customer,
            // Bundle offers lose more than they win here.
            technique_id: match (outcome, rng.range(0, 10)) {
                (Outcome::Lost, 0..=5) => Some(4),
                (_, 0..=6) => Some(rng.range(0, 5)),
                _ => None,
            },
            product_id: Some(rng.range(0, 10)),
            kind: *rng.pick(&[
                InteractionKind::Call,
                InteractionKind::Call,
                InteractionKind::Email,
                InteractionKind::Meeting,
                InteractionKind::Message,
            ]),
            outcome,
            lost_reason,
            happened_on: shift(today, -day),
            note: String::new(),
            objections: Vec::new(),
            response: String::new(),
        });
    }
}

fn add_care(plan: &mut Plan, _rng: &mut Rng, today: NaiveDate) {
    // (customer, severity, summary, opened, first response, resolved, resolution), days from today.
    type Complaint = (i64, Severity, &'static str, i64, Option<i64>, Option<i64>, &'static str);
    let complaints: [Complaint; 4] = [
        (3, Severity::High, "Group 2 leaking after the service visit", -3, Some(-2), None, ""),
        (16, Severity::Medium, "Beans delivery arrived two days late", -1, None, None, ""),
        (7, Severity::Low, "Invoice showed the wrong address", -40, Some(-40), Some(-38), "Reissued the invoice"),
        (
            8,
            Severity::Medium,
            "Grinder too loud for the reading room",
            -75,
            Some(-74),
            Some(-68),
            "Fitted the quiet burr carrier",
        ),
    ];
    for (customer, severity, summary, opened, response, resolved, resolution) in complaints {
        let opened_on = shift(today, opened);
        plan.complaints.push(PlannedComplaint {
            complaint: NewComplaint {
                customer_id: customer,
                sale_id: None,
                severity,
                summary: summary.into(),
                opened_on,
            },
            first_response_on: response.map(|d| shift(today, d)),
            resolved_on: resolved.map(|d| shift(today, d)),
            resolution: resolution.into(),
        });
    }
    plan.scores.push(NewScore {
        customer_id: 16,
        sale_id: None,
        score: 4,
        comment: "Late delivery during our busiest week".into(),
        rated_on: shift(today, -1),
    });
}

/// Hand-placed open follow-ups so the checklist has overdue, today and upcoming work.
fn add_open_followups(plan: &mut Plan, rng: &mut Rng, today: NaiveDate) {
    let items: [(i64, FollowupKind, &str, i64); 16] = [
        (24, FollowupKind::Quote, "Send the bundle quote for the new office kitchen", -6),
        (28, FollowupKind::Quote, "Quote for two compact machines", -4),
        (25, FollowupKind::Other, "Book a tasting at the café", -2),
        (13, FollowupKind::StayInTouch, "Check on bean stock before month end", -9),
        (0, FollowupKind::Reorder, "Weekly bean order", -1),
        (22, FollowupKind::CheckIn, "Did the training help the new staff?", 0),
        (11, FollowupKind::Reorder, "Reorder house blend", 0),
        (29, FollowupKind::Quote, "Follow up on the breakfast service proposal", 0),
        (4, FollowupKind::StayInTouch, "Invite to the latte art evening", 1),
        (9, FollowupKind::Other, "Winter season staff training", 3),
        (15, FollowupKind::Reorder, "Conference season: extra beans?", 4),
        (2, FollowupKind::StayInTouch, "Ask how the studio likes the machine", 6),
        (19, FollowupKind::Quote, "Second grinder for decaf", 8),
        (6, FollowupKind::Other, "Offer maintenance plan renewal", 12),
        (20, FollowupKind::StayInTouch, "Check the water filter cartridge", 15),
        (23, FollowupKind::Reorder, "Monthly single-origin box", 21),
    ];
    for (customer, kind, reason, due) in items {
        plan.followups.push(PlannedFollowup {
            followup: NewFollowup {
                customer_id: customer,
                kind,
                reason: reason.into(),
                due_on: shift(today, due),
                due_time: if rng.chance(25) { chrono::NaiveTime::from_hms_opt(10, 30, 0) } else { None },
                // Marta's bean order comes round every week.
                recurrence: (customer == 0).then_some(Recurrence {
                    every: 1,
                    unit: RecurUnit::Week,
                    from: RecurFrom::Due,
                }),
                sale_id: None,
                complaint_id: None,
                created_on: shift(today, due.min(0) - 10),
            },
            completed_on: None,
        });
    }
}

fn notes(asset: &Asset, today: NaiveDate) -> Result<Vec<NewNote>> {
    asset
        .note
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let position = |names: Vec<&String>, wanted: &Option<String>| {
                wanted.as_ref().and_then(|w| names.iter().position(|x| *x == w)).map(|i| i as i64)
            };
            let kind = n.kind.as_deref().map(NoteKind::parse).transpose().map_err(anyhow::Error::msg)?;
            Ok(NewNote {
                title: n.title.clone(),
                body: n.body.trim().to_string(),
                tags: n.tags.clone(),
                product_id: position(asset.product.iter().map(|p| &p.name).collect(), &n.product),
                created_on: shift(today, -30 - i as i64 * 11),
                kind: kind.unwrap_or(NoteKind::Note),
                technique_id: position(asset.technique.iter().map(|t| &t.name).collect(), &n.technique),
                objection: n.objection.clone().unwrap_or_default(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn deterministic_for_a_given_day() {
        assert_eq!(demo_plan(today()).unwrap(), demo_plan(today()).unwrap());
    }

    #[test]
    fn looks_like_a_small_business() {
        let plan = demo_plan(today()).unwrap();
        assert_eq!(plan.customers.len(), 30);
        assert!((150..=260).contains(&plan.sales.len()), "{} sales", plan.sales.len());
        let open: Vec<_> = plan.followups.iter().filter(|f| f.completed_on.is_none()).collect();
        assert!((30..=60).contains(&open.len()), "{} open follow-ups", open.len());
        assert!(open.iter().any(|f| f.followup.due_on < today()));
        assert!(open.iter().any(|f| f.followup.due_on == today()));
    }

    #[test]
    fn nothing_happens_in_the_future_and_records_are_valid() {
        let plan = demo_plan(today()).unwrap();
        for sale in &plan.sales {
            assert!(sale.sold_on <= today());
            let created = plan.customers[sale.customer_id as usize].created_on;
            assert!(sale.sold_on >= created, "sale before customer existed");
            sale.validate().unwrap();
        }
        for i in &plan.interactions {
            assert!(i.happened_on <= today());
            i.validate().unwrap();
        }
        for f in &plan.followups {
            if let Some(done) = f.completed_on {
                assert!(done <= today());
            }
        }
        for c in &plan.customers {
            c.validate().unwrap();
        }
    }
}
