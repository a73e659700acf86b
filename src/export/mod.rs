//! Exporters: results into bytes and files. They never sample; each output has its own
//! module.

pub mod chart;
pub mod compare;
pub mod comparison;
pub mod csv;
pub mod eligibility;
pub mod explain;
pub mod explain_at;
pub mod files;
pub mod fiscal_years;
pub mod fit;
pub mod follow_up;
pub mod json;
pub mod manifest;
pub mod queue;
pub mod report;
pub mod sensitivity;
pub mod state;
pub mod sweep;
pub mod text_table;
pub mod validation;
pub mod variants;
pub mod xlsx;
