//! A list cut into titled sections (the checklist): maps flat line numbers to a section
//! header or to the n-th row of a section, without holding any rows.

use crate::domain::followup::Section;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRef {
    Header { section: Section, count: u64 },
    Row { section: Section, index: u64 },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionLayout {
    /// Non-empty sections in order, with their row counts.
    sections: Vec<(Section, u64)>,
}

impl SectionLayout {
    pub fn new(counts: &[(Section, u64)]) -> Self {
        Self { sections: counts.iter().copied().filter(|(_, n)| *n > 0).collect() }
    }

    pub fn sections(&self) -> &[(Section, u64)] {
        &self.sections
    }

    /// Header lines plus rows.
    pub fn len(&self) -> u64 {
        self.sections.iter().map(|(_, n)| n + 1).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    pub fn line(&self, mut flat: u64) -> Option<LineRef> {
        for &(section, count) in &self.sections {
            if flat == 0 {
                return Some(LineRef::Header { section, count });
            }
            if flat <= count {
                return Some(LineRef::Row { section, index: flat - 1 });
            }
            flat -= count + 1;
        }
        None
    }

    pub fn is_selectable(&self, flat: u64) -> bool {
        matches!(self.line(flat), Some(LineRef::Row { .. }))
    }

    /// The row ranges of each section that `lines` touches: what to fetch to draw them.
    pub fn row_ranges(&self, lines: Range<u64>) -> Vec<(Section, Range<u64>)> {
        let mut ranges = Vec::new();
        let mut first_line = 0;
        for &(section, count) in &self.sections {
            let rows = (first_line + 1)..(first_line + 1 + count);
            let start = rows.start.max(lines.start);
            let end = rows.end.min(lines.end);
            if start < end {
                ranges.push((section, (start - rows.start)..(end - rows.start)));
            }
            first_line = rows.end;
        }
        ranges
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Section::*;

    fn layout() -> SectionLayout {
        SectionLayout::new(&[(Complaints, 0), (Overdue, 3), (Today, 2)])
    }

    #[test]
    fn lines_map_to_headers_and_rows() {
        let l = layout();
        assert_eq!(l.len(), 7);
        assert_eq!(l.line(0), Some(LineRef::Header { section: Overdue, count: 3 }));
        assert_eq!(l.line(1), Some(LineRef::Row { section: Overdue, index: 0 }));
        assert_eq!(l.line(3), Some(LineRef::Row { section: Overdue, index: 2 }));
        assert_eq!(l.line(4), Some(LineRef::Header { section: Today, count: 2 }));
        assert_eq!(l.line(6), Some(LineRef::Row { section: Today, index: 1 }));
        assert_eq!(l.line(7), None);
        assert!(!l.is_selectable(0) && l.is_selectable(1) && !l.is_selectable(4));
    }

    #[test]
    fn row_ranges_for_a_window() {
        let l = layout();
        assert_eq!(l.row_ranges(0..7), vec![(Overdue, 0..3), (Today, 0..2)]);
        assert_eq!(l.row_ranges(2..5), vec![(Overdue, 1..3)]);
        assert_eq!(l.row_ranges(3..6), vec![(Overdue, 2..3), (Today, 0..1)]);
        assert_eq!(l.row_ranges(4..5), vec![]);
        assert!(SectionLayout::new(&[(Today, 0)]).is_empty());
    }
}
