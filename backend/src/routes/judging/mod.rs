//! Creative contests and judging (issue 8): the organiser's contest routes, the entrant's
//! entry routes (with streamed uploads), the judge's blind routes and the public gallery.
//! Handlers are grouped in folders by who calls them, one handler per file; each is thin and
//! calls `services::judging`.

pub mod contests;
pub mod entries;
pub mod gallery;
pub mod judge;
