//! The question bank through the real `hocdvc` binary, on SQLite and on PostgreSQL:
//! `import-questions` reads Moodle's own test files with exactly the results Moodle reads from
//! them, `export-questions` round-trips, a bad file writes nothing, and `content load` is
//! idempotent and versions edited questions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: fail loudly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hocdvc::config::{Secret, Settings};
use hocdvc::db::{DbConnection, Location};
use hocdvc::models::{curriculum, question};
use hocdvc::services::question_import::{self, Format};
use hocdvc_tests::{Backend, TestDatabase, binary};
use serde_json::{Value, json};

/// Runs each test once per backend, as `<test>::on_sqlite` and `<test>::on_postgres`.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn on_sqlite() {
                super::$name(hocdvc_tests::Backend::Sqlite);
            }

            #[test]
            fn on_postgres() {
                super::$name(hocdvc_tests::Backend::Postgres);
            }
        }
    )*};
}

on_both!(
    moodle_gift_test_questions_import_as_moodle_reads_them,
    moodle_gift_documentation_examples_import_as_moodle_reads_them,
    moodle_xml_nested_categories_import_as_moodle_reads_them,
    import_then_export_then_import_gives_the_same_questions,
    a_file_with_an_error_writes_nothing_and_names_the_line,
    a_csv_file_with_vietnamese_headers_imports,
    content_load_twice_writes_nothing_the_second_time_and_an_edit_adds_version_2,
    content_load_refuses_a_bank_that_fails_content_check,
    serve_loads_the_bank_on_start_only_when_it_changed,
);

/// Moodle's own question-format test files (see their README).
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures/moodle")
        .join(name)
}

/// The question bank shipped in this repository.
fn shipped_bank() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../question-bank")
}

