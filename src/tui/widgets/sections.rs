//! A list cut into titled sections (the checklist): maps flat line numbers to a section
//! header or to the n-th row of a section, without holding any rows.

use crate::domain::followup::Section;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRef<K = Section> {
    Header { section: K, count: u64 },
    Row { section: K, index: u64 },
}

/// Sections keyed by `K`: the checklist's `Section`, or a day on the Follow-ups tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionLayout<K = Section> {
    /// Non-empty sections in order, with their row counts.
    sections: Vec<(K, u64)>,
}

impl<K> Default for SectionLayout<K> {
    fn default() -> Self {
        Self { sections: Vec::new() }
    }
}

impl<K: Copy + PartialEq> SectionLayout<K> {
    pub fn new(counts: &[(K, u64)]) -> Self {
        Self { sections: counts.iter().copied().filter(|(_, n)| *n > 0).collect() }
    }

    pub fn sections(&self) -> &[(K, u64)] {
        &self.sections
    }

    /// Header lines plus rows.
    pub fn len(&self) -> u64 {
        self.sections.iter().map(|(_, n)| n + 1).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    pub fn line(&self, mut flat: u64) -> Option<LineRef<K>> {
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

    /// The header line of `wanted` (where it would be, if empty).
    pub fn first_line_of(&self, wanted: K) -> u64 {
        let mut line = 0;
        for &(section, count) in &self.sections {
            if section == wanted {
                return line;
            }
            line += count + 1;
        }
        line
    }

    pub fn is_selectable(&self, flat: u64) -> bool {
        matches!(self.line(flat), Some(LineRef::Row { .. }))
    }

    /// The row ranges of each section that `lines` touches: what to fetch to draw them.
    pub fn row_ranges(&self, lines: Range<u64>) -> Vec<(K, Range<u64>)> {
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
        SectionLayout::<Section>::new(&[(Complaints, 0), (Overdue, 3), (Today, 2)])
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
        assert!(SectionLayout::<Section>::new(&[(Today, 0)]).is_empty());
    }
}
