//! Item statistics: the figures a content author reads to find questions that do not work —
//! per question the facility index, standard deviation, discrimination index and
//! discriminative efficiency; per quiz the mean, median, standard deviation and Cronbach's
//! alpha. [`compute`] is pure arithmetic over graded attempts, so a module's assessment and a
//! contest round (or anything else that yields attempts) share it; [`first_attempts`] picks the
//! attempts Moodle counts; [`for_module`] loads a module's attempts of one school year and
//! shapes the answer; [`to_csv`] writes it for Excel.
//!
//! Every definition follows Moodle's quiz statistics report:
//! - which attempts: `mod/quiz/report/statistics/statisticslib.php`,
//!   `quiz_statistics_attempts_sql()` with `QUIZ_ATTEMPTFIRST` — per learner the finished
//!   attempt with no earlier finished attempt (`quiz_report_grade_method_sql()` in
//!   `mod/quiz/report/reportlib.php`), and then only when it is graded
//!   (`quiza.sumgrades IS NOT NULL`): a first attempt whose essay waits for a teacher is left
//!   out (the learner's later attempts are not used instead) and counted in `awaiting_grading`;
//! - per question: `question/classes/statistics/questions/calculator.php` —
//!   `initial_question_walker()` (facility = average mark / max mark),
//!   `secondary_steps_walker()` and `secondary_question_walker()` (sample variances and
//!   covariances over `s − 1`; sd = √variance; discrimination index =
//!   100·cov(mark, other marks)/√(var(mark)·var(other marks)), empty when that product is 0;
//!   discriminative efficiency = 100·cov/covmax, where covmax pairs the marks and the other
//!   marks each sorted ascending, empty when covmax is 0). The report shows facility and sd as
//!   percentages of the max mark (`mod/quiz/report/statistics/statistics_table.php`,
//!   `col_facility()`, `col_sd()`), as we do;
//! - per quiz: `mod/quiz/report/statistics/classes/calculator.php`, `calculate()` — mean,
//!   median (the middle score, or the average of the two middle ones), sd = √(Σ(x − mean)²/(s −
//!   1)) for s > 1; for s > 2, with p positions (p > 1) and k2 the score variance (not 0):
//!   coefficient of internal consistency (Cronbach's alpha) = 100·p/(p − 1)·(1 − Σ position
//!   mark variances / k2), error ratio = 100·√(1 − alpha/100), standard error = error ratio ×
//!   sd / 100.
//!
//! Where our attempts differ from a Moodle quiz, and what we chose:
//! - Every position draws its question at random from the module's pool, and positions are
//!   shuffled, so a question is analysed **by question** (all its versions together, as the
//!   question bank's statistics column in Moodle does), over the attempts that drew it, in
//!   whichever position. Moodle's sub-question rows of random slots correlate the question with
//!   the *whole* attempt score (the question counted against itself); we keep the definition
//!   Moodle's documentation gives and its fixed-slot rows use — "the other marks" are the
//!   attempt's total minus this question's mark — because the self-included total inflates the
//!   index on short quizzes and would hide the very questions to review.
//! - Alpha uses positions (attempt slots), as Moodle does for random slots.
//! - Quiz scores are expressed as percentages of each attempt's maximum (Moodle scales by the
//!   quiz's sum of marks); with equal maxima, which our draws give, the figures are Moodle's.
//! - Questions with no marks (descriptions) take no part, as Moodle skips zero-length questions.
//! - "Zero" variance is a variance below 1e-12: floating-point noise must not turn an empty
//!   cell into a huge number.
//!
//! Flags for content review: facility below 5% ([`VERY_HARD_BELOW`]), or a negative
//! discrimination index.

use std::collections::{BTreeMap, HashMap};

use hocdvc_api::{ItemStatistics, QuestionStatistics, QuizStatistics, ReviewFlag};

use crate::db::DbConnection;
use crate::domain::SchoolYear;
use crate::error::{AppError, AppResult};
use crate::models::attempt_statistics;
use crate::services::auth::Principal;
use crate::services::gate::{self, Permission};

/// A question whose facility index (percent) is below this is flagged as very hard.
pub const VERY_HARD_BELOW: f64 = 5.0;

/// Variances and covariances at or below this count as zero.
const ZERO: f64 = 1e-12;

