//! Certificates: `/giay-chung-nhan` ("Giấy chứng nhận của tôi", `GET /api/me/certificates`),
//! `/giay-chung-nhan/:id` (the printable certificate: A4 landscape on paper, its QR code an
//! SVG made by the server) and the public verification page `/verify/:code` and `/xac-thuc`
//! (a form to type a code), which need no sign-in.

use hocdvc_api::{CertificateKind, CertificateStatus, CertificateVerification, CertificateView};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert};
use crate::components::empty_state::EmptyState;
use crate::format;
use crate::hooks::use_api::{Remote, use_api, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::certificates::CertificateTexts;
use crate::i18n::use_texts;
use crate::i18n::work::label;
use crate::services::api::{self, ApiError};

fn kind_code(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::ModuleCompletion => "module_completion",
        CertificateKind::ContestPrize => "contest_prize",
        CertificateKind::AnnualTraining => "annual_training",
    }
}

fn status_code(status: CertificateStatus) -> &'static str {
    match status {
        CertificateStatus::Valid => "valid",
        CertificateStatus::Expired => "expired",
        CertificateStatus::Revoked => "revoked",
    }
}

fn status_badge(c: &'static CertificateTexts, status: CertificateStatus) -> Html {
    let class = match status {
        CertificateStatus::Valid => "badge badge-ok",
        CertificateStatus::Expired => "badge badge-warn",
        CertificateStatus::Revoked => "badge badge-overdue",
    };
    html! {
        <span class={class} data-status={status_code(status)}>
            { label(&c.statuses, status_code(status)) }
        </span>
    }
}

/// "Giấy chứng nhận của tôi" (the router wraps it in `RequireSignIn`).
#[component]
pub fn MyCertificates() -> Html {
    let t = use_texts();
    let c = t.certificates;
    use_title(c.mine_title);
    let list = use_api(api::my_certificates);
    let body = match &list.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={list.reload.clone()} /> }
        }
        Remote::Ready(items) if items.is_empty() => html! {
            <EmptyState title={c.mine_none_title} message={c.mine_none_body} />
        },
        Remote::Ready(items) => html! {
            <ul class="certificate-list" id="giay-chung-nhan">
                { for items.iter().map(|item| certificate_line(c, item)) }
            </ul>
        },
    };
    html! {
        <section class="card">
            <h1>{ c.mine_title }</h1>
            <p>{ c.mine_lead }</p>
            { body }
        </section>
    }
}

