//! What the charts draw, read back from their SVG through their own axes: each axis is fitted
//! to its tick labels (plotters places a label where its value falls), and the data must come
//! back from the pixels — cells coloured by the network's output, curves through their points,
//! bars as tall as their shares, contour lines on their ellipses.
mod svg;

use dlfs_figures::charts;
use dlfs_networks::{Activation, MultiLayerNet};
use ndarray::array;
use std::f64::consts::LN_2;
use svg::{
    Axis, El, SERIES, blue_white_red, canvas, close, colour, fit, hand_params, lines_in,
    near_colour, numeric, outputs, plot_area, read, scratch, tagged, text, x_tick_labels,
    y_tick_labels,
};

/// The chart's two axes from its tick labels.
fn axes(els: &[El], log_x: bool, log_y: bool) -> (Axis, Axis) {
    (
        fit(&numeric(&x_tick_labels(els)), log_x),
        fit(&numeric(&y_tick_labels(els)), log_y),
    )
}

/// Checks a polyline's points against data points `(x, y)`, within a pixel and a half.
fn check_curve(line: &El, expected: &[(f64, f64)], xa: Axis, ya: Axis) {
    let points = line.points();
    assert_eq!(points.len(), expected.len(), "{points:?}");
    for (&(px, py), &(x, y)) in points.iter().zip(expected) {
        assert!(
            close(px, xa.px(x), 1.5) && close(py, ya.px(y), 1.5),
            "({px}, {py}) is not ({x}, {y}) at ({}, {})",
            xa.px(x),
            ya.px(y)
        );
    }
}

/// The first curve's three points at iterations 1, 2 and 3 of a log axis from 1 to 3: the
/// second log 2 / log 3 of the way, the third at the right end (a wrong axis end moves the
/// second; the third alone would be clipped to the axis).
fn check_points_at_1_2_3(els: &[El]) {
    let (left, right, _, _) = plot_area(els);
    let p = lines_in(els, SERIES[0])[0].points();
    let middle = left + (right - left) * 2f64.ln() / 3f64.ln();
    assert!(
        close(p[1].0, middle, 1.5) && close(p[2].0, right, 1.5),
        "{p:?}"
    );
}

/// The legend's line samples: `count` of them, each horizontal and 20 pixels long.
fn check_legend_samples(els: &[El], count: usize) -> f64 {
    let b = legend_box(els);
    let (x, y, w, h) = (b.num("x"), b.num("y"), b.num("width"), b.num("height"));
    let samples: Vec<Vec<(f64, f64)>> = tagged(els, "polyline")
        .into_iter()
        .map(El::points)
        .filter(|p| {
            p.iter()
                .all(|&(px, py)| px >= x && px <= x + w && py >= y && py <= y + h)
        })
        .collect();
    assert_eq!(samples.len(), count, "{samples:?}");
    for p in &samples {
        assert_eq!(p.len(), 2);
        assert_eq!((p[1].0 - p[0].0, p[1].1 - p[0].1), (20.0, 0.0), "{p:?}");
        assert_eq!(p[0].0, samples[0][0].0, "the samples start in one column");
    }
    samples[0][0].0
}

/// The legend's background (plotters draws it white at 0.9 opacity).
fn legend_box(els: &[El]) -> &El {
    let found: Vec<&El> = tagged(els, "rect")
        .into_iter()
        .filter(|r| r.get("opacity") == "0.9")
        .collect();
    assert_eq!(found.len(), 1);
    found[0]
}

#[test]
fn the_colour_scales_follow_their_definitions() {
    // Blue, white and red at 0, 0.5 and 1 (ColorBrewer's RdBu ends), clamped outside.
    for p in [-1.0, 0.0, 0.1, 0.25, 0.5, 0.6, 0.75, 0.99, 1.0, 2.0] {
        let c = charts::diverging(p);
        assert_eq!((c.0, c.1, c.2), blue_white_red(p), "{p}");
    }
}

#[test]
fn the_decision_surface_colours_each_cell_by_the_networks_probability() {
    // The hand-made XOR network, symmetric in x₁ and x₂.
    check_decision_surface(hand_params(), &|x1, x2| {
        outputs(Activation::Sigmoid, x1, x2)[4]
    });
    // A network without hidden layers whose logits are 0 and 4x₁ − 2x₂ + 1: x₁ and x₂ must not
    // be swapped.
    let linear = vec![(array![[0.0, 4.0], [0.0, -2.0]], array![0.0, 1.0])];
    check_decision_surface(linear, &|x1, x2| svg::sigmoid(4.0 * x1 - 2.0 * x2 + 1.0));
}

