use super::*;
use std::collections::BTreeMap;

fn col(name: &str, affinity: Affinity, not_null: bool) -> ColumnSchema {
    ColumnSchema { name: name.into(), affinity, not_null }
}

fn sales() -> TableSchema {
    TableSchema {
        name: "sales".into(),
        columns: vec![
            col("id", Affinity::Integer, false),
            col("amount_minor", Affinity::Integer, true),
            col("note", Affinity::Text, true),
            col("due", Affinity::Text, false),
            col("score", Affinity::Real, false),
            col("raw", Affinity::Blob, false),
        ],
    }
}

/// Every row a reading hands over, with its line.
#[derive(Default)]
struct Rows(Vec<(String, u64, Vec<Cell>)>, String);

impl DumpSink for Rows {
    type Error = String;
    fn begin_table(&mut self, table: &TableSchema) -> Result<(), String> {
        self.1 = table.name.clone();
        Ok(())
    }
    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<(), String> {
        self.0.push((self.1.clone(), line, cells.to_vec()));
        Ok(())
    }
    fn end_table(&mut self) -> Result<(), String> {
        Ok(())
    }
}

fn read(text: &str) -> Result<Vec<(u64, Vec<Cell>)>, DumpError> {
    let mut rows = Rows::default();
    match read_csv_table(text.as_bytes(), &sales(), &mut rows) {
        Ok(()) => Ok(rows.0.into_iter().map(|(_, line, cells)| (line, cells)).collect()),
        Err(ReadError::File(e)) => Err(e),
        Err(ReadError::Sink(e)) => panic!("{e}"),
    }
}

#[test]
fn every_cell_written_reads_back_the_same() {
    let table = sales();
    let [id, money, note, due, score, raw] = &table.columns[..] else { panic!() };
    let cases: Vec<(&ColumnSchema, Cell)> = vec![
        (id, Cell::Integer(i64::MIN)),
        (id, Cell::Integer(i64::MAX)),
        (id, Cell::Null),
        (money, Cell::Integer(0)),
        (money, Cell::Integer(-1)),
        (money, Cell::Integer(-489_000)),
        (money, Cell::Integer(i64::MIN)),
        (money, Cell::Integer(i64::MAX)),
        (note, Cell::Text(String::new())),
        (note, Cell::Text("=1+1".into())),
        (note, Cell::Text("'=1+1".into())),
        (note, Cell::Text("''@x".into())),
        (note, Cell::Text("'quoted'".into())),
        (note, Cell::Text("-5 off, \"quoted\"\r\nsecond line".into())),
        (note, Cell::Text("\tindented".into())),
        (due, Cell::Null),
        (due, Cell::Text("2026-11-27".into())),
        (score, Cell::Real(0.1 + 0.2)),
        (score, Cell::Real(5e-324)),
        (score, Cell::Real(1.7e308)),
        (score, Cell::Real(-0.0)),
        (score, Cell::Real(3.0)),
        (score, Cell::Null),
        (raw, Cell::Blob(vec![0, 255, 16])),
        (raw, Cell::Null),
    ];
    for (column, cell) in cases {
        let text = to_csv_cell(&cell, column);
        let back = from_csv_cell(&text, column).unwrap_or_else(|e| panic!("{}: {text:?}: {e}", column.name));
        match (&cell, &back) {
            (Cell::Real(a), Cell::Real(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text}"),
            _ => assert_eq!(back, cell, "{}: {text:?}", column.name),
        }
    }
    assert_eq!(to_csv_cell(&Cell::Integer(-489_000), money), "-4890.00");
    assert_eq!(to_csv_cell(&Cell::Text("'=1".into()), note), "''=1");
    assert_eq!(csv_header(money), "amount");
    assert_eq!(csv_header(note), "note");
}

#[test]
fn values_that_do_not_fit_are_refused_with_what_belongs() {
    let table = sales();
    let [id, money, _, _, score, raw] = &table.columns[..] else { panic!() };
    for (column, text, wanted) in [
        (id, "1.5", "'1.5' where a whole number belongs"),
        (id, "abc", "'abc' where a whole number belongs"),
        (id, "99999999999999999999", "where a whole number belongs"),
        (money, "", "an empty cell where an amount such as 12.34 belongs"),
        (money, "12.345", "'12.345' where an amount"),
        (money, "12.", "'12.' where an amount"),
        (money, "$12", "'$12' where an amount"),
        (money, "92233720368547758.08", "where an amount"),
        (score, "NaN", "'NaN' where a number belongs"),
        (score, "x", "'x' where a number belongs"),
        (raw, "abc", "'abc' where hex bytes belong"),
        (raw, "+f", "'+f' where hex bytes belong"),
    ] {
        let err = from_csv_cell(text, column).unwrap_err();
        assert!(err.contains(wanted), "{text:?}: {err}");
    }
    assert_eq!(from_csv_cell("12", money), Ok(Cell::Integer(1200)));
    assert_eq!(from_csv_cell("12.3", money), Ok(Cell::Integer(1230)));
    assert_eq!(from_csv_cell("-92233720368547758.08", money), Ok(Cell::Integer(i64::MIN)));
}

#[test]
fn a_file_reads_in_any_column_order_with_each_rows_own_line() {
    // CRLF, a quoted cell over two lines, a blank line, columns in another order.
    let text = "note,id,amount,due,score,raw\r\nplain,1,12.00,,,\r\n\"two\r\nlines\",2,-0.50,2026-01-02,1.5,00ff\r\n\r\n'=x,3,0.00,,,\r\n";
    let rows = read(text).unwrap();
    let lines: Vec<u64> = rows.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, vec![2, 3, 6]);
    assert_eq!(
        rows[1].1,
        vec![
            Cell::Integer(2),
            Cell::Integer(-50),
            Cell::Text("two\r\nlines".into()),
            Cell::Text("2026-01-02".into()),
            Cell::Real(1.5),
            Cell::Blob(vec![0, 255]),
        ]
    );
    assert_eq!(rows[2].1[2], Cell::Text("=x".into()));
    assert_eq!(rows[0].1[3], Cell::Null, "an empty cell where null is allowed");
    // LF only, and a BOM an editor added.
    let rows = read("\u{feff}id,amount,note,due,score,raw\n1,1.00,,,,\n\n\n2,2.00,b,,,\n").unwrap();
    assert_eq!(rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(), vec![2, 5]);
    assert_eq!(rows[0].1[2], Cell::Text(String::new()), "NOT NULL text: empty text");
}

