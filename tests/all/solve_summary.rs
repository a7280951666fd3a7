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
