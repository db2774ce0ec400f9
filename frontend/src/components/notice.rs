//! A one-time message for the page the user is sent to ("Tài khoản đã được kích hoạt" after
//! activation, "Bạn đã đăng xuất" after sign-out). The layout shows it at the top of that page
//! only and forgets it when the user moves on.

use yew::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind};
use yew_router::prelude::*;

#[derive(Clone, PartialEq, Debug)]
pub struct Notice {
    /// The page (path) it is meant for.
    pub path: String,
    pub kind: AlertKind,
    pub message: AttrValue,
}

pub type NoticeHandle = UseStateHandle<Option<Notice>>;

/// Leaves a message for `route`; navigate there next.
#[hook]
pub fn use_notify() -> Callback<(Route, AlertKind, AttrValue)> {
    let notice = use_context::<NoticeHandle>();
    Callback::from(
        move |(route, kind, message): (Route, AlertKind, AttrValue)| {
            if let Some(notice) = &notice {
                notice.set(Some(Notice {
                    path: route.to_path(),
                    kind,
                    message,
                }));
            }
        },
    )
}

#[derive(Properties, PartialEq)]
pub struct NoticeViewProps {
    pub notice: Option<Notice>,
    pub path: String,
}

#[component]
pub fn NoticeView(props: &NoticeViewProps) -> Html {
    match &props.notice {
        Some(notice) if notice.path == props.path => html! {
            <Alert kind={notice.kind} id="thong-bao">{ notice.message.clone() }</Alert>
        },
        _ => html! {},
    }
}
