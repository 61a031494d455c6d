//! The experiments, one module each.

pub mod computational_graphs;
pub mod cures;
pub mod escape_time;
pub mod fashion_mnist;
pub mod gradient_check;
pub mod hidden_features;
pub mod lr_sweep;
pub mod optimizer_paths;
pub mod stalled;
pub mod xor_success;