/// `hocdvc` on `database`, configured through the environment only.
fn hocdvc(database: &TestDatabase) -> Command {
    let mut command = Command::new(binary());
    command
        .env("HOCDVC_DATA_DIR", database.data_dir.path())
        .env("HOCDVC_LOG", "warn")
        .env_remove("HOCDVC_CONFIG")
        .env_remove("HOCDVC_DATABASE_URL");
    match database.database_url() {
        Some(url) => command.env("DATABASE_URL", url),
        None => command.env_remove("DATABASE_URL"),
    };
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("hocdvc runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn succeeded(output: &Output) -> &Output {
    assert!(
        output.status.success(),
        "hocdvc failed:\n{}\n{}",
        stdout(output),
        stderr(output)
    );
    output
}

/// `import-questions FILE --json [extra…]`, which must succeed: its JSON summary.
fn import_json(database: &TestDatabase, file: &Path, extra: &[&str]) -> Value {
    let output = run(hocdvc(database)
        .arg("import-questions")
        .arg(file)
        .arg("--json")
        .args(extra));
    serde_json::from_str(&stdout(succeeded(&output))).unwrap()
}

fn connect(database: &TestDatabase) -> DbConnection {
    let mut settings = Settings::for_data_dir(database.data_dir.path());
    settings.database_url = database.database_url().map(Secret::new);
    Location::from_settings(&settings)
        .unwrap()
        .connect()
        .unwrap()
}

/// (questions, question versions) stored.
fn stored_questions(database: &TestDatabase) -> (i64, i64) {
    question::counts(&mut connect(database)).unwrap()
}

fn category_paths(database: &TestDatabase) -> Vec<String> {
    question::all_categories(&mut connect(database))
        .unwrap()
        .into_iter()
        .map(|c| c.path)
        .collect()
}

fn by_type(counts: [u64; 7]) -> Value {
    let [
        multichoice,
        truefalse,
        shortanswer,
        numerical,
        matching,
        essay,
        description,
    ] = counts;
    json!({
        "multichoice": multichoice,
        "truefalse": truefalse,
        "shortanswer": shortanswer,
        "numerical": numerical,
        "match": matching,
        "essay": essay,
        "description": description,
    })
}

fn moodle_gift_test_questions_import_as_moodle_reads_them(backend: Backend) {
    let database = TestDatabase::create(backend);
    let summary = import_json(&database, &fixture("questions.gift.txt"), &[]);
    assert_eq!(
        summary,
        json!({
            "total": 9,
            "by_type": by_type([2, 3, 1, 1, 1, 1, 0]),
            "categories": ["Mặc định"],
        })
    );
    assert_eq!(stored_questions(&database), (9, 9));
}

fn moodle_gift_documentation_examples_import_as_moodle_reads_them(backend: Backend) {
    let database = TestDatabase::create(backend);
    let summary = import_json(
        &database,
        &fixture("examples.gift.txt"),
        &["--category", "Moodle/Ví dụ"],
    );
    assert_eq!(
        summary,
        json!({
            "total": 43,
            "by_type": by_type([18, 5, 9, 8, 3, 0, 0]),
            "categories": ["Moodle/Ví dụ"],
        })
    );
    assert_eq!(stored_questions(&database), (43, 43));
    assert_eq!(category_paths(&database), ["Moodle", "Moodle/Ví dụ"]);
}

fn moodle_xml_nested_categories_import_as_moodle_reads_them(backend: Backend) {
    let database = TestDatabase::create(backend);
    let summary = import_json(
        &database,
        &fixture("nested_categories_with_questions.xml"),
        &[],
    );
    assert_eq!(
        summary,
        json!({
            "total": 5,
            "by_type": by_type([0, 4, 0, 0, 0, 1, 0]),
            "categories": ["Iota", "Iota/Kappa", "Iota/Kappa/Lambda", "Iota/Mu"],
        })
    );
    assert_eq!(
        category_paths(&database),
        ["Iota", "Iota/Kappa", "Iota/Kappa/Lambda", "Iota/Mu"]
    );
    assert_eq!(stored_questions(&database), (5, 5));
}

/// The questions a file holds, as the importer reads them.
fn read_questions(file: &Path) -> Vec<hocdvc::question_formats::model::Question> {
    let bytes = std::fs::read(file).unwrap();
    let format = Format::detect(file, &bytes);
    question_import::parse(&bytes, "f", format)
        .unwrap()
        .questions
}

fn export(database: &TestDatabase, category: &str, format: &str, file: &Path) {
    succeeded(&run(hocdvc(database)
        .arg("export-questions")
        .args(["--category", category, "--format", format])
        .arg(file)));
}

fn import_then_export_then_import_gives_the_same_questions(backend: Backend) {
    let cases = [
        ("questions.gift.txt", "Mặc định", "gift"),
        ("examples.gift.txt", "Mặc định", "gift"),
        ("examples.gift.txt", "Mặc định", "xml"),
        ("nested_categories_with_questions.xml", "Iota", "xml"),
        ("nested_categories_with_questions.xml", "Iota", "gift"),
    ];
    for (name, category, format) in cases {
        let first = TestDatabase::create(backend);
        let original = fixture(name);
        let imported = import_json(&first, &original, &[]);
        let exported = first.data_dir.path().join(format!("export.{format}"));
        export(&first, category, format, &exported);

        // The exported file holds the imported questions, each in its category.
        let mut expected = read_questions(&original);
        for q in &mut expected {
            if q.category.is_empty() {
                q.category = vec![category.to_string()];
            }
        }
        assert_eq!(read_questions(&exported), expected, "{name} as {format}");

        // Importing it again changes nothing; into a fresh database, it gives the same bank.
        let again = run(hocdvc(&first).arg("import-questions").arg(&exported));
        assert!(
            stdout(succeeded(&again)).contains(&format!(
                "0 mới, 0 có phiên bản mới, {} không đổi",
                imported["total"]
            )),
            "{}",
            stdout(&again)
        );
        let second = TestDatabase::create(backend);
        assert_eq!(import_json(&second, &exported, &[]), imported);
        let exported_again = second.data_dir.path().join(format!("again.{format}"));
        export(&second, category, format, &exported_again);
        assert_eq!(
            std::fs::read_to_string(&exported_again).unwrap(),
            std::fs::read_to_string(&exported).unwrap(),
            "{name} as {format}"
        );
    }
}

fn a_file_with_an_error_writes_nothing_and_names_the_line(backend: Backend) {
    let database = TestDatabase::create(backend);
    let dir = database.data_dir.path();
    let good = dir.join("good.gift");
    std::fs::write(&good, "::q1::Câu 1?{=Đúng ~Sai}\n\n::q2::Câu 2?{T}\n").unwrap();
    import_json(&database, &good, &[]);
    assert_eq!(stored_questions(&database), (2, 2));

    // q1 edited and a new q3, but q4 lacks its closing brace (line 7): nothing is written.
    let bad = dir.join("bad.gift");
    std::fs::write(
        &bad,
        "::q1::Câu 1 đã sửa?{=Đúng ~Sai}\n\n::q3::Câu 3?{F}\n\n\n\n::q4::Câu 4?{=a ~b\n",
    )
    .unwrap();
    let output = run(hocdvc(&database).arg("import-questions").arg(&bad));
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("bad.gift, dòng 7: "),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("chưa ghi gì"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stored_questions(&database), (2, 2));

    // A CSV error names its line and column; the dry run of a good file writes nothing either.
    let csv = dir.join("cau-hoi.csv");
    std::fs::write(
        &csv,
        "Loại,Câu hỏi,Phương án,Đáp án đúng\nMột đáp án,Câu 5?,A | B,A\nMột đáp án,Câu 6?,A | B,E\n",
    )
    .unwrap();
    let output = run(hocdvc(&database).arg("import-questions").arg(&csv));
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("dòng 3: cột Đáp án đúng: «E» không phải phương án nào"),
        "{}",
        stderr(&output)
    );
    let dry = import_json(&database, &good, &["--dry-run", "--category", "Khác"]);
    assert_eq!(dry["total"], 2);
    assert_eq!(stored_questions(&database), (2, 2));
    assert_eq!(category_paths(&database), ["Mặc định"]);
}

