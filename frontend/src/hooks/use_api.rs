//! `use_api`: runs an API call when a page mounts (and again on `reload`), exposing
//! loading / ready / failed.

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

pub struct UseApi<T> {
    pub state: Remote<T>,
    pub reload: Callback<()>,
}

#[hook]
pub fn use_api<T, F, Fut>(call: F) -> UseApi<T>
where
    T: 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Remote::Loading);
    let generation = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with(*generation, move |_| {
            state.set(Remote::Loading);
            let future = call();
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match future.await {
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
    }
}