/// The decision surface of the network with `params` (sigmoid), whose P(class 1) at `(x₁, x₂)`
/// is `p1`.
fn check_decision_surface(
    params: Vec<(ndarray::Array2<f64>, ndarray::Array1<f64>)>,
    p1: &dyn Fn(f64, f64) -> f64,
) {
    let path = scratch("decision");
    let mut net = MultiLayerNet::from_params(params, Activation::Sigmoid);
    charts::decision_surface(&path, "hand-made <XOR>", &mut net).unwrap();
    let els = read(&path);
    text(&els, "hand-made <XOR>");
    let (xa, ya) = axes(&els, false, false);
    // Ticks with one decimal, and 0 is "0.0", never "-0.0".
    let ticks: Vec<String> = x_tick_labels(&els)
        .into_iter()
        .map(|t| t.0)
        .filter(|t| t.parse::<f64>().is_ok())
        .collect();
    assert!(ticks.len() >= 5, "{ticks:?}");
    assert!(ticks.iter().any(|t| t == "0.0") && !ticks.iter().any(|t| t == "-0.0"));
    assert!(
        ticks
            .iter()
            .all(|t| t.split_once('.').unwrap().1.len() == 1)
    );
    // 61 × 61 cells over [−0.5, 1.5]², each the colour of P(class 1) at its centre.
    let (n, lo, step) = (61usize, -0.5, 2.0 / 61.0);
    let (width, _) = canvas(&els);
    let cells: Vec<&El> = tagged(&els, "rect")
        .into_iter()
        .filter(|r| r.num("width") < width / 2.0)
        .collect();
    assert_eq!(cells.len(), n * n);
    let mut seen = vec![false; n * n];
    for cell in &cells {
        let x = xa.value(cell.num("x") + cell.num("width") / 2.0);
        let y = ya.value(cell.num("y") + cell.num("height") / 2.0);
        let (i, j) = (
            ((x - lo) / step - 0.5).round(),
            ((y - lo) / step - 0.5).round(),
        );
        let centre = |k: f64| lo + step * (k + 0.5);
        assert!(close(x, centre(i), step / 3.0) && close(y, centre(j), step / 3.0));
        let (i, j) = (i as usize, j as usize);
        assert!(!seen[j * n + i], "cell ({i}, {j}) twice");
        seen[j * n + i] = true;
        let p = p1(centre(i as f64), centre(j as f64));
        assert!(
            near_colour(colour(cell.get("fill")), blue_white_red(p)),
            "({}, {}): {} for P = {p}",
            centre(i as f64),
            centre(j as f64),
            cell.get("fill")
        );
    }
    let left = cells
        .iter()
        .map(|c| c.num("x"))
        .fold(f64::INFINITY, f64::min);
    let right = cells
        .iter()
        .map(|c| c.num("x") + c.num("width"))
        .fold(0.0, f64::max);
    assert!(close(left, xa.px(-0.5), 1.5) && close(right, xa.px(1.5), 1.5));
    // The four points: a dot for class 1, a ring for class 0, each named beside it.
    let marks = tagged(&els, "circle");
    assert_eq!(marks.len(), 4);
    for (x1, x2, class) in [(0.0, 0.0, 0), (0.0, 1.0, 1), (1.0, 0.0, 1), (1.0, 1.0, 0)] {
        let (cx, cy) = (xa.px(x1), ya.px(x2));
        let here: Vec<&&El> = marks
            .iter()
            .filter(|m| close(m.num("cx"), cx, 1.5) && close(m.num("cy"), cy, 1.5))
            .collect();
        assert_eq!(here.len(), 1, "({x1}, {x2})");
        if class == 1 {
            assert_eq!(here[0].get("fill"), "#000000");
        } else {
            assert_eq!(
                (here[0].get("fill"), here[0].get("stroke-width")),
                ("none", "3")
            );
        }
        let label = text(&els, &format!("[{x1},{x2}] → class {class}"));
        assert!(
            label.num("x") > cx && label.num("x") < cx + 30.0,
            "{label:?}"
        );
        assert!(
            label.num("y") < cy && label.num("y") > cy - 60.0,
            "{label:?}"
        );
    }
}