/// One question of a graded attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotMark {
    /// Position in the attempt (1-based).
    pub slot: i32,
    pub question_id: i32,
    pub mark: f64,
    pub max_mark: f64,
}

/// An attempt whose every question has its mark.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GradedAttempt {
    pub slots: Vec<SlotMark>,
}

/// A finished attempt as stored: `marks` holds `None` for a question not graded yet.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishedAttempt {
    pub user_id: i32,
    pub attempt_number: i32,
    /// Whether the attempt has its score (no essay waiting for a teacher).
    pub graded: bool,
    pub slots: Vec<(i32, i32, Option<f64>, f64)>,
}

/// The figures of one question (percentages 0–100).
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionFigures {
    pub question_id: i32,
    pub attempts: usize,
    pub facility: Option<f64>,
    pub standard_deviation: Option<f64>,
    pub discrimination_index: Option<f64>,
    pub discriminative_efficiency: Option<f64>,
    pub flags: Vec<ReviewFlag>,
}

/// The figures of the whole quiz (scores in percent of the maximum).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuizFigures {
    pub attempts: usize,
    pub positions: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub standard_deviation: Option<f64>,
    pub cronbach_alpha: Option<f64>,
    pub error_ratio: Option<f64>,
    pub standard_error: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub quiz: QuizFigures,
    /// By question id (the order questions were created in).
    pub questions: Vec<QuestionFigures>,
}

/// Moodle's "first attempts": per learner the finished attempt with the lowest number, kept
/// only when graded. Returns those attempts and how many learners' first attempts wait for
/// grading. `attempts` may come in any order.
pub fn first_attempts(attempts: Vec<FinishedAttempt>) -> (Vec<GradedAttempt>, usize) {
    let mut first: BTreeMap<i32, FinishedAttempt> = BTreeMap::new();
    for attempt in attempts {
        match first.get(&attempt.user_id) {
            Some(kept) if kept.attempt_number <= attempt.attempt_number => {}
            _ => {
                first.insert(attempt.user_id, attempt);
            }
        }
    }
    let mut graded = Vec::new();
    let mut awaiting = 0;
    for attempt in first.into_values() {
        let marks: Option<Vec<SlotMark>> = attempt
            .slots
            .iter()
            .map(|&(slot, question_id, mark, max_mark)| {
                mark.map(|mark| SlotMark {
                    slot,
                    question_id,
                    mark,
                    max_mark,
                })
            })
            .collect();
        match marks {
            Some(slots) if attempt.graded => graded.push(GradedAttempt { slots }),
            _ => awaiting += 1,
        }
    }
    (graded, awaiting)
}

/// Computes every figure over `attempts` (see the module documentation for the definitions).
pub fn compute(attempts: &[GradedAttempt]) -> Figures {
    // Only questions that carry marks count, and only attempts that have some.
    let attempts: Vec<Vec<&SlotMark>> = attempts
        .iter()
        .map(|a| {
            a.slots
                .iter()
                .filter(|s| s.max_mark > 0.0)
                .collect::<Vec<_>>()
        })
        .filter(|slots| !slots.is_empty())
        .collect();

    let mut percent_totals = Vec::with_capacity(attempts.len());
    let mut positions: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    // question id → (mark, max mark, mark on the rest of the attempt)
    let mut by_question: BTreeMap<i32, Vec<(f64, f64, f64)>> = BTreeMap::new();
    for slots in &attempts {
        let total: f64 = slots.iter().map(|s| s.mark).sum();
        let max_total: f64 = slots.iter().map(|s| s.max_mark).sum();
        let scale = 100.0 / max_total;
        percent_totals.push(total * scale);
        for s in slots {
            positions.entry(s.slot).or_default().push(s.mark * scale);
            by_question.entry(s.question_id).or_default().push((
                s.mark,
                s.max_mark,
                total - s.mark,
            ));
        }
    }

    let s = percent_totals.len();
    let mean = (s > 0).then(|| average(&percent_totals));
    let variance = mean.and_then(|m| sample_variance(&percent_totals, m));
    let standard_deviation = variance.map(f64::sqrt);
    let p = positions.len();
    // Moodle adds nothing for a position seen once (its variance is left empty).
    let sum_of_position_variances: f64 = positions
        .values()
        .filter_map(|marks| sample_variance(marks, average(marks)))
        .sum();
    let cronbach_alpha = match variance {
        Some(k2) if s > 2 && p > 1 && k2 > ZERO => {
            let p = p as f64;
            Some(100.0 * p / (p - 1.0) * (1.0 - sum_of_position_variances / k2))
        }
        _ => None,
    };
    let error_ratio = cronbach_alpha
        .map(|alpha| 1.0 - alpha / 100.0)
        .filter(|rest| *rest >= 0.0)
        .map(|rest| 100.0 * rest.sqrt());
    let standard_error = match (error_ratio, standard_deviation) {
        (Some(ratio), Some(sd)) => Some(ratio * sd / 100.0),
        _ => None,
    };

    Figures {
        quiz: QuizFigures {
            attempts: s,
            positions: p,
            mean,
            median: median(&percent_totals),
            standard_deviation,
            cronbach_alpha,
            error_ratio,
            standard_error,
        },
        questions: by_question
            .into_iter()
            .map(|(question_id, observations)| question_figures(question_id, &observations))
            .collect(),
    }
}

