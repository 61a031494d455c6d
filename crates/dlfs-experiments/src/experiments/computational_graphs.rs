//! Backpropagation as the book draws it (§5.1–5.4): computational graphs with the value each
//! edge carries forward and the gradient it carries back, computed by the layers themselves.

use crate::experiment::{Options, Output, Progress, Report};
use crate::table::Table;
use anyhow::Result;
use dlfs_figures::pictures::{apple_orange, training_step};

/// The book's numbers for the apple-and-orange purchase (figure 5-17): the price paid.
pub const BOOK_PRICE: &str = "715";
/// ... and the gradients of the price with respect to apple, apple_num, orange, orange_num, tax.
pub const BOOK_GRADIENTS: [&str; 5] = ["2.2", "110", "3.3", "165", "650"];

/// Whether the graph's `price` and its inputs' `gradients` (in [`BOOK_GRADIENTS`]' order) are
/// the book's, every one of them.
pub fn agrees_with_book(price: &str, gradients: &[&str]) -> bool {
    price == BOOK_PRICE && gradients == BOOK_GRADIENTS
}

/// Runs the experiment. Files: `apple-orange.svg` and `apple-orange.csv`
/// (`from,to,forward,backward`: each edge of the book's figure 5-17), and `training-step.svg`
/// (one step of the article's 2-4-2 network, layer by layer).
pub fn run(_: &Options, out: &dyn Output, _: &dyn Progress) -> Result<Report> {
    let apple = apple_orange();
    let step = training_step();
    let mut table = Table::new(&["from", "to", "forward", "backward"]);
    for e in &apple.edges {
        table.push(vec![
            apple.nodes[e.from].label.clone(),
            apple.nodes[e.to].label.clone(),
            e.forward.clone(),
            e.backward.clone(),
        ]);
    }
    out.publish("computational-graphs", &mut |dir| {
        table.write(&dir.join("apple-orange.csv"))?;
        crate::table::write_file(
            &dir.join("apple-orange.svg"),
            apple
                .to_svg(
                    "Buying 2 apples and 3 oranges with 10% tax (§5.4.2): forward and backward",
                    980.0,
                    590.0,
                )
                .as_bytes(),
        )?;
        crate::table::write_file(
            &dir.join("training-step.svg"),
            step.to_svg(
                "One training step of the article's 2-4-2 network (seed 42, iteration 0): what flows forward and back",
                1300.0,
                330.0,
            )
            .as_bytes(),
        )
    })?;
    let mut report = Report::new("computational-graphs");
    let price = apple
        .edges
        .last()
        .map(|e| e.forward.clone())
        .unwrap_or_default();
    // The inputs' gradients, in the order apple, apple_num, orange, orange_num, tax.
    let grads: Vec<(&str, &str)> = apple
        .edges
        .iter()
        .filter(|e| !apple.nodes[e.from].op)
        .map(|e| (apple.nodes[e.from].label.as_str(), e.backward.as_str()))
        .collect();
    let values: Vec<&str> = grads.iter().map(|g| g.1).collect();
    report.ok = agrees_with_book(&price, &values);
    report.fact("price (the book: 715)", price.clone());
    report.fact(
        "gradients (the book: 2.2, 110, 3.3, 165, 650)",
        grads
            .iter()
            .map(|(name, g)| format!("∂price/∂{name} = {g}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    Ok(report)
}
