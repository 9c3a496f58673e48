//! Products, techniques and notes: the seller's knowledge base.

use super::field_error::{FieldError, optional_text, required_text};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct NewProduct {
    pub name: String,
    pub category: String,
    pub price_minor: i64,
    pub description: String,
}

impl NewProduct {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("name", &self.name, 200)?;
        optional_text("category", &self.category, 200)?;
        if self.price_minor < 0 {
            return Err(FieldError::new("price", "must not be negative"));
        }
        optional_text("description", &self.description, 20_000)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct NewTechnique {
    pub name: String,
    pub description: String,
}

impl NewTechnique {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("name", &self.name, 100)?;
        optional_text("description", &self.description, 2_000)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewNote {
    pub title: String,
    pub body: String,
    pub tags: String,
    pub product_id: Option<i64>,
    pub created_on: NaiveDate,
}

impl NewNote {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("title", &self.title, 200)?;
        optional_text("tags", &self.tags, 500)?;
        optional_text("body", &self.body, 200_000)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub price_minor: i64,
    pub description: String,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub tags: String,
    pub product_id: Option<i64>,
    pub product: Option<String>,
    pub created_on: NaiveDate,
    pub updated_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Flashcard {
    pub id: i64,
    pub note_id: Option<i64>,
    pub product_id: Option<i64>,
    pub front: String,
    pub back: String,
    pub memory: super::srs::Memory,
}