/// One question over its observations (mark, max mark, other marks).
fn question_figures(question_id: i32, observations: &[(f64, f64, f64)]) -> QuestionFigures {
    let s = observations.len();
    let fractions: Vec<f64> = observations.iter().map(|(m, max, _)| m / max).collect();
    let facility = (s > 0).then(|| 100.0 * average(&fractions));
    let standard_deviation =
        sample_variance(&fractions, average(&fractions)).map(|v| 100.0 * v.sqrt());

    let mut discrimination_index = None;
    let mut discriminative_efficiency = None;
    if s > 1 {
        let marks: Vec<f64> = observations.iter().map(|o| o.0).collect();
        let others: Vec<f64> = observations.iter().map(|o| o.2).collect();
        let (mark_mean, other_mean) = (average(&marks), average(&others));
        let n = (s - 1) as f64;
        let mut mark_variance = 0.0;
        let mut other_variance = 0.0;
        let mut covariance = 0.0;
        for (m, o) in marks.iter().zip(&others) {
            mark_variance += (m - mark_mean).powi(2);
            other_variance += (o - other_mean).powi(2);
            covariance += (m - mark_mean) * (o - other_mean);
        }
        let (mark_variance, other_variance, covariance) =
            (mark_variance / n, other_variance / n, covariance / n);
        let (mut sorted_marks, mut sorted_others) = (marks.clone(), others.clone());
        sorted_marks.sort_by(f64::total_cmp);
        sorted_others.sort_by(f64::total_cmp);
        let covariance_max: f64 = sorted_marks
            .iter()
            .zip(&sorted_others)
            .map(|(m, o)| (m - mark_mean) * (o - other_mean))
            .sum::<f64>()
            / n;
        if mark_variance > ZERO && other_variance > ZERO {
            discrimination_index =
                Some(100.0 * covariance / (mark_variance * other_variance).sqrt());
        }
        if covariance_max.abs() > ZERO {
            discriminative_efficiency = Some(100.0 * covariance / covariance_max);
        }
    }

    let mut flags = Vec::new();
    if facility.is_some_and(|f| f < VERY_HARD_BELOW) {
        flags.push(ReviewFlag::VeryHard);
    }
    if discrimination_index.is_some_and(|d| d < 0.0) {
        flags.push(ReviewFlag::NegativeDiscrimination);
    }
    QuestionFigures {
        question_id,
        attempts: s,
        facility,
        standard_deviation,
        discrimination_index,
        discriminative_efficiency,
        flags,
    }
}

fn average(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// Σ(x − mean)² / (n − 1), for n > 1.
fn sample_variance(values: &[f64], mean: f64) -> Option<f64> {
    (values.len() > 1)
        .then(|| values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (values.len() - 1) as f64)
}

/// Moodle's median: the middle score, or the average of the two middle ones.
fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        Some(sorted[middle])
    } else {
        Some((sorted[middle - 1] + sorted[middle]) / 2.0)
    }
}

