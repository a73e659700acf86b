//! The conventions of a command-line tool: shell completions, a manual page, JSON on
//! stdout for scripts, the exit codes in --help, and --lang ja.

use crate::support::{read_csv, regsim};

fn stdout(args: &[&str]) -> String {
    let out = regsim().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    let bash = stdout(&["completions", "bash"]);
    assert!(
        bash.contains("complete -F _regsim") && bash.contains("sweep"),
        "{bash}"
    );
    for shell in ["zsh", "fish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(
            script.contains("regsim") && script.contains("lang"),
            "{shell}"
        );
    }
    regsim().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let page = stdout(&["man"]);
    assert!(
        page.contains(".TH regsim 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for command in ["run", "compare", "sweep", "completions"] {
        assert!(page.contains(command), "{command}");
    }
}

#[test]
fn help_lists_the_exit_codes() {
    let help = stdout(&["--help"]);
    assert!(
        help.contains("Exit codes: 0 success; 1 failure") && help.contains("2 bad input"),
        "{help}"
    );
}

#[test]
fn run_json_is_the_summary_and_parses() {
    let out = tempfile::tempdir().unwrap();
    let text = stdout(&[
        "run",
        "scenarios/japan/pmd-act-2022.toml",
        "-n",
        "500",
        "--json",
        "--format",
        "png",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    let doc: serde_json::Value = serde_json::from_str(text.trim()).expect("one JSON document");
    let rows = doc["summary"].as_array().expect("summary rows");
    let (header, csv) = read_csv(&out.path().join("summary.csv"));
    assert_eq!(rows.len(), csv.len());
    let p80 = header.iter().position(|h| h == "p80").unwrap();
    for (row, rec) in rows.iter().zip(&csv) {
        assert_eq!(row["pathway"], rec[3]);
        assert_eq!(
            row["p80"].as_f64().unwrap(),
            rec[p80].parse::<f64>().unwrap()
        );
    }
}

#[test]
fn sweep_json_parses() {
    let out = tempfile::tempdir().unwrap();
    let text = stdout(&[
        "sweep",
        "scenarios/japan/pmd-act-2022.toml",
        "--set",
        "normal.team-review.duration=*0.8,1.2",
        "-n",
        "300",
        "--json",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    let doc: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let rows = doc["sweep"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["value"] == "*0.8"), "{doc}");
    assert!(rows.iter().all(|r| r["p50"].is_number()));
}

#[test]
fn japanese_output_uses_the_japanese_titles_and_dates() {
    let out = tempfile::tempdir().unwrap();
    let text = stdout(&[
        "run",
        "scenarios/japan/pmd-act-2022.toml",
        "-n",
        "300",
        "--lang",
        "ja",
        "--format",
        "csv,html",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert!(text.starts_with("日本・2022年改正薬機法"), "{text}");
    assert!(
        text.contains("総審査期間") && text.contains("目標"),
        "{text}"
    );
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"ja\">") && html.contains("2024年4月1日"));
    assert!(html.contains("通常承認（通常審査）"));
    // CSV headers stay English; the title column has the Japanese titles.
    let (header, rows) = read_csv(&out.path().join("stages.csv"));
    assert_eq!(header[4], "stage");
    let title = header.iter().position(|h| h == "title").unwrap();
    assert!(rows.iter().any(|r| r[title] == "信頼性調査・GCP/GMP調査"));
    let date = stdout(&[
        "date",
        "scenarios/japan/pmd-act-2022.toml",
        "--pathway",
        "normal",
        "--lang",
        "ja",
    ]);
    assert!(date.contains("申請日 2024年4月1日（月）"), "{date}");
}

#[test]
fn a_bad_language_or_japanese_title_is_bad_input() {
    let out = regsim()
        .args(["explain", "tests/data/good/tiny.toml", "--lang", "fr"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid value 'fr'") && stderr.contains("ja"),
        "{stderr}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.toml");
    let text =
        std::fs::read_to_string(crate::support::repo_root().join("tests/data/good/tiny.toml"))
            .unwrap()
            .replacen("[[pathway]]\n", "[[pathway]]\ntitle_ja = 3\n", 1);
    assert!(text.contains("title_ja = 3"), "tiny.toml has a [[pathway]]");
    std::fs::write(&file, text).unwrap();
    let out = regsim()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("t.toml:") && stderr.contains("string"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
