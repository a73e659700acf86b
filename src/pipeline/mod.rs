//! The one path every simulating command takes:
//!
//! ```text
//! load (scenario files, --set, variants, median schedules)   load.rs
//!   ─► study (the runs, their seeds and iterations)          study.rs
//!   ─► execute (the engine: one run, chunks, or runs paired) execute.rs
//!   ─► output plan (files from results and options,          outputs.rs
//!      then the report and the manifest from what was written)
//! ```
//!
//! A command builds its study and its plan; it does not drive the engine or write
//! files itself. A new kind of study (the capacity queue) is one more engine behind
//! [`execute`], not another copy of a command.

pub mod execute;
pub mod load;
pub mod outputs;
pub mod study;

pub use execute::{Executed, execute, pool, thread_count};
pub use load::{Checked, load_all, load_runs, median_schedules, schedule_failure};
pub use outputs::{Formats, ManifestFacts, OutputPlan, finish};
pub use study::{Sampling, Study, StudyRun};
