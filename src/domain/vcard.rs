//! vCard (2.1, 3.0 and 4.0) for customers: reading the files phones and mail programs
//! write, writing 3.0, and deciding what an import creates, updates or skips.
//!
//! - `parse`: bytes to cards: folded lines, quoted-printable soft breaks, groups
//!   (`item1.EMAIL`), parameters, CHARSET, each property with its line number.
//! - `map`: a card to a `NewCustomer` and a customer to a card.
//! - `dedupe`: the duplicate rules shared with the CSV import: the same email, or the same
//!   name and company with accents and case aside.

mod dedupe;
mod map;
mod parse;

pub use dedupe::{Action, Earlier, Matched, Planned, plan};
pub use map::{CardCustomer, to_customer, to_vcard};
pub use parse::{Card, Property, parse};

/// Why a file was refused: the line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VcardError {
    pub line: usize,
    pub message: String,
}

impl VcardError {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Self { line, message: message.into() }
    }
}

impl std::fmt::Display for VcardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for VcardError {}