fn a_csv_file_with_vietnamese_headers_imports(backend: Backend) {
    let database = TestDatabase::create(backend);
    let csv = database.data_dir.path().join("ngan-hang.csv");
    let text = "Loai;Cau hoi;Phuong an;Dap an dung;Phan hoi;The;Nguon\n\
                Một đáp án;Ứng dụng định danh điện tử là gì?;VNeID | Zalo | Facebook;A;VNeID của Bộ Công an.;vneid, easy;Nghị định 69/2024/NĐ-CP\n\
                Nhiều đáp án;Chọn hai;a | b | c | d;A, C;;;\n\
                Đúng/Sai;Mật khẩu có thể cho bạn bè biết?;;Sai;;an-toan;\n\
                Số;Từ bao nhiêu tuổi có tài khoản mức 2?;;14;;;\n";
    std::fs::write(&csv, text).unwrap();
    let summary = import_json(&database, &csv, &["--category", "Bảng tính"]);
    assert_eq!(
        summary,
        json!({
            "total": 4,
            "by_type": by_type([2, 1, 0, 1, 0, 0, 0]),
            "categories": ["Bảng tính"],
        })
    );
    assert_eq!(stored_questions(&database), (4, 4));
}

/// A copy of the shipped question bank that a test may edit.
fn bank_copy(into: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let bank = into.join("question-bank");
    copy(&shipped_bank(), &bank);
    bank
}

