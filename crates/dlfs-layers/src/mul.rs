/// The multiplication node of a computational graph (§5.4.1): `z = x · y`.
///
/// Backward swaps the inputs: `∂z/∂x = y` and `∂z/∂y = x`, so `dx = dout · y`, `dy = dout · x`.
/// Works on scalars, as in the book's apple-shopping example (§5.4.1).
///
/// ```
/// use dlfs_layers::MulLayer;
/// // The book's example: 2 apples at 100 yen, 10% tax.
/// let (mut mul_apple, mut mul_tax) = (MulLayer::new(), MulLayer::new());
/// let apple_price = mul_apple.forward(100.0, 2.0);
/// let price = mul_tax.forward(apple_price, 1.1);
/// assert!((price - 220.0).abs() < 1e-9);
/// let (dapple_price, dtax) = mul_tax.backward(1.0);
/// let (dapple, dapple_num) = mul_apple.backward(dapple_price);
/// assert!((dapple - 2.2).abs() < 1e-12 && (dapple_num - 110.0).abs() < 1e-9 && dtax == 200.0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct MulLayer {
    x: f64,
    y: f64,
}

impl MulLayer {
    /// A multiplication node with nothing cached yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `z = x · y`; keeps `x` and `y` for the backward pass.
    pub fn forward(&mut self, x: f64, y: f64) -> f64 {
        self.x = x;
        self.y = y;
        x * y
    }

    /// Returns `(dx, dy) = (dout · y, dout · x)`.
    pub fn backward(&self, dout: f64) -> (f64, f64) {
        (dout * self.y, dout * self.x)
    }
}
