//! The one typed client of the Học DVC API, over the shared `hocdvc-api` types. HTTP failures
//! become [`ApiError`], carrying the server's Vietnamese message when it sent one.

use gloo_net::http::{Request, Response};
use hocdvc_api::{ErrorBody, HealthResponse};
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer: offline, DNS, server down.
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with the API's error shape.
    #[error("{status} {}", body.error)]
    Server { status: u16, body: ErrorBody },
    /// The answer was not what the API promises.
    #[error("unexpected response: {0}")]
    Unexpected(String),
}

impl ApiError {
    /// The server's own message when there is one, else the UI's text for the failure.
    pub fn user_message(&self, network: &str, unexpected: &str) -> String {
        match self {
            ApiError::Server { body, .. } => body.message.clone(),
            ApiError::Network(_) => network.to_owned(),
            ApiError::Unexpected(_) => unexpected.to_owned(),
        }
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Unexpected(e.to_string()));
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Server { status, body }),
        Err(_) => Err(ApiError::Unexpected(format!("HTTP {status}"))),
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(response).await
}

pub async fn health() -> Result<HealthResponse, ApiError> {
    get("/api/health").await
}