/// The first `.gift` file of the bank and the id of its first question.
fn first_question(bank: &Path) -> (PathBuf, String) {
    let mut modules: Vec<PathBuf> = std::fs::read_dir(bank.join("modules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    modules.sort();
    let mut files: Vec<PathBuf> = std::fs::read_dir(modules[0].join("questions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let line = text.lines().find(|l| l.starts_with("::")).unwrap();
    let id = line[2..].split("::").next().unwrap().to_string();
    (files[0].clone(), id)
}

fn content_load(database: &TestDatabase, bank: &Path) -> Output {
    run(hocdvc(database)
        .args(["content", "load", "--dir"])
        .arg(bank))
}

fn content_load_twice_writes_nothing_the_second_time_and_an_edit_adds_version_2(backend: Backend) {
    let database = TestDatabase::create(backend);
    let bank = bank_copy(database.data_dir.path());

    let first = content_load(&database, &bank);
    assert!(
        stdout(succeeded(&first)).contains("Đã nạp"),
        "{}",
        stdout(&first)
    );
    let (questions, versions) = stored_questions(&database);
    assert!(questions > 100, "{questions} questions loaded");
    assert_eq!(versions, questions);
    let (modules, lessons) = curriculum::counts(&mut connect(&database)).unwrap();
    assert!(
        modules >= 4 && lessons >= 20,
        "{modules} modules, {lessons} lessons"
    );

    let second = content_load(&database, &bank);
    assert!(
        stdout(succeeded(&second)).contains("không ghi gì"),
        "{}",
        stdout(&second)
    );
    assert!(
        stdout(&second).contains(&format!(
            "Câu hỏi: 0 mới, 0 có phiên bản mới, {questions} không đổi"
        )),
        "{}",
        stdout(&second)
    );
    assert_eq!(stored_questions(&database), (questions, versions));

    // Edit one question's text: it gets version 2, version 1 stays as it was.
    let (file, id) = first_question(&bank);
    let text = std::fs::read_to_string(&file).unwrap();
    let marker = format!("::{id}::");
    let edited = text.replacen(&marker, &format!("{marker}(Đã sửa) "), 1);
    std::fs::write(&file, edited).unwrap();
    let third = content_load(&database, &bank);
    assert!(
        stdout(succeeded(&third)).contains("Câu hỏi: 0 mới, 1 có phiên bản mới"),
        "{}",
        stdout(&third)
    );
    assert_eq!(stored_questions(&database), (questions, versions + 1));
    let history = question::versions_by_key(&mut connect(&database), &id).unwrap();
    assert_eq!(
        history.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(
        !history[0].text.starts_with("(Đã sửa)"),
        "{}",
        history[0].text
    );
    assert!(
        history[1].text.starts_with("(Đã sửa) "),
        "{}",
        history[1].text
    );
    assert_ne!(history[0].content_hash, history[1].content_hash);
}

fn content_load_refuses_a_bank_that_fails_content_check(backend: Backend) {
    let database = TestDatabase::create(backend);
    let bank = bank_copy(database.data_dir.path());
    let (file, id) = first_question(&bank);
    let text = std::fs::read_to_string(&file).unwrap();
    // Drop the question's source line: content check refuses a question without one.
    let broken: String = text
        .lines()
        .filter(|l| !l.starts_with("// source:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, broken).unwrap();

    let output = content_load(&database, &bank);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("// source:"),
        "{} {id}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("chưa nạp gì"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stored_questions(&database), (0, 0));
    assert_eq!(curriculum::counts(&mut connect(&database)).unwrap(), (0, 0));
}

/// Starts `hocdvc serve` on the bank at `bank`, waits until it answers, then stops it.
fn serve_once(database: &TestDatabase, bank: &Path) {
    let port = hocdvc_tests::free_port();
    let mut child = hocdvc(database)
        .args(["serve", "--port", &port.to_string()])
        .env("HOCDVC_CONTENT_DIR", bank)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("hocdvc serve starts");
    let address = format!("127.0.0.1:{port}");
    let up = (0..400).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::net::TcpStream::connect(&address).is_ok()
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(up, "hocdvc serve did not listen on {address}");
}

fn serve_loads_the_bank_on_start_only_when_it_changed(backend: Backend) {
    let database = TestDatabase::create(backend);
    let bank = bank_copy(database.data_dir.path());
    serve_once(&database, &bank);
    let (questions, versions) = stored_questions(&database);
    assert!(questions > 100, "{questions} questions loaded on start");

    serve_once(&database, &bank);
    assert_eq!(stored_questions(&database), (questions, versions));

    let (file, id) = first_question(&bank);
    let text = std::fs::read_to_string(&file).unwrap();
    let marker = format!("::{id}::");
    std::fs::write(
        &file,
        text.replacen(&marker, &format!("{marker}(Đã sửa) "), 1),
    )
    .unwrap();
    serve_once(&database, &bank);
    assert_eq!(stored_questions(&database), (questions, versions + 1));
}