#[test]
fn a_heat_map_writes_each_value_in_its_cell() {
    let path = scratch("heatmap");
    let rows = [
        "a".to_string(),
        "a much longer architecture name".to_string(),
    ];
    let cols = ["0.01".to_string(), "0.1".to_string(), "1".to_string()];
    let value = array![[0.0, 0.25, f64::NAN], [0.61, 1.0, 0.6]];
    charts::heatmap(&path, "shares", &rows, &cols, &value, "lr", "architecture").unwrap();
    let els = read(&path);
    let (width, height) = canvas(&els);
    text(&els, "shares");
    text(&els, "lr");
    text(&els, "architecture");
    // Each label once, at the centre of its row or column; rows from the bottom up.
    let once = |labels: &[(String, f64)], name: &str| {
        let at: Vec<f64> = labels.iter().filter(|l| l.0 == name).map(|l| l.1).collect();
        assert_eq!(at.len(), 1, "{name}: {labels:?}");
        at[0]
    };
    let col_x: Vec<f64> = cols.iter().map(|c| once(&x_tick_labels(&els), c)).collect();
    let row_y: Vec<f64> = rows.iter().map(|r| once(&y_tick_labels(&els), r)).collect();
    assert!(row_y[0] > row_y[1]);
    assert!(col_x.windows(2).all(|w| w[1] > w[0]));
    let cells: Vec<&El> = tagged(&els, "rect")
        .into_iter()
        .filter(|r| r.num("width") < width / 2.0)
        .collect();
    assert_eq!(cells.len(), 6);
    // ColorBrewer's Greens from #f7fcf5 to #006d2c, linearly; grey where there is no value.
    let green = |v: f64| {
        let mix = |a: f64, b: f64| (a + (b - a) * v).round() as u8;
        (mix(247.0, 0.0), mix(252.0, 109.0), mix(245.0, 44.0))
    };
    for (r, &y) in row_y.iter().enumerate() {
        for (c, &x) in col_x.iter().enumerate() {
            let v = value[[r, c]];
            let cell: Vec<&&El> = cells
                .iter()
                .filter(|e| close(e.num("x") + e.num("width") / 2.0, x, 1.5))
                .filter(|e| close(e.num("y") + e.num("height") / 2.0, y, 1.5))
                .collect();
            assert_eq!(cell.len(), 1, "cell ({r}, {c})");
            let cell = cell[0];
            let expected = if v.is_nan() {
                (200, 200, 200)
            } else {
                green(v)
            };
            assert!(
                near_colour(colour(cell.get("fill")), expected),
                "{v}: {cell:?}"
            );
            let written = if v.is_nan() {
                "–".to_string()
            } else {
                format!("{}%", (v * 100.0).round())
            };
            let label = tagged(&els, "text")
                .into_iter()
                .filter(|t| t.text.trim() == written)
                .find(|t| {
                    (cell.num("x")..cell.num("x") + cell.num("width")).contains(&t.num("x"))
                        && (cell.num("y")..cell.num("y") + cell.num("height")).contains(&t.num("y"))
                })
                .unwrap_or_else(|| panic!("{written} not in cell ({r}, {c})"));
            // White on the darkest cells (above 60%), black elsewhere.
            let ink = if v > 0.6 { "#FFFFFF" } else { "#000000" };
            assert_eq!(label.get("fill"), ink, "{written}");
        }
    }
    // Cells of about 80 × 50 pixels (a little more, sharing the margins).
    for c in &cells {
        assert!((60.0..=100.0).contains(&c.num("width")), "{c:?}");
        assert!((48.0..=75.0).contains(&c.num("height")), "{c:?}");
    }
    // The longest row label fits left of the cells (about half its font size a letter), with
    // no more than twice the room it needs.
    let long = y_tick_labels(&els);
    let long = tagged(&els, "text")
        .into_iter()
        .find(|t| t.text.trim() == rows[1] && long.iter().any(|l| l.0 == rows[1]))
        .unwrap();
    let font: f64 = long.num("font-size");
    assert!(long.num("x") - 0.5 * font * 31.0 >= 0.0, "{long:?}");
    let left = cells
        .iter()
        .map(|c| c.num("x"))
        .fold(f64::INFINITY, f64::min);
    assert!(left <= 2.0 * 0.6 * font * 31.0 + 60.0, "{left}");
    let right = cells
        .iter()
        .map(|c| c.num("x") + c.num("width"))
        .fold(0.0, f64::max);
    assert!(right < width && right > width - 80.0, "{right} of {width}");
    let bottom = cells
        .iter()
        .map(|c| c.num("y") + c.num("height"))
        .fold(0.0, f64::max);
    assert!(text(&els, "lr").num("y") > bottom && bottom < height);
}

#[test]
fn a_heat_map_of_the_sweeps_shape_names_every_row_and_column_once() {
    // 5 architectures × 9 learning rates, as the sweep draws it.
    let path = scratch("sweep-heatmap");
    let rows: Vec<String> = ["2-2-2", "2-3-2", "2-4-2", "2-2-2-2", "2-4-4-2"]
        .map(String::from)
        .to_vec();
    let cols: Vec<String> = (0..9).map(|k| format!("lr{k}")).collect();
    let value = ndarray::Array2::from_shape_fn((5, 9), |(r, c)| (r * 9 + c) as f64 / 44.0);
    charts::heatmap(&path, "sweep", &rows, &cols, &value, "lr", "architecture").unwrap();
    let els = read(&path);
    let (width, _) = canvas(&els);
    let cells: Vec<&El> = tagged(&els, "rect")
        .into_iter()
        .filter(|r| r.num("width") < width / 2.0)
        .collect();
    assert_eq!(cells.len(), 45);
    let centres = |labels: &[(String, f64)], names: &[String]| -> Vec<f64> {
        names
            .iter()
            .map(|n| {
                let at: Vec<f64> = labels.iter().filter(|l| &l.0 == n).map(|l| l.1).collect();
                assert_eq!(at.len(), 1, "{n}: {labels:?}");
                at[0]
            })
            .collect()
    };
    let xs = centres(&x_tick_labels(&els), &cols);
    let ys = centres(&y_tick_labels(&els), &rows);
    // Every other label is empty: the ticks at the cells' edges.
    assert!(
        x_tick_labels(&els)
            .iter()
            .filter(|l| l.0.is_empty())
            .count()
            >= 8
    );
    for (c, x) in xs.iter().enumerate() {
        for (r, y) in ys.iter().enumerate() {
            let here = cells
                .iter()
                .filter(|e| close(e.num("x") + e.num("width") / 2.0, *x, 1.5))
                .filter(|e| close(e.num("y") + e.num("height") / 2.0, *y, 1.5))
                .count();
            assert_eq!(here, 1, "({r}, {c})");
        }
    }
}

