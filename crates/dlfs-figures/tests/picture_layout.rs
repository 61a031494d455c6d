//! Where the hand-drawn pictures put things, read back from their SVG: a network's neurons as
//! heat maps of their outputs (computed here from the weights), the XOR points on them, the
//! weights as lines between the neurons they join, the filmstrip's frames, the computational
//! graphs' edges and labels, and the misclassified images' pixels.
mod svg;

use dlfs_figures::pictures;
use dlfs_networks::{Activation, MultiLayerNet};
use dlfs_train::recorder::Snapshot;
use svg::{
    El, blue_white_red, canvas, close, colour, hand_params, hand_params_scaled, near_colour,
    outputs_scaled, read, scratch, tagged, text,
};

/// The names the picture writes under each neuron, in the order of [`outputs`].
const NAMES: [&str; 5] = [
    "h1.1 b=-10.00",
    "h1.2 b=-30.00",
    "h1.3 b=0.00",
    "P(class 0) b=5.00",
    "P(class 1) b=-5.00",
];

/// The cell centres of a neuron's 24 × 24 heat map: column c from the left is x₁ rising, row r
/// from the top is x₂ falling, both over [−0.5, 1.5].
fn plane(r: usize, c: usize) -> (f64, f64) {
    let step = 2.0 / 24.0;
    (
        -0.5 + step * (c as f64 + 0.5),
        1.5 - step * (r as f64 + 0.5),
    )
}

/// A neuron's square: its frame (a black outline) found by the name written under it.
fn square<'a>(els: &'a [El], name: &str) -> &'a El {
    let label = text(els, name);
    let found: Vec<&El> = tagged(els, "rect")
        .into_iter()
        .filter(|r| r.get("fill") == "none" && r.get("stroke") == "black")
        .filter(|r| close(r.num("x") + r.num("width") / 2.0, label.num("x"), 0.051))
        .filter(|r| {
            let below = label.num("y") - (r.num("y") + r.num("height"));
            below > 0.0 && below < 20.0
        })
        .collect();
    assert_eq!(found.len(), 1, "the square above {name:?}: {found:?}");
    found[0]
}

/// The filled cells inside a frame.
fn cells<'a>(els: &'a [El], frame: &El) -> Vec<&'a El> {
    let (x, y, w, h) = (
        frame.num("x"),
        frame.num("y"),
        frame.num("width"),
        frame.num("height"),
    );
    tagged(els, "rect")
        .into_iter()
        .filter(|r| r.get("fill") != "none" && r.get("width") != "100%")
        .filter(|r| {
            r.num("x") >= x - 0.01
                && r.num("y") >= y - 0.01
                && r.num("x") + r.num("width") <= x + w + 0.01
                && r.num("y") + r.num("height") <= y + h + 0.01
        })
        .collect()
}

fn network_svg(activation: Activation, title: &str) -> Vec<El> {
    network_svg_scaled(activation, title, 1.0)
}

fn network_svg_scaled(activation: Activation, title: &str, k: f64) -> Vec<El> {
    let path = scratch(&format!("network-{}", activation.as_str()));
    let mut net = MultiLayerNet::from_params(hand_params_scaled(k), activation);
    pictures::network(&path, title, &mut net).unwrap();
    read(&path)
}

