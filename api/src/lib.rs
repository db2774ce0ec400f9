//! The wire types of Học DVC's HTTP API, shared by the server (`backend`) and the browser UI
//! (`frontend`). Only data and serde here: no logic, no database types, so it compiles to wasm.
//! The one exception is [`bundle`]: the list of pages the learner bundle serves, which the
//! server and the UI must read from one place.
//! With the `openapi` feature the server also derives their OpenAPI schemas.

pub mod assignment;
pub mod attempt;
pub mod auth;
pub mod bundle;
pub mod certificate;
pub mod contest;
pub mod coverage;
pub mod error;
pub mod feedback;
pub mod health;
pub mod import;
pub mod judging;
pub mod lesson;
pub mod people;
pub mod question;
pub mod search;
pub mod statistics;
pub mod training;
pub mod unit;

pub use assignment::{
    AssessmentState, AssignableClass, AssignmentBoard, AssignmentView, ClassProgress,
    CreateAssignmentRequest, FAMILY_OUTCOMES, FAMILY_PROCEDURES, FAMILY_RELATIONS,
    FamilyTaskRequest, FamilyTaskReview, FamilyTaskStatus, FamilyTaskView, MatrixLesson,
    StudentProgress, TodoItem, TodoState, UpdateAssignmentRequest,
};
pub use attempt::{
    AttemptOption, AttemptQuestion, AttemptResponse, AttemptResult, AttemptStarted, AttemptView,
    EssayToGrade, GradeSlotRequest, SaveAnswerAck, SaveAnswerRequest, SavedAnswer, SlotReview,
};
pub use auth::{
    ActivateRequest, ChangePasswordRequest, LoginRequest, RoleGrant, SessionInfo, UserInfo,
};
pub use certificate::{
    CertificateKind, CertificateRevocation, CertificateStatus, CertificateVerification,
    CertificateView,
};
pub use contest::{
    ContestGroupView, ContestRoundView, ContestView, CreateContestRequest, CreateRoundRequest,
    EnterRoundRequest, Leaderboard, LeaderboardRow, MyRound, MyRoundAttempt, PublishRoundRequest,
    QualifyRequest, QualifySummary,
};
pub use coverage::{
    CoverageReport, CoverageRow, CoverageSegment, CoverageStatus, CoverageTarget, CoverageTargets,
    CoverageUnit, IndicatorValue, TrendPoint,
};
pub use error::{ErrorBody, ErrorDetail};
pub use feedback::{
    FeedbackItem, FeedbackRequest, FeedbackStatus, FeedbackUpdate, LessonFeedback, MyFeedback,
    PublicFeedback,
};
pub use health::{DatabaseBackend, HealthResponse};
pub use import::{ImportRecord, ImportSummary, RosterKind};
pub use judging::{
    Aggregation, AssignmentRun, ConflictRequest, ContestPhase, ContestResults,
    CreateCreativeContest, CreativeContestView, CriterionInput, CriterionScore, CriterionView,
    EntryFileView, EntryKind, EntryRequest, GalleryEntry, JudgeAssignment, JudgeEntryView,
    JudgeLoad, ManualAssignment, MyEntry, OrganiserEntry, OrganiserScore, PanelJudge, PeerScore,
    PrizeTier, ScoreRequest, SetJudgesRequest, UpdateCreativeContest, VoteResult,
};
pub use lesson::{
    LessonDone, LessonLanguage, LessonProgress, LessonSummary, LessonView, ModuleDetail,
    ModuleSummary,
};
pub use people::{ActivationEntry, ActivationSheet, PeoplePage, PersonView};
pub use question::{QuestionImportSummary, QuestionPreview};
pub use search::{LessonHit, QuestionHit, SearchResults};
pub use statistics::{ItemStatistics, QuestionStatistics, QuizStatistics, ReviewFlag};
pub use training::{
    JobGroup, MyTraining, MyTrainingModule, OpenCycleRequest, TrainingCycleModule,
    TrainingCycleView, TrainingLearner, TrainingReminders, TrainingReport, TrainingReportRow,
    TrainingStatus, TrainingTrack,
};
pub use unit::{CreateUnitRequest, ResetPasswordResponse, UnitPage, UnitView, UpdateUnitRequest};