#[test]
fn loss_curves_go_through_their_losses_on_a_log_axis() {
    let path = scratch("loss");
    let constant = vec![LN_2; 50];
    let mut falling: Vec<f64> = (0..80).map(|k| 1.0 - f64::from(k) / 79.0).collect();
    falling[40] = f64::NAN;
    charts::loss_curves(
        &path,
        "two runs",
        &[("constant", &constant, 20), ("falling", &falling, 1)],
        Some((5, 50)),
    )
    .unwrap();
    let els = read(&path);
    let (xa, ya) = axes(&els, true, false);
    // Iterations 1 to 981 (the constant run's 50 losses, every 20th iteration); losses from 0
    // to 5% above the largest.
    let (left, right, top, bottom) = plot_area(&els);
    assert!(close(left, xa.px(1.0), 1.5) && close(right, xa.px(981.0), 1.5));
    assert!(close(bottom, ya.px(0.0), 1.5) && close(top, ya.px(1.05), 1.5));
    let expect_constant: Vec<(f64, f64)> = (0..50).map(|k| (f64::from(20 * k + 1), LN_2)).collect();
    check_curve(lines_in(&els, SERIES[0])[0], &expect_constant, xa, ya);
    let expect_falling: Vec<(f64, f64)> = (0..80)
        .filter(|&k| k != 40)
        .map(|k| ((k + 1) as f64, falling[k]))
        .collect();
    check_curve(lines_in(&els, SERIES[1])[0], &expect_falling, xa, ya);
    // The ln 2 line across the whole chart, and the plateau's band, iterations 5 to 50.
    let ln2: Vec<&El> = tagged(&els, "polyline")
        .into_iter()
        .filter(|p| p.get("opacity") == "0.4" && p.points().len() == 2)
        .filter(|p| p.points()[1].0 - p.points()[0].0 > 100.0)
        .collect();
    assert_eq!(ln2.len(), 1);
    check_curve(ln2[0], &[(1.0, LN_2), (981.0, LN_2)], xa, ya);
    let band: Vec<&El> = tagged(&els, "rect")
        .into_iter()
        .filter(|r| r.get("fill") == "#FFEBA0" && r.num("height") > 50.0)
        .collect();
    assert_eq!(band.len(), 1);
    assert!(close(band[0].num("x"), xa.px(6.0), 1.5));
    assert!(close(
        band[0].num("x") + band[0].num("width"),
        xa.px(51.0),
        1.5
    ));
    assert!(close(band[0].num("y"), top, 1.5));
    assert!(close(band[0].num("y") + band[0].num("height"), bottom, 1.5));
    for name in [
        "constant",
        "falling",
        "ln 2 ≈ 0.693 (answering 0.5 for everything)",
        "plateau near ln 2 (iterations 5–50)",
    ] {
        text(&els, name);
    }
    // The legend's samples: the band as a 20 × 10 swatch, each line 20 pixels long, all
    // starting in one column.
    let swatch: Vec<&El> = tagged(&els, "rect")
        .into_iter()
        .filter(|r| r.get("fill") == "#FFEBA0" && r.num("height") <= 50.0)
        .collect();
    assert_eq!(swatch.len(), 1);
    assert_eq!(
        (swatch[0].num("width"), swatch[0].num("height")),
        (20.0, 10.0)
    );
    assert_eq!(check_legend_samples(&els, 3), swatch[0].num("x"));

    // Three losses: iterations 1 to 3 on a log axis, the second at log 2 / log 3 of the way.
    let path = scratch("three-losses");
    charts::loss_curves(&path, "three", &[("three", &[0.9, 0.5, 0.2], 1)], None).unwrap();
    let els = read(&path);
    check_points_at_1_2_3(&els);

    // Small losses: the axis still reaches 0.1 (× 1.05); a single loss still has an axis.
    let path = scratch("small-loss");
    charts::loss_curves(&path, "small", &[("one", &[0.01], 1)], None).unwrap();
    let els = read(&path);
    let (xa, ya) = axes(&els, true, false);
    let (left, right, top, _) = plot_area(&els);
    assert!(close(top, ya.px(0.105), 1.5));
    assert!(close(left, xa.px(1.0), 1.5) && close(right, xa.px(2.0), 1.5));
}

