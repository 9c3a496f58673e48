//! The demo's pipeline: a dozen open deals across the four stages (three of them going
//! cold, one large), and a year of closed ones (won and lost) whose stage history gives the
//! conversion figures something real to show.

use super::PlannedDeal;
use crate::domain::deal::{DealStatus, NewDeal};
use chrono::{Days, NaiveDate};

/// (customer index, product index, title, value in whole units, stage position, days the
/// deal has existed, days since its last activity, expected close in days from today).
type Open = (usize, Option<usize>, &'static str, i64, i64, u64, u64, i64);

const OPEN: [Open; 12] = [
    (0, Some(0), "Second espresso machine for the terrace", 4_800, 1, 6, 2, 35),
    (3, Some(2), "Grinders for the new branch", 1_900, 1, 9, 3, 40),
    (5, None, "Office coffee service, 3 floors", 3_600, 1, 30, 20, 30),
    (7, Some(4), "Barista training for new staff", 900, 2, 12, 4, 14),
    (9, Some(1), "Bean subscription, 20 kg a month", 2_400, 2, 20, 6, 21),
    (11, Some(0), "Lever Pro for the bakery", 5_200, 2, 25, 15, 18),
    (13, Some(3), "Cleaning kits for all sites", 650, 3, 15, 2, 7),
    (15, Some(2), "Compact machines for meeting rooms", 2_800, 3, 18, 5, 10),
    (17, Some(0), "Hotel breakfast bar refit", 14_500, 3, 40, 11, 12),
    (19, Some(1), "Seasonal blend, wholesale", 1_500, 4, 22, 1, 5),
    (21, Some(4), "Latte art evening for the team", 450, 4, 16, 3, -2),
    (23, Some(0), "Replacement machine after the lease", 3_900, 4, 35, 2, 9),
];

/// (customer index, title, value, stages reached, days spent in each, won, lost reason).
type Closed = (usize, &'static str, i64, i64, [u64; 4], bool, &'static str);

const CLOSED: [Closed; 8] = [
    (1, "Grinder upgrade", 1_200, 4, [5, 4, 6, 3], true, ""),
    (2, "Beans for the new menu", 800, 3, [3, 5, 4, 0], true, ""),
    (4, "Training day", 600, 4, [6, 3, 9, 2], true, ""),
    (6, "Two compact machines", 2_600, 4, [4, 6, 5, 4], true, ""),
    (8, "Office machine", 3_100, 2, [8, 12, 0, 0], false, "price"),
    (10, "Event catering coffee", 900, 3, [2, 4, 21, 0], false, "timing"),
    (12, "Roastery contract", 6_000, 4, [10, 8, 24, 6], false, "competitor"),
    (14, "Cleaning service", 400, 1, [9, 0, 0, 0], false, "need"),
];

fn back(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

pub fn demo_deals(today: NaiveDate, customers: usize) -> Vec<PlannedDeal> {
    let customer = |i: usize| (i % customers.max(1)) as i64;
    let mut deals = Vec::new();
    for (who, product, title, value, stage, age, idle, close) in OPEN {
        let created = back(today, age);
        // Reached its stage by steps, the last move a little after it was created.
        let mut moves = vec![(1, created)];
        for position in 2..=stage {
            let day = back(today, idle.max(1) + (stage - position) as u64);
            moves.push((position, day.max(created)));
        }
        deals.push(PlannedDeal {
            deal: NewDeal {
                customer_id: customer(who),
                title: title.into(),
                product_id: product.map(|p| p as i64),
                value_minor: value * 100,
                stage_id: stage,
                close_on: today.checked_add_signed(chrono::Duration::days(close)),
                probability_permille: None,
                created_on: created,
            },
            moves,
            last_activity_on: back(today, idle),
            status: DealStatus::Open,
            lost_reason: String::new(),
            closed_on: None,
        });
    }
    for (n, (who, title, value, reached, days, won, reason)) in CLOSED.into_iter().enumerate() {
        let spent: u64 = days.iter().take(reached as usize).sum();
        // Closed between one and ten months ago.
        let closed = back(today, 30 + 35 * n as u64);
        let mut day = back(closed, spent);
        let created = day;
        let mut moves = Vec::new();
        for position in 1..=reached {
            moves.push((position, day));
            day = day.checked_add_days(Days::new(days[(position - 1) as usize])).unwrap_or(day);
        }
        deals.push(PlannedDeal {
            deal: NewDeal {
                customer_id: customer(who),
                title: title.into(),
                product_id: None,
                value_minor: value * 100,
                stage_id: reached,
                close_on: Some(closed),
                probability_permille: None,
                created_on: created,
            },
            moves,
            last_activity_on: closed,
            status: if won { DealStatus::Won } else { DealStatus::Lost },
            lost_reason: reason.into(),
            closed_on: Some(closed),
        });
    }
    deals
}
