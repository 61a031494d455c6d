//! Pictures of a network and of its computational graph, drawn as SVG by hand (no plotting
//! library: the layout is the point).
//!
//! * [`network`] — the network layer by layer, left to right, as TensorFlow Playground draws
//!   one: every hidden and output neuron a small heat map of its output over the input plane
//!   x₁, x₂ ∈ [−0.5, 1.5] with the four XOR points marked, every weight a line coloured by its
//!   sign and as wide as its size. [`filmstrip`] puts the same picture at several moments of
//!   training side by side.
//! * [`Graph`] — a computational graph (§5.1–5.4): nodes, and edges that carry the forward value
//!   above and the backward gradient below, as the book draws them. [`apple_orange`] builds the
//!   book's shopping example by running [`MulLayer`] and [`AddLayer`]; [`training_step`] runs
//!   one step of the article's 2-4-2 network through its layers.

use crate::charts::diverging;
use crate::write_file;
use anyhow::Result;
use dlfs_datasets::xor;
use dlfs_layers::{AddLayer, Affine, Layer, MulLayer, Sigmoid, SoftmaxWithLoss, Targets};
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_train::recorder::Snapshot;
use ndarray::{Array2, ArrayRef2};
use std::fmt::Write as _;
use std::path::Path;

/// Cells per side of a neuron's heat map.
const CELLS: usize = 24;
/// Pixels per cell.
const CELL_PX: f64 = 3.0;
/// The input plane of the heat maps.
const PLANE: (f64, f64) = (-0.5, 1.5);

/// Text made safe for SVG and HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rgb(c: plotters::style::RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// An activation value mapped to [0, 1] for the colour scale: sigmoid and softmax outputs as
/// they are, tanh from [−1, 1], ReLU from [0, `relu_max`].
fn unit(activation: Option<Activation>, v: f64, relu_max: f64) -> f64 {
    match activation {
        Some(Activation::Tanh) => (v + 1.0) / 2.0,
        Some(Activation::Relu) => v / relu_max,
        _ => v,
    }
}

/// The outputs of every neuron (hidden layers, then the softmax outputs) over the heat maps'
/// grid: `outputs[layer]` is `(CELLS², units)`, row `r·CELLS + c` for column `c` from the left
/// (x₁ rising) and row `r` from the top (x₂ falling).
fn neuron_outputs(net: &mut MultiLayerNet) -> Vec<Array2<f64>> {
    let step = (PLANE.1 - PLANE.0) / CELLS as f64;
    let grid = Array2::from_shape_fn((CELLS * CELLS, 2), |(k, d)| {
        let (r, c) = (k / CELLS, k % CELLS);
        if d == 0 {
            PLANE.0 + step * (c as f64 + 0.5)
        } else {
            PLANE.1 - step * (r as f64 + 0.5)
        }
    });
    let y = net.probabilities(&grid);
    let mut out: Vec<Array2<f64>> = (1..=net.hidden_layers())
        .map(|k| net.hidden_output(k).to_owned())
        .collect();
    out.push(y);
    out
}