#[test]
fn line_charts_map_every_finite_point_and_cycle_five_colours() {
    let path = scratch("lines");
    let up = [
        (0.0, 0.0),
        (2.0, 1.0),
        (4.0, 4.0),
        (f64::NAN, 1.0),
        (6.0, 9.0),
    ];
    let down = [(1.0, 5.0), (3.0, f64::INFINITY), (5.0, 2.0)];
    let flat = [(0.0, 1.0), (1.0, 1.0)];
    let series: Vec<(&str, &[(f64, f64)])> = vec![
        ("up", &up),
        ("down", &down),
        ("third", &flat),
        ("fourth", &flat),
        ("fifth", &flat),
        ("sixth", &flat),
    ];
    charts::lines(&path, "points", "x", "y", &series).unwrap();
    let els = read(&path);
    let (xa, ya) = axes(&els, false, false);
    let (left, right, top, bottom) = plot_area(&els);
    assert!(close(left, xa.px(0.0), 1.5) && close(right, xa.px(6.0), 1.5));
    assert!(close(bottom, ya.px(0.0), 1.5) && close(top, ya.px(9.45), 1.5));
    let finite = |p: &[(f64, f64)]| -> Vec<(f64, f64)> {
        p.iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect()
    };
    // The first and the sixth series share the first colour.
    let blue = lines_in(&els, SERIES[0]);
    assert_eq!(blue.len(), 2);
    check_curve(blue[0], &finite(&up), xa, ya);
    check_curve(blue[1], &flat, xa, ya);
    check_curve(lines_in(&els, SERIES[1])[0], &finite(&down), xa, ya);
    for colour in &SERIES[2..] {
        assert_eq!(lines_in(&els, colour).len(), 1, "{colour}");
    }
    for name in ["up", "down", "third", "fourth", "fifth", "sixth", "x", "y"] {
        text(&els, name);
    }
    check_legend_samples(&els, 6);
    // The legend in the lower right.
    let legend = legend_box(&els);
    assert!(legend.num("x") > (left + right) / 2.0 && legend.num("y") > (top + bottom) / 2.0);

    // Short x values: the axis still runs to 1, so x = 0.5 is half-way across (its labels,
    // whole numbers, cannot place it).
    let path = scratch("short-lines");
    charts::lines(
        &path,
        "short",
        "x",
        "y",
        &[("s", &[(0.0, 2.0), (0.5, 1.0)])],
    )
    .unwrap();
    let els = read(&path);
    let (left, right, top, bottom) = plot_area(&els);
    let p = lines_in(&els, SERIES[0])[0].points();
    assert!(close(p[0].0, left, 1.5) && close(p[1].0, (left + right) / 2.0, 1.5));
    // y from 0 to 2.1: 2 is 1/21 of the height below the top.
    assert!(close(p[0].1, top + (bottom - top) / 21.0, 1.5), "{p:?}");
}

#[test]
fn the_share_converged_steps_up_at_each_convergence() {
    let path = scratch("share");
    let curves = vec![
        ("fast".to_string(), vec![250, 400, 900]),
        ("slow".to_string(), vec![5000]),
        ("never".to_string(), vec![]),
    ];
    charts::share_converged(&path, "escapes", &curves, 4, 20_000, 3000).unwrap();
    let els = read(&path);
    let (xa, ya) = axes(&els, true, false);
    // From 100 (the power of ten below the first convergence, at iteration 251) to 20 000,
    // shares 0 to 100%.
    let (left, right, top, bottom) = plot_area(&els);
    assert!(close(left, xa.px(100.0), 1.5) && close(right, xa.px(20_000.0), 1.5));
    assert!(close(bottom, ya.px(0.0), 1.5) && close(top, ya.px(1.0), 1.5));
    check_curve(
        lines_in(&els, SERIES[0])[0],
        &[
            (100.0, 0.0),
            (251.0, 0.0),
            (251.0, 0.25),
            (401.0, 0.25),
            (401.0, 0.5),
            (901.0, 0.5),
            (901.0, 0.75),
            (20_000.0, 0.75),
        ],
        xa,
        ya,
    );
    check_curve(
        lines_in(&els, SERIES[1])[0],
        &[
            (100.0, 0.0),
            (5001.0, 0.0),
            (5001.0, 0.25),
            (20_000.0, 0.25),
        ],
        xa,
        ya,
    );
    check_curve(
        lines_in(&els, SERIES[2])[0],
        &[(100.0, 0.0), (20_000.0, 0.0)],
        xa,
        ya,
    );
    // The article's 3000 iterations: a dashed vertical line from 0 to 100%.
    let dashes: Vec<&El> = tagged(&els, "polyline")
        .into_iter()
        .filter(|p| p.get("opacity") == "0.5" && p.points().len() == 2)
        .filter(|p| p.points()[0].0 == p.points()[1].0)
        .collect();
    assert!(dashes.len() > 10);
    let ys: Vec<f64> = dashes
        .iter()
        .flat_map(|d| d.points())
        .map(|p| p.1)
        .collect();
    for d in &dashes {
        assert!(close(d.points()[0].0, xa.px(3000.0), 1.5), "{d:?}");
    }
    assert!(ys.iter().copied().fold(f64::INFINITY, f64::min) < top + 12.0);
    assert!(ys.iter().copied().fold(0.0, f64::max) > bottom - 12.0);
    for name in [
        "3000 iterations (the article's run)",
        "fast",
        "slow",
        "never",
    ] {
        text(&els, name);
    }
    check_legend_samples(&els, 4);
    let legend = legend_box(&els);
    assert!(legend.num("x") < (left + right) / 2.0 && legend.num("y") < (top + bottom) / 2.0);

    // Early convergences: at iterations 1 and 3, drawn at 2 and 4 (iterations count from 0
    // here, from 1 on the axis), from 1.
    let path = scratch("share-early");
    let early = vec![("early".to_string(), vec![1, 3])];
    charts::share_converged(&path, "early", &early, 2, 100, 50).unwrap();
    let els = read(&path);
    // (Whole-number labels are too coarse below 10 to place the axis: its ends do.)
    let (left, right, _, _) = plot_area(&els);
    let xa = fit(&[(1.0, left), (100.0, right)], true);
    let ya = fit(&numeric(&y_tick_labels(&els)), false);
    check_curve(
        lines_in(&els, SERIES[0])[0],
        &[
            (1.0, 0.0),
            (2.0, 0.0),
            (2.0, 0.5),
            (4.0, 0.5),
            (4.0, 1.0),
            (100.0, 1.0),
        ],
        xa,
        ya,
    );
    // A convergence at iteration 99 is drawn at 100: the axis starts there.
    let path = scratch("share-99");
    let at_99 = vec![("at 99".to_string(), vec![99])];
    charts::share_converged(&path, "99", &at_99, 2, 20_000, 3000).unwrap();
    let els = read(&path);
    let p = lines_in(&els, SERIES[0])[0].points();
    assert_eq!(p[0].0, p[1].0, "{p:?}");

    // A mark before every convergence sets the start: 50 → from 10.
    let path = scratch("share-mark");
    charts::share_converged(&path, "early", &curves[..1], 4, 20_000, 50).unwrap();
    let els = read(&path);
    let (xa, _) = axes(&els, true, false);
    let (left, _, _, _) = plot_area(&els);
    assert!(close(left, xa.px(10.0), 1.5));
}

