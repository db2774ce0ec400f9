//! The demo poster contest (issue 8), in its judging phase: «Áp phích: Em tuyên truyền dịch vụ
//! công trực tuyến», organised by the province, submission closed two days ago, six entries —
//! one by `hs.thpt` (AG-LX-THPT) and one from each other school but AG-LX-THPT — each with a
//! poster generated here as a PNG. The panel is `giamkhao` (province), `gk.tinh` (province)
//! and `gk.thpt` (a judge from AG-LX-THPT, so never given hs.thpt's entry): two judges per
//! entry, assigned by the same algorithm as the organiser's button. `gk.tinh` and `gk.thpt`
//! have submitted their scores; `giamkhao` has not, so a walk-through starts there.
//!
//! It writes the database once (its own `app_meta` key); the poster files are written to the
//! local store on every start when missing (their names are content hashes).

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Duration, NaiveDateTime};
use diesel::Connection;

use crate::db::DbConnection;
use crate::domain::{Role, SchoolYear, UnitKind};
use crate::models::judging::{self as db, NewContest, NewEntry, NewEntryFile};
use crate::models::{app_meta, assignment, grant, unit, user};
use crate::services::auth;
use crate::services::judging::{assign, files, judge_schools, storage};

const KEY: &str = "demo.judging.version";
const VERSION: &str = "1";
pub const CONTEST_TITLE: &str = "Áp phích: Em tuyên truyền dịch vụ công trực tuyến";

/// (school code, title, colour) of the six entries; the first is hs.thpt's.
const ENTRIES: [(&str, &str, [u8; 3]); 6] = [
    ("AG-LX-THPT", "Một chạm, hồ sơ về nhà", [200, 40, 40]),
    ("AG-LX-THCS", "Nộp hồ sơ không cần xếp hàng", [30, 110, 200]),
    (
        "AG-CD-THCS",
        "VNeID trong tay, thủ tục trong tầm",
        [40, 150, 80],
    ),
    ("AG-CD-THPT", "Dịch vụ công cho mọi nhà", [220, 150, 20]),
    ("AG-TT-THCS", "Con hướng dẫn, ba mẹ làm", [120, 60, 170]),
    (
        "AG-TT-THPT",
        "Thanh toán lệ phí trực tuyến an toàn",
        [20, 150, 150],
    ),
];

/// Scores (of 10) that a demo judge gives per criterion, varied per entry.
fn demo_scores(entry_index: usize, judge_index: usize) -> [i32; 4] {
    let base = [8, 7, 7, 6, 5, 9][entry_index % 6];
    let lean = if judge_index == 1 { -1 } else { 0 };
    [
        (base + lean).clamp(0, 10),
        (base - 1 + lean).clamp(0, 10),
        (base + 1 + lean).clamp(0, 10),
        (base - 2).clamp(0, 10),
    ]
}

fn poster(i: usize) -> Vec<u8> {
    files::sample_png(240, 320, ENTRIES[i].2)
}

