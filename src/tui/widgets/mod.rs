//! Reusable pieces of screens.

pub mod help;
pub mod list_window;
pub mod sections;
