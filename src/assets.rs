//! The built-in material that ships in `assets/`: motivational items and starter techniques.

use crate::domain::motivation::{ItemKind, ResourceKind};
use anyhow::{Context, Result};
use serde::Deserialize;

const MOTIVATION_TOML: &str = include_str!("../assets/motivation.toml");
const TECHNIQUES_TOML: &str = include_str!("../assets/techniques.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct AssetItem {
    pub key: String,
    pub kind: String,
    pub body: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub resource_kind: Option<String>,
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AssetTechnique {
    pub name: String,
    pub description: String,
}

#[derive(Deserialize)]
struct MotivationFile {
    item: Vec<AssetItem>,
}

#[derive(Deserialize)]
struct TechniquesFile {
    technique: Vec<AssetTechnique>,
}

/// Names this build's built-in items and techniques by their files' digest (FNV-1a, made
/// at compile time): every open compares it with the one stored, and parsing the files to
/// name them cost a twelfth of a small command.
pub const BUILTINS_DIGEST: u64 =
    fnv1a(TECHNIQUES_TOML.as_bytes(), fnv1a(MOTIVATION_TOML.as_bytes(), 0xcbf2_9ce4_8422_2325));

const fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The built-in motivational items, checked: known kinds, unique keys.
pub fn motivation_items() -> Result<Vec<AssetItem>> {
    parse_items(MOTIVATION_TOML)
}

pub fn parse_items(text: &str) -> Result<Vec<AssetItem>> {
    let file: MotivationFile = toml::from_str(text).context("motivation assets")?;
    let mut keys = std::collections::HashSet::new();
    for item in &file.item {
        ItemKind::parse(&item.kind).map_err(anyhow::Error::msg).with_context(|| format!("item {}", item.key))?;
        if let Some(kind) = &item.resource_kind {
            ResourceKind::parse(kind).map_err(anyhow::Error::msg).with_context(|| format!("item {}", item.key))?;
        }
        anyhow::ensure!(keys.insert(item.key.clone()), "item key {} appears twice", item.key);
    }
    Ok(file.item)
}

pub fn starter_techniques() -> Result<Vec<AssetTechnique>> {
    let file: TechniquesFile = toml::from_str(TECHNIQUES_TOML).context("technique assets")?;
    Ok(file.technique)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_fnv1a_and_tells_the_files_apart() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (the published test vector).
        assert_eq!(fnv1a(b"a", 0xcbf2_9ce4_8422_2325), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(BUILTINS_DIGEST, fnv1a(MOTIVATION_TOML.as_bytes(), 0xcbf2_9ce4_8422_2325));
    }

    #[test]
    fn the_shipped_set_is_complete() {
        let items = motivation_items().unwrap();
        assert!(items.len() >= 80, "{} items", items.len());
        let count = |kind: &str| items.iter().filter(|i| i.kind == kind).count();
        assert!(count("quote") >= 20 && count("tip") >= 30 && count("resource") >= 8);
        assert!(items.iter().filter(|i| i.kind == "quote").all(|i| !i.author.is_empty()), "every quote has its author");
        assert!(items.iter().filter(|i| i.kind == "resource").all(|i| i.resource_kind.is_some() && !i.why.is_empty()));
        for topic in ["goals", "follow-up", "complaints", "product", "prospecting", "resilience"] {
            assert!(items.iter().any(|i| i.topic == topic), "no tip on {topic}");
        }
        assert_eq!(starter_techniques().unwrap().len(), 5);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let text = "[[item]]\nkey = \"a\"\nkind = \"tip\"\nbody = \"x\"\n[[item]]\nkey = \"a\"\nkind = \"tip\"\nbody = \"y\"\n";
        assert!(parse_items(text).is_err());
    }
}