/// The item statistics of a module's assessment in `year`, for those allowed to see them.
/// The permission comes first (it does not depend on the module); an unknown module is 404.
pub fn for_module(
    conn: &mut DbConnection,
    principal: &Principal,
    module_id: &str,
    year: SchoolYear,
) -> AppResult<ItemStatistics> {
    if !gate::may_anywhere(principal, Permission::ViewItemStatistics) {
        return Err(AppError::Forbidden);
    }
    let module_title =
        attempt_statistics::module_title(conn, module_id)?.ok_or(AppError::NotFound)?;
    let school_year = year.to_string();
    let finished = attempt_statistics::finished_attempts(conn, module_id, &school_year)?;
    let (graded, awaiting_grading) = first_attempts(finished);
    let figures = compute(&graded);
    let ids: Vec<i32> = figures.questions.iter().map(|q| q.question_id).collect();
    let labels: HashMap<i32, attempt_statistics::QuestionLabel> =
        attempt_statistics::question_labels(conn, &ids)?
            .into_iter()
            .map(|l| (l.question_id, l))
            .collect();
    let questions = figures
        .questions
        .into_iter()
        .map(|q| {
            let label = labels.get(&q.question_id);
            QuestionStatistics {
                question_id: q.question_id,
                kind: label.map(|l| l.kind.clone()).unwrap_or_default(),
                name: label.and_then(|l| l.name.clone()),
                text: label
                    .map(|l| crate::services::question_import::plain_text(&l.text, 160))
                    .unwrap_or_default(),
                attempts: q.attempts,
                facility: q.facility,
                standard_deviation: q.standard_deviation,
                discrimination_index: q.discrimination_index,
                discriminative_efficiency: q.discriminative_efficiency,
                flags: q.flags,
            }
        })
        .collect();
    let quiz = figures.quiz;
    Ok(ItemStatistics {
        module_id: module_id.to_owned(),
        module_title,
        school_year,
        quiz: QuizStatistics {
            attempts: quiz.attempts,
            awaiting_grading,
            positions: quiz.positions,
            mean: quiz.mean,
            median: quiz.median,
            standard_deviation: quiz.standard_deviation,
            cronbach_alpha: quiz.cronbach_alpha,
            error_ratio: quiz.error_ratio,
            standard_error: quiz.standard_error,
        },
        questions,
    })
}