pub fn seed(conn: &mut DbConnection, data_dir: &Path, now: NaiveDateTime) -> anyhow::Result<bool> {
    let disk = storage::LocalDisk::new(data_dir);
    for i in 0..ENTRIES.len() {
        let png = poster(i);
        disk.put_blocking(&storage::key_for(&png), &png)?;
        if let Ok(checked) = files::check(&png, false)
            && let Some(thumb) = checked.thumbnail
        {
            disk.put_blocking(&storage::key_for(&thumb), &thumb)?;
        }
    }
    conn.transaction(|conn| {
        if app_meta::get(conn, KEY)?.as_deref() == Some(VERSION) {
            return Ok(false);
        }
        let Some(province) = unit::find_by_code(conn, "AG")? else {
            return Ok(false);
        };
        if db::find_contest_by_title(conn, CONTEST_TITLE)?.is_some() {
            app_meta::set(conn, KEY, VERSION)?;
            return Ok(false);
        }
        let hash = auth::hash_password(super::province::PASSWORD)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut judge_ids = Vec::new();
        for (username, name, unit_code) in [
            ("giamkhao", "Phạm Văn Giám Khảo", "AG"),
            ("gk.tinh", "Đoàn Thị Giám Khảo", "AG"),
            ("gk.thpt", "Võ Văn Giám Khảo", "AG-LX-THPT"),
        ] {
            let id = match user::find_by_username(conn, username)? {
                Some(found) => found.id,
                None => {
                    let mut new = user::NewUser::new(username, name, now);
                    new.password_hash = Some(hash.clone());
                    let created = user::insert(conn, &new)?;
                    let on = unit::find_by_code(conn, unit_code)?
                        .ok_or_else(|| anyhow::anyhow!("demo unit {unit_code} missing"))?;
                    grant::grant(conn, created.id, Role::Judge, on.id)?;
                    created.id
                }
            };
            judge_ids.push(id);
        }
        let btc = user::find_by_username(conn, "btc")?.map(|u| u.id);
        let contest_id = db::insert_contest(
            conn,
            &NewContest {
                unit_id: province.id,
                title: CONTEST_TITLE.to_owned(),
                kind: "poster".to_owned(),
                description: "Thiết kế áp phích khổ A3 tuyên truyền lợi ích của dịch vụ công trực tuyến cho người dân trong tỉnh. Mỗi bài nộp ảnh PNG/JPEG hoặc tệp PDF và một đoạn thuyết minh ngắn.".to_owned(),
                submission_opens_at: now - Duration::days(30),
                submission_closes_at: now - Duration::days(2),
                team_size_max: 3,
                max_file_bytes: crate::services::judging::DEFAULT_MAX_FILE_BYTES,
                judges_per_entry: 2,
                aggregation: "mean".to_owned(),
                disagreement_threshold: 25.0,
                prize_first: 1,
                prize_second: 1,
                prize_third: 1,
                prize_merit: 2,
                popular_vote: true,
                published_at: None,
                created_by: btc,
                created_at: now - Duration::days(31),
            },
            &[
                ("Nội dung".to_owned(), 40, 10, "Thông điệp đúng, rõ về dịch vụ công trực tuyến; thông tin chính xác.".to_owned()),
                ("Sáng tạo".to_owned(), 30, 10, "Ý tưởng mới, cách thể hiện riêng, không sao chép.".to_owned()),
                ("Kỹ thuật".to_owned(), 20, 10, "Bố cục, màu sắc, chữ dễ đọc ở khổ A3.".to_owned()),
                ("Tính lan tỏa".to_owned(), 10, 10, "Dễ nhớ, dễ chia sẻ, hợp với người dân địa phương.".to_owned()),
            ],
        )?;
        db::set_judges(conn, contest_id, &judge_ids)?;

        let year = SchoolYear::containing(now.date()).to_string();
        let mut nodes = Vec::new();
        for (i, (school_code, title, _)) in ENTRIES.iter().enumerate() {
            let school = unit::find_by_code(conn, school_code)?
                .ok_or_else(|| anyhow::anyhow!("demo school {school_code} missing"))?;
            let student = if i == 0 {
                user::find_by_username(conn, "hs.thpt")?.map(|u| u.id)
            } else {
                let mut found = None;
                for class in unit::children(conn, school.id)? {
                    if class.kind() != Some(UnitKind::Class) {
                        continue;
                    }
                    if let Some(first) = assignment::students_of(conn, class.id, &year)?.first() {
                        found = Some(first.0);
                        break;
                    }
                }
                found
            };
            let student =
                student.ok_or_else(|| anyhow::anyhow!("no demo student in {school_code}"))?;
            let entry_id = db::insert_entry(
                conn,
                &NewEntry {
                    contest_id,
                    school_id: school.id,
                    title: (*title).to_owned(),
                    statement: "Áp phích hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia, với các bước đơn giản và lợi ích: không phải đi lại, theo dõi hồ sơ mọi lúc.".to_owned(),
                    video_url: None,
                    status: "submitted".to_owned(),
                    created_by: student,
                    created_at: now - Duration::days(10 - i as i64),
                    updated_at: now - Duration::days(10 - i as i64),
                },
                &[student],
            )?;
            let png = poster(i);
            let checked = files::check(&png, false).map_err(anyhow::Error::msg)?;
            db::insert_file(
                conn,
                &NewEntryFile {
                    entry_id,
                    storage_key: storage::key_for(&png),
                    thumb_key: checked.thumbnail.as_deref().map(storage::key_for),
                    media_type: checked.media_type.mime().to_owned(),
                    byte_size: png.len() as i64,
                    width: checked.width.map(|w| w as i32),
                    height: checked.height.map(|h| h as i32),
                    uploaded_at: now - Duration::days(10 - i as i64),
                },
            )?;
            nodes.push(assign::EntryNode {
                id: entry_id,
                school_id: school.id,
            });
        }
        let mut judges = Vec::new();
        for id in &judge_ids {
            judges.push(assign::JudgeNode {
                id: *id,
                schools: judge_schools(conn, *id).map_err(|e| anyhow::anyhow!("{e}"))?,
            });
        }
        // hs.thpt's entry first to giamkhao, so the walk-through has it whatever the balance.
        let existing = vec![(nodes[0].id, judge_ids[0])];
        db::insert_assignment(conn, nodes[0].id, judge_ids[0], "manual", now)?;
        let pairs = assign::assign(&nodes, &judges, &BTreeSet::new(), &existing, 2)
            .map_err(|e| anyhow::anyhow!("demo assignment infeasible: {e:?}"))?;
        for (entry, judge) in &pairs {
            db::insert_assignment(conn, *entry, *judge, "auto", now)?;
        }
        let rubric = db::rubric(conn, contest_id)?;
        for (judge_index, judge) in judge_ids.iter().enumerate().skip(1) {
            for a in db::assignments(conn, db::AssignmentsOf::Judge(*judge))? {
                let Some(i) = nodes.iter().position(|n| n.id == a.entry_id) else {
                    continue;
                };
                let scores: Vec<(i32, i32)> = rubric
                    .iter()
                    .zip(demo_scores(i, judge_index))
                    .map(|(c, s)| (c.id, s))
                    .collect();
                db::save_scores(conn, a.id, &scores, None, Some(now - Duration::hours(6)))?;
            }
        }
        app_meta::set(conn, KEY, VERSION)?;
        Ok(true)
    })
}
