//! Roles, each granted on an organisation unit and applying to its whole subtree.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Student,
    Teacher,
    SchoolAdmin,
    DepartmentViewer,
    Organiser,
    Judge,
    CivilServant,
    /// Cán bộ phụ trách đào tạo of an agency or team: opens its training cycles, imports its
    /// member roster, reads its training report.
    TrainingOfficer,
    SystemAdmin,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Student,
        Role::Teacher,
        Role::SchoolAdmin,
        Role::DepartmentViewer,
        Role::Organiser,
        Role::Judge,
        Role::CivilServant,
        Role::TrainingOfficer,
        Role::SystemAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Student => "student",
            Role::Teacher => "teacher",
            Role::SchoolAdmin => "school_admin",
            Role::DepartmentViewer => "department_viewer",
            Role::Organiser => "organiser",
            Role::Judge => "judge",
            Role::CivilServant => "civil_servant",
            Role::TrainingOfficer => "training_officer",
            Role::SystemAdmin => "system_admin",
        }
    }

    pub fn from_stored(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Student => "Học sinh, sinh viên",
            Role::Teacher => "Giáo viên",
            Role::SchoolAdmin => "Quản trị trường",
            Role::DepartmentViewer => "Sở/Phòng GD&ĐT",
            Role::Organiser => "Ban tổ chức",
            Role::Judge => "Giám khảo",
            Role::CivilServant => "Cán bộ, công chức, viên chức",
            Role::TrainingOfficer => "Cán bộ phụ trách đào tạo",
            Role::SystemAdmin => "Quản trị hệ thống",
        }
    }
}
