//! The demo business as written in `assets/demo.toml`.

use serde::Deserialize;

pub const DEMO_TOML: &str = include_str!("../../assets/demo.toml");

#[derive(Debug, Deserialize)]
pub struct Asset {
    pub segment: Vec<Segment>,
    pub product: Vec<Product>,
    pub technique: Vec<Technique>,
    pub customer: Vec<Customer>,
    pub goal: Vec<Goal>,
    pub note: Vec<Note>,
}

#[derive(Debug, Deserialize)]
pub struct Segment {
    pub name: String,
    pub ideal_days: u32,
    pub max_days: u32,
}

#[derive(Debug, Deserialize)]
pub struct Product {
    pub name: String,
    pub category: String,
    pub price: i64,
    pub description: String,
}

#[derive(Debug, Deserialize)]
pub struct Technique {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
pub struct Customer {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub segment: String,
    pub industry: String,
    pub region: String,
    pub tags: String,
    pub loyalty: u32,
}

#[derive(Debug, Deserialize)]
pub struct Goal {
    pub title: String,
    pub metric: String,
    pub target: i64,
    pub start: i64,
    pub deadline: i64,
}

#[derive(Debug, Deserialize)]
pub struct Note {
    pub title: String,
    pub product: Option<String>,
    pub tags: String,
    pub body: String,
    /// A playbook card's kind (steps, questions, answers); a plain note without.
    pub kind: Option<String>,
    pub technique: Option<String>,
    pub objection: Option<String>,
}

pub fn load() -> anyhow::Result<Asset> {
    Ok(toml::from_str(DEMO_TOML)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_asset_parses_and_is_the_promised_size() {
        let asset = super::load().unwrap();
        assert_eq!(asset.customer.len(), 30);
        assert_eq!(asset.product.len(), 10);
        assert_eq!(asset.technique.len(), 5);
        assert_eq!(asset.goal.len(), 3);
        assert!(asset.note.len() >= 5);
        for note in &asset.note {
            if let Some(product) = &note.product {
                assert!(asset.product.iter().any(|p| &p.name == product), "{product}");
            }
        }
    }
}
