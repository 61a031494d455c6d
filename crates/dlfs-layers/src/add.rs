/// The addition node of a computational graph (§5.4.2): `z = x + y`.
///
/// Backward passes the upstream gradient on unchanged to both inputs: `∂z/∂x = ∂z/∂y = 1`, so
/// `dx = dy = dout`. Nothing needs to be cached.
///
/// ```
/// use dlfs_layers::AddLayer;
/// let mut add = AddLayer::new();
/// assert_eq!(add.forward(200.0, 450.0), 650.0);
/// assert_eq!(add.backward(1.1), (1.1, 1.1));
/// ```
#[derive(Debug, Clone, Default)]
pub struct AddLayer;

impl AddLayer {
    /// An addition node.
    pub fn new() -> Self {
        Self
    }

    /// `z = x + y`.
    pub fn forward(&mut self, x: f64, y: f64) -> f64 {
        x + y
    }

    /// Returns `(dx, dy) = (dout, dout)`.
    pub fn backward(&self, dout: f64) -> (f64, f64) {
        (dout, dout)
    }
}
