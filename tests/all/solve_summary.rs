//! The solve summary names the drills left out, each with its reason, in
//! the planner's language: the first 20, then how many more.

use assert_cmd::Command;

fn drillplan() -> Command {
    Command::cargo_bin("drillplan").unwrap()
}

#[test]
fn the_drills_left_out_are_named_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("g.toml");
    // Eighty drills for three teams: most are left out.
    drillplan()
        .args([
            "generate", "--drills", "80", "--teams", "3", "--seed", "1", "-o",
        ])
        .arg(&city)
        .assert()
        .success();
    let solve = |lang: &str| {
        let out = drillplan()
            .arg("solve")
            .arg(&city)
            .args([
                "--work-limit",
                "500",
                "--threads",
                "1",
                "--quiet",
                "--lang",
                lang,
                "-o",
            ])
            .arg(dir.path().join(format!("{lang}.csv")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = solve("zh");
    let scheduled: usize = zh
        .lines()
        .find_map(|l| l.strip_prefix("已安排演练         "))
        .and_then(|s| s.split('/').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let left_out = 80 - scheduled;
    assert!(left_out > 20, "{zh}");
    let named: Vec<&str> = zh.lines().filter(|l| l.starts_with("  未安排 ")).collect();
    assert_eq!(named.len(), 20, "{zh}");
    assert!(named.iter().all(|l| l.contains('：')), "{zh}");
    // Pointed at the reasons in Chinese, not at the CSV's English column.
    assert!(
        zh.contains(&format!(
            "  另有 {} 项未安排；各项原因见工作簿（--xlsx）的「未安排演练」表，或运行 drillplan explain",
            left_out - 20
        )),
        "{zh}"
    );
    let en = solve("en");
    assert_eq!(
        en.lines().filter(|l| l.starts_with("  left out ")).count(),
        20,
        "{en}"
    );
    assert!(
        en.contains(&format!("  and {} more left out", left_out - 20)),
        "{en}"
    );
    // Which file opens where (Calc's import ignores the CSV's BOM).
    assert!(
        zh.contains("LibreOffice 导入时字符集请选「Unicode (UTF-8)」"),
        "{zh}"
    );
    assert!(en.contains("\"Unicode (UTF-8)\" when importing"), "{en}");
}

/// The numbers of a penalty written as `total = a × w + b × w ...`: the
/// total and the sum of its terms.
fn penalty_and_terms(line: &str) -> (f64, f64) {
    let (total, terms) = line
        .split_once(" = ")
        .unwrap_or_else(|| panic!("no terms in {line:?}"));
    let number = |s: &str| -> f64 {
        let digits: String = s
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("no number at the end of {s:?} in {line:?}"))
    };
    let sum = terms
        .split(" + ")
        .map(|term| {
            let (count, weight) = term
                .split_once(" × ")
                .unwrap_or_else(|| panic!("no weight in {term:?} of {line:?}"));
            let count = number(count.trim_end_matches(|c: char| !c.is_ascii_digit()));
            count * weight.trim().parse::<f64>().unwrap()
        })
        .sum();
    (number(total), sum)
}

/// A planner adds the penalty up from what the summary and `check` print:
/// each count times its weight. Before, the same-day pairs of a scenario
/// with a `spread` weight, and the weight of off-preference drills, were
/// not in the sum (Karamay's 8 043 read "travel 3 793, off-preference 0,
/// changed 0").
#[test]
fn the_penalty_is_printed_as_the_sum_it_is() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let scenario = corpus.join("c-over-city-400-coverage.toml");
    let witness = corpus.join("c-over-city-400-coverage.witness.csv");
    for (lang, word) in [("en", "penalty "), ("zh", "惩罚 ")] {
        let out = drillplan()
            .args(["check", "--lang", lang])
            .arg(&scenario)
            .arg(&witness)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text
            .lines()
            .find_map(|l| l.split_once(word).map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("{text}"));
        // The witness travels, drills off its preference and pairs drills.
        assert_eq!(line.matches(" × ").count(), 3, "{line}");
        let (total, sum) = penalty_and_terms(line);
        assert!((total - sum).abs() < 1e-6, "{line}");
    }
    let dir = tempfile::tempdir().unwrap();
    let karamay =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/karamay-2017.toml");
    for lang in ["en", "zh"] {
        let out = drillplan()
            .arg("solve")
            .arg(&karamay)
            .args([
                "--work-limit",
                "2000",
                "--threads",
                "1",
                "--quiet",
                "--lang",
                lang,
                "-o",
            ])
            .arg(dir.path().join(format!("{lang}.csv")))
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("penalty  ") || l.starts_with("惩罚  "))
            .unwrap_or_else(|| panic!("{text}"));
        let (_, rest) = line.split_once(char::is_whitespace).unwrap();
        let (total, sum) = penalty_and_terms(rest.trim_start());
        assert!((total - sum).abs() < 1e-6, "{line}");
        // Karamay weighs same-day pairs (spread 10).
        assert!(line.contains("× 10"), "{line}");
    }
    // The report's summary table has the pairs beside travel and
    // off-preference drills.
    let html = dir.path().join("report.html");
    drillplan()
        .arg("export")
        .arg(&karamay)
        .arg(dir.path().join("zh.csv"))
        .arg("--html")
        .arg(&html)
        .assert()
        .success();
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.contains("<th>同日演练对</th>"), "{html}");
}
