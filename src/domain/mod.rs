//! Pure rules: plain values in, values out. No clock, no SQL, no terminal.

pub mod agenda;
pub mod cadence;
pub mod care;
pub mod customer;
pub mod date_input;
pub mod deal;
pub mod dump;
pub mod field_error;
pub mod figures;
pub mod followup;
pub mod forecast;
pub mod goal;
pub mod ical;
pub mod import;
pub mod import_rows;
pub mod import_text;
pub mod insight;
pub mod knowledge;
pub mod labels;
pub mod money;
pub mod motivation;
pub mod pace;
pub mod pace_text;
pub mod qa;
pub mod recurrence;
pub mod report;
pub mod sale;
pub mod sales_log;
pub mod search;
pub mod srs;
pub mod technique;
pub mod text;
pub mod undo;
pub mod vcard;

pub use field_error::FieldError;
