//! `content check` on small question banks written to temporary folders: a valid bank, then
//! the same bank with one thing wrong per test.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::{Problem, Report, check};

/// A question bank in a temporary folder, built valid and then broken on purpose.
struct TestBank {
    _dir: TempDir,
    root: PathBuf,
}

fn module_toml(id: &str, prerequisites: &[&str]) -> String {
    let prerequisites: Vec<String> = prerequisites.iter().map(|p| format!("\"{p}\"")).collect();
    format!(
        r#"id = "{id}"
title = "Học phần {id}"
audience = ["thpt"]
grades = [10, 12]
core = true
prerequisites = [{}]

[[lessons]]
file = "lessons/01-mo-dau.md"
required = true

[assessment]
time_limit_minutes = 10
pass_percent = 70
max_attempts = 3

[[assessment.draw]]
tags = ["vneid"]
difficulty = "easy"
count = 1
"#,
        prerequisites.join(", ")
    )
}

fn lesson(id: &str, language: &str) -> String {
    format!("---\nid: {id}\ntitle: Mở đầu\nminutes: 5\nlanguage: {language}\n---\n\nNội dung.\n")
}

fn question(id: &str, tags: &str) -> String {
    format!(
        "// [id:{id}] {tags}\n// source: Nghị định 69/2024/NĐ-CP ngày 25/6/2024, Điều 7\n\
         ::{id}::Công dân từ bao nhiêu tuổi được cấp tài khoản mức 2?{{\n  =Từ 14 tuổi#Đúng.\n  \
         ~Từ 18 tuổi#Chưa đúng.\n}}\n"
    )
}

/// Four easy vneid questions: one more than three fresh attempts of one question need, so
/// breaking one question breaks nothing else.
fn questions(prefix: &str) -> String {
    (1..=4)
        .map(|n| question(&format!("{prefix}-00{n}"), "[tag:vneid] [tag:easy]"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl TestBank {
    /// A valid bank with one module, `thu-nghiem`.
    fn valid() -> TestBank {
        TestBank::with_modules(&[("thu-nghiem", &[])])
    }

    /// A valid bank with the given modules and their prerequisites.
    fn with_modules(modules: &[(&str, &[&str])]) -> TestBank {
        let dir = tempfile::tempdir().unwrap();
        let bank = TestBank {
            root: dir.path().join("question-bank"),
            _dir: dir,
        };
        for (id, prerequisites) in modules {
            bank.write(
                &format!("modules/{id}/module.toml"),
                &module_toml(id, prerequisites),
            );
            bank.write(
                &format!("modules/{id}/lessons/01-mo-dau.md"),
                &lesson(&format!("{id}-01"), "vi"),
            );
            bank.write(
                &format!("modules/{id}/questions/vneid.gift"),
                &questions(id),
            );
        }
        bank
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.path(relative)).unwrap();
        assert!(text.contains(from), "{relative} has no «{from}»");
        self.write(relative, &text.replacen(from, to, 1));
    }

    fn remove(&self, relative: &str) {
        fs::remove_file(self.path(relative)).unwrap();
    }

    fn report(&self) -> Report {
        check(&self.root)
    }

    /// The one problem the bank has, failing when there are more or none.
    fn only_problem(&self) -> Problem {
        let problems = self.report().problems;
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.into_iter().next().unwrap()
    }
}

fn assert_problem(problem: &Problem, file: &str, line: Option<usize>, message: &str) {
    assert!(
        Path::new(&problem.file).ends_with(file),
        "{problem} is not about {file}"
    );
    assert_eq!(problem.line, line, "{problem}");
    assert!(
        problem.message.contains(message),
        "«{}» does not say «{message}»",
        problem.message
    );
}

const MANIFEST: &str = "modules/thu-nghiem/module.toml";
const LESSON: &str = "modules/thu-nghiem/lessons/01-mo-dau.md";
const QUESTIONS: &str = "modules/thu-nghiem/questions/vneid.gift";

#[test]
fn a_valid_bank_has_no_problems_and_is_counted() {
    let report = TestBank::valid().report();
    assert!(report.ok, "{:#?}", report.problems);
    assert_eq!(report.modules.len(), 1);
    let module = &report.modules[0];
    assert_eq!(module.id, "thu-nghiem");
    assert_eq!((module.lessons, module.questions), (1, 4));
    assert_eq!(module.by_difficulty["easy"], 4);
    assert_eq!(module.by_difficulty["hard"], 0);
    assert_eq!(module.by_type["multichoice"], 4);
    assert_eq!(module.by_topic["vneid"], 4);
    assert_eq!(module.fresh_attempts, Some(4));
    assert_eq!((report.totals.lessons, report.totals.questions), (1, 4));
    assert_eq!((report.lessons, report.questions), (1, 4));
}

#[test]
fn a_missing_question_bank_folder_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let report = check(&dir.path().join("khong-co"));
    assert!(!report.ok);
    assert_problem(
        &report.problems[0],
        "khong-co",
        None,
        "Không tìm thấy thư mục ngân hàng nội dung",
    );
}

#[test]
fn a_missing_module_toml_is_reported() {
    let bank = TestBank::valid();
    bank.remove(MANIFEST);
    let problems = bank.report().problems;
    assert_problem(&problems[0], MANIFEST, None, "thiếu tệp module.toml");
}

#[test]
fn a_toml_syntax_error_in_module_toml_is_reported_on_its_line() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "core = true", "core = true true");
    assert_problem(&bank.only_problem(), MANIFEST, Some(5), "sai cú pháp TOML");
}