/// The picture of `net` as an SVG group of `width × height` pixels at `(x0, y0)`, with `title`
/// above it. Returns the group's markup.
fn network_group(net: &mut MultiLayerNet, title: &str, x0: f64, y0: f64) -> (String, f64, f64) {
    let sizes = net.sizes();
    let activation = net.activation();
    let outputs = neuron_outputs(net);
    let map = CELLS as f64 * CELL_PX;
    let (col_w, row_h) = (map + 90.0, map + 34.0);
    let tallest = *sizes.iter().max().unwrap_or(&1) as f64;
    let (width, height) = (col_w * sizes.len() as f64 + 20.0, row_h * tallest + 60.0);
    // Where neuron `j` of layer `l` sits: its heat map's top-left corner.
    let at = |l: usize, j: usize| {
        let n = sizes[l] as f64;
        let top = y0 + 40.0 + (tallest - n) * row_h / 2.0;
        (x0 + 20.0 + col_w * l as f64, top + row_h * j as f64)
    };
    let relu_max = outputs[..outputs.len() - 1]
        .iter()
        .flat_map(|o| o.iter().copied())
        .fold(1e-12f64, f64::max);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" font-size="15" font-family="sans-serif">{}</text>"#,
        x0 + 10.0,
        y0 + 20.0,
        escape(title)
    );
    // Weights first, so the neurons are drawn over them.
    let w_max = net
        .affines()
        .iter()
        .flat_map(|a| a.w.iter().map(|w| w.abs()))
        .fold(1e-12f64, f64::max);
    for (l, affine) in net.affines().iter().enumerate() {
        for ((i, j), &w) in affine.w.indexed_iter() {
            let (ax, ay) = at(l, i);
            let (bx, by) = at(l + 1, j);
            let (x1, y1) = (if l == 0 { ax + 14.0 } else { ax + map }, ay + map / 2.0);
            let (x2, y2) = (bx, by + map / 2.0);
            let color = if w >= 0.0 { "#c0392b" } else { "#2c6fbb" };
            let _ = writeln!(
                s,
                r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{color}" stroke-opacity="0.75" stroke-width="{:.2}"><title>W{}[{i},{j}] = {w:.4}</title></line>"#,
                0.5 + 6.0 * w.abs() / w_max,
                l + 1
            );
        }
    }
    // The inputs.
    for (i, name) in ["x₁", "x₂"].iter().enumerate().take(sizes[0]) {
        let (x, y) = at(0, i);
        let _ = writeln!(
            s,
            r#"<circle cx="{x:.1}" cy="{:.1}" r="14" fill="white" stroke="black"/><text x="{x:.1}" y="{:.1}" font-size="13" font-family="sans-serif" text-anchor="middle">{name}</text>"#,
            y + map / 2.0,
            y + map / 2.0 + 4.0
        );
    }
    // The neurons: a heat map each, the XOR points on it, the bias below.
    let last = outputs.len() - 1;
    for (k, out) in outputs.iter().enumerate() {
        let l = k + 1;
        let act = (k < last).then_some(activation);
        for j in 0..out.ncols() {
            let (x, y) = at(l, j);
            s += r#"<g shape-rendering="crispEdges">"#;
            for r in 0..CELLS {
                for c in 0..CELLS {
                    let v = unit(act, out[[r * CELLS + c, j]], relu_max);
                    let _ = write!(
                        s,
                        r#"<rect x="{:.1}" y="{:.1}" width="{CELL_PX}" height="{CELL_PX}" fill="{}"/>"#,
                        x + c as f64 * CELL_PX,
                        y + r as f64 * CELL_PX,
                        rgb(diverging(v))
                    );
                }
            }
            let _ = writeln!(
                s,
                r#"</g><rect x="{x:.1}" y="{y:.1}" width="{map}" height="{map}" fill="none" stroke="black"/>"#
            );
            let px = |v: f64| (v - PLANE.0) / (PLANE.1 - PLANE.0) * map;
            for (n, &label) in xor::LABELS.iter().enumerate() {
                let inputs = xor::inputs();
                let (cx, cy) = (x + px(inputs[[n, 0]]), y + map - px(inputs[[n, 1]]));
                let fill = if label == 1 { "black" } else { "white" };
                let _ = write!(
                    s,
                    r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="3" fill="{fill}" stroke="black"/>"#
                );
            }
            let b = net.affines()[l - 1].b[j];
            let name = if k < last {
                format!("h{}.{} b={b:.2}", l, j + 1)
            } else {
                format!("P(class {j}) b={b:.2}")
            };
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" font-size="11" font-family="sans-serif" text-anchor="middle">{}</text>"#,
                x + map / 2.0,
                y + map + 13.0,
                escape(&name)
            );
        }
    }
    (s, width, height)
}