/// Every neuron's square is a 24 × 24 grid of cells tiling its frame, each cell the colour of
/// the neuron's output at the cell's centre on the input plane.
fn check_squares(els: &[El], activation: Activation, k: f64) {
    // ReLU's hidden outputs are drawn over [0, the largest of them on the grid].
    let relu_max = (0..24 * 24)
        .map(|cell| {
            let (x1, x2) = plane(cell / 24, cell % 24);
            outputs_scaled(Activation::Relu, k, x1, x2)[..3]
                .iter()
                .fold(0.0f64, |m, &v| m.max(v))
        })
        .fold(0.0f64, f64::max);
    // The names under the squares, the hidden ones with their biases times k.
    let hidden_biases = [-10.0 * k, -30.0 * k, 0.0];
    let names: Vec<String> = NAMES
        .iter()
        .enumerate()
        .map(|(n, name)| match name.split_once(' ') {
            Some((unit, _)) if name.starts_with('h') => {
                format!("{unit} b={:.2}", hidden_biases[n])
            }
            _ => name.to_string(),
        })
        .collect();
    assert_eq!(names.len(), 5, "three hidden neurons and two outputs");
    for (n, name) in names.iter().enumerate() {
        let frame = square(els, name);
        let (w, h) = (frame.num("width"), frame.num("height"));
        assert!(close(w, h, 1e-9) && w >= 48.0, "{name}: {w}×{h}");
        let cells = cells(els, frame);
        assert_eq!(cells.len(), 24 * 24, "{name}");
        let side = w / 24.0;
        let mut seen = vec![false; 24 * 24];
        for cell in cells {
            assert!(close(cell.num("width"), side, 0.051), "{name}: {cell:?}");
            assert!(close(cell.num("height"), side, 0.051), "{name}: {cell:?}");
            let c = (cell.num("x") - frame.num("x")) / side;
            let r = (cell.num("y") - frame.num("y")) / side;
            assert!(close(c, c.round(), 0.02) && close(r, r.round(), 0.02));
            let (r, c) = (r.round() as usize, c.round() as usize);
            assert!(!seen[r * 24 + c], "{name}: cell ({r}, {c}) twice");
            seen[r * 24 + c] = true;
            let (x1, x2) = plane(r, c);
            let v = outputs_scaled(activation, k, x1, x2)[n];
            let unit = match (n < 3, activation) {
                (true, Activation::Tanh) => (v + 1.0) / 2.0,
                (true, Activation::Relu) => v / relu_max,
                _ => v,
            };
            let expected = blue_white_red(unit);
            assert!(
                near_colour(colour(cell.get("fill")), expected),
                "{name} at ({x1}, {x2}): {} for {v}, expected {expected:?}",
                cell.get("fill")
            );
        }
    }
}

#[test]
fn each_neuron_is_a_heat_map_of_its_output_over_the_input_plane() {
    for activation in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
        let els = network_svg(activation, "hand-made XOR");
        check_squares(&els, activation, 1.0);
    }
    // ReLU units whose outputs stay below 1: the scale still ends at the largest of them, not
    // at the outputs' probabilities.
    let els = network_svg_scaled(Activation::Relu, "small", 0.01);
    check_squares(&els, Activation::Relu, 0.01);
}

#[test]
fn the_xor_points_are_marked_where_they_are_on_every_square() {
    let els = network_svg(Activation::Sigmoid, "dots");
    let dots: Vec<&El> = tagged(&els, "circle")
        .into_iter()
        .filter(|c| c.num("r") < 5.0)
        .collect();
    assert_eq!(dots.len(), 4 * NAMES.len());
    for name in NAMES {
        let frame = square(&els, name);
        let (x, y, side) = (frame.num("x"), frame.num("y"), frame.num("width"));
        // (x₁, x₂) ∈ [−0.5, 1.5]²: x₁ to the right from the left edge, x₂ up from the bottom.
        for (x1, x2, class1) in [
            (0.0, 0.0, false),
            (0.0, 1.0, true),
            (1.0, 0.0, true),
            (1.0, 1.0, false),
        ] {
            let (cx, cy) = (
                x + (x1 + 0.5) / 2.0 * side,
                y + side - (x2 + 0.5) / 2.0 * side,
            );
            let here: Vec<&&El> = dots
                .iter()
                .filter(|d| close(d.num("cx"), cx, 0.051) && close(d.num("cy"), cy, 0.051))
                .collect();
            assert_eq!(here.len(), 1, "{name}: ({x1}, {x2}) at ({cx}, {cy})");
            let fill = here[0].get("fill");
            assert_eq!(fill, if class1 { "black" } else { "white" }, "{name}");
        }
    }
}