#[test]
fn gradient_norms_are_drawn_on_log_log_axes_without_the_zeros() {
    let path = scratch("norms");
    let norms = vec![
        (0, 0.7, vec![1e-2, 0.0]),
        (9, 0.6, vec![1e-3, 1e-4]),
        (99, 0.5, vec![f64::NAN, 1e-5]),
    ];
    charts::grad_norms(&path, "norms", &norms).unwrap();
    let els = read(&path);
    let (xa, ya) = axes(&els, true, true);
    // Iterations 1 to 100; norms from half the smallest to twice the largest.
    let (left, right, top, bottom) = plot_area(&els);
    assert!(close(left, xa.px(1.0), 1.5) && close(right, xa.px(100.0), 1.5));
    assert!(close(bottom, ya.px(5e-6), 1.5) && close(top, ya.px(2e-2), 1.5));
    check_curve(
        lines_in(&els, SERIES[0])[0],
        &[(1.0, 1e-2), (10.0, 1e-3)],
        xa,
        ya,
    );
    check_curve(
        lines_in(&els, SERIES[1])[0],
        &[(10.0, 1e-4), (100.0, 1e-5)],
        xa,
        ya,
    );
    text(&els, "W1 (layer 1)");
    text(&els, "W2 (layer 2)");
    check_legend_samples(&els, 2);
    let legend = legend_box(&els);
    assert!(legend.num("x") < (left + right) / 2.0 && legend.num("y") > (top + bottom) / 2.0);

    // A short run: its last iteration, 2, is drawn at 3, the right end of the axis.
    let path = scratch("short-norms");
    let short = [
        (0, 1.0, vec![0.5]),
        (1, 1.0, vec![0.3]),
        (2, 1.0, vec![0.1]),
    ];
    charts::grad_norms(&path, "short", &short).unwrap();
    let els = read(&path);
    check_points_at_1_2_3(&els);

    // Norms above 1: the axis still starts at 1/2, and spans at least a factor of 10.
    let path = scratch("big-norms");
    charts::grad_norms(&path, "big", &[(0, 1.0, vec![5.0]), (1, 1.0, vec![3.0])]).unwrap();
    let els = read(&path);
    let (xa, ya) = axes(&els, true, true);
    let (left, right, top, bottom) = plot_area(&els);
    assert!(close(bottom, ya.px(0.5), 1.5) && close(top, ya.px(20.0), 1.5));
    assert!(close(left, xa.px(1.0), 1.5) && close(right, xa.px(2.0), 1.5));
}

/// The elements inside a rectangle of the canvas.
fn within(els: &[El], x: (f64, f64), y: (f64, f64)) -> Vec<El> {
    els.iter()
        .filter(|e| {
            let (ex, ey) = match (e.get("x").parse::<f64>(), e.get("y").parse::<f64>()) {
                (Ok(ex), Ok(ey)) => (ex, ey),
                _ if e.tag == "polyline" => e.points()[0],
                _ if e.tag == "line" => (e.num("x1"), e.num("y1")),
                _ => match (e.get("cx").parse::<f64>(), e.get("cy").parse::<f64>()) {
                    (Ok(cx), Ok(cy)) => (cx, cy),
                    _ => return false,
                },
            };
            ex >= x.0 && ex < x.1 && ey >= y.0 && ey < y.1
        })
        .cloned()
        .collect()
}

