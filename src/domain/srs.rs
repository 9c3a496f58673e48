//! Spaced repetition with FSRS (the algorithm Anki uses), through the `rs-fsrs` crate.
//!
//! We schedule in whole days, so the long-term scheduler is used (no minute-level learning
//! steps) and fuzz is off, which makes every interval reproducible. Grades: 1 Again,
//! 2 Hard, 3 Good, 4 Easy. A review card graded Again is a lapse: it counts, its stability
//! drops and it comes back within days (it stays a review card; there are no minute steps).

use chrono::{DateTime, Days, NaiveDate, Utc};
use rs_fsrs::{Card as FsrsCard, FSRS, Parameters, Rating, State};

crate::text_enum! {
    pub enum CardState {
        New => ("new", "new"),
        Learning => ("learning", "learning"),
        Review => ("review", "review"),
        Relearning => ("relearning", "relearning"),
    }
}

crate::text_enum! {
    pub enum Grade {
        Again => ("again", "again"),
        Hard => ("hard", "hard"),
        Good => ("good", "good"),
        Easy => ("easy", "easy"),
    }
}

impl Grade {
    pub fn from_number(n: u8) -> Option<Self> {
        match n {
            1 => Some(Self::Again),
            2 => Some(Self::Hard),
            3 => Some(Self::Good),
            4 => Some(Self::Easy),
            _ => None,
        }
    }

    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// Good and Easy count as remembered for retention.
    pub fn is_recalled(self) -> bool {
        matches!(self, Self::Good | Self::Easy)
    }

    fn rating(self) -> Rating {
        match self {
            Self::Again => Rating::Again,
            Self::Hard => Rating::Hard,
            Self::Good => Rating::Good,
            Self::Easy => Rating::Easy,
        }
    }
}

/// A card's memory state as stored.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Memory {
    pub state: CardState,
    pub due_on: NaiveDate,
    pub stability: f64,
    pub difficulty: f64,
    pub reps: u32,
    pub lapses: u32,
    pub last_review_on: Option<NaiveDate>,
    pub scheduled_days: i64,
}

impl Memory {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            state: CardState::New,
            due_on: today,
            stability: 0.0,
            difficulty: 0.0,
            reps: 0,
            lapses: 0,
            last_review_on: None,
            scheduled_days: 0,
        }
    }
}

fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()
}

pub struct Scheduler {
    fsrs: FSRS,
}

impl Default for Scheduler {
    fn default() -> Self {
        Self::with_weights(None)
    }
}

impl Scheduler {
    /// `weights` replaces the default FSRS weights (for reference tests or a tuned deck).
    pub fn with_weights(weights: Option<[f64; 19]>) -> Self {
        let mut parameters = Parameters { enable_short_term: false, enable_fuzz: false, ..Parameters::default() };
        if let Some(w) = weights {
            parameters.w = w;
        }
        Self { fsrs: FSRS::new(parameters) }
    }

    /// The memory after grading a card on `today`.
    pub fn review(&self, memory: &Memory, grade: Grade, today: NaiveDate) -> Memory {
        let card = FsrsCard {
            due: noon(memory.due_on),
            stability: memory.stability,
            difficulty: memory.difficulty,
            elapsed_days: memory.last_review_on.map_or(0, |d| (today - d).num_days()),
            scheduled_days: memory.scheduled_days,
            reps: memory.reps as i32,
            lapses: memory.lapses as i32,
            state: match memory.state {
                CardState::New => State::New,
                CardState::Learning => State::Learning,
                CardState::Review => State::Review,
                CardState::Relearning => State::Relearning,
            },
            last_review: noon(memory.last_review_on.unwrap_or(today)),
        };
        let next = self.fsrs.next(card, noon(today), grade.rating()).card;
        let days = next.scheduled_days.max(0);
        Memory {
            state: match next.state {
                State::New => CardState::New,
                State::Learning => CardState::Learning,
                State::Review => CardState::Review,
                State::Relearning => CardState::Relearning,
            },
            due_on: today.checked_add_days(Days::new(days as u64)).unwrap_or(today),
            stability: next.stability,
            difficulty: next.difficulty,
            reps: next.reps.max(0) as u32,
            lapses: next.lapses.max(0) as u32,
            last_review_on: Some(today),
            scheduled_days: days,
        }
    }
}

/// A card as the daily queue sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueCard {
    pub id: i64,
    pub is_new: bool,
    pub due_on: NaiveDate,
}

/// Today's reviews: every card due (oldest due first), then new cards up to what the daily
/// new-card limit still allows (`new_seen_today` already used), in the order given.
pub fn daily_queue(cards: &[QueueCard], today: NaiveDate, new_limit: u32, new_seen_today: u32) -> Vec<i64> {
    let mut due: Vec<&QueueCard> = cards.iter().filter(|c| !c.is_new && c.due_on <= today).collect();
    due.sort_by_key(|c| (c.due_on, c.id));
    let allowance = new_limit.saturating_sub(new_seen_today) as usize;
    due.iter().map(|c| c.id).chain(cards.iter().filter(|c| c.is_new).take(allowance).map(|c| c.id)).collect()
}

#[cfg(test)]
#[path = "srs_tests.rs"]
mod tests;
