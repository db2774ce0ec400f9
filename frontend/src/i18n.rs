//! Every UI string, in one typed table per language. Vietnamese is the reference; English is
//! complete; a Khmer table slots in as one more `Texts` value and one more `Language` arm.
//! Components read strings with `use_texts()`, never from literals.

use gloo_storage::{LocalStorage, Storage};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Language {
    Vi,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Vi, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Language::Vi => &VI,
            Language::En => &EN,
        }
    }
}

pub struct Texts {
    pub language_name: &'static str,
    pub language_label: &'static str,
    pub skip_to_content: &'static str,
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_about: &'static str,
    pub footer_plan: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_who_title: &'static str,
    pub home_roles: [(&'static str, &'static str); 6],
    pub home_targets_title: &'static str,
    pub home_targets_intro: &'static str,
    pub home_targets: [(&'static str, u8); 3],
    pub home_targets_note: &'static str,
    pub home_topics_title: &'static str,
    pub home_topics: [&'static str; 6],
    pub target_label: &'static str,
    pub about_title: &'static str,
    pub about_lead: &'static str,
    pub about_table_caption: &'static str,
    pub about_status: &'static str,
    pub about_status_ok: &'static str,
    pub about_version: &'static str,
    pub about_database: &'static str,
    pub about_migration: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub error_network: &'static str,
    pub error_unexpected: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub nav_units: &'static str,
    pub nav_people: &'static str,
    pub nav_imports: &'static str,
    pub nav_change_password: &'static str,
    pub field_required: &'static str,
    pub saving: &'static str,
    pub not_applicable: &'static str,
    pub actions_label: &'static str,
    pub print: &'static str,
    pub breadcrumb_label: &'static str,
    pub pager_label: &'static str,
    pub pager_previous: &'static str,
    pub pager_next: &'static str,
    pub pager_position: fn(i64, i64) -> String,
    /// `(code, name)` of each role.
    pub role_names: [(&'static str, &'static str); 8],
    /// `(code, name)` of each unit kind.
    pub unit_kinds: [(&'static str, &'static str); 7],
    /// `(code, name)` of each school level.
    pub school_levels: [(&'static str, &'static str); 6],
    // Session and the "who am I" bar.
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub sign_out: &'static str,
    pub sign_out_failed: &'static str,
    pub signed_out_notice: &'static str,
    pub signed_in_as: &'static str,
    pub current_role_label: &'static str,
    // Sign-in, activation, password change.
    pub login_title: &'static str,
    pub login_already: fn(&str) -> String,
    pub login_first_time: &'static str,
    pub login_forgot: &'static str,
    pub username_label: &'static str,
    pub password_label: &'static str,
    pub show_password: &'static str,
    pub activate_title: &'static str,
    pub activate_lead: &'static str,
    pub activate_username_hint: &'static str,
    pub activation_code_label: &'static str,
    pub activation_code_hint: &'static str,
    pub new_password_label: &'static str,
    pub new_password_hint: &'static str,
    pub repeat_password_label: &'static str,
    pub password_too_short: &'static str,
    pub password_mismatch: &'static str,
    pub activate_submit: &'static str,
    pub activating: &'static str,
    pub activate_have_password: &'static str,
    pub activated_notice: fn(&str) -> String,
    pub change_password_title: &'static str,
    pub change_password_lead: &'static str,
    pub current_password_label: &'static str,
    pub change_password_submit: &'static str,
    pub password_changed: &'static str,
    // The organisation tree.
    pub units_title: &'static str,
    pub units_lead: &'static str,
    pub units_top_caption: &'static str,
    pub units_none_title: &'static str,
    pub units_none_body: &'static str,
    pub units_back: &'static str,
    pub unit_label: &'static str,
    pub unit_name_label: &'static str,
    pub unit_code_label: &'static str,
    pub unit_code_hint: fn(&str) -> String,
    pub unit_kind_label: &'static str,
    pub unit_facts_label: &'static str,
    pub unit_details_caption: &'static str,
    pub school_level_label: &'static str,
    pub grade_label: &'static str,
    pub grade_value: fn(i32) -> String,
    pub school_year_label: &'static str,
    pub school_year_hint: &'static str,
    pub school_year_invalid: &'static str,
    pub subtree_size_label: &'static str,
    pub unit_children_title: &'static str,
    pub unit_children_caption: fn(usize) -> String,
    pub unit_children_none: &'static str,
    pub unit_people_link: &'static str,
    pub print_activation_sheet: &'static str,
    pub unit_create_title: fn(&str) -> String,
    pub unit_create_submit: &'static str,
    pub unit_created: fn(&str) -> String,
    pub class_name_hint: &'static str,
    pub unit_rename_title: &'static str,
    pub unit_new_name_label: &'static str,
    pub unit_rename_submit: &'static str,
    pub unit_renamed: fn(&str) -> String,
    // People.
    pub people_title: &'static str,
    pub people_lead: &'static str,
    pub people_no_unit: &'static str,
    pub people_search_label: &'static str,
    pub people_search_hint: &'static str,
    pub people_count: fn(i64) -> String,
    pub searching: &'static str,
    pub full_name_label: &'static str,
    pub student_code_label: &'static str,
    pub birth_date_label: &'static str,
    pub class_label: &'static str,
    pub roles_label: &'static str,
    pub activated_label: &'static str,
    pub activated_yes: &'static str,
    pub activated_no: &'static str,
    pub reset_button: &'static str,
    pub reset_button_for: fn(&str) -> String,
    pub reset_confirm: fn(&str, &str) -> String,
    pub reset_done: fn(&str, &str) -> String,
    pub reset_done_hint: &'static str,
    // Roster imports.
    pub imports_title: &'static str,
    pub imports_lead: &'static str,
    pub roster_kind_label: &'static str,
    pub roster_students: &'static str,
    pub roster_teachers: &'static str,
    pub import_students_columns: &'static str,
    pub import_teachers_columns: &'static str,
    pub import_file_label: &'static str,
    pub import_file_hint: &'static str,
    pub import_file_missing: &'static str,
    pub import_check: &'static str,
    pub import_run: &'static str,
    pub import_sending: &'static str,
    pub import_processing: &'static str,
    pub import_progress_label: &'static str,
    pub import_dry_run_done: &'static str,
    pub import_done: &'static str,
    pub import_summary_caption: &'static str,
    pub import_file_name: &'static str,
    pub import_format: &'static str,
    pub import_rows: &'static str,
    pub import_created: &'static str,
    pub import_updated: &'static str,
    pub import_moved: &'static str,
    pub import_unchanged: &'static str,
    pub import_classes_created: &'static str,
    pub import_next_step: &'static str,
    pub import_next_step_link: &'static str,
    pub import_errors_caption: fn(usize) -> String,
    pub import_error_line: &'static str,
    pub import_error_column: &'static str,
    pub import_error_message: &'static str,
    pub imports_history_title: &'static str,
    pub imports_history_none: &'static str,
    pub import_at: &'static str,
    pub import_by: &'static str,
    pub templates_title: &'static str,
    pub templates_lead: &'static str,
    pub template_students: &'static str,
    pub template_teachers: &'static str,
    // The class activation sheet.
    pub sheet_title: &'static str,
    pub sheet_back_to_class: &'static str,
    pub sheet_steps_title: &'static str,
    pub sheet_step_open: fn(&str) -> String,
    pub sheet_step_enter: &'static str,
    pub sheet_step_password: &'static str,
    pub sheet_keep_secret: &'static str,
    pub sheet_progress: fn(usize, usize) -> String,
    pub sheet_empty: &'static str,
    pub sheet_caption: fn(&str) -> String,
    pub sheet_no: &'static str,
    pub sheet_activated: &'static str,
}

impl Texts {
    /// A role's name ("Giáo viên"); an unknown role code is shown as it is.
    pub fn role_name<'a>(&self, role: &'a str) -> &'a str
    where
        'static: 'a,
    {
        lookup(&self.role_names, role).unwrap_or(role)
    }

    /// A unit kind's name ("Trường").
    pub fn unit_kind(&self, kind: &str) -> Option<&'static str> {
        lookup(&self.unit_kinds, kind)
    }

    /// A school level's name ("THPT").
    pub fn school_level(&self, level: &str) -> Option<&'static str> {
        lookup(&self.school_levels, level)
    }
}

