//! CSV import, the pure half: which column means which field. Headers are compared without
//! case, accents, spaces or punctuation ("E-mail", "e_mail" and "EMAIL" are one name), with
//! common synonyms per kind of record; `--map column=field` settles anything else.
//! Nothing is guessed silently: an unknown column is an error until it is mapped (or mapped
//! to `ignore`), and two columns meaning the same field are an error too.

use super::text::fold;
use std::collections::HashMap;

#[path = "import_columns.rs"]
mod columns;
pub use columns::{Columns, HeaderError};

crate::text_enum! {
    /// What a CSV file holds.
    pub enum ImportKind {
        Customers => ("customers", "customers"),
        Products => ("products", "products"),
        Sales => ("sales", "sales"),
        Interactions => ("interactions", "interactions"),
        Followups => ("followups", "follow-ups"),
    }
}

macro_rules! fields {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// A field a column can fill; the name is what `--map` and the CSV export use.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $($variant),+ }

        impl Field {
            pub fn name(self) -> &'static str {
                match self { $(Field::$variant => $name),+ }
            }
        }
    };
}

fields! {
    Id => "id", Name => "name", FirstName => "first_name", LastName => "last_name", Company => "company",
    Email => "email", Phone => "phone", Segment => "segment", Industry => "industry", Region => "region",
    Tags => "tags", Notes => "notes", CadenceIdeal => "cadence_ideal_days", CadenceMax => "cadence_max_days",
    CreatedOn => "created_on", LastContactOn => "last_contact_on", Archived => "archived",
    Category => "category", Price => "price", PriceMinor => "price_minor", Description => "description",
    Customer => "customer", CustomerId => "customer_id", Product => "product", ProductId => "product_id",
    Technique => "technique", TechniqueId => "technique_id", Kind => "kind", Quantity => "quantity",
    Amount => "amount", AmountMinor => "amount_minor", SoldOn => "sold_on", Note => "note", RefundOf => "refund_of",
    Outcome => "outcome", LostReason => "lost_reason", HappenedOn => "happened_on", Reason => "reason",
    DueOn => "due_on", DueTime => "due_time", Status => "status", CompletedOn => "completed_on",
    RecurEvery => "recur_every", RecurUnit => "recur_unit", RecurFrom => "recur_from", PreviousId => "previous_id",
    SaleId => "sale_id", ComplaintId => "complaint_id", DealId => "deal_id", Response => "response",
    Objections => "objections", Ignore => "ignore",
}

use Field::*;