/// The legend under a picture, at `y`.
fn legend(y: f64, activation: Activation) -> String {
    let scale = match activation {
        Activation::Sigmoid => "blue 0, white 0.5, red 1",
        Activation::Tanh => "blue −1, white 0, red 1 (hidden); blue 0, red 1 (outputs)",
        Activation::Relu => {
            "blue 0, red the largest hidden output (hidden); blue 0, red 1 (outputs)"
        }
    };
    let mut s = String::new();
    let lines = [
        format!("Each square: the neuron's output over x₁ (→) and x₂ (↑) from −0.5 to 1.5; {scale}."),
        "Dots: the XOR inputs, black = class 1 (inputs differ), white = class 0. Lines: weights, red positive, blue negative, width ∝ |w|.".to_string(),
    ];
    for (i, line) in lines.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<text x="10" y="{:.1}" font-size="12" font-family="sans-serif" fill="#333">{}</text>"##,
            y + 16.0 * i as f64,
            escape(line)
        );
    }
    s
}

fn svg(width: f64, height: f64, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{body}</svg>\n"
    )
}

/// Writes the picture of `net` (see the [module documentation](self)) to `path`.
///
/// # Errors
/// If the file cannot be written.
pub fn network(path: &Path, title: &str, net: &mut MultiLayerNet) -> Result<()> {
    let (body, width, height) = network_group(net, title, 0.0, 0.0);
    let body = body + &legend(height + 5.0, net.activation());
    write_file(path, svg(width.max(760.0), height + 45.0, &body).as_bytes())
}

/// The pictures of a network at several moments, three to a row: one per snapshot of its
/// parameters.
///
/// # Errors
/// If the file cannot be written.
pub fn filmstrip(
    path: &Path,
    title: &str,
    activation: Activation,
    frames: &[Snapshot],
) -> Result<()> {
    let mut body = String::new();
    let (mut width, mut cell_h) = (0.0f64, 0.0f64);
    let mut groups: Vec<(String, MultiLayerNet)> = frames
        .iter()
        .map(|f| {
            (
                net_title(f.iteration, f.loss),
                MultiLayerNet::from_params(f.params.clone(), activation),
            )
        })
        .collect();
    for (k, (label, net)) in groups.iter_mut().enumerate() {
        let (row, col) = (k / 3, k % 3);
        let (_, w, h) = network_group(net, label, 0.0, 0.0);
        width = width.max(w);
        cell_h = cell_h.max(h);
        let (g, _, _) = network_group(net, label, col as f64 * w, 40.0 + row as f64 * h);
        body += &g;
    }
    let rows = frames.len().div_ceil(3) as f64;
    let total_w = (width * frames.len().min(3) as f64).max(760.0);
    let _ = writeln!(
        body,
        r#"<text x="10" y="24" font-size="18" font-family="sans-serif">{}</text>"#,
        escape(title)
    );
    body += &legend(40.0 + rows * cell_h + 5.0, activation);
    write_file(
        path,
        svg(total_w, 40.0 + rows * cell_h + 45.0, &body).as_bytes(),
    )
}

fn net_title(iteration: usize, loss: f64) -> String {
    format!("iteration {iteration}: loss {loss:.4}")
}

/// A computational graph (§5.1): nodes, and edges that carry a value forward (written above the
/// edge) and a gradient backward (below it, in red), as the book draws them.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// The nodes: operations (`×`, `+`, a layer's name) or the graph's inputs and output.
    pub nodes: Vec<Node>,
    /// The edges, each from one node to another.
    pub edges: Vec<Edge>,
}

/// A node of a [`Graph`], placed at `(x, y)` (its centre, in pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node shows: `×`, `+`, `Affine1`, or an input's name.
    pub label: String,
    /// Whether it is an operation (a circle or box) rather than a plain name.
    pub op: bool,
    /// The centre's position.
    pub x: f64,
    /// The centre's position.
    pub y: f64,
}

