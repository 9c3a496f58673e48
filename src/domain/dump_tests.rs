use super::*;

fn schema() -> Vec<TableSchema> {
    let col = |name: &str, affinity, not_null| ColumnSchema { name: name.into(), affinity, not_null };
    vec![
        TableSchema {
            name: "cards".into(),
            columns: vec![
                col("id", Affinity::Integer, false),
                col("front", Affinity::Text, true),
                col("stability", Affinity::Real, true),
                col("due", Affinity::Text, false),
            ],
        },
        TableSchema {
            name: "raw".into(),
            columns: vec![col("key", Affinity::Any, false), col("data", Affinity::Blob, false)],
        },
    ]
}

fn sample() -> String {
    let mut w = DumpWriter::new(3);
    w.begin_table("cards", &["id".into(), "front".into(), "stability".into(), "due".into()]);
    w.row(&[Cell::Integer(1), Cell::Text("Price?\n\"12\" \u{1b}[31m".into()), Cell::Real(0.1 + 0.2), Cell::Null])
        .unwrap();
    w.row(&[
        Cell::Integer(2),
        Cell::Text("日本語 ✨".into()),
        Cell::Real(4.930_123_456_789_012),
        Cell::Text("x".into()),
    ])
    .unwrap();
    w.end_table();
    w.begin_table("raw", &["key".into(), "data".into()]);
    w.end_table();
    w.finish()
}

#[test]
fn writes_one_row_per_line_and_reads_back_the_same_values() {
    let text = sample();
    assert!(text.starts_with("{\n  \"format\": \"salescoach-export\",\n  \"version\": 1,\n  \"schema\": 3,"), "{text}");
    assert!(
        text.contains("\n        [1, \"Price?\\n\\\"12\\\" \\u001b[31m\", 0.30000000000000004, null],\n"),
        "{text}"
    );
    assert!(text.contains("\"rows\": []"), "{text}");
    let dump = parse_dump(text.as_bytes(), &schema(), 3).unwrap();
    assert_eq!(dump.tables.len(), 2);
    let cards = &dump.tables[0];
    assert_eq!(cards.rows[0].line, 9);
    assert_eq!(cards.rows[1].line, 10);
    assert_eq!(cards.rows[0].cells[2], Cell::Real(0.1 + 0.2));
    assert_eq!(cards.rows[1].cells[2], Cell::Real(4.930_123_456_789_012));
    assert_eq!(cards.rows[1].cells[1], Cell::Text("日本語 ✨".into()));
    // Written again, byte for byte.
    let mut w = DumpWriter::new(3);
    for t in &dump.tables {
        w.begin_table(&t.name, &t.columns);
        for r in &t.rows {
            w.row(&r.cells).unwrap();
        }
        w.end_table();
    }
    assert_eq!(w.finish(), text);
}

#[test]
fn reals_survive_every_digit() {
    // 17 significant digits: a parser that multiplies by powers of ten gets some wrong.
    let values =
        [0.1 + 0.2, 1.0 / 3.0, 2.0_f64.sqrt(), 123_456.789_012_345_67, 9.007_199_254_740_993e15, 5e-324, 1.7e308];
    for x in values {
        let mut w = DumpWriter::new(3);
        w.begin_table("cards", &["id".into(), "front".into(), "stability".into(), "due".into()]);
        w.row(&[Cell::Integer(1), Cell::Text("f".into()), Cell::Real(x), Cell::Null]).unwrap();
        w.end_table();
        w.begin_table("raw", &["key".into(), "data".into()]);
        w.end_table();
        let dump = parse_dump(w.finish().as_bytes(), &schema(), 3).unwrap();
        assert_eq!(dump.tables[0].rows[0].cells[2], Cell::Real(x), "{x:e}");
    }
}

#[test]
fn blobs_and_any_columns() {
    let text = sample().replace(
        "\"rows\": []",
        "\"rows\": [\n        [7, {\"hex\": \"00ff10\"}],\n        [\"k\", null],\n        [1.5, null]\n      ]",
    );
    let dump = parse_dump(text.as_bytes(), &schema(), 3).unwrap();
    let raw = &dump.tables[1].rows;
    assert_eq!(raw[0].cells, vec![Cell::Integer(7), Cell::Blob(vec![0, 255, 16])]);
    assert_eq!(raw[1].cells[0], Cell::Text("k".into()));
    assert_eq!(raw[2].cells[0], Cell::Real(1.5));
}

fn refusal(text: &str) -> DumpError {
    parse_dump(text.as_bytes(), &schema(), 3).unwrap_err()
}

