//! The experiments, one module each.

pub mod batch_norm;
pub mod computational_graphs;
pub mod cures;
pub mod escape_time;
pub mod fashion_mnist;
pub mod gradient_check;
pub mod hidden_features;
pub mod hyperparameter_search;
pub mod lr_sweep;
pub mod optimizer_paths;
pub mod overfit_dropout;
pub mod overfit_weight_decay;
pub mod stalled;
pub mod weight_init_compare;
pub mod xor_success;