#[test]
fn weights_are_lines_between_the_neurons_they_join() {
    let els = network_svg(Activation::Sigmoid, "weights");
    let params = hand_params();
    // The inputs: circles named x₁ and x₂.
    let input = |i: usize| {
        let name = text(&els, ["x₁", "x₂"][i]);
        let found: Vec<&El> = tagged(&els, "circle")
            .into_iter()
            .filter(|c| close(c.num("cx"), name.num("x"), 0.051) && c.num("r") > 5.0)
            .filter(|c| close(c.num("cy"), name.num("y") - 4.0, 6.0))
            .collect();
        assert_eq!(found.len(), 1, "input {i}");
        found[0]
    };
    let hidden = |j: usize| square(&els, NAMES[j]);
    let output = |j: usize| square(&els, NAMES[3 + j]);
    let lines: Vec<(usize, &El)> = els
        .iter()
        .enumerate()
        .filter(|(_, e)| e.tag == "line")
        .collect();
    assert_eq!(lines.len(), 2 * 3 + 3 * 2);
    let biggest = 20.0;
    for (k, line) in lines {
        // The weight's name and value, in the line's tooltip.
        let title = &els[k + 1];
        assert_eq!(title.tag, "title");
        let (name, value) = title.text.split_once(" = ").unwrap();
        let (layer, ij) = name.split_once('[').unwrap();
        let (i, j) = ij.trim_end_matches(']').split_once(',').unwrap();
        let (i, j): (usize, usize) = (i.parse().unwrap(), j.parse().unwrap());
        let (start, end) = match layer {
            "W1" => {
                let c = input(i);
                let to = hidden(j);
                (
                    (c.num("cx") + c.num("r"), c.num("cy")),
                    (to.num("x"), to.num("y") + to.num("height") / 2.0),
                )
            }
            "W2" => {
                let (from, to) = (hidden(i), output(j));
                (
                    (
                        from.num("x") + from.num("width"),
                        from.num("y") + from.num("height") / 2.0,
                    ),
                    (to.num("x"), to.num("y") + to.num("height") / 2.0),
                )
            }
            other => panic!("{other}"),
        };
        let at = |x: &str, y: &str| (line.num(x), line.num(y));
        let (a, b) = (at("x1", "y1"), at("x2", "y2"));
        assert!(
            close(a.0, start.0, 0.051) && close(a.1, start.1, 0.051),
            "{name}: {a:?} {start:?}"
        );
        assert!(
            close(b.0, end.0, 0.051) && close(b.1, end.1, 0.051),
            "{name}: {b:?} {end:?}"
        );
        let w = params[usize::from(layer == "W2")].0[[i, j]];
        assert_eq!(value, format!("{w:.4}"));
        // Red for a positive weight, blue for a negative one; as wide as |w| (0.5 to 6.5).
        let (r, _, bl) = colour(line.get("stroke"));
        assert_eq!(r > bl, w >= 0.0, "{name} = {w}: {}", line.get("stroke"));
        let width = line.num("stroke-width");
        assert!(
            close(width, 0.5 + 6.0 * w.abs() / biggest, 0.006),
            "{name}: {width}"
        );
    }
}