#[test]
fn an_unknown_field_in_module_toml_is_reported_in_vietnamese() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "core = true", "core = true\ntitel = \"x\"");
    assert_problem(
        &bank.only_problem(),
        MANIFEST,
        Some(6),
        "Trường «titel» không có trong định dạng module.toml",
    );
}

#[test]
fn an_unknown_audience_is_reported_on_its_line() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "[\"thpt\"]", "[\"thpt\", \"hoc_sinh\"]");
    assert_problem(
        &bank.only_problem(),
        MANIFEST,
        Some(3),
        "Đối tượng «hoc_sinh» không hợp lệ",
    );
}

#[test]
fn a_module_id_that_differs_from_its_folder_is_reported() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "id = \"thu-nghiem\"", "id = \"thu-nghiem-2\"");
    assert_problem(
        &bank.only_problem(),
        MANIFEST,
        Some(1),
        "phải trùng tên thư mục «thu-nghiem»",
    );
}

#[test]
fn a_pass_mark_above_100_is_reported() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "pass_percent = 70", "pass_percent = 170");
    assert_problem(
        &bank.only_problem(),
        MANIFEST,
        Some(14),
        "phải từ 0 đến 100",
    );
}

#[test]
fn a_manifest_with_errors_still_has_its_lessons_checked() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "pass_percent = 70", "pass_percent = -5");
    bank.remove(LESSON);
    let problems = bank.report().problems;
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_problem(
        &problems[0],
        MANIFEST,
        Some(9),
        "Không tìm thấy tệp bài học",
    );
    assert_problem(&problems[1], MANIFEST, Some(14), "phải từ 0 đến 100");
}

#[test]
fn a_lesson_file_named_in_the_manifest_but_missing_is_reported_on_the_manifest_line() {
    let bank = TestBank::valid();
    bank.remove(LESSON);
    assert_problem(
        &bank.only_problem(),
        MANIFEST,
        Some(9),
        "Không tìm thấy tệp bài học «lessons/01-mo-dau.md»",
    );
}

#[test]
fn a_lesson_without_front_matter_is_reported() {
    let bank = TestBank::valid();
    bank.write(LESSON, "# Mở đầu\n\nNội dung.\n");
    assert_problem(&bank.only_problem(), LESSON, Some(1), "front matter");
}

#[test]
fn a_lesson_front_matter_missing_a_key_is_reported() {
    let bank = TestBank::valid();
    bank.edit(LESSON, "minutes: 5\n", "");
    assert_problem(
        &bank.only_problem(),
        LESSON,
        Some(1),
        "thiếu khóa «minutes»",
    );
}

