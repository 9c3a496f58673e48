//! Motivational material and the item of the day.

use chrono::{Datelike, NaiveDate};

crate::text_enum! {
    pub enum ItemKind {
        Quote => ("quote", "quote"),
        Tip => ("tip", "tip"),
        Resource => ("resource", "resource"),
    }
}

crate::text_enum! {
    pub enum ResourceKind {
        Book => ("book", "book"),
        Video => ("video", "video"),
        Seminar => ("seminar", "seminar"),
        Podcast => ("podcast", "podcast"),
        Course => ("course", "course"),
        Article => ("article", "article"),
    }
}

crate::text_enum! {
    pub enum ResourceStatus {
        Todo => ("todo", "to do"),
        InProgress => ("in_progress", "in progress"),
        Done => ("done", "done"),
    }
}

/// Days an item of the day stays out of rotation, when the pool allows.
pub const NO_REPEAT_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub id: i64,
    pub kind: ItemKind,
    pub resource_kind: Option<ResourceKind>,
    pub body: String,
    pub author: String,
    pub why: String,
    pub topic: String,
    pub status: Option<ResourceStatus>,
    pub favourite: bool,
    pub hidden: bool,
    pub built_in: bool,
}

impl Item {
    /// One line of raw text: "“Quote” — Author", a tip, or "Book: Title (why)". Callers
    /// neutralise it (`text::one_line`) before showing it.
    pub fn summary(&self) -> String {
        match self.kind {
            ItemKind::Quote if self.author.is_empty() => format!("“{}”", self.body),
            ItemKind::Quote => format!("“{}” — {}", self.body, self.author),
            ItemKind::Tip => self.body.clone(),
            ItemKind::Resource => {
                let kind = self.resource_kind.map_or("Resource", |k| match k {
                    ResourceKind::Book => "Book",
                    ResourceKind::Video => "Video",
                    ResourceKind::Seminar => "Seminar",
                    ResourceKind::Podcast => "Podcast",
                    ResourceKind::Course => "Course",
                    ResourceKind::Article => "Article",
                });
                if self.why.is_empty() {
                    format!("{kind}: {}", self.body)
                } else {
                    format!("{kind}: {} ({})", self.body, self.why)
                }
            }
        }
    }
}

/// An item that could be shown today (hidden and deleted ones are left out by the caller).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub favourite: bool,
    pub last_shown: Option<NaiveDate>,
}

/// Picks today's item: nothing shown in the last 30 days while such items remain (else
/// those shown longest ago), favourites first, and among those one chosen by the date,
/// so the same inputs always give the same item.
pub fn pick(candidates: &[Candidate], today: NaiveDate) -> Option<i64> {
    let fresh: Vec<&Candidate> =
        candidates.iter().filter(|c| c.last_shown.is_none_or(|d| (today - d).num_days() >= NO_REPEAT_DAYS)).collect();
    let pool: Vec<&Candidate> = if fresh.is_empty() {
        let oldest = candidates.iter().filter_map(|c| c.last_shown).min()?;
        candidates.iter().filter(|c| c.last_shown == Some(oldest)).collect()
    } else {
        fresh
    };
    let favourites: Vec<&Candidate> = pool.iter().copied().filter(|c| c.favourite).collect();
    let mut pool = if favourites.is_empty() { pool } else { favourites };
    pool.sort_by_key(|c| c.id);
    let day = today.num_days_from_ce().unsigned_abs() as usize;
    pool.get(day % pool.len()).map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn c(id: i64, favourite: bool, last_shown: Option<&str>) -> Candidate {
        Candidate { id, favourite, last_shown: last_shown.map(d) }
    }

    #[test]
    fn stable_for_the_same_day() {
        let pool: Vec<Candidate> = (1..=20).map(|i| c(i, false, None)).collect();
        let today = d("2026-11-27");
        assert_eq!(pick(&pool, today), pick(&pool, today));
        assert!(pick(&pool, today).is_some());
        assert_eq!(pick(&[], today), None);
    }

    #[test]
    fn nothing_repeats_within_thirty_days_when_the_pool_allows() {
        // Simulate 60 days over 40 items, recording what was shown.
        let mut pool: Vec<Candidate> = (1..=40).map(|i| c(i, false, None)).collect();
        let start = d("2026-11-01");
        let mut shown: Vec<(NaiveDate, i64)> = Vec::new();
        for offset in 0..60 {
            let today = start + Days::new(offset);
            let id = pick(&pool, today).unwrap();
            shown.push((today, id));
            pool.iter_mut().filter(|x| x.id == id).for_each(|x| x.last_shown = Some(today));
        }
        for (i, (day, id)) in shown.iter().enumerate() {
            for (other_day, other_id) in &shown[i + 1..] {
                if other_id == id {
                    assert!(
                        (*other_day - *day).num_days() >= NO_REPEAT_DAYS,
                        "item {id} again after {} days",
                        (*other_day - *day).num_days()
                    );
                }
            }
        }
    }

    #[test]
    fn favourites_come_first_and_a_small_pool_still_gives_something() {
        let today = d("2026-11-27");
        let pool = [c(1, false, None), c(2, true, None), c(3, false, None)];
        assert_eq!(pick(&pool, today), Some(2));
        let recent = [c(1, true, Some("2026-11-26")), c(2, false, None)];
        assert_eq!(pick(&recent, today), Some(2), "a favourite shown yesterday waits");
        let all_recent =
            [c(1, false, Some("2026-11-20")), c(2, false, Some("2026-11-10")), c(3, false, Some("2026-11-25"))];
        assert_eq!(pick(&all_recent, today), Some(2), "the one shown longest ago");
    }

    #[test]
    fn one_liners() {
        let item = Item {
            id: 1,
            kind: ItemKind::Quote,
            resource_kind: None,
            body: "Well done is better than well said.".into(),
            author: "Benjamin Franklin".into(),
            why: String::new(),
            topic: String::new(),
            status: None,
            favourite: false,
            hidden: false,
            built_in: true,
        };
        assert_eq!(item.summary(), "“Well done is better than well said.” — Benjamin Franklin");
        let book = Item {
            kind: ItemKind::Resource,
            resource_kind: Some(ResourceKind::Book),
            body: "SPIN Selling".into(),
            why: "questions".into(),
            ..item
        };
        assert_eq!(book.summary(), "Book: SPIN Selling (questions)");
    }
}