/// The statistics as CSV for Excel: a UTF-8 byte-order mark, Vietnamese headers, the quiz's
/// figures first, then one row per question; numbers with two decimals and a decimal point.
pub fn to_csv(stats: &ItemStatistics) -> AppResult<Vec<u8>> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!(e));
        let quiz = &stats.quiz;
        let summary: [(&str, String); 11] = [
            ("Học phần", stats.module_title.clone()),
            ("Năm học", stats.school_year.clone()),
            ("Số lượt làm bài đầu tiên", quiz.attempts.to_string()),
            (
                "Lượt đầu chờ chấm tự luận",
                quiz.awaiting_grading.to_string(),
            ),
            ("Số câu mỗi lượt", quiz.positions.to_string()),
            ("Điểm trung bình (%)", number(quiz.mean)),
            ("Trung vị (%)", number(quiz.median)),
            ("Độ lệch chuẩn (%)", number(quiz.standard_deviation)),
            ("Hệ số Cronbach alpha (%)", number(quiz.cronbach_alpha)),
            ("Tỉ lệ sai số (%)", number(quiz.error_ratio)),
            ("Sai số chuẩn (%)", number(quiz.standard_error)),
        ];
        for (label, value) in summary {
            writer.write_record([label, value.as_str()]).map_err(fail)?;
        }
        writer.write_record([""]).map_err(fail)?;
        writer
            .write_record([
                "Mã câu hỏi",
                "Loại",
                "Tên",
                "Nội dung",
                "Số lượt",
                "Chỉ số dễ (%)",
                "Độ lệch chuẩn (%)",
                "Chỉ số phân biệt (%)",
                "Hiệu quả phân biệt (%)",
                "Cần xem lại",
            ])
            .map_err(fail)?;
        for q in &stats.questions {
            let flags: Vec<&str> = q
                .flags
                .iter()
                .map(|f| match f {
                    ReviewFlag::VeryHard => "Quá khó (chỉ số dễ dưới 5%)",
                    ReviewFlag::NegativeDiscrimination => "Chỉ số phân biệt âm",
                })
                .collect();
            writer
                .write_record([
                    q.question_id.to_string(),
                    q.kind.clone(),
                    q.name.clone().unwrap_or_default(),
                    q.text.clone(),
                    q.attempts.to_string(),
                    number(q.facility),
                    number(q.standard_deviation),
                    number(q.discrimination_index),
                    number(q.discriminative_efficiency),
                    flags.join("; "),
                ])
                .map_err(fail)?;
        }
        writer.flush().map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(out)
}

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.2}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attempt of fixed questions 1, 2, 3 … (slot = question id), each out of 1.
    fn fixed(marks: &[f64]) -> GradedAttempt {
        GradedAttempt {
            slots: marks
                .iter()
                .enumerate()
                .map(|(i, &mark)| SlotMark {
                    slot: i as i32 + 1,
                    question_id: i as i32 + 1,
                    mark,
                    max_mark: 1.0,
                })
                .collect(),
        }
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.unwrap_or(f64::NAN);
        assert!(
            (actual - expected).abs() < 1e-6,
            "expected {expected}, got {actual}"
        );
    }

    /// Five learners, three questions out of 1:
    ///
    /// | learner | Q1 | Q2 | Q3 | total |
    /// |---|---|---|---|---|
    /// | A | 1 | 1 | 1 | 3 |
    /// | B | 1 | 1 | 0 | 2 |
    /// | C | 1 | 0 | 1 | 2 |
    /// | D | 0 | 1 | 0 | 1 |
    /// | E | 0 | 0 | 0 | 0 |
    fn five_learners() -> Vec<GradedAttempt> {
        vec![
            fixed(&[1.0, 1.0, 1.0]),
            fixed(&[1.0, 1.0, 0.0]),
            fixed(&[1.0, 0.0, 1.0]),
            fixed(&[0.0, 1.0, 0.0]),
            fixed(&[0.0, 0.0, 0.0]),
        ]
    }

    #[test]
    fn question_figures_match_the_hand_computed_example() {
        let figures = compute(&five_learners());
        let [q1, q2, q3] = &figures.questions[..] else {
            panic!("three questions expected: {figures:?}");
        };
        // Q1: marks 1,1,1,0,0 (mean .6); other marks 2,1,1,1,0 (mean 1).
        // Σ(m−m̄)² = 1.2 → variance .3, sd √.3 = 54.77%; Σ(o−ō)² = 2 → .5;
        // Σ(m−m̄)(o−ō) = .4 + .6 = 1 → covariance .25; DI = 100·.25/√(.3·.5) = 64.55.
        // Sorted pairing: (−.6)(−1) + .4·1 = 1 → covmax .25, so DE = 100%.
        assert_eq!(q1.attempts, 5);
        close(q1.facility, 60.0);
        close(q1.standard_deviation, 100.0 * 0.3f64.sqrt());
        close(q1.discrimination_index, 25.0 / 0.15f64.sqrt());
        close(q1.discriminative_efficiency, 100.0);
        // Q2: marks 1,1,0,1,0; other marks 2,1,2,0,0: covariance exactly 0.
        close(q2.facility, 60.0);
        close(q2.discrimination_index, 0.0);
        close(q2.discriminative_efficiency, 0.0);
        // Q3: marks 1,0,1,0,0 (mean .4); other marks 2,2,1,1,0 (mean 1.2).
        // Σ(m−m̄)(o−ō) = .48 − .32 − .12 + .08 + .48 = .6 → .15; variances .3 and .7:
        // DI = 15/√.21 = 32.73. Sorted: .48 + .08 + .08 + .48 + .48 = 1.6 → .4: DE = 37.5%.
        close(q3.facility, 40.0);
        close(q3.discrimination_index, 15.0 / 0.21f64.sqrt());
        close(q3.discriminative_efficiency, 37.5);
        assert!(figures.questions.iter().all(|q| q.flags.is_empty()));
    }

    #[test]
    fn quiz_figures_match_the_hand_computed_example() {
        let quiz = compute(&five_learners()).quiz;
        // Totals 3,2,2,1,0 of 3: mean 1.6 = 53.33%, median 2 = 66.67%.
        // Σ(x−x̄)² = 5.2 → variance 1.3, sd √1.3 = 1.1402 → 38.01%.
        // Each position's variance is .3: alpha = 3/2·(1 − .9/1.3) = 46.15%.
        assert_eq!(quiz.attempts, 5);
        assert_eq!(quiz.positions, 3);
        close(quiz.mean, 160.0 / 3.0);
        close(quiz.median, 200.0 / 3.0);
        close(quiz.standard_deviation, 100.0 * 1.3f64.sqrt() / 3.0);
        let alpha = 1.5 * (1.0 - 0.9 / 1.3);
        close(quiz.cronbach_alpha, 100.0 * alpha);
        close(quiz.error_ratio, 100.0 * (1.0 - alpha).sqrt());
        close(
            quiz.standard_error,
            (1.0 - alpha).sqrt() * 100.0 * 1.3f64.sqrt() / 3.0,
        );
    }

    #[test]
    fn one_attempt_gives_facility_and_median_but_no_spread() {
        let figures = compute(&[fixed(&[1.0, 0.0])]);
        assert_eq!(figures.quiz.attempts, 1);
        close(figures.quiz.mean, 50.0);
        close(figures.quiz.median, 50.0);
        assert_eq!(figures.quiz.standard_deviation, None);
        assert_eq!(figures.quiz.cronbach_alpha, None);
        close(figures.questions[0].facility, 100.0);
        close(figures.questions[1].facility, 0.0);
        assert_eq!(figures.questions[0].standard_deviation, None);
        assert_eq!(figures.questions[0].discrimination_index, None);
        assert_eq!(figures.questions[0].discriminative_efficiency, None);
        // Nobody earned question 2: flagged even from one attempt.
        assert_eq!(figures.questions[1].flags, vec![ReviewFlag::VeryHard]);
    }

    #[test]
    fn two_attempts_give_a_spread_but_no_alpha() {
        let quiz = compute(&[fixed(&[1.0, 1.0]), fixed(&[0.0, 1.0])]).quiz;
        // Totals 100% and 50%: mean 75, Σ(x−x̄)² = 2·25² over 1 → sd √1250.
        close(quiz.mean, 75.0);
        close(quiz.standard_deviation, 1250f64.sqrt());
        assert_eq!(quiz.cronbach_alpha, None, "Moodle needs three attempts");
    }

    #[test]
    fn zero_variance_leaves_the_correlations_and_alpha_empty() {
        let same = vec![fixed(&[1.0, 0.5, 0.1]); 4];
        let figures = compute(&same);
        close(figures.quiz.standard_deviation, 0.0);
        assert_eq!(figures.quiz.cronbach_alpha, None);
        assert_eq!(figures.quiz.error_ratio, None);
        for q in &figures.questions {
            close(q.standard_deviation, 0.0);
            assert_eq!(q.discrimination_index, None, "{q:?}");
            assert_eq!(q.discriminative_efficiency, None, "{q:?}");
        }
    }

    #[test]
    fn a_question_the_weaker_learners_get_right_is_flagged() {
        // Question 4 is earned exactly by the two learners who failed everything else.
        let attempts = vec![
            fixed(&[1.0, 1.0, 1.0, 0.0]),
            fixed(&[1.0, 1.0, 1.0, 0.0]),
            fixed(&[1.0, 1.0, 0.0, 0.0]),
            fixed(&[0.0, 0.0, 0.0, 1.0]),
            fixed(&[0.0, 0.0, 0.0, 1.0]),
        ];
        let figures = compute(&attempts);
        let q4 = &figures.questions[3];
        assert!(q4.discrimination_index.is_some_and(|d| d < 0.0), "{q4:?}");
        assert_eq!(q4.flags, vec![ReviewFlag::NegativeDiscrimination]);
        // Question 1: other marks 2,2,1,1,1 against marks 1,1,1,0,0 — positive.
        assert!(figures.questions[0].flags.is_empty());
    }

    #[test]
    fn questions_are_analysed_by_question_whatever_position_they_were_drawn_in() {
        let slot = |slot, question_id, mark| SlotMark {
            slot,
            question_id,
            mark,
            max_mark: 2.0,
        };
        let attempts = vec![
            GradedAttempt {
                slots: vec![slot(1, 10, 2.0), slot(2, 20, 1.0)],
            },
            GradedAttempt {
                slots: vec![slot(1, 20, 0.0), slot(2, 30, 2.0)],
            },
            GradedAttempt {
                slots: vec![slot(1, 30, 2.0), slot(2, 10, 0.0)],
            },
        ];
        let figures = compute(&attempts);
        let ids: Vec<i32> = figures.questions.iter().map(|q| q.question_id).collect();
        assert_eq!(ids, vec![10, 20, 30]);
        for q in &figures.questions {
            assert_eq!(q.attempts, 2);
        }
        close(figures.questions[0].facility, 50.0); // 2/2 and 0/2
        close(figures.questions[1].facility, 25.0); // 1/2 and 0/2
        close(figures.questions[2].facility, 100.0);
        // Positions, not questions, make up alpha: two positions of three attempts each.
        assert_eq!(figures.quiz.positions, 2);
        // Totals 3/4, 2/4, 2/4 → 75%, 50%, 50%.
        close(figures.quiz.mean, 175.0 / 3.0);
        close(figures.quiz.median, 50.0);
    }

    #[test]
    fn descriptions_without_marks_take_no_part() {
        let mut attempt = fixed(&[1.0, 0.0]);
        attempt.slots.push(SlotMark {
            slot: 3,
            question_id: 99,
            mark: 0.0,
            max_mark: 0.0,
        });
        let figures = compute(&[attempt]);
        assert_eq!(figures.quiz.positions, 2);
        assert!(figures.questions.iter().all(|q| q.question_id != 99));
        close(figures.quiz.mean, 50.0);
    }

    #[test]
    fn nothing_to_analyse_gives_empty_figures() {
        let figures = compute(&[]);
        assert_eq!(figures.quiz.attempts, 0);
        assert_eq!(figures.quiz.mean, None);
        assert_eq!(figures.quiz.median, None);
        assert!(figures.questions.is_empty());
    }

    fn finished(user_id: i32, attempt_number: i32, mark: Option<f64>) -> FinishedAttempt {
        FinishedAttempt {
            user_id,
            attempt_number,
            graded: mark.is_some(),
            slots: vec![(1, 1, mark, 1.0)],
        }
    }

    #[test]
    fn only_each_learners_first_finished_attempt_counts() {
        let (graded, awaiting) = first_attempts(vec![
            finished(7, 2, Some(1.0)),
            finished(7, 1, Some(0.0)),
            finished(8, 3, Some(1.0)),
        ]);
        assert_eq!(awaiting, 0);
        let marks: Vec<f64> = graded.iter().map(|a| a.slots[0].mark).collect();
        // Learner 7's attempt 1 (0), learner 8's attempt 3 (its first finished one).
        assert_eq!(marks, vec![0.0, 1.0]);
    }

    #[test]
    fn a_first_attempt_waiting_for_an_essay_grade_is_left_out_not_replaced() {
        let waiting = FinishedAttempt {
            user_id: 7,
            attempt_number: 1,
            graded: false,
            slots: vec![(1, 1, Some(1.0), 1.0), (2, 2, None, 5.0)],
        };
        let (graded, awaiting) = first_attempts(vec![
            waiting,
            finished(7, 2, Some(1.0)),
            finished(8, 1, Some(0.0)),
        ]);
        assert_eq!(awaiting, 1);
        assert_eq!(graded.len(), 1);
        assert_eq!(graded[0].slots[0].mark, 0.0);
    }

    #[test]
    fn the_csv_starts_with_a_bom_and_has_vietnamese_headers() {
        let stats = ItemStatistics {
            module_id: "thpt-core".into(),
            module_title: "Dịch vụ công".into(),
            school_year: "2025-2026".into(),
            quiz: QuizStatistics {
                attempts: 5,
                awaiting_grading: 0,
                positions: 3,
                mean: Some(53.333),
                median: None,
                standard_deviation: None,
                cronbach_alpha: None,
                error_ratio: None,
                standard_error: None,
            },
            questions: vec![QuestionStatistics {
                question_id: 4,
                kind: "multichoice".into(),
                name: None,
                text: "Câu, có dấu phẩy".into(),
                attempts: 5,
                facility: Some(2.0),
                standard_deviation: None,
                discrimination_index: Some(-12.345),
                discriminative_efficiency: None,
                flags: vec![ReviewFlag::VeryHard, ReviewFlag::NegativeDiscrimination],
            }],
        };
        let bytes = to_csv(&stats).unwrap_or_default();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert!(text.contains("Điểm trung bình (%),53.33\r\n"), "{text}");
        assert!(text.contains("Mã câu hỏi,Loại,Tên,Nội dung,Số lượt,Chỉ số dễ (%)"));
        assert!(text.contains(
            "4,multichoice,,\"Câu, có dấu phẩy\",5,2.00,,-12.35,,Quá khó (chỉ số dễ dưới 5%); Chỉ số phân biệt âm\r\n"
        ), "{text}");
    }
}