#[test]
fn a_lesson_with_invalid_minutes_is_reported_on_that_line() {
    let bank = TestBank::valid();
    bank.edit(LESSON, "minutes: 5", "minutes: năm");
    assert_problem(&bank.only_problem(), LESSON, Some(4), "minutes: «năm»");
}

#[test]
fn a_lesson_not_written_in_vietnamese_is_reported() {
    let bank = TestBank::valid();
    bank.edit(LESSON, "language: vi", "language: en");
    assert_problem(&bank.only_problem(), LESSON, Some(1), "language: vi");
}

#[test]
fn a_lesson_not_listed_in_the_manifest_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/lessons/02-quen.md",
        &lesson("thu-nghiem-02", "vi"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/lessons/02-quen.md",
        None,
        "chưa được ghi trong module.toml",
    );
}

#[test]
fn a_missing_image_is_reported_on_the_line_that_shows_it() {
    let bank = TestBank::valid();
    bank.edit(
        LESSON,
        "Nội dung.",
        "Nội dung.\n\n![Bước 1](images/buoc-1.png)\n\n![Bước 2](images/buoc-2.png)",
    );
    bank.write("modules/thu-nghiem/lessons/images/buoc-1.png", "png");
    assert_problem(
        &bank.only_problem(),
        LESSON,
        Some(12),
        "Không tìm thấy hình «images/buoc-2.png»",
    );
}

#[test]
fn a_link_to_a_missing_local_file_is_reported() {
    let bank = TestBank::valid();
    bank.edit(
        LESSON,
        "Nội dung.",
        "Xem [Cổng](dichvucong.gov.vn) và [Cổng](https://dichvucong.gov.vn/).",
    );
    assert_problem(&bank.only_problem(), LESSON, Some(8), "ghi đầy đủ https://");
}

#[test]
fn translations_beside_a_lesson_are_read() {
    let bank = TestBank::valid();
    let km =
        lesson("thu-nghiem-01", "km").replace("---\n\n", "review: native-review-needed\n---\n\n");
    bank.write("modules/thu-nghiem/lessons/01-mo-dau.km.md", &km);
    let report = bank.report();
    assert!(report.ok, "{:#?}", report.problems);
    assert_eq!(report.modules[0].translations["km"], 1);
    assert_eq!(report.modules[0].lessons, 1);
}

#[test]
fn a_translation_whose_id_differs_from_its_lesson_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/lessons/01-mo-dau.km.md",
        &lesson("thu-nghiem-09", "km"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/lessons/01-mo-dau.km.md",
        Some(2),
        "cùng mã với bài gốc «thu-nghiem-01»",
    );
}

#[test]
fn a_translation_in_the_wrong_language_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/lessons/01-mo-dau.en.md",
        &lesson("thu-nghiem-01", "km"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/lessons/01-mo-dau.en.md",
        Some(1),
        "phải ghi language: en",
    );
}

#[test]
fn a_translation_without_its_lesson_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/lessons/02-khac.km.md",
        &lesson("thu-nghiem-02", "km"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/lessons/02-khac.km.md",
        None,
        "không có bài gốc «02-khac.md»",
    );
}

#[test]
fn lesson_ids_must_be_unique_across_the_whole_bank() {
    let bank = TestBank::with_modules(&[("mot", &[]), ("hai", &[])]);
    bank.edit(
        "modules/mot/lessons/01-mo-dau.md",
        "id: mot-01",
        "id: hai-01",
    );
    assert_problem(
        &bank.only_problem(),
        "modules/mot/lessons/01-mo-dau.md",
        Some(2),
        "Mã bài «hai-01» đã dùng",
    );
}

#[test]
fn question_ids_must_be_unique_across_the_whole_bank() {
    let bank = TestBank::with_modules(&[("mot", &[]), ("hai", &[])]);
    bank.write(
        "modules/mot/questions/them.gift",
        &question("hai-002", "[tag:vneid] [tag:medium]"),
    );
    let problem = bank.only_problem();
    assert_problem(
        &problem,
        "modules/mot/questions/them.gift",
        Some(1),
        "Mã câu hỏi «hai-002» đã dùng ở",
    );
    assert!(
        problem
            .message
            .contains("modules/hai/questions/vneid.gift, dòng 8")
    );
}

