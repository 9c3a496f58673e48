use super::super::parse;
use super::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn customer_of(text: &str) -> NewCustomer {
    let cards = parse(text.as_bytes()).unwrap();
    to_customer(&cards[0], day()).unwrap().unwrap().customer
}

#[test]
fn a_card_becomes_a_customer() {
    let c = customer_of(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Marta Ruiz\nN:Ruiz;Marta;;;\nORG:Corner Grind;Purchasing\n\
         EMAIL;TYPE=HOME:home@example.com\nEMAIL;TYPE=WORK,pref:marta@corner.example\nTEL;VALUE=uri:tel:+34-600\n\
         ADR;TYPE=WORK:;;Calle 1;Sevilla;Andalucía;41001;Spain\nNOTE:Likes\\noat milk\nNOTE:Second\n\
         CATEGORIES:wholesale,vip\nEND:VCARD\n",
    );
    assert_eq!((c.name.as_str(), c.company.as_str()), ("Marta Ruiz", "Corner Grind"));
    assert_eq!(c.email, "marta@corner.example");
    assert_eq!(c.phone, "+34-600");
    assert_eq!(c.region, "Andalucía");
    assert_eq!(c.notes, "Likes\noat milk\nSecond");
    assert_eq!((c.segment.as_str(), c.tags.as_str()), ("", "wholesale,vip"));
    assert_eq!(c.created_on, day());
}

#[test]
fn names_fall_back_from_fn_to_n_to_org() {
    assert_eq!(customer_of("BEGIN:VCARD\nN:Tanaka;Aiko;;;\nEND:VCARD\n").name, "Aiko Tanaka");
    assert_eq!(customer_of("BEGIN:VCARD\nORG:Corner Grind\nEND:VCARD\n").name, "Corner Grind");
    assert_eq!(customer_of("BEGIN:VCARD\nFN:  Zoë\n  Brandt\nEND:VCARD\n").name, "Zoë Brandt");
    let cards = parse(b"BEGIN:VCARD\nEMAIL:a@b.example\nEND:VCARD\n").unwrap();
    assert!(to_customer(&cards[0], day()).unwrap_err().message.contains("no name"));
}

#[test]
fn region_falls_back_to_locality_then_country() {
    assert_eq!(customer_of("BEGIN:VCARD\nFN:A\nADR:;;;Brno;;;Czechia\nEND:VCARD\n").region, "Brno");
    assert_eq!(customer_of("BEGIN:VCARD\nFN:A\nADR:;;;;;;Czechia\nEND:VCARD\n").region, "Czechia");
}

#[test]
fn a_group_card_is_not_a_customer() {
    let cards = parse(b"BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Friends\nEND:VCARD\n").unwrap();
    assert_eq!(to_customer(&cards[0], day()).unwrap(), None);
}

#[test]
fn a_bad_field_names_its_line() {
    let cards = parse(b"BEGIN:VCARD\nFN:A\nEMAIL:not-an-address\nEND:VCARD\n").unwrap();
    let err = to_customer(&cards[0], day()).unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.starts_with("email:"), "{err}");
    let cards = parse(b"BEGIN:VCARD\nFN:A\nX-SALESCOACH-CADENCE:soon\nEND:VCARD\n").unwrap();
    assert_eq!(to_customer(&cards[0], day()).unwrap_err().line, 3);
    let long = format!("BEGIN:VCARD\nFN:{}\nEND:VCARD\n", "x".repeat(201));
    let cards = parse(long.as_bytes()).unwrap();
    assert!(to_customer(&cards[0], day()).unwrap_err().message.contains("at most 200"));
}

#[test]
fn export_then_import_is_the_same_customer() {
    let c = Customer {
        id: 7,
        name: "Jiří Dvořák, Jr.".into(),
        company: "Kavárna; U Zlatého".into(),
        email: "jiri@kavarna.example".into(),
        phone: "+420 777 123 456".into(),
        segment: "Café".into(),
        industry: "Hospitality".into(),
        region: "Morava".into(),
        tags: "vip,wholesale".into(),
        notes: "Line one\nLine two, with comma; and semicolon \\ backslash 🎉 ".repeat(4),
        cadence_ideal_days: Some(14),
        cadence_max_days: None,
        created_on: day(),
        last_contact_on: day(),
        archived: false,
    };
    let text = to_vcard(&c);
    assert!(text.ends_with("END:VCARD\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let back = customer_of(&text);
    let mut expected = c.to_new();
    expected.notes = expected.notes.trim().to_string();
    assert_eq!(back, expected);
}