#[test]
fn the_network_reads_left_to_right_inside_its_canvas() {
    for activation in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
        let title = "a <title> & more";
        let els = network_svg(activation, title);
        let (width, height) = canvas(&els);
        // Everything is drawn inside the canvas.
        for e in &els {
            for (x, y) in [("x", "y"), ("cx", "cy"), ("x1", "y1"), ("x2", "y2")] {
                if let (Ok(x), Ok(y)) = (e.get(x).parse::<f64>(), e.get(y).parse::<f64>()) {
                    assert!((0.0..=width).contains(&x), "{e:?} outside {width}");
                    assert!((0.0..=height).contains(&y), "{e:?} outside {height}");
                    if e.tag == "rect" {
                        assert!(x + e.num("width") <= width && y + e.num("height") <= height);
                    }
                }
            }
        }
        // The title (escaped in the file, read back whole) above everything else.
        let heading = text(&els, title);
        let squares: Vec<&El> = NAMES.iter().map(|n| square(&els, n)).collect();
        assert!(squares.iter().all(|s| s.num("y") > heading.num("y")));
        // The layers in columns, left to right, evenly spaced: the inputs' centres, then the
        // hidden squares, then the outputs'.
        let input_x = text(&els, "x₁").num("x");
        assert_eq!(text(&els, "x₂").num("x"), input_x);
        let hidden_x = squares[0].num("x");
        let output_x = squares[3].num("x");
        assert!(squares[..3].iter().all(|s| s.num("x") == hidden_x));
        assert!(squares[3..].iter().all(|s| s.num("x") == output_x));
        let side = squares[0].num("width");
        assert!(hidden_x > input_x + 14.0 && output_x > hidden_x + side);
        assert!(close(output_x - hidden_x, hidden_x - input_x, 0.11));
        // Within a column the squares are stacked downwards, apart, each name between its
        // square and the next; and every column is centred on the same line.
        let centre = |s: &El| s.num("y") + s.num("height") / 2.0;
        for column in [&squares[..3], &squares[3..]] {
            for pair in column.windows(2) {
                let below = pair[0].num("y") + side;
                assert!(pair[1].num("y") > below + 12.0, "{pair:?}");
            }
        }
        let middle = |c: &[&El]| c.iter().map(|s| centre(s)).sum::<f64>() / c.len() as f64;
        let inputs_middle = (text(&els, "x₁").num("y") + text(&els, "x₂").num("y")) / 2.0 - 4.0;
        assert!(close(middle(&squares[..3]), middle(&squares[3..]), 0.11));
        assert!(close(middle(&squares[..3]), inputs_middle, 0.11));
        // The legend under the picture says what the colours mean for this activation.
        let scale = match activation {
            Activation::Sigmoid => "blue 0, white 0.5, red 1",
            Activation::Tanh => "blue −1, white 0, red 1 (hidden)",
            Activation::Relu => "red the largest hidden output (hidden)",
        };
        let legend: Vec<&El> = tagged(&els, "text")
            .into_iter()
            .filter(|t| t.text.starts_with("Each square"))
            .collect();
        assert_eq!(legend.len(), 1);
        assert!(legend[0].text.contains(scale), "{}", legend[0].text);
        let dots = tagged(&els, "text")
            .into_iter()
            .find(|t| t.text.starts_with("Dots:"))
            .unwrap();
        let lowest_name = NAMES
            .iter()
            .map(|n| text(&els, n).num("y"))
            .fold(0.0, f64::max);
        assert!(legend[0].num("y") > lowest_name && dots.num("y") > legend[0].num("y") + 10.0);
        assert!(
            dots.num("y") < height && height - dots.num("y") <= 40.0,
            "{height}"
        );
        // And no larger than it needs: three columns of a square and its weights, three
        // squares high, the title and the legend.
        assert!(width >= 760.0 && width <= (3.0 * (side + 100.0) + 40.0).max(760.0));
        assert!(height <= 3.0 * (side + 40.0) + 120.0, "{height}");
        assert!(output_x - hidden_x <= side + 100.0);
    }
}

