//! The one error shape for bad input: which field, and what is accepted.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self { field, message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

/// A required free-text field: trimmed, not empty, at most `max` characters, one line.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    optional_text(field, value, max)
}

pub fn optional_text(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    let length = value.chars().count();
    if length > max {
        return Err(FieldError::new(field, format!("is {length} characters; at most {max} are accepted")));
    }
    Ok(())
}
