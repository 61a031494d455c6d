//! The experiments, one module each.

pub mod gradient_check;
pub mod hidden_features;
pub mod lr_sweep;
pub mod stalled;
pub mod xor_success;
