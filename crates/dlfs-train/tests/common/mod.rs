//! Helpers shared by the tests.
pub mod synthetic;
