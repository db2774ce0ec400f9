//! The `hocdvc` command line. Every subcommand reads the same layered configuration
//! (`config`), so `HOCDVC_DATA_DIR=/x hocdvc migrate` and `HOCDVC_DATA_DIR=/x hocdvc serve`
//! work on the same database — except `content check`, which reads only the question-bank folder.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{Overrides, Settings};
use crate::db::{Location, migrations};
use crate::services::backup;
use crate::startup::{Application, connect_for_command, prepare_serving};
use crate::telemetry;

#[derive(Debug, Parser)]
#[command(
    name = "hocdvc",
    version,
    about = "Học DVC — học và thi về dịch vụ công trực tuyến"
)]
pub struct Cli {
    /// Tệp cấu hình TOML (mặc định: hocdvc.toml nếu có)
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Thư mục dữ liệu (cơ sở dữ liệu SQLite, tệp tải lên)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Chạy máy chủ web (giao diện và API)
    Serve {
        /// Nạp dữ liệu trình diễn (tỉnh mẫu, tài khoản mẫu)
        #[arg(long)]
        demo: bool,
        /// Cổng lắng nghe
        #[arg(long)]
        port: Option<u16>,
    },
    /// Áp dụng các migration còn thiếu rồi thoát
    Migrate,
    /// Sao lưu cơ sở dữ liệu vào FILE trong khi máy chủ vẫn chạy
    Backup { file: PathBuf },
    /// Khôi phục cơ sở dữ liệu từ FILE (hãy dừng máy chủ trước)
    Restore { file: PathBuf },
    /// Nhập danh sách học sinh (hoặc giáo viên) của trường từ tệp CSV: Mã học sinh, Họ và tên,
    /// Ngày sinh, Giới tính, Lớp, Khối, Mã trường
    ImportRoster {
        file: PathBuf,
        /// Chỉ kiểm tra, không ghi gì
        #[arg(long)]
        dry_run: bool,
        /// Năm học của danh sách, ví dụ 2025-2026 (mặc định: năm học hiện tại)
        #[arg(long, value_name = "NĂM-HỌC")]
        school_year: Option<String>,
        /// Loại danh sách: students (học sinh), teachers (giáo viên) hoặc members (cán bộ cơ quan,
        /// thành viên tổ CNSCĐ: Mã cán bộ, Họ và tên, Mã đơn vị, Nhóm, Phụ trách đào tạo)
        #[arg(long, value_enum, default_value = "students")]
        kind: KindArg,
        /// Số dòng tối đa của một tệp (mặc định 200.000)
        #[arg(long, value_name = "SỐ-DÒNG")]
        max_rows: Option<usize>,
    },
    /// In tài liệu OpenAPI của API
    Openapi,
    /// Độ bao phủ: bộ đếm của các bảng điều khiển
    Coverage {
        #[command(subcommand)]
        command: CoverageCommand,
    },
    /// Nhập cây đơn vị từ tệp CSV (Mã đơn vị, Tên đơn vị, Loại, Mã đơn vị cha, Cấp học)
    ImportUnits {
        file: PathBuf,
        /// Chỉ kiểm tra, không ghi gì
        #[arg(long)]
        dry_run: bool,
    },
    /// Nhập câu hỏi từ tệp GIFT, Moodle XML hoặc CSV vào ngân hàng câu hỏi (tất cả hoặc không)
    ImportQuestions {
        file: PathBuf,
        /// Định dạng tệp (mặc định: theo đuôi tệp hoặc nội dung)
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Danh mục đặt các câu hỏi vào, ví dụ "THPT/VNeID" (danh mục trong tệp nằm dưới nó)
        #[arg(long, value_name = "PATH")]
        category: Option<String>,
        /// Chỉ kiểm tra, không ghi gì
        #[arg(long)]
        dry_run: bool,
        /// In kết quả dạng JSON: {"total", "by_type", "categories"}
        #[arg(long)]
        json: bool,
    },
    /// Xuất câu hỏi (phiên bản hiện hành) của một danh mục và các danh mục con ra tệp
    ExportQuestions {
        /// Danh mục cần xuất, ví dụ "THPT/VNeID"
        #[arg(long, value_name = "PATH")]
        category: String,
        /// Định dạng tệp
        #[arg(long, value_enum)]
        format: FormatArg,
        file: PathBuf,
    },
    /// Chương trình học trong thư mục question-bank (học phần, bài học, câu hỏi)
    Content {
        #[command(subcommand)]
        command: ContentCommand,
    },
}