type Spec = &'static [(Field, &'static [&'static str])];

const ID: (Field, &[&str]) = (Id, &["id"]);
const CUSTOMER_REF: [(Field, &[&str]); 2] =
    [(Customer, &["customer", "customer name", "client", "buyer", "contact"]), (CustomerId, &["customer id"])];
const PRODUCT_REF: [(Field, &[&str]); 2] =
    [(Product, &["product", "product name", "item"]), (ProductId, &["product id"])];
const TECHNIQUE_REF: [(Field, &[&str]); 2] = [(Technique, &["technique"]), (TechniqueId, &["technique id"])];
const NOTE: (Field, &[&str]) = (Note, &["note", "notes", "comment", "comments"]);

const CUSTOMERS: Spec = &[
    ID,
    (
        Name,
        &[
            "name",
            "full name",
            "contact",
            "contact name",
            "customer",
            "customer name",
            "display name",
            "celé jméno",
            "vollständiger name",
            "氏名",
            "名前",
        ],
    ),
    (FirstName, &["first name", "given name", "forename", "first", "jméno", "vorname", "名"]),
    (LastName, &["last name", "surname", "family name", "last", "příjmení", "nachname", "姓"]),
    (
        Company,
        &[
            "company",
            "company name",
            "organization",
            "organisation",
            "org",
            "business",
            "account",
            "account name",
            "employer",
            "firma",
            "společnost",
            "unternehmen",
            "会社",
            "会社名",
        ],
    ),
    (Email, &["email", "email address", "mail", "e-mailová adresa", "emailadresse", "メール", "メールアドレス"]),
    (
        Phone,
        &[
            "phone",
            "phone number",
            "telephone",
            "tel",
            "mobile",
            "mobile phone",
            "cell",
            "cell phone",
            "telefon",
            "telefonnummer",
            "telefonní číslo",
            "電話",
            "電話番号",
        ],
    ),
    (Segment, &["segment", "customer segment"]),
    (Industry, &["industry", "sector", "branche", "odvětví"]),
    (Region, &["region", "area", "territory", "location"]),
    (Tags, &["tags", "tag", "labels", "label"]),
    (Notes, &["notes", "note", "comments", "comment", "remarks", "poznámka", "notizen", "notiz", "メモ"]),
    (CadenceIdeal, &["cadence ideal days", "ideal days", "cadence ideal"]),
    (CadenceMax, &["cadence max days", "max days", "cadence max"]),
    (CreatedOn, &["created on", "created", "customer since", "since", "date added", "added"]),
    (LastContactOn, &["last contact on", "last contact", "last contacted"]),
    (Archived, &["archived"]),
];

const PRODUCTS: Spec = &[
    ID,
    (Name, &["name", "product", "product name", "title", "item"]),
    (Category, &["category", "type", "group"]),
    (Price, &["price", "unit price", "list price"]),
    (PriceMinor, &["price minor"]),
    (Description, &["description", "details", "notes"]),
    (Archived, &["archived"]),
];

const SALES: Spec = &[
    ID,
    CUSTOMER_REF[0],
    CUSTOMER_REF[1],
    PRODUCT_REF[0],
    PRODUCT_REF[1],
    TECHNIQUE_REF[0],
    TECHNIQUE_REF[1],
    (Kind, &["kind", "type"]),
    (Quantity, &["quantity", "qty", "units"]),
    (Amount, &["amount", "total", "value", "revenue", "sum"]),
    (AmountMinor, &["amount minor"]),
    (SoldOn, &["sold on", "date", "sale date", "order date", "sold"]),
    NOTE,
    (RefundOf, &["refund of"]),
];

const INTERACTIONS: Spec = &[
    ID,
    CUSTOMER_REF[0],
    CUSTOMER_REF[1],
    TECHNIQUE_REF[0],
    TECHNIQUE_REF[1],
    PRODUCT_REF[0],
    PRODUCT_REF[1],
    (Kind, &["kind", "type", "channel"]),
    (Outcome, &["outcome", "result"]),
    (LostReason, &["lost reason", "why lost"]),
    (HappenedOn, &["happened on", "date", "when"]),
    NOTE,
    (DealId, &["deal id"]),
    (Response, &["response"]),
    (Objections, &["objections", "objection"]),
];

const FOLLOWUPS: Spec = &[
    ID,
    CUSTOMER_REF[0],
    CUSTOMER_REF[1],
    (Kind, &["kind", "type"]),
    (Reason, &["reason", "subject", "title", "task"]),
    (DueOn, &["due on", "due", "due date", "date"]),
    (DueTime, &["due time", "time"]),
    (Status, &["status"]),
    (CompletedOn, &["completed on", "completed", "done on"]),
    (RecurEvery, &["recur every", "every", "repeat every"]),
    (RecurUnit, &["recur unit", "unit", "repeat unit"]),
    (RecurFrom, &["recur from", "repeat from"]),
    (PreviousId, &["previous id"]),
    (SaleId, &["sale id"]),
    (ComplaintId, &["complaint id"]),
    (CreatedOn, &["created on", "created"]),
    (DealId, &["deal id"]),
];

impl ImportKind {
    fn spec(self) -> Spec {
        match self {
            Self::Customers => CUSTOMERS,
            Self::Products => PRODUCTS,
            Self::Sales => SALES,
            Self::Interactions => INTERACTIONS,
            Self::Followups => FOLLOWUPS,
        }
    }

    /// The field names this kind accepts, for error messages and the README.
    pub fn field_names(self) -> Vec<&'static str> {
        self.spec().iter().map(|(f, _)| f.name()).collect()
    }

    /// The field a header means, by its own name or a synonym.
    pub fn field_for(self, header: &str) -> Option<Field> {
        self.names().get(&normalize(header)).copied()
    }

    /// Every accepted header, normalized, to its field.
    fn names(self) -> HashMap<String, Field> {
        let mut names = HashMap::new();
        for (field, synonyms) in self.spec() {
            for name in std::iter::once(&field.name()).chain(synonyms.iter()) {
                names.entry(normalize(name)).or_insert(*field);
            }
        }
        names
    }

    /// Fields a file must have (one of each group).
    fn required(self) -> &'static [(&'static [Field], &'static str)] {
        match self {
            Self::Customers => {
                &[(&[Name, FirstName, LastName], "a name (Name, Full name, or First name and Last name)")]
            }
            Self::Products => &[(&[Name], "the product's name (Name or Product)")],
            Self::Sales => &[
                (&[Customer, CustomerId], "the customer (Customer: a name or #id)"),
                (&[Amount, AmountMinor], "the amount (Amount or Total)"),
                (&[SoldOn], "the day of the sale (Date)"),
            ],
            Self::Interactions => &[
                (&[Customer, CustomerId], "the customer (Customer: a name or #id)"),
                (&[Kind], "the kind (Kind: call, email, meeting, demo, visit or message)"),
                (&[HappenedOn], "the day it happened (Date)"),
            ],
            Self::Followups => {
                &[(&[Customer, CustomerId], "the customer (Customer: a name or #id)"), (&[DueOn], "the due date (Due)")]
            }
        }
    }
}

/// A header as compared: folded, letters and digits only.
pub fn normalize(header: &str) -> String {
    fold(header).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Text from the file quoted in a message: one line, at most 40 columns.
pub fn shown(text: &str) -> String {
    super::text::truncate(&super::text::one_line(text), 40).into_owned()
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
