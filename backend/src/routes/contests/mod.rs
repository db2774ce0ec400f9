//! Knowledge contests' HTTP face: contests, rounds, entering a round, closing, qualification,
//! publication, the leaderboard and the results CSV. The logic is in `services::contests`.

pub mod close;
pub mod create;
pub mod create_round;
pub mod enter;
pub mod leaderboard;
pub mod list;
pub mod publish;
pub mod qualify;
pub mod results_csv;
pub mod show;

use serde::Deserialize;

/// `/api/contests/{contest_id}/rounds/{round_id}/…`
#[derive(Debug, Deserialize)]
pub struct RoundPath {
    pub contest_id: i32,
    pub round_id: i32,
}