/// An edge of a [`Graph`], from node `from` to node `to` (indices into `nodes`).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The node it leaves.
    pub from: usize,
    /// The node it enters.
    pub to: usize,
    /// The forward value, written above the edge (several lines for a matrix).
    pub forward: String,
    /// The backward gradient `∂L/∂(this value)`, written below the edge in red.
    pub backward: String,
}

impl Graph {
    /// The graph as an SVG picture with `title`, `width × height` pixels.
    pub fn to_svg(&self, title: &str, width: f64, height: f64) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            r#"<text x="10" y="24" font-size="17" font-family="sans-serif">{}</text>"#,
            escape(title)
        );
        let _ = writeln!(
            s,
            r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="black"/></marker></defs>"##
        );
        for e in &self.edges {
            let (a, b) = (&self.nodes[e.from], &self.nodes[e.to]);
            let (ax, bx) = (a.x + self.half_width(a), b.x - self.half_width(b));
            let _ = writeln!(
                s,
                r#"<line x1="{ax:.1}" y1="{:.1}" x2="{bx:.1}" y2="{:.1}" stroke="black" marker-end="url(#arrow)"/>"#,
                a.y, b.y
            );
            let (mx, my) = ((ax + bx) / 2.0, (a.y + b.y) / 2.0);
            let fwd: Vec<&str> = e.forward.lines().collect();
            for (i, line) in fwd.iter().enumerate() {
                let _ = writeln!(
                    s,
                    r#"<text x="{mx:.1}" y="{:.1}" font-size="12" font-family="monospace" text-anchor="middle">{}</text>"#,
                    my - 6.0 - 13.0 * (fwd.len() - 1 - i) as f64,
                    escape(line)
                );
            }
            for (i, line) in e.backward.lines().enumerate() {
                let _ = writeln!(
                    s,
                    r##"<text x="{mx:.1}" y="{:.1}" font-size="12" font-family="monospace" text-anchor="middle" fill="#c0392b">{}</text>"##,
                    my + 16.0 + 13.0 * i as f64,
                    escape(line)
                );
            }
        }
        for n in &self.nodes {
            if n.op {
                let w = self.half_width(n);
                if n.label.chars().count() <= 1 {
                    let _ = writeln!(
                        s,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="{w:.1}" fill="white" stroke="black" stroke-width="1.5"/>"#,
                        n.x, n.y
                    );
                } else {
                    let _ = writeln!(
                        s,
                        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="36" rx="6" fill="#f4f4f4" stroke="black" stroke-width="1.5"/>"##,
                        n.x - w,
                        n.y - 18.0,
                        2.0 * w
                    );
                }
            }
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" font-size="{}" font-family="sans-serif" text-anchor="middle">{}</text>"#,
                n.x,
                n.y + 5.0,
                if n.op { 16 } else { 13 },
                escape(&n.label)
            );
        }
        let _ = writeln!(
            s,
            r##"<text x="10" y="{:.1}" font-size="12" font-family="sans-serif" fill="#333">Above each edge the value sent forward; below it, in red, the gradient ∂L/∂(value) sent back.</text>"##,
            height - 12.0
        );
        svg(width, height, &s)
    }

    /// Half the width of a node's shape (names take no room of their own).
    fn half_width(&self, n: &Node) -> f64 {
        match (n.op, n.label.chars().count()) {
            (false, len) => 4.0 * len as f64 + 4.0,
            (true, len) if len <= 1 => 18.0,
            (true, len) => 5.0 * len as f64 + 12.0,
        }
    }
}