#[test]
fn refusals_name_the_line_and_the_column() {
    let header = "id,amount,note,due,score,raw\r\n";
    let good = "1,1.00,a,,,\r\n";
    let cases: Vec<(String, usize, usize, &str)> = vec![
        (String::new(), 1, 0, "sales: the file is empty"),
        ("id,amount,note,due,score\r\n".into(), 1, 0, "sales: column 'raw' is missing"),
        (
            "id,amount_minor,note,due,score,raw\r\n".into(),
            1,
            2,
            "unknown column 'amount_minor'; the header is id,amount,",
        ),
        ("id,amount,note,due,score,raw,id\r\n".into(), 1, 7, "column 'id' appears twice"),
        (format!("{header}{good}{good}\"x\r\ny\",1.00,a,,,\r\n"), 4, 1, "sales.id: 'x"),
        (format!("{header}{good}{good}{good}4,1.00,a,,,zz\r\n"), 5, 6, "sales.raw: 'zz' where hex bytes belong"),
        (format!("{header}{good}2,1.00,a\r\n"), 3, 0, "sales: the row has 3 cells; the table has 6 columns"),
        (format!("{header}{good}1,,a,,,\r\n"), 3, 2, "sales.amount: an empty cell"),
    ];
    for (text, line, column, wanted) in cases {
        let err = read(&text).unwrap_err();
        assert_eq!((err.line, err.column), (line, column), "{wanted}: {err}");
        assert!(err.message.contains(wanted), "{wanted}: {err}");
        assert_eq!(err.table.as_deref(), Some("sales"));
    }
    let mut bytes = format!("{header}{good}").into_bytes();
    bytes.extend(b"2,1.00,\xff,,,\r\n");
    let mut rows = Rows::default();
    let Err(ReadError::File(err)) = read_csv_table(&bytes[..], &sales(), &mut rows) else { panic!() };
    assert_eq!((err.line, err.column), (3, 3), "{err}");
    assert!(err.message.contains("not UTF-8"), "{err}");
}

#[test]
fn a_folder_is_every_table_of_the_schema_read_again_on_each_call() {
    let other = TableSchema { name: "notes".into(), columns: vec![col("id", Affinity::Integer, false)] };
    let tables = vec![other, sales()];
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    files.insert("notes".into(), "id\r\n7\r\n".into());
    files.insert("sales".into(), "id,amount,note,due,score,raw\r\n1,1.00,a,,,\r\n".into());
    let open = |name: &str| {
        let text = files.get(name).cloned();
        text.map(std::io::Cursor::new).ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    };
    let mut folder = CsvFolder(open);
    for _ in 0..2 {
        let mut rows = Rows::default();
        folder.read_into(&tables, 3, &mut rows).unwrap();
        let seen: Vec<(&str, u64)> = rows.0.iter().map(|(t, line, _)| (t.as_str(), *line)).collect();
        assert_eq!(seen, vec![("notes", 2), ("sales", 2)]);
    }
    let mut tables = tables;
    tables.push(TableSchema { name: "zebra".into(), columns: vec![col("id", Affinity::Integer, false)] });
    let Err(ReadError::File(err)) = folder.read_into(&tables, 3, &mut Rows::default()) else { panic!() };
    assert_eq!(err.table.as_deref(), Some("zebra"));
    assert_eq!(err.line, 0);
    assert!(err.message.contains("there is no such file"), "{err}");
}
