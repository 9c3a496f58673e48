use super::*;

fn one(text: &str) -> Card {
    let mut cards = parse(text.as_bytes()).unwrap();
    assert_eq!(cards.len(), 1);
    cards.remove(0)
}

#[test]
fn folded_lines_groups_and_parameters() {
    let card = one(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Marta\r\n  Ruiz\r\nitem1.EMAIL;type=INTERNET;type=pref:marta@corner.example\r\n\
         item1.X-ABLabel:work\r\nTEL;TYPE=\"cell,voice\":+34 600\r\nEND:VCARD\r\n",
    );
    assert_eq!(card.line, 1);
    assert_eq!(card.preferred("FN").unwrap().text(), "Marta Ruiz");
    let email = card.preferred("EMAIL").unwrap();
    assert_eq!(email.group.as_deref(), Some("item1"));
    assert!(email.is_preferred());
    assert_eq!(email.line, 5);
    let tel = card.preferred("TEL").unwrap();
    assert!(tel.has_param("TYPE", "cell") && tel.has_param("TYPE", "voice"));
}

#[test]
fn escapes_components_and_lists() {
    let card = one("BEGIN:VCARD\nVERSION:4.0\nNOTE:one\\ntwo\\, three\\; four\\\\\nN:Ruiz;Marta;;Dr.;\n\
         ORG:Corner\\; Grind;Sales\nCATEGORIES:cafe,big\\, loud,vip\nEND:VCARD\n");
    assert_eq!(card.preferred("NOTE").unwrap().text(), "one\ntwo, three; four\\");
    assert_eq!(card.preferred("N").unwrap().components(), ["Ruiz", "Marta", "", "Dr.", ""]);
    assert_eq!(card.preferred("ORG").unwrap().components(), ["Corner; Grind", "Sales"]);
    assert_eq!(card.preferred("CATEGORIES").unwrap().list(), ["cafe", "big, loud", "vip"]);
}

#[test]
fn quoted_printable_with_soft_breaks_and_charsets() {
    let card = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dvo=C5=99=C3=A1k;Anton=C3=ADn;;;\r\n\
         NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =\r\nline\r\n\
         ORG;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:M=FCller GmbH\r\nTEL;CELL;PREF:+420 777\r\nEND:VCARD\r\n",
    );
    assert_eq!(card.preferred("N").unwrap().components()[..2], ["Dvořák", "Antonín"]);
    assert_eq!(card.preferred("NOTE").unwrap().text(), "first line\nsecond line");
    assert_eq!(card.preferred("ORG").unwrap().text(), "Müller GmbH");
    let tel = card.preferred("TEL").unwrap();
    assert!(tel.is_preferred() && tel.has_param("TYPE", "cell"));
}

#[test]
fn latin1_bytes_and_a_bom() {
    let mut bytes = b"\xef\xbb\xbfBEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=ISO-8859-1:Jos\xe9\nEND:VCARD\n".to_vec();
    assert_eq!(parse(&bytes).unwrap()[0].preferred("FN").unwrap().text(), "José");
    bytes = b"BEGIN:VCARD\nFN;CHARSET=WINDOWS-1252:\x93Quote\x94\nEND:VCARD\n".to_vec();
    assert_eq!(parse(&bytes).unwrap()[0].preferred("FN").unwrap().text(), "\u{201c}Quote\u{201d}");
}

#[test]
fn many_cards_and_a_photo_are_read() {
    let text = "BEGIN:VCARD\nVERSION:2.1\nFN:A\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\n AAAA==\n\nEND:VCARD\n\
                BEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\nBEGIN:vcard\nversion:4.0\nfn:C\nend:vcard\n";
    let cards = parse(text.as_bytes()).unwrap();
    assert_eq!(cards.iter().map(|c| c.preferred("FN").unwrap().text()).collect::<Vec<_>>(), ["A", "B", "C"]);
    assert_eq!(cards[1].line, 8);
    let old_mac = parse(b"BEGIN:VCARD\rFN:Old Mac\rEND:VCARD\r").unwrap();
    assert_eq!(old_mac[0].preferred("FN").unwrap().text(), "Old Mac");
}

#[test]
fn refusals_name_the_line() {
    let cases: [(&[u8], usize, &str); 14] = [
        (b"", 1, "no vCard"),
        (b"hello world\n", 1, "not a vCard line"),
        (b"BEGIN:VCARD\nFN:A\n", 1, "no END:VCARD"),
        (b"BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nEND:VCARD\n", 3, "missing END"),
        (b"END:VCARD\n", 1, "without BEGIN"),
        (b"FN:A\n", 1, "outside a card"),
        (b"BEGIN:VCARD\nVERSION:5.0\nEND:VCARD\n", 2, "VERSION 5.0"),
        (b"BEGIN:VCARD\nFN:Mar\xfftin\nEND:VCARD\n", 2, "UTF-8"),
        (b"BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=ZZ\nEND:VCARD\n", 2, "quoted-printable"),
        (b"BEGIN:VCARD\nFN;CHARSET=SHIFT_JIS:x\nEND:VCARD\n", 2, "SHIFT_JIS"),
        (b"BEGIN:VCARD\nFN:a\x00b\nEND:VCARD\n", 2, "control character"),
        (b"BEGIN:VCARD\nF N:a\nEND:VCARD\n", 2, "property name"),
        (b"BEGIN:VCALENDAR\n", 1, "iCalendar"),
        (b"\xff\xfeB\x00", 1, "UTF-16"),
    ];
    for (bytes, line, words) in cases {
        let err = parse(bytes).unwrap_err();
        assert_eq!(err.line, line, "{:?}: {err}", String::from_utf8_lossy(bytes));
        assert!(err.message.contains(words), "{:?}: {err}", String::from_utf8_lossy(bytes));
        assert!(!err.message.chars().any(char::is_control), "{err:?}");
    }
}
