//! Loading data from the API when a page mounts, again when its inputs change (`use_api_with`)
//! and on `reload`, exposing loading / ready / failed. While a later request runs the last
//! answer stays on screen (`busy` says a newer one is coming), so a search box or a saved form
//! does not blank the page; an answer that arrives after a newer request was made is dropped.

use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

use crate::services::api::ApiError;

#[derive(Debug)]
pub enum Remote<T> {
    Loading,
    Ready(Rc<T>),
    Failed(ApiError),
}

impl<T> Clone for Remote<T> {
    fn clone(&self) -> Self {
        match self {
            Remote::Loading => Remote::Loading,
            Remote::Ready(value) => Remote::Ready(Rc::clone(value)),
            Remote::Failed(err) => Remote::Failed(err.clone()),
        }
    }
}

impl<T: PartialEq> PartialEq for Remote<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Remote::Loading, Remote::Loading) => true,
            (Remote::Ready(a), Remote::Ready(b)) => a == b,
            (Remote::Failed(a), Remote::Failed(b)) => a == b,
            _ => false,
        }
    }
}

pub struct UseApi<T> {
    /// `Loading` only until the first answer.
    pub state: Remote<T>,
    pub reload: Callback<()>,
    /// A request is running (the first or a later one).
    pub busy: bool,
}

/// Calls once, and again on `reload`.
#[hook]
pub fn use_api<T, F, Fut>(call: F) -> UseApi<T>
where
    T: 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    use_api_with((), move |_: &()| call())
}

/// Calls with `deps`, again whenever they change, and on `reload`.
#[hook]
pub fn use_api_with<T, D, F, Fut>(deps: D, call: F) -> UseApi<T>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(&D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Remote::Loading);
    let busy = use_state(|| true);
    let generation = use_state(|| 0u32);
    let latest = use_mut_ref(|| 0u64);
    {
        let (state, busy) = (state.clone(), busy.clone());
        use_effect_with((deps, *generation), move |(deps, _)| {
            let ticket = {
                let mut latest = latest.borrow_mut();
                *latest += 1;
                *latest
            };
            busy.set(true);
            let future = call(deps);
            wasm_bindgen_futures::spawn_local(async move {
                let result = future.await;
                if *latest.borrow() != ticket {
                    return;
                }
                busy.set(false);
                state.set(match result {
                    Ok(value) => Remote::Ready(Rc::new(value)),
                    Err(err) => Remote::Failed(err),
                });
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    UseApi {
        state: (*state).clone(),
        reload,
        busy: *busy,
    }
}