#[test]
fn a_question_without_an_id_is_reported_on_its_line() {
    let bank = TestBank::valid();
    bank.edit(QUESTIONS, "// [id:thu-nghiem-002] ", "// ");
    bank.edit(QUESTIONS, "::thu-nghiem-002::", "");
    assert_problem(&bank.only_problem(), QUESTIONS, Some(8), "chưa có mã");
}

#[test]
fn a_question_without_a_source_is_reported() {
    let bank = TestBank::valid();
    let text = fs::read_to_string(bank.path(QUESTIONS)).unwrap();
    let without_last_source = text.rsplitn(2, "// source:").collect::<Vec<_>>();
    bank.write(
        QUESTIONS,
        &format!(
            "{}// nguồn:{}",
            without_last_source[1], without_last_source[0]
        ),
    );
    assert_problem(&bank.only_problem(), QUESTIONS, Some(22), "// source:");
}

#[test]
fn a_question_without_a_difficulty_tag_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/questions/them.gift",
        &question("thu-nghiem-004", "[tag:vneid]"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/questions/them.gift",
        Some(1),
        "chưa có thẻ mức độ",
    );
}

#[test]
fn a_question_with_two_difficulty_tags_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/questions/them.gift",
        &question("thu-nghiem-004", "[tag:vneid] [tag:easy] [tag:hard]"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/questions/them.gift",
        Some(1),
        "có 2 thẻ mức độ",
    );
}

#[test]
fn a_question_without_a_topic_tag_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/questions/them.gift",
        &question("thu-nghiem-004", "[tag:easy]"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/questions/them.gift",
        Some(1),
        "chưa có thẻ chủ đề",
    );
}

#[test]
fn a_tag_outside_the_readme_table_is_reported() {
    let bank = TestBank::valid();
    bank.write(
        "modules/thu-nghiem/questions/them.gift",
        &question("thu-nghiem-004", "[tag:vneid] [tag:easy] [tag:vneid-muc-2]"),
    );
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/questions/them.gift",
        Some(1),
        "Thẻ [tag:vneid-muc-2] không có trong bảng thẻ",
    );
}

#[test]
fn a_question_name_differing_from_its_id_is_reported() {
    let bank = TestBank::valid();
    bank.edit(QUESTIONS, "::thu-nghiem-003::", "::cau-3::");
    assert_problem(
        &bank.only_problem(),
        QUESTIONS,
        Some(15),
        "Tên câu ::cau-3:: phải trùng mã",
    );
}

#[test]
fn a_gift_syntax_error_is_reported_on_its_line_in_the_file() {
    let bank = TestBank::valid();
    bank.edit(
        QUESTIONS,
        "~Từ 18 tuổi#Chưa đúng.\n}\n\n// [id:thu-nghiem-003]",
        "~Từ 18 tuổi#Chưa đúng.\n\n// [id:thu-nghiem-003]",
    );
    let problem = bank.only_problem();
    assert_problem(&problem, QUESTIONS, Some(10), "Thiếu dấu đóng ngoặc '}'");
}

#[test]
fn a_file_that_is_not_gift_in_the_questions_folder_is_reported() {
    let bank = TestBank::valid();
    bank.write("modules/thu-nghiem/questions/them.txt", "");
    assert_problem(
        &bank.only_problem(),
        "modules/thu-nghiem/questions/them.txt",
        None,
        "chỉ chứa tệp câu hỏi .gift",
    );
}

#[test]
fn a_prerequisite_naming_an_unknown_module_is_reported() {
    let bank = TestBank::with_modules(&[("mot", &["khong-co"])]);
    assert_problem(
        &bank.only_problem(),
        "modules/mot/module.toml",
        Some(6),
        "Điều kiện tiên quyết «khong-co» không phải học phần nào",
    );
}

