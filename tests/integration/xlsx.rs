//! `--format xlsx`: summary.xlsx read back with a reader library (calamine), its sheets
//! and numbers checked against the CSV files of the same run.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::support::{read_csv, run_into_tempdir};

/// Every cell of a sheet, as calamine reads it.
fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(<[Data]>::to_vec).collect()
}

/// Each cell of `csv_rows` equals the workbook's: numbers as numbers (equal to the CSV's
/// rounding), text as text, empty as empty.
fn assert_same_table(name: &str, csv: (Vec<String>, Vec<Vec<String>>), cells: &[Vec<Data>]) {
    let (header, rows) = csv;
    let got: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(got, header, "{name}: header row");
    assert_eq!(cells.len(), rows.len() + 1, "{name}: one row per CSV row");
    let mut numbers = 0;
    for (r, (row, cells)) in rows.iter().zip(&cells[1..]).enumerate() {
        for (c, (raw, cell)) in row.iter().zip(cells).enumerate() {
            let at = format!("{name} row {} column {}", r + 2, header[c]);
            match cell {
                Data::Float(x) => {
                    numbers += 1;
                    let expected: f64 = raw.parse().unwrap_or_else(|_| panic!("{at}: {raw}"));
                    assert_eq!(*x, expected, "{at}");
                }
                Data::Int(x) => {
                    numbers += 1;
                    assert_eq!(*x as f64, raw.parse::<f64>().unwrap(), "{at}");
                }
                Data::String(s) => assert_eq!(s, raw, "{at}"),
                Data::Empty => assert_eq!(raw, "", "{at}"),
                Data::DateTime(d) => {
                    // Excel's serial date: days since 1899-12-30.
                    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                    let date = epoch + chrono::Days::new(d.as_f64() as u64);
                    assert_eq!(date.to_string(), *raw, "{at}");
                }
                other => panic!("{at}: unexpected {other:?}"),
            }
        }
    }
    assert!(numbers > 0, "{name}: no numbers");
}

#[test]
fn summary_xlsx_holds_the_csv_tables_as_numbers_with_the_manifest() {
    let out = run_into_tempdir(
        "scenarios/japan/pmd-act-2022.toml",
        &["-n", "2000", "--format", "xlsx", "--sensitivity"],
    );
    let path = out.path().join("summary.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("summary.xlsx opens");
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "summary",
            "stages",
            "follow-up",
            "fiscal years",
            "sensitivity",
            "manifest"
        ]
    );
    for (file, name) in [
        ("summary.csv", "summary"),
        ("stages.csv", "stages"),
        ("follow_up.csv", "follow-up"),
        ("fiscal_years.csv", "fiscal years"),
        ("sensitivity.csv", "sensitivity"),
    ] {
        let cells = sheet(&mut book, name);
        assert_same_table(name, read_csv(&out.path().join(file)), &cells);
    }
    // P80 of normal review days, by name: the number a briefing quotes.
    let (header, rows) = read_csv(&out.path().join("summary.csv"));
    let p80 = header.iter().position(|h| h == "p80").unwrap();
    let cells = sheet(&mut book, "summary");
    let normal = rows
        .iter()
        .position(|r| r[3] == "normal" && r[4] == "review_days")
        .unwrap();
    assert_eq!(
        cells[normal + 1][p80],
        Data::Float(rows[normal][p80].parse().unwrap())
    );
    let manifest = sheet(&mut book, "manifest");
    let seed = manifest
        .iter()
        .find(|r| r[0] == Data::String("seed".into()))
        .expect("the manifest's seed");
    assert_eq!(seed[1], Data::Float(20221122.0));
    assert!(
        manifest
            .iter()
            .any(|r| r[1] == Data::String("summary.xlsx".into())),
        "the manifest lists the workbook"
    );
}

#[test]
fn fiscal_years_dates_are_dates() {
    let out = run_into_tempdir(
        "scenarios/japan/pmd-act-2022.toml",
        &["-n", "500", "--format", "xlsx"],
    );
    let mut book: Xlsx<_> = open_workbook(out.path().join("summary.xlsx")).unwrap();
    let cells = sheet(&mut book, "fiscal years");
    let first_day = cells[0]
        .iter()
        .position(|c| *c == Data::String("first_day".into()))
        .unwrap();
    assert!(
        matches!(cells[1][first_day], Data::DateTime(_)),
        "{:?}",
        cells[1][first_day]
    );
}

#[test]
fn compare_and_sweep_write_their_table_to_a_workbook() {
    for args in [
        vec!["compare", "scenarios/japan/pmd-act-2022.toml"],
        vec![
            "sweep",
            "scenarios/japan/pmd-act-2022.toml",
            "--set",
            "normal.team-review.duration=*0.8,1.2",
        ],
    ] {
        let out = tempfile::tempdir().unwrap();
        crate::support::regsim()
            .args(&args)
            .args(["-n", "500", "--quiet", "--format", "xlsx", "-o"])
            .arg(out.path())
            .assert()
            .success();
        let table = if args[0] == "compare" {
            "compare"
        } else {
            "sweep"
        };
        let mut book: Xlsx<_> = open_workbook(out.path().join("summary.xlsx")).unwrap();
        assert_eq!(book.sheet_names(), [table, "manifest"]);
        let cells = sheet(&mut book, table);
        let csv = read_csv(&out.path().join(format!("{table}.csv")));
        assert_same_table(table, csv, &cells);
    }
}