#[test]
fn a_filmstrip_puts_three_moments_to_a_row() {
    let path = scratch("filmstrip");
    let frames: Vec<Snapshot> = [0, 100, 1000, 10_000, 20_000, 30_000, 40_000]
        .iter()
        .map(|&iteration| Snapshot {
            iteration,
            loss: 1.0 / (iteration as f64 + 2.0),
            params: hand_params(),
        })
        .collect();
    pictures::filmstrip(&path, "four moments", Activation::Sigmoid, &frames).unwrap();
    let els = read(&path);
    let (width, height) = canvas(&els);
    let heading = text(&els, "four moments");
    let titles: Vec<&El> = [
        "iteration 0: loss 0.5000",
        "iteration 100: loss 0.0098",
        "iteration 1000: loss 0.0010",
        "iteration 10000: loss 0.0001",
    ]
    .iter()
    .map(|t| text(&els, t))
    .collect();
    // The first three side by side, evenly spaced; the fourth under the first.
    let step = titles[1].num("x") - titles[0].num("x");
    assert!(step > 300.0, "{step}");
    assert!(close(titles[2].num("x") - titles[1].num("x"), step, 0.11));
    assert!(titles[..3].iter().all(|t| t.num("y") == titles[0].num("y")));
    assert!(titles[0].num("y") > heading.num("y"));
    assert_eq!(titles[3].num("x"), titles[0].num("x"));
    // Three rows (the seventh frame alone on the third), evenly spaced.
    let seventh = text(&els, "iteration 40000: loss 0.0000");
    assert_eq!(seventh.num("x"), titles[0].num("x"));
    let pitch = titles[3].num("y") - titles[0].num("y");
    assert!(pitch > 300.0, "rows {pitch} apart");
    assert!(
        close(seventh.num("y") - titles[3].num("y"), pitch, 0.11),
        "{pitch}"
    );
    // Every frame draws the whole network: 5 squares each, 20 in all, none overlapping the
    // next row, and the fourth frame's squares below every square of the first row.
    let frames_squares: Vec<&El> = tagged(&els, "rect")
        .into_iter()
        .filter(|r| r.get("fill") == "none" && r.get("stroke") == "black")
        .collect();
    assert_eq!(frames_squares.len(), 35);
    let first_row_bottom = frames_squares
        .iter()
        .filter(|s| s.num("x") < titles[0].num("x") + step * 3.0 && s.num("y") < titles[3].num("y"))
        .map(|s| s.num("y") + s.num("height"))
        .fold(0.0, f64::max);
    assert!(titles[3].num("y") > first_row_bottom, "{first_row_bottom}");
    // Inside the canvas: three frames wide, two rows and the legend high.
    for s in &frames_squares {
        assert!(s.num("x") + s.num("width") <= width && s.num("y") + s.num("height") <= height);
    }
    let rightmost = frames_squares
        .iter()
        .map(|s| s.num("x") + s.num("width"))
        .fold(0.0, f64::max);
    assert!(rightmost > titles[2].num("x") && rightmost <= width);
    let legend = tagged(&els, "text")
        .into_iter()
        .find(|t| t.text.starts_with("Dots:"))
        .unwrap();
    let bottom = frames_squares
        .iter()
        .map(|s| s.num("y") + s.num("height"))
        .fold(0.0, f64::max);
    assert!(legend.num("y") > bottom && legend.num("y") < height);
    // No more canvas than the rows and the legend need.
    assert!(height - legend.num("y") <= 40.0, "{height}");
    assert!(width <= 3.0 * step + 40.0, "{width}");
}