fn certificate_line(c: &'static CertificateTexts, item: &CertificateView) -> Html {
    let facts = &item.facts;
    html! {
        <li class="certificate-item" data-code={facts.verify_code.clone()}>
            <h2>{ facts.subject_title.clone() }</h2>
            <p>
                <span class="muted">{ label(&c.kinds, kind_code(facts.kind)) }</span>
                { " · " }{ (c.issued_on)(&format::date(&facts.issued_on)) }
                if let Some(expires) = &facts.expires_on {
                    { " · " }{ (c.valid_until)(&format::date(expires)) }
                }
                { " " }{ status_badge(c, facts.status) }
            </p>
            if let Some(detail) = &facts.detail {
                <p>{ detail.clone() }</p>
            }
            <p class="actions">
                <Link<Route> to={Route::Certificate { id: item.id }} classes="btn">{ c.open }</Link<Route>>
                <a class="btn btn-secondary" href={item.pdf_url.clone()} target="_blank" rel="noopener">{ c.pdf }</a>
            </p>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct CertificateProps {
    pub id: i32,
}

/// The printable certificate (the router wraps it in `RequireSignIn`).
#[component]
pub fn CertificatePage(props: &CertificateProps) -> Html {
    let t = use_texts();
    let c = t.certificates;
    use_title(c.paper_title);
    let certificate = use_api_with(props.id, |id| api::certificate(*id));
    let view = match &certificate.state {
        Remote::Loading => return html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            return html! {
                <section class="card">
                    <h1>{ c.paper_title }</h1>
                    <ApiErrorAlert error={err.clone()} retry={certificate.reload.clone()} />
                </section>
            };
        }
        Remote::Ready(view) => view,
    };
    let facts = &view.facts;
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <>
            <div class="actions no-print">
                <button type="button" class="btn" id="in-giay" onclick={print}>{ c.print }</button>
                <a class="btn btn-secondary" href={view.pdf_url.clone()} target="_blank" rel="noopener">{ c.pdf }</a>
                <Link<Route> to={Route::MyCertificates} classes="btn btn-secondary">{ c.back_to_list }</Link<Route>>
            </div>
            if facts.status != CertificateStatus::Valid {
                <p class="no-print">{ status_badge(c, facts.status) }</p>
            }
            <article class="certificate-paper" id="giay-chung-nhan-in">
                <p class="certificate-header">{ c.paper_header }</p>
                <h1 class="certificate-title">{ c.paper_title }</h1>
                <p class="certificate-certifies">{ c.certifies }</p>
                <p class="certificate-name">{ facts.learner_name.clone() }</p>
                if let Some(unit) = &facts.unit_name {
                    <p class="certificate-unit">{ unit.clone() }</p>
                }
                <p class="certificate-achievement">{ label(&c.achievements, kind_code(facts.kind)) }</p>
                <p class="certificate-subject">{ facts.subject_title.clone() }</p>
                if let Some(detail) = &facts.detail {
                    <p class="certificate-detail">{ detail.clone() }</p>
                }
                <div class="certificate-footer">
                    <div class="certificate-verify">
                        <img class="certificate-qr" src={view.qr_url.clone()} alt={c.qr_alt} width="112" height="112" />
                        <div>
                            <p><strong>{ format!("{}: ", c.code_label) }<code class="certificate-code">{ facts.verify_code.clone() }</code></strong></p>
                            <p class="certificate-url">{ format!("{}: {}", c.check_at, view.verify_url) }</p>
                        </div>
                    </div>
                    <div class="certificate-dates">
                        <p>{ (c.issued_on)(&format::date(&facts.issued_on)) }</p>
                        if let Some(expires) = &facts.expires_on {
                            <p>{ (c.valid_until)(&format::date(expires)) }</p>
                        }
                    </div>
                </div>
            </article>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    /// The code from `/verify/:code`; `None` on `/xac-thuc` (the form only).
    #[prop_or_default]
    pub code: Option<AttrValue>,
}

/// The public verification page: a form to type a code and, with a code, what the
/// certificate says.
#[component]
pub fn VerifyPage(props: &VerifyProps) -> Html {
    let t = use_texts();
    let c = t.certificates;
    use_title(c.verify_title);
    let navigator = use_navigator();
    let input = use_node_ref();
    let submit = {
        let input = input.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let code: String = field
                .value()
                .chars()
                .filter(|ch| ch.is_ascii_alphanumeric())
                .map(|ch| ch.to_ascii_uppercase())
                .collect();
            if let (Some(navigator), false) = (&navigator, code.is_empty()) {
                navigator.push(&Route::Verify { code });
            }
        })
    };
    html! {
        <section class="card verify">
            <h1>{ c.verify_title }</h1>
            <p>{ c.verify_lead }</p>
            if let Some(code) = &props.code {
                <VerifyResult code={code.clone()} />
            }
            <form class="verify-form" onsubmit={submit}>
                <label for="ma-xac-thuc">{ c.verify_code_label }</label>
                <input id="ma-xac-thuc" name="ma" type="text" autocomplete="off" autocapitalize="characters"
                    spellcheck="false" maxlength="16" required=true ref={input}
                    value={props.code.clone().unwrap_or_default()} aria-describedby="ma-xac-thuc-goi-y" />
                <p class="hint" id="ma-xac-thuc-goi-y">{ c.verify_code_hint }</p>
                <button type="submit" class="btn" id="kiem-tra">{ c.verify_submit }</button>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct VerifyResultProps {
    code: AttrValue,
}

#[component]
fn VerifyResult(props: &VerifyResultProps) -> Html {
    let t = use_texts();
    let c = t.certificates;
    let found = use_api_with(props.code.clone(), |code| {
        let code = code.clone();
        async move { api::verify_certificate(&code).await }
    });
    match &found.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(ApiError::Server { status: 404, .. }) => html! {
            <Alert kind={AlertKind::Error} id="khong-tim-thay-giay">{ c.verify_not_found }</Alert>
        },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={found.reload.clone()} /> }
        }
        Remote::Ready(facts) => verification(c, facts),
    }
}

fn verification(c: &'static CertificateTexts, facts: &CertificateVerification) -> Html {
    html! {
        <div class="verify-result" id="ket-qua-xac-thuc" data-status={status_code(facts.status)}>
            <h2>{ c.verify_result_title }</h2>
            <dl class="facts">
                <dt>{ c.verify_status }</dt>
                <dd>{ status_badge(c, facts.status) }</dd>
                <dt>{ c.verify_name }</dt>
                <dd class="verify-name">{ facts.learner_name.clone() }</dd>
                <dt>{ c.verify_what }</dt>
                <dd>
                    { label(&c.achievements, kind_code(facts.kind)) }{ " " }
                    <strong>{ facts.subject_title.clone() }</strong>
                </dd>
                if let Some(detail) = &facts.detail {
                    <dt>{ c.verify_detail }</dt>
                    <dd>{ detail.clone() }</dd>
                }
                if let Some(unit) = &facts.unit_name {
                    <dt>{ c.verify_unit }</dt>
                    <dd>{ unit.clone() }</dd>
                }
                <dt>{ c.verify_issued }</dt>
                <dd>{ format::date(&facts.issued_on) }</dd>
                <dt>{ c.verify_expires }</dt>
                <dd>{ facts.expires_on.as_deref().map_or_else(|| c.verify_no_expiry.to_owned(), format::date) }</dd>
                <dt>{ c.code_label }</dt>
                <dd><code>{ facts.verify_code.clone() }</code></dd>
            </dl>
        </div>
    }
}
