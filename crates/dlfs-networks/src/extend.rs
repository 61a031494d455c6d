//! Chapter 6's additions to a network as one setting: what the book's `MultiLayerNetExtend`
//! takes as `use_batchnorm`, `use_dropout`/`dropout_ration` and `weight_decay_lambda`.

use std::fmt;

/// Batch Norm, Dropout and weight decay, each off by default ([`Extend::NONE`]): the options of
/// the book's `MultiLayerNetExtend` (§6.3–6.4), applied by
/// [`MultiLayerNet::extended`](crate::MultiLayerNet::extended).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Extend {
    /// A `BatchNorm` layer after every hidden Affine layer (§6.3).
    pub batch_norm: bool,
    /// A `Dropout` layer after every hidden activation, dropping this share (§6.4.3).
    pub dropout: Option<f64>,
    /// The weight decay λ (§6.4.2; 0: none).
    pub weight_decay: f64,
}

impl Extend {
    /// None of the three: the network of chapter 5.
    pub const NONE: Extend = Extend {
        batch_norm: false,
        dropout: None,
        weight_decay: 0.0,
    };
}

impl fmt::Display for Extend {
    /// The settings that are on, space-separated, as the command line's flags name them:
    /// `batch-norm dropout=0.2 weight-decay=0.1`; empty when none is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.batch_norm {
            parts.push("batch-norm".to_string());
        }
        if let Some(r) = self.dropout {
            parts.push(format!("dropout={r}"));
        }
        if self.weight_decay != 0.0 {
            parts.push(format!("weight-decay={}", self.weight_decay));
        }
        f.write_str(&parts.join(" "))
    }
}
