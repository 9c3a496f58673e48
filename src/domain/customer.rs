//! Customers: what a valid one looks like.

use super::field_error::{FieldError, optional_text, required_text};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct NewCustomer {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub segment: String,
    pub industry: String,
    pub region: String,
    pub tags: String,
    pub notes: String,
    pub cadence_ideal_days: Option<u32>,
    pub cadence_max_days: Option<u32>,
    pub created_on: NaiveDate,
}

impl NewCustomer {
    pub fn validate(&self) -> Result<(), FieldError> {
        required_text("name", &self.name, 200)?;
        for (field, value) in [
            ("company", &self.company),
            ("email", &self.email),
            ("phone", &self.phone),
            ("segment", &self.segment),
            ("industry", &self.industry),
            ("region", &self.region),
            ("tags", &self.tags),
        ] {
            optional_text(field, value, 200)?;
        }
        optional_text("notes", &self.notes, 20_000)?;
        let email = self.email.trim();
        if !email.is_empty() && !looks_like_email(email) {
            return Err(FieldError::new("email", format!("'{email}' is not an address like name@example.com")));
        }
        validate_cadence(self.cadence_ideal_days, self.cadence_max_days)
    }
}

/// Deliberately loose: one `@` with something on both sides and a dot in the domain.
fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

pub fn validate_cadence(ideal: Option<u32>, max: Option<u32>) -> Result<(), FieldError> {
    if ideal == Some(0) {
        return Err(FieldError::new("cadence ideal", "must be at least 1 day"));
    }
    if max == Some(0) {
        return Err(FieldError::new("cadence max", "must be at least 1 day"));
    }
    if let (Some(ideal), Some(max)) = (ideal, max) {
        if max < ideal {
            return Err(FieldError::new(
                "cadence max",
                format!("{max} days is shorter than the ideal gap of {ideal} days"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(name: &str, email: &str) -> NewCustomer {
        NewCustomer { name: name.into(), email: email.into(), ..Default::default() }
    }

    #[test]
    fn validation_table() {
        assert_eq!(customer("Ada", "").validate(), Ok(()));
        assert_eq!(customer("Ada", "ada@example.com").validate(), Ok(()));
        assert_eq!(customer("  ", "").validate().unwrap_err().field, "name");
        for bad in ["ada", "ada@", "@x.com", "ada@example", "a b@x.com", "a@b@c.com", "a@.com"] {
            assert_eq!(customer("Ada", bad).validate().unwrap_err().field, "email", "{bad}");
        }
        assert_eq!(customer(&"x".repeat(201), "").validate().unwrap_err().field, "name");
    }

    #[test]
    fn cadence_rules() {
        assert_eq!(validate_cadence(Some(14), Some(30)), Ok(()));
        assert_eq!(validate_cadence(Some(14), Some(14)), Ok(()));
        assert_eq!(validate_cadence(None, Some(30)), Ok(()));
        assert_eq!(validate_cadence(Some(30), Some(14)).unwrap_err().field, "cadence max");
        assert_eq!(validate_cadence(Some(0), None).unwrap_err().field, "cadence ideal");
    }
}

/// A customer as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub segment: String,
    pub industry: String,
    pub region: String,
    pub tags: String,
    pub notes: String,
    pub cadence_ideal_days: Option<u32>,
    pub cadence_max_days: Option<u32>,
    pub created_on: NaiveDate,
    pub last_contact_on: NaiveDate,
    pub archived: bool,
}

impl Customer {
    /// The editable fields, for an edit that changes some of them.
    pub fn to_new(&self) -> NewCustomer {
        NewCustomer {
            name: self.name.clone(),
            company: self.company.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            segment: self.segment.clone(),
            industry: self.industry.clone(),
            region: self.region.clone(),
            tags: self.tags.clone(),
            notes: self.notes.clone(),
            cadence_ideal_days: self.cadence_ideal_days,
            cadence_max_days: self.cadence_max_days,
            created_on: self.created_on,
        }
    }
}
