//! Who is signed in: the session loaded from `GET /api/me` at start, changed by sign-in,
//! activation and sign-out, and the role grant the user is acting under (remembered per user in
//! the browser; it is the default unit of the admin pages). Also which pages each role may use,
//! so navigation only offers what can work (the server remains the real gate).

use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use hocdvc_api::{RoleGrant, SessionInfo, UserInfo};
use yew::prelude::*;

use crate::services::api;

#[derive(Clone, PartialEq, Debug)]
pub enum Status {
    /// `GET /api/me` has not answered yet.
    Loading,
    SignedOut,
    SignedIn(Rc<SessionInfo>),
}

#[derive(Clone, PartialEq, Debug)]
pub struct SessionState {
    pub status: Status,
    /// Index into `user.roles` of the grant the user acts under.
    pub grant: usize,
}

pub enum SessionAction {
    /// A sign-in, an activation, or the answer of `GET /api/me`.
    SignedIn(SessionInfo),
    SignedOut,
    ChooseGrant(usize),
}

fn storage_key(username: &str) -> String {
    format!("hocdvc.grant.{username}")
}

fn grant_key(grant: &RoleGrant) -> String {
    format!("{}@{}", grant.role, grant.unit_code)
}

/// The grant this user chose last time on this browser, else their first.
fn remembered_grant(user: &UserInfo) -> usize {
    LocalStorage::get::<String>(storage_key(&user.username))
        .ok()
        .and_then(|key| user.roles.iter().position(|g| grant_key(g) == key))
        .unwrap_or(0)
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        match action {
            SessionAction::SignedIn(info) => {
                // The one place the token changes, so no request can carry a stale one.
                api::set_csrf_token(Some(info.csrf_token.clone()));
                let grant = remembered_grant(&info.user);
                Rc::new(SessionState {
                    status: Status::SignedIn(Rc::new(info)),
                    grant,
                })
            }
            SessionAction::SignedOut => {
                api::set_csrf_token(None);
                Rc::new(SessionState {
                    status: Status::SignedOut,
                    grant: 0,
                })
            }
            SessionAction::ChooseGrant(index) => {
                let Status::SignedIn(info) = &self.status else {
                    return self;
                };
                let Some(grant) = info.user.roles.get(index) else {
                    return self;
                };
                let _ = LocalStorage::set(storage_key(&info.user.username), grant_key(grant));
                Rc::new(SessionState {
                    status: self.status.clone(),
                    grant: index,
                })
            }
        }
    }
}

impl SessionState {
    pub fn user(&self) -> Option<&UserInfo> {
        match &self.status {
            Status::SignedIn(info) => Some(&info.user),
            _ => None,
        }
    }

    /// The grant the user acts under now.
    pub fn current_grant(&self) -> Option<&RoleGrant> {
        let user = self.user()?;
        user.roles.get(self.grant).or_else(|| user.roles.first())
    }

    /// Whether any of the user's roles is one of `roles`.
    pub fn has_any_role(&self, roles: &[&str]) -> bool {
        self.user()
            .is_some_and(|u| u.roles.iter().any(|g| roles.contains(&g.role.as_str())))
    }

    /// Roles that may browse the organisation tree.
    pub fn may_browse_units(&self) -> bool {
        self.has_any_role(&[
            "system_admin",
            "school_admin",
            "teacher",
            "department_viewer",
        ])
    }

    /// Roles that may list and search people.
    pub fn may_view_people(&self) -> bool {
        self.has_any_role(&["system_admin", "school_admin", "teacher"])
    }

    /// Roles that may import rosters.
    /// Content authors: teachers and admins import question files.
    pub fn may_import_questions(&self) -> bool {
        self.has_any_role(&["system_admin", "school_admin", "teacher"])
    }

    /// Content owners: the lesson feedback queue (same roles as question authors).
    pub fn may_manage_feedback(&self) -> bool {
        self.has_any_role(&["system_admin", "school_admin", "teacher"])
    }

    pub fn may_import(&self) -> bool {
        self.has_any_role(&["system_admin", "school_admin"])
    }

    /// Teachers grade their students' essays.
    pub fn may_grade(&self) -> bool {
        self.has_any_role(&["teacher"])
    }
    /// Roles that see item statistics (province-wide content reviewers).
    pub fn may_view_item_statistics(&self) -> bool {
        self.has_any_role(&["system_admin", "department_viewer"])
    }
    /// Roles that see the coverage dashboards (the server scopes them to the role's unit).
    pub fn may_view_coverage(&self) -> bool {
        self.has_any_role(&[
            "system_admin",
            "department_viewer",
            "school_admin",
            "teacher",
        ])
    }
    /// Judges: the blind scoring pages.
    pub fn is_judge(&self) -> bool {
        self.has_any_role(&["judge"])
    }

    /// Organisers: the creative-contest pages.
    pub fn may_organise(&self) -> bool {
        self.has_any_role(&["system_admin", "organiser"])
    }

    /// Students: the to-do list and the family-helper task.
    pub fn is_student(&self) -> bool {
        self.has_any_role(&["student"])
    }

    /// Teachers and admins: assigning modules, class progress, confirming family tasks.
    pub fn may_assign(&self) -> bool {
        self.has_any_role(&["system_admin", "school_admin", "teacher"])
    }

    /// Organisers of annual training: cycles, member rosters, the agency report.
    pub fn may_manage_training(&self) -> bool {
        self.has_any_role(&["system_admin", "training_officer"])
    }

    /// Agency and team members: the "Đào tạo hằng năm" card.
    pub fn is_civil_servant(&self) -> bool {
        self.has_any_role(&["civil_servant"])
    }

    /// Roles that may reset a password to a new activation code.
    pub fn may_reset_passwords(&self) -> bool {
        self.has_any_role(&["system_admin", "school_admin"])
    }
}

pub type SessionHandle = UseReducerHandle<SessionState>;

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    pub children: Html,
}

/// Loads the session once at start and shares it with every component below.
#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let session = use_reducer(|| SessionState {
        status: Status::Loading,
        grant: 0,
    });
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Unreachable server: treat as signed out; pages say the network failed.
                match api::me().await {
                    Ok(Some(info)) => session.dispatch(SessionAction::SignedIn(info)),
                    Ok(None) | Err(_) => session.dispatch(SessionAction::SignedOut),
                }
            });
        });
    }
    html! {
        <ContextProvider<SessionHandle> context={session}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}

#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().unwrap_or_else(|| panic!("use_session outside SessionProvider"))
}