/// Half the width a graph's node takes: a one-letter operation's circle, a named operation's
/// box, or a name's text.
fn check_graph(graph: &pictures::Graph, width: f64, height: f64) {
    let svg = graph.to_svg("the graph", width, height);
    let els = svg::elements(&svg);
    assert_eq!(canvas(&els), (width, height));
    let heading = text(&els, "the graph");
    assert!(heading.num("y") < 40.0 && heading.num("x") < 40.0);
    let note = tagged(&els, "text")
        .into_iter()
        .find(|t| t.text.starts_with("Above each edge"))
        .unwrap();
    assert!(note.num("y") < height && note.num("y") > height - 30.0);
    // Each node: its label centred on it, in a circle (one letter), a box (a longer operation)
    // or on its own (an input or output).
    let mut left = Vec::new();
    let mut right = Vec::new();
    for n in &graph.nodes {
        let label: Vec<&El> = tagged(&els, "text")
            .into_iter()
            .filter(|t| t.text == n.label && t.num("x") == n.x)
            .filter(|t| t.num("y") > n.y && t.num("y") < n.y + 8.0)
            .collect();
        assert_eq!(
            label.len(),
            1,
            "{}: its baseline just under its centre",
            n.label
        );
        let len = n.label.chars().count() as f64;
        let (l, r) = if !n.op {
            // A name's text takes about 7–8 pixels a letter.
            assert_eq!(label[0].get("font-size"), "13");
            (
                (n.x - 3.5 * len, n.x - 4.0 * len - 6.0),
                (n.x + 3.5 * len, n.x + 4.0 * len + 6.0),
            )
        } else if len <= 1.0 {
            let c: Vec<&El> = tagged(&els, "circle")
                .into_iter()
                .filter(|c| c.num("cx") == n.x && c.num("cy") == n.y)
                .collect();
            assert_eq!(c.len(), 1, "{}", n.label);
            let r = c[0].num("r");
            assert!(r >= 12.0, "{r}");
            ((n.x - r, n.x - r), (n.x + r, n.x + r))
        } else {
            let b: Vec<&El> = tagged(&els, "rect")
                .into_iter()
                .filter(|b| b.get("width") != "100%")
                .filter(|b| close(b.num("x") + b.num("width") / 2.0, n.x, 0.051))
                .filter(|b| close(b.num("y") + b.num("height") / 2.0, n.y, 0.051))
                .collect();
            assert_eq!(b.len(), 1, "{}", n.label);
            // Wide enough for its label at 16 pixels (about 9 a letter).
            assert!(b[0].num("width") >= 9.0 * len, "{}: {:?}", n.label, b[0]);
            assert!(
                b[0].num("width") <= 12.0 * len + 30.0,
                "{}: {:?}",
                n.label,
                b[0]
            );
            let (x, w) = (b[0].num("x"), b[0].num("width"));
            ((x, x), (x + w, x + w))
        };
        left.push(l);
        right.push(r);
    }
    // Each edge: an arrow from the right of its first node to the left of its second, the
    // value above its middle, the gradient below it in red.
    let arrows = tagged(&els, "line");
    assert_eq!(arrows.len(), graph.edges.len());
    for (e, line) in graph.edges.iter().zip(&arrows) {
        let (a, b) = (&graph.nodes[e.from], &graph.nodes[e.to]);
        let x1 = line.num("x1");
        let x2 = line.num("x2");
        let (lo, hi) = right[e.from];
        assert!(
            x1 >= lo.min(hi) - 0.051 && x1 <= lo.max(hi) + 0.051,
            "{}: {x1}",
            a.label
        );
        let (lo, hi) = left[e.to];
        assert!(
            x2 >= lo.min(hi) - 0.051 && x2 <= lo.max(hi) + 0.051,
            "{}: {x2}",
            b.label
        );
        assert_eq!((line.num("y1"), line.num("y2")), (a.y, b.y));
        assert_eq!(line.get("marker-end"), "url(#arrow)");
        let (mx, my) = ((x1 + x2) / 2.0, (a.y + b.y) / 2.0);
        let find = |t: &str, lo: f64, hi: f64| {
            let found: Vec<&El> = tagged(&els, "text")
                .into_iter()
                .filter(|e| e.text == t && close(e.num("x"), mx, 0.051))
                .filter(|e| e.num("y") >= lo && e.num("y") <= hi)
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{t:?} over the edge {} → {}",
                a.label,
                b.label
            );
            found[0]
        };
        // Forward lines end just above the middle, one above another; backward lines start
        // below it (a 12-pixel font), in red.
        let fwd: Vec<&str> = e.forward.lines().collect();
        for (i, line) in fwd.iter().enumerate() {
            let up = (fwd.len() - 1 - i) as f64;
            find(line, my - 10.0 - 16.0 * up, my - 2.0 - 12.0 * up);
        }
        for (i, line) in e.backward.lines().enumerate() {
            let down = i as f64;
            let t = find(line, my + 12.0 + 12.0 * down, my + 20.0 + 16.0 * down);
            let (r, g, bl) = colour(t.get("fill"));
            assert!(r > 150 && g < 100 && bl < 100, "{:?}", t.get("fill"));
        }
    }
}

#[test]
fn graphs_draw_each_edge_between_its_nodes_with_both_values() {
    check_graph(&pictures::apple_orange(), 980.0, 590.0);
    check_graph(&pictures::training_step(), 1320.0, 430.0);
}

