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