#[test]
fn activation_histograms_draw_each_layers_shares_at_each_moment() {
    let path = scratch("histograms");
    let moments = [(0, LN_2), (100, 0.1)];
    let counts = vec![
        vec![vec![1, 2, 3, 4], vec![0, 0, 10, 0]],
        vec![vec![4, 4, 0, 2], vec![5, 5, 0, 0]],
    ];
    // Over tanh's range, [−1, 1].
    charts::activation_histograms(&path, "histograms", &moments, &counts, (-1.0, 1.0)).unwrap();
    let els = read(&path);
    let (width, height) = canvas(&els);
    text(&els, "histograms");
    // A column per moment, a row per layer.
    let caption = |l: usize, m: usize| {
        let (it, loss) = moments[m];
        text(&els, &format!("layer {}, it. {it} (loss {loss:.3})", l + 1))
    };
    assert_eq!(caption(0, 0).num("y"), caption(0, 1).num("y"));
    assert!(caption(1, 0).num("y") > caption(0, 0).num("y") + 100.0);
    assert!(caption(0, 1).num("x") > caption(0, 0).num("x") + 200.0);
    // Panels of about 260 × 230 pixels, the canvas no larger than its panels.
    let (dx, dy) = (
        caption(0, 1).num("x") - caption(0, 0).num("x"),
        caption(1, 0).num("y") - caption(0, 0).num("y"),
    );
    assert!(
        (220.0..=300.0).contains(&dx) && (190.0..=260.0).contains(&dy),
        "{dx} × {dy}"
    );
    assert!(
        width <= 2.0 * dx + 40.0 && height <= 2.0 * dy + 60.0,
        "{width} × {height}"
    );
    assert_eq!(caption(1, 1).num("x"), caption(0, 1).num("x"));
    let (col_w, row_h) = (
        caption(0, 1).num("x") - caption(0, 0).num("x"),
        caption(1, 0).num("y") - caption(0, 0).num("y"),
    );
    for (m, per_layer) in counts.iter().enumerate() {
        for (l, c) in per_layer.iter().enumerate() {
            let cap = caption(l, m);
            let panel = within(
                &els,
                (cap.num("x") - col_w / 2.0, cap.num("x") + col_w / 2.0),
                (cap.num("y"), cap.num("y") + row_h),
            );
            assert!(cap.num("x") + col_w / 2.0 <= width + 1.0);
            assert!(cap.num("y") < height - row_h / 2.0);
            let (xa, ya) = axes(&panel, false, false);
            let total: usize = c.iter().sum();
            let bars: Vec<&El> = tagged(&panel, "rect")
                .into_iter()
                .filter(|r| r.get("fill").eq_ignore_ascii_case(SERIES[0]))
                .collect();
            // Four bins of 0.5 over [−1, 1], each as high as its share.
            for (b, &n) in c.iter().enumerate() {
                let x = xa.px(-1.0 + 0.5 * b as f64);
                let bar: Vec<&&El> = bars.iter().filter(|r| close(r.num("x"), x, 1.5)).collect();
                if n == 0 {
                    assert!(bar.iter().all(|r| r.num("height") <= 1.0), "{bar:?}");
                    continue;
                }
                assert_eq!(bar.len(), 1, "layer {l} moment {m} bin {b}: {bars:?}");
                let r = bar[0];
                assert!(close(
                    r.num("x") + r.num("width"),
                    xa.px(-1.0 + 0.5 * (b + 1) as f64),
                    1.5
                ));
                let share = n as f64 / total as f64;
                assert!(close(r.num("y"), ya.px(share), 1.5), "{share}: {r:?}");
                assert!(close(r.num("y") + r.num("height"), ya.px(0.0), 1.5));
            }
        }
    }
}