fn lookup(table: &[(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

pub static VI: Texts = Texts {
    language_name: "Tiếng Việt",
    language_label: "Ngôn ngữ",
    skip_to_content: "Bỏ qua, đến nội dung chính",
    app_name: "Học DVC",
    tagline: "Học và thi về dịch vụ công trực tuyến",
    nav_label: "Điều hướng chính",
    nav_home: "Trang chủ",
    nav_about: "Giới thiệu",
    footer_plan: "Thực hiện Kế hoạch tuyên truyền, phổ biến dịch vụ công trực tuyến đến năm 2025, định hướng đến năm 2030.",
    home_title: "Học để dùng dịch vụ công trực tuyến thành thạo",
    home_lead: "Học DVC mang bài học, bài kiểm tra và cuộc thi về dịch vụ công trực tuyến đến từng lớp học, trường học và cơ quan, và cho biết mỗi đơn vị đã đi được bao xa so với chỉ tiêu của tỉnh.",
    home_who_title: "Dành cho ai",
    home_roles: [
        (
            "Học sinh, sinh viên",
            "Học bài, làm bài kiểm tra, tham gia cuộc thi và hướng dẫn người thân sử dụng dịch vụ công trực tuyến.",
        ),
        (
            "Giáo viên",
            "Giao học phần cho lớp kèm hạn hoàn thành, theo dõi tiến độ và kết quả của từng học sinh.",
        ),
        (
            "Nhà trường",
            "Nhập danh sách học sinh, quản lý lớp và giáo viên.",
        ),
        (
            "Sở GD&ĐT",
            "Theo dõi tỷ lệ học sinh được phổ cập theo tỉnh, xã, trường, lớp so với chỉ tiêu, và xuất báo cáo.",
        ),
        (
            "Cán bộ, công chức, viên chức",
            "Học học phần bồi dưỡng hằng năm; cơ quan theo dõi tỷ lệ hoàn thành.",
        ),
        (
            "Tổ công nghệ số cộng đồng",
            "Học cách hướng dẫn người dân, nhất là người cao tuổi, đồng bào dân tộc và người khuyết tật.",
        ),
    ],
    home_targets_title: "Chỉ tiêu của kế hoạch",
    home_targets_intro: "Kế hoạch của tỉnh (mục II.2) đặt ra các chỉ tiêu sau; Học DVC đo từng chỉ tiêu trên danh sách học sinh và cán bộ thực tế, không chỉ trên số người đã đăng nhập.",
    home_targets: [
        (
            "Học sinh THPT, sinh viên được phổ cập kiến thức, kỹ năng sử dụng DVCTT — năm 2025",
            80,
        ),
        (
            "Học sinh THPT, sinh viên được phổ cập kiến thức, kỹ năng sử dụng DVCTT — năm 2030",
            100,
        ),
        (
            "Cán bộ, công chức, viên chức và thành viên Tổ công nghệ số cộng đồng được bồi dưỡng — hằng năm",
            100,
        ),
    ],
    home_targets_note: "Thanh dưới mỗi dòng thể hiện mức chỉ tiêu, không phải kết quả đã đạt.",
    home_topics_title: "Nội dung học",
    home_topics: [
        "Cổng Dịch vụ công quốc gia và hệ thống thủ tục hành chính của tỉnh",
        "Tài khoản định danh điện tử VNeID mức 1 và mức 2",
        "Dịch vụ công trực tuyến toàn trình và một phần; nộp hồ sơ, thanh toán trực tuyến",
        "Tra cứu tình trạng hồ sơ và nhận kết quả",
        "Bảo vệ dữ liệu cá nhân, mã OTP, nhận diện trang giả mạo và lừa đảo",
        "Nơi hỗ trợ: Bộ phận một cửa, điểm bưu chính công ích, Tổ công nghệ số cộng đồng",
    ],
    target_label: "Chỉ tiêu",
    about_title: "Thông tin hệ thống",
    about_lead: "Thông tin máy chủ Học DVC mà bạn đang dùng, để báo cho quản trị viên khi cần hỗ trợ.",
    about_table_caption: "Tình trạng máy chủ",
    about_status: "Trạng thái",
    about_status_ok: "Hoạt động bình thường",
    about_version: "Phiên bản",
    about_database: "Cơ sở dữ liệu",
    about_migration: "Mức cấu trúc dữ liệu (migration)",
    loading: "Đang tải…",
    retry: "Thử lại",
    error_network: "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.",
    error_unexpected: "Máy chủ trả lời không như mong đợi. Vui lòng thử lại sau.",
    not_found_title: "Không tìm thấy trang",
    not_found_body: "Đường dẫn này không tồn tại hoặc đã được chuyển đi.",
    back_home: "Về trang chủ",
    nav_units: "Đơn vị",
    nav_people: "Người dùng",
    nav_imports: "Nhập danh sách",
    nav_change_password: "Đổi mật khẩu",
    field_required: "Vui lòng nhập mục này.",
    saving: "Đang lưu…",
    not_applicable: "Không có",
    actions_label: "Thao tác",
    print: "In",
    breadcrumb_label: "Vị trí trong cây đơn vị",
    pager_label: "Chuyển trang",
    pager_previous: "‹ Trang trước",
    pager_next: "Trang sau ›",
    pager_position: |page, pages| format!("Trang {page}/{pages}"),
    role_names: [
        ("student", "Học sinh"),
        ("teacher", "Giáo viên"),
        ("school_admin", "Quản trị trường"),
        ("department_viewer", "Cán bộ Sở/Phòng GD&ĐT"),
        ("organiser", "Ban tổ chức"),
        ("judge", "Giám khảo"),
        ("civil_servant", "Cán bộ, công chức"),
        ("system_admin", "Quản trị hệ thống"),
    ],
    unit_kinds: [
        ("province", "Tỉnh"),
        ("commune", "Xã/Phường"),
        ("area", "Khu vực"),
        ("school", "Trường"),
        ("class", "Lớp"),
        ("agency", "Cơ quan"),
        ("team", "Tổ"),
    ],
    school_levels: [
        ("thcs", "THCS"),
        ("thpt", "THPT"),
        ("lien_cap", "Liên cấp"),
        ("dai_hoc", "Đại học"),
        ("nghe", "Nghề"),
        ("gdtx", "GDTX"),
    ],
    sign_in: "Đăng nhập",
    signing_in: "Đang đăng nhập…",
    sign_out: "Đăng xuất",
    sign_out_failed: "Chưa đăng xuất được vì mất kết nối. Hãy thử lại.",
    signed_out_notice: "Bạn đã đăng xuất.",
    signed_in_as: "Đang đăng nhập:",
    current_role_label: "Vai trò đang dùng",
    login_title: "Đăng nhập",
    login_already: |name| {
        format!("Bạn đang đăng nhập với tài khoản {name}. Đăng nhập tài khoản khác ở dưới đây.")
    },
    login_first_time: "Lần đầu đăng nhập? Kích hoạt tài khoản",
    login_forgot: "Quên mật khẩu? Hãy nhờ giáo viên chủ nhiệm hoặc quản trị trường cấp lại mã kích hoạt.",
    username_label: "Tên đăng nhập",
    password_label: "Mật khẩu",
    show_password: "Hiện mật khẩu",
    activate_title: "Kích hoạt tài khoản",
    activate_lead: "Dùng tên đăng nhập và mã kích hoạt trên phiếu giáo viên phát cho lớp, rồi tự đặt mật khẩu của em.",
    activate_username_hint: "Ghi trên phiếu kích hoạt, ví dụ hs00001.",
    activation_code_label: "Mã kích hoạt",
    activation_code_hint: "Gồm chữ và số, ví dụ ABCD-EFGH. Không phân biệt chữ hoa, chữ thường.",
    new_password_label: "Mật khẩu mới",
    new_password_hint: "Ít nhất 8 ký tự, không chứa tên đăng nhập.",
    repeat_password_label: "Nhập lại mật khẩu mới",
    password_too_short: "Mật khẩu mới phải có ít nhất 8 ký tự.",
    password_mismatch: "Hai mật khẩu chưa giống nhau.",
    activate_submit: "Kích hoạt và đăng nhập",
    activating: "Đang kích hoạt…",
    activate_have_password: "Đã có mật khẩu? Đăng nhập",
    activated_notice: |name| format!("Tài khoản đã được kích hoạt. Chào mừng {name}!"),
    change_password_title: "Đổi mật khẩu",
    change_password_lead: "Sau khi đổi, tài khoản sẽ tự đăng xuất trên các máy khác.",
    current_password_label: "Mật khẩu hiện tại",
    change_password_submit: "Đổi mật khẩu",
    password_changed: "Đã đổi mật khẩu. Lần sau hãy đăng nhập bằng mật khẩu mới.",
    units_title: "Đơn vị",
    units_lead: "Cây đơn vị: tỉnh, xã/phường, trường, lớp, cơ quan. Chọn một đơn vị để xem các đơn vị trực thuộc.",
    units_top_caption: "Đơn vị bạn được xem",
    units_none_title: "Chưa có đơn vị",
    units_none_body: "Tài khoản của bạn chưa được giao vai trò trên đơn vị nào có thể xem.",
    units_back: "Về danh sách đơn vị",
    unit_label: "Đơn vị",
    unit_name_label: "Tên đơn vị",
    unit_code_label: "Mã đơn vị",
    unit_code_hint: |parent| {
        format!(
            "Tối đa 32 ký tự: chữ không dấu, số, dấu - _ hoặc . ; nên bắt đầu bằng mã đơn vị cha, ví dụ {parent}-…"
        )
    },
    unit_kind_label: "Loại",
    unit_facts_label: "Cấp học, khối, năm học",
    unit_details_caption: "Thông tin đơn vị",
    school_level_label: "Cấp học",
    grade_label: "Khối",
    grade_value: |grade| format!("Khối {grade}"),
    school_year_label: "Năm học",
    school_year_hint: "Ví dụ 2025-2026.",
    school_year_invalid: "Năm học phải có dạng 2025-2026 (hai năm liền nhau).",
    subtree_size_label: "Số đơn vị trong nhánh (kể cả đơn vị này)",
    unit_children_title: "Đơn vị trực thuộc",
    unit_children_caption: |n| format!("{n} đơn vị trực thuộc"),
    unit_children_none: "Chưa có đơn vị trực thuộc.",
    unit_people_link: "Người dùng của đơn vị",
    print_activation_sheet: "In phiếu kích hoạt",
    unit_create_title: |parent| format!("Thêm đơn vị trực thuộc {parent}"),
    unit_create_submit: "Thêm đơn vị",
    unit_created: |name| format!("Đã thêm {name}."),
    class_name_hint: "Ví dụ 10A2.",
    unit_rename_title: "Đổi tên đơn vị",
    unit_new_name_label: "Tên mới",
    unit_rename_submit: "Lưu tên mới",
    unit_renamed: |name| format!("Đã đổi tên thành {name}."),
    people_title: "Người dùng",
    people_lead: "Học sinh, giáo viên và cán bộ của đơn vị đã chọn và các đơn vị trực thuộc.",
    people_no_unit: "Tài khoản của bạn không có quyền xem danh sách người dùng.",
    people_search_label: "Tìm theo họ tên, tên đăng nhập hoặc mã học sinh",
    people_search_hint: "Gõ có dấu hay không dấu đều được.",
    people_count: |n| {
        if n == 0 {
            "Không tìm thấy ai.".to_owned()
        } else {
            format!("Tìm thấy {n} người.")
        }
    },
    searching: "Đang tìm…",
    full_name_label: "Họ và tên",
    student_code_label: "Mã học sinh",
    birth_date_label: "Ngày sinh",
    class_label: "Lớp",
    roles_label: "Vai trò",
    activated_label: "Kích hoạt",
    activated_yes: "Đã kích hoạt",
    activated_no: "Chưa kích hoạt",
    reset_button: "Cấp lại mã kích hoạt",
    reset_button_for: |name| format!("Cấp lại mã kích hoạt cho {name}"),
    reset_confirm: |name, username| {
        format!(
            "Cấp lại mã kích hoạt cho {name} ({username})?\n\nMật khẩu hiện tại của người này sẽ không dùng được nữa và họ sẽ bị đăng xuất."
        )
    },
    reset_done: |name, username| format!("Mã kích hoạt mới của {name} ({username}):"),
    reset_done_hint: "Hãy đưa mã này tận tay người dùng. Họ vào trang Kích hoạt tài khoản, nhập tên đăng nhập và mã này để đặt mật khẩu mới.",
    imports_title: "Nhập danh sách",
    imports_lead: "Tải lên danh sách học sinh hoặc giáo viên (tệp CSV từ Excel hoặc phần mềm quản lý trường). Bấm Kiểm tra trước: hệ thống đọc toàn bộ tệp, báo mọi dòng sai mà không ghi gì. Tệp có lỗi sẽ không được nhập dòng nào.",
    roster_kind_label: "Loại danh sách",
    roster_students: "Danh sách học sinh",
    roster_teachers: "Danh sách giáo viên",
    import_students_columns: "Các cột: Mã học sinh, Họ và tên, Ngày sinh (dd/mm/yyyy), Giới tính (Nam, Nữ, Khác hoặc để trống), Lớp (ví dụ 10A1), Khối (6–12), Mã trường.",
    import_teachers_columns: "Các cột: Mã giáo viên, Họ và tên, Mã trường, Lớp chủ nhiệm (có thể để trống), Email (có thể để trống).",
    import_file_label: "Tệp danh sách (.csv, .txt)",
    import_file_hint: "Trong Excel: Tệp › Lưu thành › CSV UTF-8 (Comma delimited) hoặc Unicode Text.",
    import_file_missing: "Hãy chọn tệp danh sách.",
    import_check: "Kiểm tra",
    import_run: "Nhập",
    import_sending: "Đang tải tệp lên…",
    import_processing: "Đang xử lý…",
    import_progress_label: "Tiến độ tải tệp lên",
    import_dry_run_done: "Tệp hợp lệ. Đây mới là kiểm tra: chưa có gì được ghi. Bấm Nhập để nhập danh sách.",
    import_done: "Đã nhập danh sách.",
    import_summary_caption: "Kết quả",
    import_file_name: "Tệp",
    import_format: "Cách đọc tệp",
    import_rows: "Số dòng",
    import_created: "Tài khoản mới",
    import_updated: "Cập nhật",
    import_moved: "Chuyển lớp",
    import_unchanged: "Không đổi",
    import_classes_created: "Lớp mới",
    import_next_step: "Tiếp theo: in phiếu kích hoạt cho từng lớp để phát cho học sinh mới.",
    import_next_step_link: "Mở trang Đơn vị",
    import_errors_caption: |n| format!("Các lỗi trong tệp ({n})"),
    import_error_line: "Dòng",
    import_error_column: "Cột",
    import_error_message: "Lỗi",
    imports_history_title: "Các lần nhập trước",
    imports_history_none: "Chưa có lần nhập nào.",
    import_at: "Thời gian",
    import_by: "Người nhập",
    templates_title: "Tệp mẫu",
    templates_lead: "Tải tệp mẫu có sẵn dòng tiêu đề, điền mỗi người một dòng rồi lưu lại dạng CSV.",
    template_students: "Tải tệp mẫu danh sách học sinh",
    template_teachers: "Tải tệp mẫu danh sách giáo viên",
    sheet_title: "Phiếu kích hoạt tài khoản",
    sheet_back_to_class: "Về trang lớp",
    sheet_steps_title: "Hướng dẫn cho học sinh",
    sheet_step_open: |address| format!("Vào trang {address}"),
    sheet_step_enter: "Nhập tên đăng nhập và mã kích hoạt của em (ghi ở bảng dưới).",
    sheet_step_password: "Đặt mật khẩu mới (ít nhất 8 ký tự) và ghi nhớ; lần sau đăng nhập bằng mật khẩu này.",
    sheet_keep_secret: "Mỗi mã chỉ dùng một lần. Không đưa mã của mình cho bạn khác.",
    sheet_progress: |done, all| format!("Đã kích hoạt {done}/{all} tài khoản."),
    sheet_empty: "Lớp chưa có học sinh.",
    sheet_caption: |class| format!("Tên đăng nhập và mã kích hoạt của {class}"),
    sheet_no: "STT",
    sheet_activated: "Đã kích hoạt",
};

pub static EN: Texts = Texts {
    language_name: "English",
    language_label: "Language",
    skip_to_content: "Skip to main content",
    app_name: "Học DVC",
    tagline: "Learn and compete on online public services",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_about: "About",
    footer_plan: "Implements the plan to promote online public services to 2025, with orientation to 2030.",
    home_title: "Learn to use online public services with confidence",
    home_lead: "Học DVC brings lessons, quizzes and contests on online public services to every class, school and agency, and shows how far each unit is from the province's targets.",
    home_who_title: "Who it is for",
    home_roles: [
        (
            "Students",
            "Take lessons, quizzes and contests, and help family members use online public services.",
        ),
        (
            "Teachers",
            "Assign modules to classes with due dates; follow each student's progress and results.",
        ),
        ("Schools", "Import rosters; manage classes and teachers."),
        (
            "Education department",
            "Follow coverage by province, commune, school and class against the targets, and export reports.",
        ),
        (
            "Civil servants",
            "Take the annual training modules; agencies follow completion.",
        ),
        (
            "Community digital teams",
            "Learn to guide residents, especially the elderly, ethnic minorities and people with disabilities.",
        ),
    ],
    home_targets_title: "The plan's targets",
    home_targets_intro: "The provincial plan (section II.2) sets these targets; Học DVC measures each against the real rosters, not against who happened to log in.",
    home_targets: [
        ("Upper-secondary and university students reached — 2025", 80),
        (
            "Upper-secondary and university students reached — 2030",
            100,
        ),
        (
            "Civil servants and community digital-team members trained — every year",
            100,
        ),
    ],
    home_targets_note: "Each bar shows the target level, not a result achieved.",
    home_topics_title: "What learners study",
    home_topics: [
        "The National Public Service Portal and the province's procedure system",
        "VNeID e-identification accounts, levels 1 and 2",
        "Full-process and partial online services; submitting dossiers and paying online",
        "Tracking a dossier and receiving the result",
        "Personal data protection, OTP codes, spotting fake sites and scams",
        "Where to get help: the one-stop shop, public postal points, community digital teams",
    ],
    target_label: "Target",
    about_title: "System information",
    about_lead: "Facts about the Học DVC server you are using, to give an administrator when you need help.",
    about_table_caption: "Server status",
    about_status: "Status",
    about_status_ok: "Working normally",
    about_version: "Version",
    about_database: "Database",
    about_migration: "Schema level (migration)",
    loading: "Loading…",
    retry: "Try again",
    error_network: "Cannot reach the server. Check the connection and try again.",
    error_unexpected: "The server answered unexpectedly. Please try again later.",
    not_found_title: "Page not found",
    not_found_body: "This address does not exist or has moved.",
    back_home: "Back to the home page",
    nav_units: "Units",
    nav_people: "People",
    nav_imports: "Import rosters",
    nav_change_password: "Change password",
    field_required: "Please fill in this field.",
    saving: "Saving…",
    not_applicable: "None",
    actions_label: "Actions",
    print: "Print",
    breadcrumb_label: "Place in the unit tree",
    pager_label: "Pages",
    pager_previous: "‹ Previous page",
    pager_next: "Next page ›",
    pager_position: |page, pages| format!("Page {page} of {pages}"),
    role_names: [
        ("student", "Student"),
        ("teacher", "Teacher"),
        ("school_admin", "School administrator"),
        ("department_viewer", "Education department officer"),
        ("organiser", "Contest organiser"),
        ("judge", "Judge"),
        ("civil_servant", "Civil servant"),
        ("system_admin", "System administrator"),
    ],
    unit_kinds: [
        ("province", "Province"),
        ("commune", "Commune/Ward"),
        ("area", "Area"),
        ("school", "School"),
        ("class", "Class"),
        ("agency", "Agency"),
        ("team", "Team"),
    ],
    school_levels: [
        ("thcs", "Lower secondary (THCS)"),
        ("thpt", "Upper secondary (THPT)"),
        ("lien_cap", "Combined levels"),
        ("dai_hoc", "University"),
        ("nghe", "Vocational"),
        ("gdtx", "Continuing education"),
    ],
    sign_in: "Sign in",
    signing_in: "Signing in…",
    sign_out: "Sign out",
    sign_out_failed: "Could not sign out: the connection was lost. Please try again.",
    signed_out_notice: "You have signed out.",
    signed_in_as: "Signed in as:",
    current_role_label: "Acting as",
    login_title: "Sign in",
    login_already: |name| {
        format!("You are signed in as {name}. Sign in with another account below.")
    },
    login_first_time: "First time here? Activate your account",
    login_forgot: "Forgot your password? Ask your form teacher or school administrator for a new activation code.",
    username_label: "Username",
    password_label: "Password",
    show_password: "Show password",
    activate_title: "Activate your account",
    activate_lead: "Use the username and activation code on the sheet your teacher handed out, then choose your own password.",
    activate_username_hint: "Printed on the activation sheet, e.g. hs00001.",
    activation_code_label: "Activation code",
    activation_code_hint: "Letters and digits, e.g. ABCD-EFGH. Upper or lower case both work.",
    new_password_label: "New password",
    new_password_hint: "At least 8 characters, not containing the username.",
    repeat_password_label: "Repeat the new password",
    password_too_short: "The new password must have at least 8 characters.",
    password_mismatch: "The two passwords are not the same.",
    activate_submit: "Activate and sign in",
    activating: "Activating…",
    activate_have_password: "Already have a password? Sign in",
    activated_notice: |name| format!("Your account is active. Welcome, {name}!"),
    change_password_title: "Change password",
    change_password_lead: "After the change, the account is signed out on other devices.",
    current_password_label: "Current password",
    change_password_submit: "Change password",
    password_changed: "Password changed. Use the new password next time you sign in.",
    units_title: "Units",
    units_lead: "The unit tree: province, communes/wards, schools, classes, agencies. Choose a unit to see the units under it.",
    units_top_caption: "Units you may view",
    units_none_title: "No units yet",
    units_none_body: "Your account has no role on a unit you may view.",
    units_back: "Back to the list of units",
    unit_label: "Unit",
    unit_name_label: "Unit name",
    unit_code_label: "Unit code",
    unit_code_hint: |parent| {
        format!(
            "Up to 32 characters: letters without diacritics, digits, - _ or . ; best started with the parent's code, e.g. {parent}-…"
        )
    },
    unit_kind_label: "Kind",
    unit_facts_label: "Level, grade, school year",
    unit_details_caption: "About this unit",
    school_level_label: "School level",
    grade_label: "Grade",
    grade_value: |grade| format!("Grade {grade}"),
    school_year_label: "School year",
    school_year_hint: "For example 2025-2026.",
    school_year_invalid: "The school year must look like 2025-2026 (two consecutive years).",
    subtree_size_label: "Units in this branch (this one included)",
    unit_children_title: "Units under this one",
    unit_children_caption: |n| format!("{n} units under this one"),
    unit_children_none: "No units under this one yet.",
    unit_people_link: "People of this unit",
    print_activation_sheet: "Print activation sheet",
    unit_create_title: |parent| format!("Add a unit under {parent}"),
    unit_create_submit: "Add unit",
    unit_created: |name| format!("{name} was added."),
    class_name_hint: "For example 10A2.",
    unit_rename_title: "Rename unit",
    unit_new_name_label: "New name",
    unit_rename_submit: "Save the new name",
    unit_renamed: |name| format!("Renamed to {name}."),
    people_title: "People",
    people_lead: "Students, teachers and staff of the chosen unit and the units under it.",
    people_no_unit: "Your account may not view lists of people.",
    people_search_label: "Search by name, username or student code",
    people_search_hint: "With or without Vietnamese diacritics.",
    people_count: |n| match n {
        0 => "Nobody found.".to_owned(),
        1 => "1 person found.".to_owned(),
        n => format!("{n} people found."),
    },
    searching: "Searching…",
    full_name_label: "Full name",
    student_code_label: "Student code",
    birth_date_label: "Date of birth",
    class_label: "Class",
    roles_label: "Roles",
    activated_label: "Activated",
    activated_yes: "Activated",
    activated_no: "Not activated",
    reset_button: "New activation code",
    reset_button_for: |name| format!("New activation code for {name}"),
    reset_confirm: |name, username| {
        format!(
            "Give {name} ({username}) a new activation code?\n\nTheir current password will stop working and they will be signed out."
        )
    },
    reset_done: |name, username| format!("New activation code of {name} ({username}):"),
    reset_done_hint: "Hand this code to the person. They open the Activate account page and enter their username and this code to set a new password.",
    imports_title: "Import rosters",
    imports_lead: "Upload a student or teacher list (a CSV file from Excel or the school's management software). Press Check first: the whole file is read and every wrong line reported, and nothing is written. A file with errors is not imported at all.",
    roster_kind_label: "List of",
    roster_students: "Students",
    roster_teachers: "Teachers",
    import_students_columns: "Columns: Mã học sinh (student code), Họ và tên (full name), Ngày sinh (date of birth, dd/mm/yyyy), Giới tính (Nam, Nữ, Khác or empty), Lớp (class, e.g. 10A1), Khối (grade 6–12), Mã trường (school code).",
    import_teachers_columns: "Columns: Mã giáo viên (teacher code), Họ và tên (full name), Mã trường (school code), Lớp chủ nhiệm (form class, may be empty), Email (may be empty).",
    import_file_label: "Roster file (.csv, .txt)",
    import_file_hint: "In Excel: File › Save As › CSV UTF-8 (Comma delimited) or Unicode Text.",
    import_file_missing: "Choose a roster file.",
    import_check: "Check",
    import_run: "Import",
    import_sending: "Uploading the file…",
    import_processing: "Processing…",
    import_progress_label: "Upload progress",
    import_dry_run_done: "The file is valid. This was only a check: nothing was written. Press Import to import the list.",
    import_done: "The list was imported.",
    import_summary_caption: "Result",
    import_file_name: "File",
    import_format: "How the file was read",
    import_rows: "Rows",
    import_created: "New accounts",
    import_updated: "Updated",
    import_moved: "Changed class",
    import_unchanged: "Unchanged",
    import_classes_created: "New classes",
    import_next_step: "Next: print the activation sheet of each class for the new students.",
    import_next_step_link: "Open the Units page",
    import_errors_caption: |n| format!("Errors in the file ({n})"),
    import_error_line: "Line",
    import_error_column: "Column",
    import_error_message: "Error",
    imports_history_title: "Earlier imports",
    imports_history_none: "No imports yet.",
    import_at: "Time",
    import_by: "Imported by",
    templates_title: "Templates",
    templates_lead: "Download a template with the header line, fill in one person per line and save it as CSV.",
    template_students: "Download the student list template",
    template_teachers: "Download the teacher list template",
    sheet_title: "Account activation sheet",
    sheet_back_to_class: "Back to the class",
    sheet_steps_title: "Steps for students",
    sheet_step_open: |address| format!("Open {address}"),
    sheet_step_enter: "Enter your username and activation code (in the table below).",
    sheet_step_password: "Choose a new password (at least 8 characters) and remember it; sign in with it from then on.",
    sheet_keep_secret: "Each code works once. Do not give your code to anyone else.",
    sheet_progress: |done, all| format!("{done} of {all} accounts activated."),
    sheet_empty: "The class has no students yet.",
    sheet_caption: |class| format!("Usernames and activation codes of {class}"),
    sheet_no: "No.",
    sheet_activated: "Activated",
};

const STORAGE_KEY: &str = "hocdvc.language";

#[derive(Properties, PartialEq)]
pub struct LanguageProviderProps {
    pub children: Html,
}

/// Holds the chosen language (remembered in the browser) for every component below it.
#[component]
pub fn LanguageProvider(props: &LanguageProviderProps) -> Html {
    let language = use_state(|| {
        LocalStorage::get::<String>(STORAGE_KEY)
            .ok()
            .and_then(|code| Language::from_code(&code))
            .unwrap_or(Language::Vi)
    });
    {
        let code = language.code();
        use_effect_with(code, |code| {
            let _ = LocalStorage::set(STORAGE_KEY, *code);
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute("lang", code);
            }
        });
    }
    html! {
        <ContextProvider<UseStateHandle<Language>> context={language}>
            { props.children.clone() }
        </ContextProvider<UseStateHandle<Language>>>
    }
}

/// The current language and a handle to change it.
#[hook]
pub fn use_language() -> UseStateHandle<Language> {
    use_context::<UseStateHandle<Language>>()
        .unwrap_or_else(|| panic!("use_language outside LanguageProvider"))
}

/// The strings of the current language.
#[hook]
pub fn use_texts() -> &'static Texts {
    use_language().texts()
}
