//! `/gioi-thieu`: the server's version, database backend and schema level, from
//! `GET /api/health`.

use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind};
use crate::components::table::KeyValueTable;
use crate::hooks::use_api::{Remote, use_api};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::services::api;

#[component]
pub fn About() -> Html {
    let t = use_texts();
    use_title(t.about_title);
    let health = use_api(api::health);
    let body = match &health.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            let retry = health.reload.reform(|_: MouseEvent| ());
            html! {
                <Alert kind={AlertKind::Error}>
                    <p>{ err.user_message(t.error_network, t.error_unexpected) }</p>
                    <button class="btn btn-secondary" onclick={retry}>{ t.retry }</button>
                </Alert>
            }
        }
        Remote::Ready(info) => {
            let status = if info.status == "ok" {
                html! { <span class="badge badge-ok">{ t.about_status_ok }</span> }
            } else {
                html! { <span class="badge">{ info.status.clone() }</span> }
            };
            let rows = vec![
                (AttrValue::from(t.about_status), status),
                (
                    AttrValue::from(t.about_version),
                    html! { { info.version.clone() } },
                ),
                (
                    AttrValue::from(t.about_database),
                    html! { <span id="co-so-du-lieu">{ info.database.display_name() }</span> },
                ),
                (
                    AttrValue::from(t.about_migration),
                    html! { { info.migration.clone() } },
                ),
            ];
            html! { <KeyValueTable caption={t.about_table_caption} rows={rows} /> }
        }
    };
    html! {
        <section class="card">
            <h1>{ t.about_title }</h1>
            <p>{ t.about_lead }</p>
            { body }
        </section>
    }
}