#[test]
fn optimizer_paths_are_drawn_over_the_contours_of_the_books_function() {
    use dlfs_optimizers::Kind;
    let path = scratch("paths");
    let paths: Vec<charts::OptimizerPath> = vec![
        (
            Kind::Sgd,
            0.95,
            vec![(-7.0, 2.0), (-4.0, -1.0), (20.0, 5.0), (0.5, 0.1)],
        ),
        (Kind::Momentum, 0.1, vec![(-7.0, 2.0), (-6.0, 1.5)]),
        (Kind::AdaGrad, 1.5, vec![(-7.0, 2.0)]),
        (Kind::Adam, 0.3, vec![(-7.0, 2.0), (0.0, -4.0)]),
    ];
    charts::optimizer_paths(&path, &paths).unwrap();
    let els = read(&path);
    let (width, height) = canvas(&els);
    let captions: Vec<&El> = [
        "SGD (lr 0.95)",
        "Momentum (lr 0.1)",
        "AdaGrad (lr 1.5)",
        "Adam (lr 0.3)",
    ]
    .iter()
    .map(|c| text(&els, c))
    .collect();
    // Three panels to a row.
    let col_w = captions[1].num("x") - captions[0].num("x");
    let row_h = captions[3].num("y") - captions[0].num("y");
    assert!(close(
        captions[2].num("x") - captions[1].num("x"),
        col_w,
        1.5
    ));
    assert!(
        captions[..3]
            .iter()
            .all(|c| c.num("y") == captions[0].num("y"))
    );
    assert_eq!(captions[3].num("x"), captions[0].num("x"));
    // Panels of about 400 × 330 pixels.
    assert!((250.0..=400.0).contains(&row_h) && (300.0..=450.0).contains(&col_w));
    assert!(height <= captions[3].num("y") + row_h + 40.0, "{height}");
    assert!(
        captions[3].num("y") + row_h <= height + 40.0
            && captions[2].num("x") + col_w / 2.0 <= width + 1.0
    );
    for (caption, (_, _, points)) in captions.iter().zip(&paths) {
        let panel = within(
            &els,
            (
                caption.num("x") - col_w / 2.0,
                caption.num("x") + col_w / 2.0,
            ),
            (caption.num("y"), caption.num("y") + row_h),
        );
        let (xa, ya) = axes(&panel, false, false);
        let (left, right, top, bottom) = plot_area(&panel);
        assert!(close(left, xa.px(-10.0), 1.5) && close(right, xa.px(10.0), 1.5));
        assert!(close(bottom, ya.px(-3.0), 1.5) && close(top, ya.px(3.0), 1.5));
        // Seven contour lines f(x, y) = x²/20 + y² = c.
        let rings = lines_in(&panel, "#AAAAAA");
        assert_eq!(rings.len(), 7);
        let mut levels = Vec::new();
        for ring in rings {
            let points = ring.points();
            assert_eq!(points.len(), 121);
            let f: Vec<f64> = points
                .iter()
                .map(|&(px, py)| {
                    let (x, y) = (xa.value(px), ya.value(py));
                    x * x / 20.0 + y * y
                })
                .collect();
            let c = f.iter().sum::<f64>() / f.len() as f64;
            assert!(
                f.iter().all(|v| close(*v, c, 0.03 + 0.06 * c)),
                "{c}: {f:?}"
            );
            // The whole ellipse, closed, in even steps: it reaches x = ±√(20c) and y = ±√c,
            // and no step is longer than a 60th of the way round.
            assert!(
                close(points[0].0, points[120].0, 1.0) && close(points[0].1, points[120].1, 1.0)
            );
            let xs = points.iter().map(|p| xa.value(p.0));
            let ys = points.iter().map(|p| ya.value(p.1));
            let (a, b) = ((20.0 * c).sqrt(), c.sqrt());
            assert!(close(
                xs.clone().fold(f64::MIN, f64::max),
                a,
                0.1 + 0.05 * a
            ));
            assert!(close(xs.fold(f64::MAX, f64::min), -a, 0.1 + 0.05 * a));
            assert!(close(
                ys.clone().fold(f64::MIN, f64::max),
                b,
                0.05 + 0.05 * b
            ));
            assert!(close(ys.fold(f64::MAX, f64::min), -b, 0.05 + 0.05 * b));
            let round: f64 = points
                .windows(2)
                .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
                .sum();
            assert!(
                points
                    .windows(2)
                    .all(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1) <= round / 60.0 + 1.5)
            );
            levels.push(c);
        }
        levels.sort_by(f64::total_cmp);
        for (c, want) in levels.iter().zip([0.1, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0]) {
            assert!(close(*c, want, 0.03 + 0.03 * want), "{levels:?}");
        }
        // The minimum's cross at (0, 0).
        let cross = tagged(&panel, "line");
        assert_eq!(cross.len(), 2);
        for line in cross {
            let mid = (
                (line.num("x1") + line.num("x2")) / 2.0,
                (line.num("y1") + line.num("y2")) / 2.0,
            );
            assert!(close(mid.0, xa.px(0.0), 1.5) && close(mid.1, ya.px(0.0), 1.5));
        }
        // The path in red, a dot per point, kept inside the panel.
        let inside: Vec<(f64, f64)> = points
            .iter()
            .map(|&(x, y)| (x.clamp(-10.0, 10.0), y.clamp(-3.0, 3.0)))
            .collect();
        check_curve(lines_in(&panel, SERIES[1])[0], &inside, xa, ya);
        let dots: Vec<&El> = tagged(&panel, "circle")
            .into_iter()
            .filter(|c| c.get("fill").eq_ignore_ascii_case(SERIES[1]))
            .collect();
        assert_eq!(dots.len(), inside.len());
        for (d, &(x, y)) in dots.iter().zip(&inside) {
            assert!(close(d.num("cx"), xa.px(x), 1.5) && close(d.num("cy"), ya.px(y), 1.5));
        }
    }
}

#[test]
fn viridis_passes_through_its_five_colours_linearly() {
    use plotters::style::RGBColor;
    let c = |t: f64| {
        let RGBColor(r, g, b) = charts::viridis(t);
        (r, g, b)
    };
    // The five stops of matplotlib's viridis used: 0, ¼, ½, ¾, 1.
    assert_eq!(c(0.0), (68, 1, 84));
    assert_eq!(c(0.25), (59, 82, 139));
    assert_eq!(c(0.5), (33, 145, 140));
    assert_eq!(c(0.75), (94, 201, 98));
    assert_eq!(c(1.0), (253, 231, 37));
    // Halfway between the first two: (68 + 59)/2, (1 + 82)/2, (84 + 139)/2, rounded half away.
    assert_eq!(c(0.125), (64, 42, 112));
    // A tenth of the way from ¾ to 1: 94 + 0.4·159, 201 + 0.4·30, 98 − 0.4·61.
    assert_eq!(c(0.85), (158, 213, 74));
    // Outside [0, 1] and NaN: the ends.
    assert_eq!((c(-3.0), c(7.0), c(f64::NAN)), (c(0.0), c(1.0), c(0.0)));
}
