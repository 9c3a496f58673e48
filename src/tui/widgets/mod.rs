//! Reusable pieces of screens.

pub mod form;
pub mod form_view;
pub mod help;
pub mod list_window;
pub mod popup;
pub mod progress_chart;
pub mod scroll;
pub mod search;
pub mod sections;
pub mod wrap;
