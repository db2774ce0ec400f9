//! Benchmark for issue 3's import target: 1,000,000 generated students, ≥ 50,000 rows/s.
//!
//! A province at scale is built first (100 communes, 1,000 schools), then one student file of
//! 1,000 students per school (≈ 29,000 classes, all new) is imported through the same service
//! as `hocdvc import-roster`, timed end to end (decode, validate, check against the database,
//! write). A second run of the same file measures the idempotent re-import.
//!
//! ```text
//! cargo bench -p hocdvc --bench roster_import                       # SQLite, temp dir
//! HOCDVC_BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432 \
//!     cargo bench -p hocdvc --bench roster_import                   # PostgreSQL, fresh db
//! HOCDVC_BENCH_ROWS=100000 cargo bench -p hocdvc --bench roster_import
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)] // A benchmark: fail loudly.

use std::time::Instant;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use hocdvc::config::{Secret, Settings};
use hocdvc::db::{DbConnection, Location, migrations};
use hocdvc::domain::{SchoolLevel, SchoolYear, UnitKind};
use hocdvc::roster::table::ParseOptions;
use hocdvc::services::roster_import::{self, RosterRequest};
use hocdvc::services::units::{self, UnitSpec};
use hocdvc_api::RosterKind;

const SCHOOLS: usize = 1000;
const COMMUNES: usize = 100;
const CLASS_SIZE: usize = 35;

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Châu",
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Minh", "Ngọc", "Hoàng", "Thanh", "Gia", "Bảo"];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Linh", "Nhung", "Phúc", "Quân", "Sơn", "Tâm",
    "Uyên", "Vy", "Xuân", "Yến",
];

fn main() {
    let rows: usize = std::env::var("HOCDVC_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let (location, cleanup) = database();
    let mut conn = location.connect().expect("database");
    migrations::run_pending(&mut conn).expect("migrations");
    let year = SchoolYear::parse("2025-2026").unwrap();

    let started = Instant::now();
    let school_codes = build_province(&mut conn);
    println!(
        "province: {COMMUNES} communes, {SCHOOLS} schools in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let file = generate(rows, &school_codes);
    println!(
        "file: {rows} students, {:.1} MB",
        file.len() as f64 / 1_048_576.0
    );

    let started = Instant::now();
    let year16 = hocdvc::roster::fields::SchoolYear::new(2025).unwrap();
    let parsed = hocdvc::roster::students::parse_students_with(
        &file,
        &year16,
        &ParseOptions {
            today: chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            max_rows: rows,
        },
    )
    .map(|r| r.len())
    .unwrap_or(0);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "parse only: {parsed} rows in {seconds:.2} s = {:.0} rows/s",
        parsed as f64 / seconds
    );

    for run in ["first import", "re-import (idempotent)"] {
        let started = Instant::now();
        let summary = roster_import::import(
            &mut conn,
            &RosterRequest {
                kind: RosterKind::Students,
                bytes: &file,
                file_name: "bench.csv".into(),
                school_year: year,
                dry_run: false,
                by: None,
                options: ParseOptions {
                    today: chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
                    max_rows: rows,
                },
            },
        )
        .unwrap_or_else(|e| panic!("{:?}", e.messages().into_iter().take(5).collect::<Vec<_>>()));
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{run} on {}: {} rows in {seconds:.2} s = {:.0} rows/s (created {}, unchanged {}, classes {})",
            location.backend().display_name(),
            summary.rows,
            summary.rows as f64 / seconds,
            summary.created,
            summary.unchanged,
            summary.classes_created,
        );
    }
    println!("peak memory (VmHWM): {}", peak_memory());
    drop(conn);
    cleanup();
}

/// A temp SQLite file, or a fresh PostgreSQL database when HOCDVC_BENCH_POSTGRES is set.
fn database() -> (Location, Box<dyn FnOnce()>) {
    match std::env::var("HOCDVC_BENCH_POSTGRES") {
        Ok(server) => {
            let name = format!("hocdvc_bench_{}", std::process::id());
            let admin = format!("{server}/postgres");
            let mut conn = diesel::PgConnection::establish(&admin).expect("postgres");
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap();
            let mut settings = Settings::for_data_dir(std::env::temp_dir());
            settings.database_url = Some(Secret::new(format!("{server}/{name}")));
            let location = Location::from_settings(&settings).unwrap();
            let cleanup = Box::new(move || {
                let mut conn = diesel::PgConnection::establish(&admin).unwrap();
                conn.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
                    .unwrap();
            });
            (location, cleanup)
        }
        Err(_) => {
            let dir = std::env::temp_dir().join(format!("hocdvc-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let location = Location::from_settings(&Settings::for_data_dir(&dir)).unwrap();
            (
                location,
                Box::new(move || drop(std::fs::remove_dir_all(dir))),
            )
        }
    }
}

fn build_province(conn: &mut DbConnection) -> Vec<(String, SchoolLevel)> {
    let now = hocdvc::models::now();
    let spec = |code: &str, name: &str, kind, level| {
        UnitSpec::parse(code, name, kind, level, None, None).unwrap()
    };
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        let province = units::create(
            conn,
            &spec("BT", "Tỉnh Thử Tải", UnitKind::Province, None),
            None,
            now,
        )
        .unwrap();
        let mut schools = Vec::new();
        for c in 0..COMMUNES {
            let commune = units::create(
                conn,
                &spec(
                    &format!("BT-X{c:03}"),
                    &format!("Xã Số {c}"),
                    UnitKind::Commune,
                    None,
                ),
                Some(&province),
                now,
            )
            .unwrap();
            for s in 0..SCHOOLS / COMMUNES {
                let level = if s % 2 == 0 {
                    SchoolLevel::Thcs
                } else {
                    SchoolLevel::Thpt
                };
                let code = format!("BT-X{c:03}-T{s:02}");
                units::create(
                    conn,
                    &spec(
                        &code,
                        &format!("Trường {} số {s}", level.label()),
                        UnitKind::School,
                        Some(level),
                    ),
                    Some(&commune),
                    now,
                )
                .unwrap();
                schools.push((code, level));
            }
        }
        Ok(schools)
    })
    .unwrap()
}

/// A roster file: `rows` students spread evenly over the schools, 35 per class.
fn generate(rows: usize, schools: &[(String, SchoolLevel)]) -> Vec<u8> {
    use std::fmt::Write;
    let mut out = String::with_capacity(rows * 80);
    out.push_str("Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường\n");
    let per_school = rows.div_ceil(schools.len());
    for i in 0..rows {
        let (school, level) = &schools[i / per_school];
        let within = i % per_school;
        let grades: &[u32] = if *level == SchoolLevel::Thcs {
            &[6, 7, 8, 9]
        } else {
            &[10, 11, 12]
        };
        let grade = grades[within % grades.len()];
        let class_no = 1 + within / grades.len() / CLASS_SIZE;
        let born = 2025 - grade as usize - 6;
        let name = format!(
            "{} {} {}",
            FAMILY[i % FAMILY.len()],
            MIDDLE[(i / 7) % MIDDLE.len()],
            GIVEN[(i / 3) % GIVEN.len()]
        );
        let gender = if i % 2 == 0 { "Nam" } else { "Nữ" };
        writeln!(
            out,
            "{:010},{name},{:02}/{:02}/{born},{gender},{grade}A{class_no},{grade},{school}",
            7_900_000_000u64 + i as u64,
            1 + i % 28,
            1 + i % 12
        )
        .unwrap();
    }
    out.into_bytes()
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}
