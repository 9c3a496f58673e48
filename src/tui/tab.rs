//! The seven tabs, in the order of the tab bar and the number keys.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Today,
    Goals,
    Customers,
    Followups,
    Knowledge,
    Motivation,
    Insights,
}

impl Tab {
    pub const ALL: [Tab; 7] =
        [Tab::Today, Tab::Goals, Tab::Customers, Tab::Followups, Tab::Knowledge, Tab::Motivation, Tab::Insights];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Today => "Today",
            Tab::Goals => "Goals",
            Tab::Customers => "Customers",
            Tab::Followups => "Follow-ups",
            Tab::Knowledge => "Knowledge",
            Tab::Motivation => "Motivation",
            Tab::Insights => "Insights",
        }
    }

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_both_ways() {
        assert_eq!(Tab::Insights.next(), Tab::Today);
        assert_eq!(Tab::Today.prev(), Tab::Insights);
        for tab in Tab::ALL {
            assert_eq!(tab.next().prev(), tab);
        }
    }
}