#[test]
fn misclassified_images_are_drawn_pixel_by_pixel_six_to_a_row() {
    let (rows, cols, count) = (4usize, 5usize, 9usize);
    let pixels: Vec<u8> = (0..count * rows * cols)
        .map(|k| ((k * 37) % 7 * 40) as u8)
        .collect();
    let images = dlfs_datasets::Images {
        count,
        rows,
        cols,
        pixels: pixels.clone(),
    };
    let names = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "<nine>",
    ];
    let wrong: Vec<(usize, usize, usize)> = (0..7).map(|k| (k + 2, k % 10, 9 - k % 10)).collect();
    let path = scratch("misclassified");
    pictures::misclassified(&path, &images, &wrong, &names).unwrap();
    let els = read(&path);
    let (width, height) = canvas(&els);
    let frames: Vec<&El> = tagged(&els, "rect")
        .into_iter()
        .filter(|r| r.get("fill") == "none")
        .collect();
    assert_eq!(frames.len(), wrong.len());
    let px = frames[0].num("width") / cols as f64;
    assert!(px >= 1.0 && close(frames[0].num("height"), rows as f64 * px, 1e-9));
    for (k, (&(index, truth, predicted), frame)) in wrong.iter().zip(&frames).enumerate() {
        // Six to a row, evenly spaced; the seventh starts the next row under the first.
        let (col, row) = (k % 6, k / 6);
        let step_x = frames[1].num("x") - frames[0].num("x");
        // Room for a caption of a dozen letters at 11 pixels, and no more than twice that.
        assert!(
            step_x >= cols as f64 * px && (100.0..=200.0).contains(&step_x),
            "{step_x}"
        );
        assert!(close(
            frame.num("x"),
            frames[0].num("x") + col as f64 * step_x,
            0.11
        ));
        if row == 1 {
            // Under the first row's two caption lines, and not much further.
            let pitch = frame.num("y") - frames[0].num("y");
            let h = rows as f64 * px;
            assert!(pitch >= h + 30.0 && pitch <= h + 80.0, "{pitch}");
            let captions_bottom = tagged(&els, "text")
                .into_iter()
                .filter(|t| t.text.starts_with('→'))
                .map(|t| t.num("y"))
                .take(6)
                .fold(0.0, f64::max);
            assert!(frame.num("y") > captions_bottom);
        } else {
            assert_eq!(frame.num("y"), frames[0].num("y"));
        }
        // Each non-zero pixel a grey square, darker for a larger value; zero is the background.
        let image = &pixels[index * rows * cols..(index + 1) * rows * cols];
        let drawn = cells(&els, frame);
        assert_eq!(drawn.len(), image.iter().filter(|&&v| v != 0).count());
        for cell in drawn {
            let c = (cell.num("x") - frame.num("x")) / px;
            let r = (cell.num("y") - frame.num("y")) / px;
            let (c, r) = (c.round() as usize, r.round() as usize);
            let v = image[r * cols + c];
            let g = 255 - v;
            assert_eq!(
                colour(cell.get("fill")),
                (g, g, g),
                "image {index} ({r}, {c})"
            );
            assert_eq!(cell.num("width"), px);
        }
        // Under it: its index and true class, then the predicted one.
        let truth_text = text(&els, &format!("#{index}: {}", names[truth]));
        let predicted_text: Vec<&El> = tagged(&els, "text")
            .into_iter()
            .filter(|t| t.text == format!("→ {}", names[predicted]) && t.num("x") == frame.num("x"))
            .collect();
        assert_eq!(predicted_text.len(), 1);
        let bottom = frame.num("y") + frame.num("height");
        assert!(truth_text.num("y") > bottom && predicted_text[0].num("y") > truth_text.num("y"));
        assert!(predicted_text[0].num("y") < height);
        assert!(frame.num("x") + frame.num("width") < width);
        assert!(width <= 6.0 * step_x + 40.0 && height <= 2.0 * (rows as f64 * px + 80.0) + 60.0);
    }
}
