//! The state an optimizer keeps per parameter, by the parameter's place in the walk.

use dlfs_layers::Param;
use dlfs_numpy::Float;

/// One vector per parameter, each as long as the parameter, allocated (as zeros) on the first
/// step: the book's `self.v = {key: np.zeros_like(val)}`. Later steps check that the walk
/// still gives the same parameters.
#[derive(Debug, Clone)]
pub(crate) struct PerParam<F> {
    vectors: Vec<Vec<F>>,
    /// Whether the first step has sized the vectors.
    sized: bool,
}

impl<F> Default for PerParam<F> {
    fn default() -> Self {
        Self {
            vectors: Vec::new(),
            sized: false,
        }
    }
}

impl<F: Float> PerParam<F> {
    /// The vector of the `i`-th parameter `p` of the walk: created by the first step, checked
    /// against `p`'s length afterwards.
    ///
    /// # Panics
    /// After the first step, if the walk gives a parameter the first step did not see, or one of
    /// another length (`who` names the optimizer in the message).
    pub(crate) fn of(
        &mut self,
        who: &str,
        first_step: bool,
        i: usize,
        p: &Param<'_, F>,
    ) -> &mut [F] {
        check_lengths(who, p);
        if first_step {
            self.vectors.push(vec![F::zero(); p.value.len()]);
        }
        let v = self.vectors.get_mut(i).unwrap_or_else(|| {
            panic!("{who}::update: parameter {i} ({p}) was not in the first step's walk")
        });
        assert_eq!(
            v.len(),
            p.value.len(),
            "{who}::update: {p} has {} values, {} in the first step",
            p.value.len(),
            v.len()
        );
        v
    }

    /// Whether this step is the first (and marks the vectors sized from now on).
    pub(crate) fn begin(&mut self) -> bool {
        let first = !self.sized;
        if first {
            self.vectors.clear();
        }
        self.sized = true;
        first
    }
}

/// Checks that a parameter's value and gradient have the same length.
///
/// # Panics
/// If they differ (`who` names the optimizer in the message).
pub(crate) fn check_lengths<F>(who: &str, p: &Param<'_, F>) {
    assert_eq!(
        p.value.len(),
        p.grad.len(),
        "{who}::update: {p} has {} values but {} gradients",
        p.value.len(),
        p.grad.len()
    );
}