/// A number as the book writes it in its figures: up to 10 significant digits, trailing zeros
/// dropped (so 2.2 is 2.2, not 2.2000000000000002).
pub fn short(v: f64) -> String {
    let s = format!("{:.10}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// The book's shopping example (§5.4.2, figure 5-17): 2 apples at 100 and 3 oranges at 150,
/// tax 1.1, computed by running [`MulLayer`] and [`AddLayer`] forward and backward: price 715,
/// and the gradients 2.2, 110, 3.3, 165, 650.
pub fn apple_orange() -> Graph {
    let (apple, apple_num, orange, orange_num, tax) = (100.0, 2.0, 150.0, 3.0, 1.1);
    let mut mul_apple = MulLayer::new();
    let mut mul_orange = MulLayer::new();
    let mut add = AddLayer::new();
    let mut mul_tax = MulLayer::new();
    let apple_price = mul_apple.forward(apple, apple_num);
    let orange_price = mul_orange.forward(orange, orange_num);
    let all_price = add.forward(apple_price, orange_price);
    let price = mul_tax.forward(all_price, tax);
    let dprice = 1.0;
    let (dall_price, dtax) = mul_tax.backward(dprice);
    let (dapple_price, dorange_price) = add.backward(dall_price);
    let (dorange, dorange_num) = mul_orange.backward(dorange_price);
    let (dapple, dapple_num) = mul_apple.backward(dapple_price);

    let node = |label: &str, op: bool, x: f64, y: f64| Node {
        label: label.into(),
        op,
        x,
        y,
    };
    let nodes = vec![
        node("apple", false, 60.0, 80.0),       // 0
        node("apple_num", false, 60.0, 190.0),  // 1
        node("orange", false, 60.0, 300.0),     // 2
        node("orange_num", false, 60.0, 410.0), // 3
        node("tax", false, 60.0, 520.0),        // 4
        node("×", true, 300.0, 135.0),          // 5: mul_apple
        node("×", true, 300.0, 355.0),          // 6: mul_orange
        node("+", true, 520.0, 245.0),          // 7: add
        node("×", true, 740.0, 300.0),          // 8: mul_tax
        node("price", false, 900.0, 300.0),     // 9
    ];
    let edge = |from, to, f: f64, b: f64| Edge {
        from,
        to,
        forward: short(f),
        backward: short(b),
    };
    let edges = vec![
        edge(0, 5, apple, dapple),
        edge(1, 5, apple_num, dapple_num),
        edge(2, 6, orange, dorange),
        edge(3, 6, orange_num, dorange_num),
        edge(5, 7, apple_price, dapple_price),
        edge(6, 7, orange_price, dorange_price),
        edge(7, 8, all_price, dall_price),
        edge(4, 8, tax, dtax),
        edge(8, 9, price, dprice),
    ];
    Graph { nodes, edges }
}

/// A matrix as a few text lines: its shape, then its rows with two decimals (at most four
/// rows, each of at most four values).
fn matrix(name: &str, m: &ArrayRef2<f64>) -> String {
    let mut s = format!("{name} {}×{}", m.nrows(), m.ncols());
    for row in m.rows().into_iter().take(4) {
        let cells: Vec<String> = row.iter().take(4).map(|v| format!("{v:.2}")).collect();
        let more = if row.len() > 4 { " …" } else { "" };
        s += &format!("\n[{}{more}]", cells.join(" "));
    }
    s
}

/// One training step of the article's 2-4-2 network (seed 42, its initialisation) as a graph of
/// its layers, Affine1 → Sigmoid1 → Affine2 → SoftmaxWithLoss, run forward and backward through
/// the layers of `dlfs-layers`: each edge carries the shape and values of what flows forward
/// and, below, of the gradient that flows back.
pub fn training_step() -> Graph {
    use dlfs_init::{Init, RandomState};
    let params = Init::Article.params(&[2, 4, 2], &mut RandomState::new(42));
    let (x, labels) = (xor::inputs(), xor::LABELS);
    let mut affine1 = Affine::new(params[0].0.clone(), params[0].1.clone());
    let mut sigmoid1 = Sigmoid::new();
    let mut affine2 = Affine::new(params[1].0.clone(), params[1].1.clone());
    let mut last = SoftmaxWithLoss::new();
    let a1 = affine1.forward(&x).to_owned();
    let z1 = sigmoid1.forward(&a1).to_owned();
    let a2 = affine2.forward(&z1).to_owned();
    let loss = last.forward(&a2, Targets::Labels(&labels));
    let da2 = last.backward(1.0).to_owned();
    let dz1 = affine2.backward(&da2).to_owned();
    let da1 = sigmoid1.backward(&dz1).to_owned();
    let dx = affine1.backward(&da1).to_owned();

    let node = |label: &str, op: bool, x: f64, y: f64| Node {
        label: label.into(),
        op,
        x,
        y,
    };
    let nodes = vec![
        node("X", false, 40.0, 200.0),                // 0
        node("Affine1", true, 260.0, 200.0),          // 1
        node("Sigmoid1", true, 520.0, 200.0),         // 2
        node("Affine2", true, 780.0, 200.0),          // 3
        node("SoftmaxWithLoss", true, 1060.0, 200.0), // 4
        node("L", false, 1250.0, 200.0),              // 5
    ];
    let edges = vec![
        Edge {
            from: 0,
            to: 1,
            forward: matrix("X", &x),
            backward: matrix("dX", &dx),
        },
        Edge {
            from: 1,
            to: 2,
            forward: matrix("A1", &a1),
            backward: matrix("dA1", &da1),
        },
        Edge {
            from: 2,
            to: 3,
            forward: matrix("Z1", &z1),
            backward: matrix("dZ1", &dz1),
        },
        Edge {
            from: 3,
            to: 4,
            forward: matrix("A2", &a2),
            backward: matrix("dA2", &da2),
        },
        Edge {
            from: 4,
            to: 5,
            forward: format!("L = {loss:.4}"),
            backward: "1".into(),
        },
    ];
    Graph { nodes, edges }
}

/// Test images drawn as their pixels (grey levels), each with its true and predicted class:
/// `wrong` holds `(index in images, true class, predicted class)`, drawn six to a row.
///
/// # Errors
/// If the file cannot be written.
pub fn misclassified(
    path: &Path,
    images: &dlfs_datasets::Images,
    wrong: &[(usize, usize, usize)],
    names: &[&str; 10],
) -> Result<()> {
    let (px, per_row) = (3.0, 6);
    let (w, h) = (images.cols as f64 * px, images.rows as f64 * px);
    let (cell_w, cell_h) = (w.max(100.0) + 30.0, h + 50.0);
    let rows = wrong.len().div_ceil(per_row).max(1);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<text x="10" y="24" font-size="17" font-family="sans-serif">Test images the network gets wrong: true class → predicted</text>"#
    );
    for (k, &(index, truth, predicted)) in wrong.iter().enumerate() {
        let (x0, y0) = (
            10.0 + (k % per_row) as f64 * cell_w,
            40.0 + (k / per_row) as f64 * cell_h,
        );
        let _ = write!(s, r#"<g shape-rendering="crispEdges">"#);
        for (p, &v) in images.image(index).iter().enumerate() {
            if v == 0 {
                continue; // the white background
            }
            let g = 255 - v;
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{px}" height="{px}" fill="rgb({g},{g},{g})"/>"#,
                x0 + (p % images.cols) as f64 * px,
                y0 + (p / images.cols) as f64 * px
            );
        }
        let _ = writeln!(
            s,
            r##"</g><rect x="{x0:.1}" y="{y0:.1}" width="{w}" height="{h}" fill="none" stroke="#999"/>"##
        );
        let _ = writeln!(
            s,
            r##"<text x="{x0:.1}" y="{:.1}" font-size="11" font-family="sans-serif">#{index}: {}</text><text x="{x0:.1}" y="{:.1}" font-size="11" font-family="sans-serif" fill="#c0392b">→ {}</text>"##,
            y0 + h + 13.0,
            escape(names[truth]),
            y0 + h + 27.0,
            escape(names[predicted])
        );
    }
    let width = 20.0 + per_row as f64 * cell_w;
    let height = 50.0 + rows as f64 * cell_h;
    write_file(path, svg(width, height, &s).as_bytes())
}