#[test]
fn prerequisites_forming_a_cycle_are_reported_once() {
    let bank =
        TestBank::with_modules(&[("a", &["c"]), ("b", &["a"]), ("c", &["b"]), ("d", &["a"])]);
    assert_problem(
        &bank.only_problem(),
        "modules/a/module.toml",
        Some(6),
        "vòng lặp a → c → b → a",
    );
}

#[test]
fn an_assessment_rule_without_enough_questions_for_three_attempts_is_reported() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "count = 1", "count = 2");
    assert_problem(
        &bank.only_problem(),
        MANIFEST,
        Some(20),
        "cần ít nhất 6 câu khớp (đủ 3 lượt làm bài không lặp câu), nhưng học phần chỉ có 4 câu",
    );
}

#[test]
fn draw_rules_sharing_questions_are_reported_when_together_they_fall_short() {
    let bank = TestBank::valid();
    // Each rule alone has its four questions, but they are the same four.
    bank.write(
        MANIFEST,
        &format!(
            "{}\n[[assessment.draw]]\ntags = [\"vneid\"]\ncount = 1\n",
            module_toml("thu-nghiem", &[])
        ),
    );
    let report = bank.report();
    assert_eq!(report.modules[0].fresh_attempts, Some(2));
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert_problem(
        &report.problems[0],
        MANIFEST,
        Some(12),
        "chỉ đủ cho 2 lượt làm bài không lặp câu",
    );
}

#[test]
fn the_text_report_lists_the_problems_then_the_counts() {
    let bank = TestBank::valid();
    bank.edit(MANIFEST, "pass_percent = 70", "pass_percent = 170");
    let text = bank.report().to_text("question-bank");
    assert!(
        text.starts_with("Ngân hàng nội dung question-bank: 1 lỗi cần sửa."),
        "{text}"
    );
    assert!(text.contains("module.toml, dòng 14: Điểm đạt"), "{text}");
    assert!(
        text.contains(
            "- thu-nghiem: 1 bài, 4 câu hỏi — dễ 4, vừa 0, khó 0; theo loại: multichoice 4."
        ),
        "{text}"
    );
    assert!(
        text.contains("Tổng cộng: 1 học phần, 1 bài, 4 câu hỏi"),
        "{text}"
    );
    assert!(text.ends_with("Kết quả: chưa đạt, 1 lỗi.\n"), "{text}");
}

#[test]
fn the_optional_quiz_options_are_accepted_when_right() {
    let bank = TestBank::valid();
    bank.edit(
        MANIFEST,
        "max_attempts = 3\n",
        "max_attempts = 3\nopens_at = \"2026-12-01T01:00:00Z\"\ncloses_at = \"2026-12-08T01:00:00Z\"\n\
         overdue = \"graceperiod\"\ngrace_period_minutes = 5\ndelay_minutes = 30\ngrading = \"last\"\n\
         review = { during = [], immediately_after = [\"marks\", \"right_answer\", \"feedback\"], after_close = [\"marks\"] }\n",
    );
    let report = bank.report();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
}

#[test]
fn wrong_quiz_options_are_reported_in_vietnamese_on_their_line() {
    let bank = TestBank::valid();
    bank.edit(
        MANIFEST,
        "max_attempts = 3\n",
        "max_attempts = 3\noverdue = \"nop-luon\"\ngrading = \"best\"\ncloses_at = \"mai\"\n\
         review = { during = [\"marks\"], later_while_open = [\"score\"] }\n",
    );
    let report = bank.report();
    let messages: Vec<String> = report.problems.iter().map(|p| format!("{p}")).collect();
    assert_eq!(report.problems.len(), 5, "{messages:#?}");
    let closes = report
        .problems
        .iter()
        .find(|p| p.message.contains("closes_at"))
        .expect("closes_at reported");
    assert_problem(
        closes,
        MANIFEST,
        Some(18),
        "closes_at phải là thời điểm theo giờ UTC",
    );
    assert!(
        messages.iter().any(|m| m.contains("overdue chỉ nhận")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("grading chỉ nhận")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("review.during phải để trống")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Mục xem lại \"score\" không có")),
        "{messages:#?}"
    );
}
