//! One module per gold suite: each adapts a file format and scores a stage.

pub mod conll;
pub mod crossner;
pub mod gold_docs;
pub mod golden_rules;
pub mod ieer_entities;
pub mod numbers;
pub mod polnear;