#[test]
fn refusals_name_the_line_and_what_is_wrong() {
    let good = sample();
    let cases: Vec<(String, usize, &str)> = vec![
        (good.replace("\"version\": 1", "\"version\": 2"), 3, "export format version 2"),
        (good.replace("\"schema\": 3", "\"schema\": 9"), 4, "schema 9"),
        (good.replace("salescoach-export", "something-else"), 2, "not a salescoach export"),
        (good.replace("\"raw\"", "\"other\""), 13, "unknown table 'other'"),
        (
            good.replace(",\n    \"raw\": {\n      \"columns\": [\"key\", \"data\"],\n      \"rows\": []\n    }", ""),
            13,
            "table 'raw' is missing",
        ),
        (good.replace("\"due\"]", "\"due\", \"extra\"]"), 7, "unknown column 'extra'"),
        (good.replace(", \"due\"]", "]"), 7, "column 'due' is missing"),
        (good.replace("[1, ", "[\"1\", "), 9, "cards.id: text where a whole number"),
        (good.replace("[1, \"Price", "[1.5, \"Price"), 9, "cards.id: a fraction"),
        (good.replace("[2, \"日本語 ✨\"", "[2, null"), 10, "cards.front: null"),
        (good.replace(", \"x\"]", "]"), 10, "the row has 3 values"),
        (good.replace(", \"x\"]", ", \"x\", 5]"), 10, "more than 4 values"),
        (good.replace("[1, ", "[[[[[[1]]]]]], ["), 9, "a list where"),
        (good[..good.find("[2, ").unwrap() + 5].to_string(), 10, "EOF"),
        (good.replace("\"tables\"", "\"extra\": 1, \"tables\""), 5, "unexpected key 'extra'"),
        (good.replace("\"format\": \"salescoach-export\",\n", ""), 17, "missing \"format\""),
        ("[".repeat(10_000), 1, "invalid type"),
        (format!("{good}x"), 19, "trailing characters"),
        (String::new(), 1, "EOF"),
    ];
    for (text, line, wanted) in cases {
        let err = refusal(&text);
        assert_eq!(err.line, line, "{wanted}: {err}");
        assert!(err.message.contains(wanted), "{wanted}: {err}");
        assert!(!err.message.contains(" at line "), "{err}");
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let mut bytes = sample().into_bytes();
    let at = bytes.windows(5).position(|w| w == b"Price").unwrap();
    bytes[at] = 0xff;
    let err = parse_dump(&bytes, &schema(), 3).unwrap_err();
    assert_eq!(err.line, 9, "{err}");
}

#[test]
fn random_reals_round_trip() {
    // A fixed xorshift walk over bit patterns: every finite f64 must come back exactly.
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut wrong = Vec::new();
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let x = f64::from_bits(state);
        if !x.is_finite() {
            continue;
        }
        let mut text = String::new();
        write_cell(&mut text, &Cell::Real(x)).unwrap();
        let back: f64 = serde_json::from_str(&text).unwrap();
        if back.to_bits() != x.to_bits() {
            wrong.push(text);
        }
    }
    assert!(wrong.is_empty(), "{} of 20000 changed, e.g. {:?}", wrong.len(), &wrong[..wrong.len().min(3)]);
}

/// Counts rows and refuses the one on `stop_at`.
struct Stopper {
    seen: Vec<(String, u64, Vec<Cell>)>,
    table: String,
    stop_at: u64,
}

impl DumpSink for Stopper {
    type Error = String;
    fn begin_table(&mut self, table: &TableSchema) -> Result<(), String> {
        self.table = table.name.clone();
        Ok(())
    }
    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<(), String> {
        if line == self.stop_at {
            return Err(format!("no row on line {line}"));
        }
        self.seen.push((self.table.clone(), line, cells.to_vec()));
        Ok(())
    }
    fn end_table(&mut self) -> Result<(), String> {
        Ok(())
    }
}

#[test]
fn rows_reach_the_sink_as_read_in_the_schemas_order_and_its_error_comes_back_whole() {
    // The file's columns in another order: the sink still gets id, front, stability, due.
    let text = sample()
        .replace("[\"id\", \"front\", \"stability\", \"due\"]", "[\"due\", \"id\", \"stability\", \"front\"]")
        .replace("[1, \"Price?\\n\\\"12\\\" \\u001b[31m\", 0.30000000000000004, null]", "[null, 1, 0.5, \"a\"]")
        .replace("[2, \"日本語 ✨\", 4.930123456789012, \"x\"]", "[\"x\", 2, 1.5, \"b\"]");
    let mut sink = Stopper { seen: Vec::new(), table: String::new(), stop_at: 0 };
    read_dump(text.as_bytes(), &schema(), 3, &mut sink).unwrap();
    let cells = |id, front: &str, stability, due: Cell| {
        vec![Cell::Integer(id), Cell::Text(front.into()), Cell::Real(stability), due]
    };
    assert_eq!(
        sink.seen,
        vec![
            ("cards".to_string(), 9, cells(1, "a", 0.5, Cell::Null)),
            ("cards".to_string(), 10, cells(2, "b", 1.5, Cell::Text("x".into()))),
        ]
    );
    let mut sink = Stopper { seen: Vec::new(), table: String::new(), stop_at: 10 };
    match read_dump(text.as_bytes(), &schema(), 3, &mut sink) {
        Err(ReadError::Sink(e)) => assert_eq!(e, "no row on line 10"),
        other => panic!("{other:?}"),
    }
    assert_eq!(sink.seen.len(), 1, "the row before was handed over, nothing after");
}

#[test]
fn a_json_dump_reads_again_from_the_start() {
    let mut source = JsonDump(std::io::Cursor::new(sample().into_bytes()));
    for _ in 0..2 {
        let mut sink = Stopper { seen: Vec::new(), table: String::new(), stop_at: 0 };
        source.read_into(&schema(), 3, &mut sink).unwrap();
        assert_eq!(sink.seen.len(), 2);
    }
}

#[test]
fn exports_of_the_same_tables_restore_into_later_schemas_only() {
    use super::{SAME_TABLES_SINCE as SINCE, oldest_restored, restores_into};
    assert!(restores_into(3, 3), "the same schema always");
    assert!(restores_into(SINCE, SINCE + 3), "an older schema with the same tables");
    assert!(restores_into(SINCE + 2, SINCE + 3));
    assert!(!restores_into(SINCE + 3, SINCE + 2), "never a newer one");
    assert!(!restores_into(SINCE - 1, SINCE + 3), "not before the tables last changed");
    assert!(!restores_into(2, 3), "below the mark only the same schema");
    assert_eq!(oldest_restored(SINCE + 3), Some(SINCE));
    assert_eq!(oldest_restored(SINCE), None);
}
