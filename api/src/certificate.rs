//! Certificates (giấy chứng nhận): the learner's own view, and the public verification answer
//! that anyone holding a verification code may read.

use serde::{Deserialize, Serialize};

/// What a certificate is for. Other features issue certificates of their kind through the
/// server's `services::certificates::issue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    /// Hoàn thành học phần.
    ModuleCompletion,
    /// Đạt giải cuộc thi.
    ContestPrize,
    /// Hoàn thành bồi dưỡng hằng năm (has an expiry).
    AnnualTraining,
}

impl CertificateKind {
    pub const ALL: [CertificateKind; 3] = [
        CertificateKind::ModuleCompletion,
        CertificateKind::ContestPrize,
        CertificateKind::AnnualTraining,
    ];

    /// The value stored in the database and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            CertificateKind::ModuleCompletion => "module_completion",
            CertificateKind::ContestPrize => "contest_prize",
            CertificateKind::AnnualTraining => "annual_training",
        }
    }

    pub fn parse(value: &str) -> Option<CertificateKind> {
        CertificateKind::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
    }
}

/// Whether a certificate holds today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// Còn hiệu lực.
    Valid,
    /// Đã hết hạn.
    Expired,
    /// Đã bị thu hồi.
    Revoked,
}

/// `GET /api/verify/{code}`: the certificate's facts, and nothing else about the person (no
/// username, no birth date, no class).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateVerification {
    pub verify_code: String,
    pub kind: CertificateKind,
    /// The learner's name as printed on the certificate.
    pub learner_name: String,
    /// The module, contest or training cycle.
    pub subject_title: String,
    /// A second line such as the prize tier.
    pub detail: Option<String>,
    /// The school or agency as printed on the certificate, if it names one.
    pub unit_name: Option<String>,
    /// YYYY-MM-DD.
    pub issued_on: String,
    /// YYYY-MM-DD; none for certificates that do not lapse.
    pub expires_on: Option<String>,
    pub status: CertificateStatus,
}

/// A certificate as its owner (or staff allowed to see it) reads it: the public facts plus its
/// id, the verification address the QR code points to and where its PDF is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateView {
    pub id: i32,
    /// What the certificate says (the same as its verification).
    pub facts: CertificateVerification,
    /// The school year, contest round or training year it belongs to.
    pub period: String,
    /// The address printed as a QR code: `{public_url}/verify/{code}`.
    pub verify_url: String,
    /// `/api/certificates/{id}.pdf`.
    pub pdf_url: String,
    /// `/api/certificates/{id}/qr.svg`.
    pub qr_url: String,
}

/// `PUT /api/certificates/{id}/revoked`: withdraw (`true`) or reinstate (`false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateRevocation {
    pub revoked: bool,
}