#[derive(Debug, Subcommand)]
enum ContentCommand {
    /// Kiểm tra toàn bộ thư mục: báo mọi lỗi kèm tệp và dòng, rồi đếm bài, câu hỏi từng học phần
    Check {
        /// Thư mục ngân hàng nội dung
        #[arg(long, value_name = "DIR", default_value = "question-bank")]
        dir: PathBuf,
        /// In kết quả dạng JSON (cho công cụ và CI)
        #[arg(long)]
        json: bool,
    },
    /// Nạp thư mục vào cơ sở dữ liệu (một giao dịch; nội dung không đổi thì không ghi gì,
    /// câu hỏi đã sửa có phiên bản mới)
    Load {
        /// Thư mục ngân hàng nội dung
        #[arg(long, value_name = "DIR", default_value = "question-bank")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum CoverageCommand {
    /// Tính lại mọi bộ đếm từ dữ liệu gốc và báo mọi chênh lệch với bộ đếm đang có
    Rebuild {
        /// Chỉ kiểm tra, không ghi; thoát với mã lỗi nếu có chênh lệch
        #[arg(long)]
        check: bool,
    },
    /// Đo hiệu năng: tạo một tỉnh giả (xã, trường, lớp, học sinh, tiến độ) trong cơ sở dữ liệu
    /// trống đã nạp chương trình, rồi dựng bộ đếm
    Generate {
        #[arg(long, default_value_t = 100)]
        communes: usize,
        #[arg(long, default_value_t = 10)]
        schools_per_commune: usize,
        #[arg(long, default_value_t = 30)]
        classes_per_school: usize,
        #[arg(long, default_value_t = 34)]
        students_per_class: usize,
        #[arg(long, default_value_t = 10)]
        events_per_student: usize,
        #[arg(long, default_value_t = 60)]
        completed_percent: usize,
        /// Mật khẩu của tài khoản bench.sogddt
        #[arg(long, default_value = "bench-coverage")]
        password: String,
    },
    /// Đo hiệu năng: thời gian GROUP BY trên dữ liệu gốc cho các đơn vị con của UNIT
    TimeRaw {
        unit: String,
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Gift,
    Xml,
    Csv,
}

impl From<FormatArg> for crate::services::question_import::Format {
    fn from(format: FormatArg) -> Self {
        use crate::services::question_import::Format;
        match format {
            FormatArg::Gift => Format::Gift,
            FormatArg::Xml => Format::Xml,
            FormatArg::Csv => Format::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Students,
    Teachers,
    /// Agency and community team members with their job group (annual training).
    Members,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Content commands read files only: they must run without settings or a database (CI,
    // a teacher's laptop).
    if let Command::Content {
        command: ContentCommand::Check { dir, json },
    } = &cli.command
    {
        return content_check(dir, *json);
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Lỗi: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let (demo, port) = match &cli.command {
        Command::Serve { demo, port } => (*demo, *port),
        _ => (false, None),
    };
    let settings = Settings::load(&Overrides {
        config_file: cli.config.clone(),
        data_dir: cli.data_dir.clone(),
        port,
        demo,
    })
    .context("đọc cấu hình thất bại")?;
    telemetry::init(settings.log_format, &settings.log);
    crate::models::set_clock_offset(settings.clock_offset_seconds);
    if settings.clock_offset_seconds != 0 {
        tracing::warn!(
            seconds = settings.clock_offset_seconds,
            "the server's clock is shifted from the real time"
        );
    }

    match cli.command {
        Command::Serve { .. } => serve(settings),
        Command::Migrate => {
            let location = Location::from_settings(&settings)?;
            let mut conn = connect_for_command(&settings)?;
            let level = migrations::current_level(&mut conn)?;
            println!(
                "Cơ sở dữ liệu {} ở mức migration {level}.",
                location.backend().display_name()
            );
            Ok(())
        }
        Command::Backup { file } => {
            let location = Location::from_settings(&settings)?;
            backup::backup(&location, &file)?;
            println!("Đã sao lưu vào {}.", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let location = Location::from_settings(&settings)?;
            if let Location::Sqlite(path) = &location
                && let Some(dir) = path.parent()
            {
                std::fs::create_dir_all(dir)?;
            }
            backup::restore(&location, &file)?;
            println!("Đã khôi phục từ {}.", file.display());
            Ok(())
        }
        Command::ImportUnits { file, dry_run } => import_units(&settings, &file, dry_run),
        Command::ImportRoster {
            file,
            dry_run,
            school_year,
            kind,
            max_rows,
        } => import_roster(&settings, &file, dry_run, school_year, kind, max_rows),
        Command::ImportQuestions {
            file,
            format,
            category,
            dry_run,
            json,
        } => import_questions(&settings, &file, format, category.as_deref(), dry_run, json),
        Command::ExportQuestions {
            category,
            format,
            file,
        } => export_questions(&settings, &category, format, &file),
        Command::Content {
            command: ContentCommand::Load { dir },
        } => content_load(&settings, &dir),
        // Dispatched in `main` before settings load; kept total here rather than panicking.
        Command::Content {
            command: ContentCommand::Check { dir, json },
        } => match content_check(&dir, json) {
            ExitCode::SUCCESS => Ok(()),
            _ => anyhow::bail!("kho nội dung có lỗi"),
        },
        Command::Openapi => {
            println!("{}", crate::openapi::document_json());
            Ok(())
        }
        Command::Coverage {
            command: CoverageCommand::Rebuild { check },
        } => coverage_rebuild(&settings, check),
        Command::Coverage {
            command:
                CoverageCommand::Generate {
                    communes,
                    schools_per_commune,
                    classes_per_school,
                    students_per_class,
                    events_per_student,
                    completed_percent,
                    password,
                },
        } => {
            let mut conn = connect_for_command(&settings)?;
            crate::coverage_bench::generate(
                &mut conn,
                crate::coverage_bench::Scale {
                    communes,
                    schools_per_commune,
                    classes_per_school,
                    students_per_class,
                    events_per_student,
                    completed_percent,
                },
                &password,
            )
        }
        Command::Coverage {
            command: CoverageCommand::TimeRaw { unit, runs },
        } => {
            let mut conn = connect_for_command(&settings)?;
            crate::coverage_bench::time_raw(&mut conn, &unit, runs)
        }
    }
}

/// `coverage rebuild [--check]`: lists every counter that differs from a recomputation from
/// raw rows; `--check` writes nothing and fails when there is any difference.
fn coverage_rebuild(settings: &Settings, check: bool) -> anyhow::Result<()> {
    use crate::services::coverage;
    let mut conn = connect_for_command(settings)?;
    let differences = coverage::rebuild(&mut conn, !check)?;
    for difference in &differences {
        println!("{difference}");
    }
    match (check, differences.len()) {
        (_, 0) => println!("Bộ đếm độ bao phủ khớp với dữ liệu gốc."),
        (true, n) => anyhow::bail!("{n} bộ đếm độ bao phủ khác với dữ liệu gốc"),
        (false, n) => println!("Đã tính lại; {n} bộ đếm đã được sửa."),
    }
    Ok(())
}

fn import_questions(
    settings: &Settings,
    file: &std::path::Path,
    format: Option<FormatArg>,
    category: Option<&str>,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<()> {
    use crate::question_formats::model::split_category_path;
    use crate::services::question_import::{self, Format, ImportError, ImportRequest};
    let bytes =
        std::fs::read(file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
    let request = ImportRequest {
        bytes: &bytes,
        file_name: file.display().to_string(),
        format: format.map_or_else(|| Format::detect(file, &bytes), Format::from),
        category: category.map(split_category_path).unwrap_or_default(),
        dry_run,
    };
    // A file with errors is refused before the database is even opened.
    if let Err(errors) = question_import::parse(&bytes, &request.file_name, request.format) {
        return refuse_questions(file, &errors);
    }
    let mut conn = connect_for_command(settings)?;
    match question_import::import(&mut conn, &request) {
        Ok(summary) => {
            if json {
                println!("{}", serde_json::to_string(&summary)?);
            } else {
                println!("{}", summary.describe());
            }
            Ok(())
        }
        Err(ImportError::Invalid(errors)) => refuse_questions(file, &errors),
        Err(err) => Err(err.into()),
    }
}

fn refuse_questions(
    file: &std::path::Path,
    errors: &[crate::question_formats::error::ParseError],
) -> anyhow::Result<()> {
    for error in errors {
        eprintln!("{error}");
    }
    anyhow::bail!(
        "tệp {} có {} lỗi; chưa ghi gì vào hệ thống",
        file.display(),
        errors.len()
    )
}

fn export_questions(
    settings: &Settings,
    category: &str,
    format: FormatArg,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    use crate::question_formats::model::split_category_path;
    use crate::services::question_import;
    let mut conn = connect_for_command(settings)?;
    let (text, count) =
        question_import::export(&mut conn, &split_category_path(category), format.into())?;
    std::fs::write(file, text).with_context(|| format!("không ghi được tệp {}", file.display()))?;
    println!("Đã xuất {count} câu hỏi vào {}.", file.display());
    Ok(())
}

/// `content load`: the whole folder in one transaction, or nothing.
fn content_load(settings: &Settings, dir: &std::path::Path) -> anyhow::Result<()> {
    use crate::services::content_load::{self, LoadError};
    let mut conn = connect_for_command(settings)?;
    match content_load::load(&mut conn, dir) {
        Ok(summary) => {
            if summary.wrote_anything() {
                println!("Đã nạp {}:", dir.display());
            } else {
                println!("Nội dung {} không đổi; không ghi gì.", dir.display());
            }
            println!("{}", summary.describe());
            Ok(())
        }
        Err(LoadError::Refused(problems)) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            Err(LoadError::Refused(problems).into())
        }
        Err(err) => Err(err.into()),
    }
}

/// `content check`: exit code 1 when the bank has any problem.
fn content_check(dir: &std::path::Path, json: bool) -> ExitCode {
    let report = crate::content::check(dir);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("Lỗi: không ghi được kết quả JSON: {err}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report.to_text(&dir.display().to_string()));
    }
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    let db = prepare_serving(&settings)?;
    actix_web::rt::System::new().block_on(async move {
        let app = Application::with_db(settings.clone(), db)?;
        crate::startup::spawn_overdue_finaliser(app.db().clone());
        tracing::info!(
            address = %format!("http://{}:{}", settings.bind, app.port()),
            database = app.db().backend().display_name(),
            demo = settings.demo,
            "Học DVC is serving"
        );
        println!(
            "Học DVC đang chạy tại http://{}:{}/ (cơ sở dữ liệu: {})",
            if settings.bind == "0.0.0.0" {
                "localhost"
            } else {
                &settings.bind
            },
            app.port(),
            app.db().backend().display_name()
        );
        app.run_until_stopped().await?;
        Ok(())
    })
}

fn import_units(settings: &Settings, file: &std::path::Path, dry_run: bool) -> anyhow::Result<()> {
    use crate::services::import_units::{self, ImportError};
    let bytes =
        std::fs::read(file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
    let mut conn = connect_for_command(settings)?;
    match import_units::import(&mut conn, &bytes, dry_run) {
        Ok(summary) => {
            let verb = if dry_run {
                "Kiểm tra xong (chưa ghi gì)"
            } else {
                "Đã nhập"
            };
            println!(
                "{verb}: {} đơn vị mới, {} đổi tên, {} chuyển đơn vị cha, {} không đổi.",
                summary.created, summary.renamed, summary.moved, summary.unchanged
            );
            Ok(())
        }
        Err(ImportError::Invalid(messages)) => {
            for message in &messages {
                eprintln!("{message}");
            }
            anyhow::bail!(
                "tệp {} có {} lỗi; chưa ghi gì vào hệ thống",
                file.display(),
                messages.len()
            )
        }
        Err(ImportError::Storage(e)) => Err(anyhow::anyhow!("{}", e.message())),
    }
}

fn import_roster(
    settings: &Settings,
    file: &std::path::Path,
    dry_run: bool,
    school_year: Option<String>,
    kind: KindArg,
    max_rows: Option<usize>,
) -> anyhow::Result<()> {
    use crate::domain::SchoolYear;
    use crate::roster::table::{ParseOptions, today_in_vietnam};
    use crate::services::roster_import::{self, RosterError, RosterRequest};
    let school_year = match school_year {
        Some(text) => SchoolYear::parse(&text).map_err(anyhow::Error::msg)?,
        None => SchoolYear::containing(today_in_vietnam()),
    };
    let bytes =
        std::fs::read(file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
    let mut conn = connect_for_command(settings)?;
    let mut options = ParseOptions::default();
    if let Some(max_rows) = max_rows {
        options.max_rows = max_rows;
    }
    let started = std::time::Instant::now();
    let request = RosterRequest {
        kind: match kind {
            KindArg::Students => hocdvc_api::RosterKind::Students,
            KindArg::Teachers => hocdvc_api::RosterKind::Teachers,
            KindArg::Members => hocdvc_api::RosterKind::Members,
        },
        bytes: &bytes,
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        school_year,
        dry_run,
        by: None,
        options,
    };
    match roster_import::import(&mut conn, &request) {
        Ok(summary) => {
            let seconds = started.elapsed().as_secs_f64();
            println!("{}", roster_import::describe(&summary));
            tracing::info!(
                rows = summary.rows,
                seconds,
                rows_per_second = summary.rows as f64 / seconds.max(f64::EPSILON),
                "roster import finished"
            );
            Ok(())
        }
        Err(RosterError::Storage(e)) => Err(anyhow::anyhow!("{}", e.message())),
        Err(refused) => {
            let messages = refused.messages();
            for message in messages.iter().skip(1) {
                eprintln!("{message}");
            }
            anyhow::bail!("{}", messages.first().cloned().unwrap_or_default())
        }
    }
}
