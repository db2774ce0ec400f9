//! The shipped curriculum, checked through the real `hocdvc content check --json`: it has no
//! problem, and it holds what the curriculum issue (#5) asks for.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::path::PathBuf;
use std::process::Command;

use hocdvc_tests::binary;
use serde_json::Value;

/// The question bank shipped in this repository.
fn shipped_bank() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repository root")
        .join("question-bank")
}

/// Runs `hocdvc content check --json` on `dir`: (exit success, parsed JSON).
fn content_check(dir: &std::path::Path) -> (bool, Value) {
    let output = Command::new(binary())
        .args(["content", "check", "--json", "--dir"])
        .arg(dir)
        // No settings or database are needed: point them somewhere that does not exist.
        .env("HOCDVC_DATA_DIR", "/nonexistent/hocdvc-content-check")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .expect("hocdvc runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "content check --json printed no JSON ({err}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.success(), json)
}

fn module<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("the bank has no module {id}"))
}

fn count(value: &Value) -> u64 {
    value.as_u64().unwrap_or(0)
}

#[test]
fn the_shipped_question_bank_passes_content_check() {
    let (success, report) = content_check(&shipped_bank());
    let problems: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}:{}: {}", p["file"], p["line"], p["message"]))
        .collect();
    assert!(
        problems.is_empty(),
        "content check found problems:\n{}",
        problems.join("\n")
    );
    assert_eq!(report["ok"], true);
    assert!(success, "content check exits 0 when there is no problem");
}

#[test]
fn content_check_exits_1_and_names_the_file_and_line_of_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("modules/thu-nghiem");
    std::fs::create_dir_all(&module).unwrap();
    std::fs::write(
        module.join("module.toml"),
        "id = \"thu-nghiem\"\ntitle = 3\n",
    )
    .unwrap();

    let (success, report) = content_check(dir.path());
    assert!(!success);
    assert_eq!(report["ok"], false);
    let problem = &report["problems"][0];
    assert!(
        problem["file"]
            .as_str()
            .unwrap()
            .ends_with("modules/thu-nghiem/module.toml")
    );
    assert_eq!(problem["line"], 2);
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("Giá trị sai kiểu")
    );
}

/// Issue 5: at least the seven modules, ≥ 40 lessons and ≥ 400 questions, every module's
/// assessment drawable with fresh questions for at least 3 attempts, Khmer translations of
/// the THCS and THPT core lessons, and a contest bank across all topics and difficulties.
#[test]
fn the_shipped_question_bank_meets_the_curriculum_minimums() {
    let (_, report) = content_check(&shipped_bank());

    let seven = [
        ("thcs-core", "thcs"),
        ("thpt-core", "thpt"),
        ("dai-hoc-core", "dai_hoc"),
        ("gia-dinh", "gia_dinh"),
        ("can-bo-annual", "can_bo"),
        ("to-cnscd-annual", "to_cnscd"),
        ("contest-practice", "thpt"),
    ];
    for (id, audience) in seven {
        let m = module(&report, id);
        assert!(
            m["audience"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == audience),
            "{id} is for {audience}"
        );
        assert!(count(&m["lessons"]) >= 1, "{id} has lessons");
    }
    let dai_hoc = &module(&report, "dai-hoc-core")["audience"];
    for audience in ["nghe", "gdtx"] {
        assert!(dai_hoc.as_array().unwrap().iter().any(|a| a == audience));
    }

    assert!(count(&report["totals"]["lessons"]) >= 40, "≥ 40 lessons");
    assert!(
        count(&report["totals"]["questions"]) >= 400,
        "≥ 400 questions"
    );

    for m in report["modules"].as_array().unwrap() {
        assert!(
            count(&m["fresh_attempts"]) >= 3,
            "{}'s assessment draws fresh questions for 3 attempts (it has enough for {})",
            m["id"],
            m["fresh_attempts"]
        );
    }

    for id in ["thcs-core", "thpt-core"] {
        let m = module(&report, id);
        assert_eq!(
            m["translations"]["km"], m["lessons"],
            "every {id} lesson has a Khmer translation"
        );
    }

    let contest = module(&report, "contest-practice");
    for (topic, n) in contest["by_topic"].as_object().unwrap() {
        assert!(count(n) > 0, "the contest bank has {topic} questions");
    }
    for (difficulty, n) in contest["by_difficulty"].as_object().unwrap() {
        assert!(count(n) > 0, "the contest bank has {difficulty} questions");
    }
    let largest = report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| count(&m["questions"]))
        .max();
    assert_eq!(
        Some(count(&contest["questions"])),
        largest,
        "the contest practice bank is the large pool"
    );
}
