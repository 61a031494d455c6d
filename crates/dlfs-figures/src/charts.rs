//! SVG charts (plotters' SVG backend, which needs no fonts): loss curves, decision surfaces and
//! the sweep's heat map.

use anyhow::Result;
use dlfs_networks::MultiLayerNet;
use ndarray::Array2;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use std::path::Path;

const COLORS: [RGBColor; 5] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
];

/// The set-up and writing every chart shares: a white SVG canvas of `size` pixels, handed to
/// `draw`, then written to `path`. Each chart function is its drawing only.
fn svg_chart(
    path: &Path,
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
) -> Result<()> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
    }
    crate::write_file(path, svg.as_bytes())
}

/// Draws `points` as a line in colour number `k`, named `label` in the legend.
fn labelled_line<'a, CT: CoordTranslate<From = (f64, f64)>>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    k: usize,
    label: &str,
    points: impl IntoIterator<Item = (f64, f64)>,
) -> Result<()> {
    let color = COLORS[k % COLORS.len()];
    chart
        .draw_series(LineSeries::new(points, color.stroke_width(2)))?
        .label(label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2)));
    Ok(())
}

/// Draws the legend of the labelled series at `position`.
fn legend_box<'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    position: SeriesLabelPosition,
) -> Result<()> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}

/// Iterations to plot on a log axis: all of the first 100, then about 400 spread evenly in
/// log(iteration) up to the last, `n − 1`, so a 60000-point curve stays a small file and keeps
/// its shape.
///
/// ```
/// let idx = dlfs_figures::charts::log_sample(60_000);
/// assert_eq!(idx[..100], (0..100).collect::<Vec<_>>()[..]);
/// assert_eq!(idx.last(), Some(&59_999));
/// ```
pub fn log_sample(n: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n.min(100)).collect();
    if n > 100 {
        let (lo, hi) = (100f64.ln(), (n as f64).ln());
        idx.extend(
            (0..=400).map(|s| ((lo + (hi - lo) * s as f64 / 400.0).exp() as usize).min(n - 1)),
        );
        idx.dedup();
    }
    idx
}

/// Loss curves on one chart, iteration (1-based, log scale) against loss, with an optional
/// shaded band of iterations (the plateau of a stalled run). Each series is `(label, losses,
/// stride)`: `losses[k]` is the loss of iteration `k · stride`.
pub fn loss_curves(
    path: &Path,
    title: &str,
    series: &[(&str, &[f64], usize)],
    band: Option<(usize, usize)>,
) -> Result<()> {
    let n = series
        .iter()
        .map(|(_, l, stride)| l.len().saturating_sub(1) * stride + 1)
        .max()
        .unwrap_or(1)
        .max(2);
    let finite = series
        .iter()
        .flat_map(|(_, l, _)| l.iter())
        .copied()
        .filter(|v| v.is_finite());
    let y_max = finite.fold(0.0f64, f64::max).max(0.1) * 1.05;
    svg_chart(path, (900, 520), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 20))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d((1f64..n as f64).log_scale(), 0f64..y_max)?;
        chart
            .configure_mesh()
            .x_desc("iteration (log scale)")
            .y_desc("loss")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;
        if let Some((start, end)) = band {
            let (a, b) = ((start + 1) as f64, (end + 1) as f64);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(a, 0.0), (b, y_max)],
                    RGBColor(255, 235, 160).filled(),
                )))?
                .label(format!("plateau near ln 2 (iterations {start}–{end})"))
                .legend(|(x, y)| {
                    Rectangle::new(
                        [(x, y - 5), (x + 20, y + 5)],
                        RGBColor(255, 235, 160).filled(),
                    )
                });
        }
        chart
            .draw_series(LineSeries::new(
                [
                    (1.0, std::f64::consts::LN_2),
                    (n as f64, std::f64::consts::LN_2),
                ],
                BLACK.mix(0.4),
            ))?
            .label("ln 2 ≈ 0.693 (answering 0.5 for everything)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.4)));
        for (k, &(label, losses, stride)) in series.iter().enumerate() {
            let color = COLORS[k % COLORS.len()];
            let points = log_sample(losses.len())
                .into_iter()
                .filter(|&i| losses[i].is_finite())
                .map(move |i| ((i * stride + 1) as f64, losses[i]));
            chart
                .draw_series(LineSeries::new(points, color.stroke_width(2)))?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                });
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()?;
        Ok(())
    })
}

/// A tick label with one decimal and no "-0.0".
fn tick(v: f64) -> String {
    format!("{:.1}", (v * 10.0).round() / 10.0 + 0.0)
}

/// A colour of viridis' scale for `t` in `[0, 1]`: dark purple, blue, green, yellow (piecewise
/// linear between five of its colours); readable on white at both ends.
pub fn viridis(t: f64) -> RGBColor {
    const STOPS: [(f64, f64, f64); 5] = [
        (68.0, 1.0, 84.0),
        (59.0, 82.0, 139.0),
        (33.0, 145.0, 140.0),
        (94.0, 201.0, 98.0),
        (253.0, 231.0, 37.0),
    ];
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) } * 4.0;
    let i = (t as usize).min(3);
    let (f, a, b) = (t - i as f64, STOPS[i], STOPS[i + 1]);
    let mix = |a: f64, b: f64| (a + (b - a) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A colour from blue (0) through white (0.5) to red (1).
pub fn diverging(p: f64) -> RGBColor {
    let p = p.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64, t: f64| (a + (b - a) * t).round() as u8;
    if p < 0.5 {
        let t = p / 0.5;
        RGBColor(
            mix(49.0, 255.0, t),
            mix(54.0, 255.0, t),
            mix(149.0, 255.0, t),
        )
    } else {
        let t = (p - 0.5) / 0.5;
        RGBColor(
            mix(255.0, 215.0, t),
            mix(255.0, 48.0, t),
            mix(255.0, 39.0, t),
        )
    }
}

/// The network's probability of class 1 ("inputs differ") over [−0.5, 1.5]², blue (0) to red
/// (1), with the four XOR points marked: a dot for class 1, a ring for class 0.
pub fn decision_surface(path: &Path, title: &str, net: &mut MultiLayerNet) -> Result<()> {
    const N: usize = 61;
    let (lo, hi) = (-0.5f64, 1.5f64);
    let step = (hi - lo) / N as f64;
    let grid = Array2::from_shape_fn((N * N, 2), |(k, d)| {
        lo + step * (if d == 0 { k % N } else { k / N }) as f64 + step / 2.0
    });
    let p = net.probabilities(&grid);
    svg_chart(path, (620, 600), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 16))
            .margin(15)
            .x_label_area_size(40)
            .y_label_area_size(45)
            .build_cartesian_2d(lo..hi, lo..hi)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc("x1")
            .y_desc("x2")
            .x_label_formatter(&|v| tick(*v))
            .y_label_formatter(&|v| tick(*v))
            .draw()?;
        chart.draw_series((0..N * N).map(|k| {
            let (x, y) = (grid[[k, 0]] - step / 2.0, grid[[k, 1]] - step / 2.0);
            Rectangle::new(
                [(x, y), (x + step, y + step)],
                diverging(p[[k, 1]]).filled(),
            )
        }))?;
        let x = dlfs_datasets::xor::inputs();
        for (n, &label) in dlfs_datasets::xor::LABELS.iter().enumerate() {
            let (px, py) = (x[[n, 0]], x[[n, 1]]);
            // Dark markers on the light-to-saturated surface: a filled dot for class 1, a ring
            // for class 0.
            let marker = if label == 1 {
                BLACK.filled()
            } else {
                BLACK.stroke_width(3)
            };
            chart.draw_series(std::iter::once(Circle::new((px, py), 8, marker)))?;
            chart.draw_series(std::iter::once(Text::new(
                format!("[{px:.0},{py:.0}] → class {label}"),
                (px + 0.06, py + 0.07),
                ("sans-serif", 15),
            )))?;
        }
        Ok(())
    })
}

/// A colour from near-white (0) to dark green (1).
fn sequential(v: f64) -> RGBColor {
    let t = v.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    RGBColor(mix(247.0, 0.0), mix(252.0, 109.0), mix(245.0, 44.0))
}

/// A heat map: one row per `rows` label, one column per `cols` label, cell colour by `value`
/// (in [0, 1], near-white to dark green, grey for NaN), and the value written in the cell.
pub fn heatmap(
    path: &Path,
    title: &str,
    rows: &[String],
    cols: &[String],
    value: &Array2<f64>,
    x_desc: &str,
    y_desc: &str,
) -> Result<()> {
    // Room for the longest row label (80 pixels fit the sweep's architectures).
    let longest = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0) as u32;
    let label_area = 80.max(10 + 8 * longest);
    let width = 80 + label_area + 80 * cols.len() as u32;
    let height = 140 + 50 * rows.len() as u32;
    svg_chart(path, (width, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 18))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..cols.len() as f64, 0f64..rows.len() as f64)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(cols.len() * 2 + 1)
            .y_labels(rows.len() * 2 + 1)
            .x_label_formatter(&|v| label_at(cols, *v))
            .y_label_formatter(&|v| label_at(rows, *v))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .draw()?;
        for (r, _) in rows.iter().enumerate() {
            for (c, _) in cols.iter().enumerate() {
                let v = value[[r, c]];
                let color = if v.is_finite() {
                    sequential(v)
                } else {
                    RGBColor(200, 200, 200)
                };
                let (x, y) = (c as f64, r as f64);
                let cell = Rectangle::new([(x, y), (x + 1.0, y + 1.0)], color.filled());
                chart.draw_series(std::iter::once(cell))?;
                let text = if v.is_finite() {
                    format!("{:.0}%", v * 100.0)
                } else {
                    "–".to_string()
                };
                let ink = if v.is_finite() && v > 0.6 {
                    WHITE
                } else {
                    BLACK
                };
                let style = ("sans-serif", 15).into_font().color(&ink);
                let label = Text::new(text, (x + 0.3, y + 0.6), style);
                chart.draw_series(std::iter::once(label))?;
            }
        }
        Ok(())
    })
}

/// The label of the cell whose centre is at `v` (labels only at centres, none at edges).
fn label_at(labels: &[String], v: f64) -> String {
    let i = (v - 0.5).round();
    if (v - 0.5 - i).abs() < 1e-9 && i >= 0.0 && (i as usize) < labels.len() {
        labels[i as usize].clone()
    } else {
        String::new()
    }
}

/// An optimizer, its learning rate, and the points of its path.
pub type OptimizerPath = (dlfs_optimizers::Kind, f64, Vec<(f64, f64)>);

/// The book's figures 6-3, 6-5, 6-6 and 6-8 in one picture: a panel per optimizer with the
/// contour lines of `f(x, y) = x²/20 + y²` and the optimizer's path (red, a dot per step) from
/// its start to near the minimum at (0, 0) (the cross). `paths` holds `(optimizer, lr, points)`.
pub fn optimizer_paths(path: &Path, paths: &[OptimizerPath]) -> Result<()> {
    let cols = 3;
    let rows = paths.len().div_ceil(cols);
    svg_chart(path, (1200, 40 + 330 * rows as u32), |root| {
        let root = root.titled(
            "Each optimizer's path on f(x, y) = x²/20 + y² from (−7, 2), 30 steps",
            ("sans-serif", 20),
        )?;
        for (panel, (kind, lr, points)) in root.split_evenly((rows, cols)).iter().zip(paths) {
            let mut chart = ChartBuilder::on(panel)
                .caption(
                    format!("{} (lr {lr})", kind.book_name()),
                    ("sans-serif", 17),
                )
                .margin(10)
                .x_label_area_size(35)
                .y_label_area_size(45)
                .build_cartesian_2d(-10f64..10f64, -3f64..3f64)?;
            chart
                .configure_mesh()
                .disable_mesh()
                .x_desc("x")
                .y_desc("y")
                .x_label_formatter(&|v| tick(*v))
                .y_label_formatter(&|v| tick(*v))
                .draw()?;
            // Contour lines f = c: ellipses with half-axes √(20c) along x and √c along y.
            for c in [0.1f64, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0] {
                let (a, b): (f64, f64) = ((20.0 * c).sqrt(), c.sqrt());
                let ring = (0..=120).map(|k| {
                    let t = std::f64::consts::TAU * f64::from(k) / 120.0;
                    (a * t.cos(), b * t.sin())
                });
                chart.draw_series(LineSeries::new(ring, RGBColor(170, 170, 170)))?;
            }
            chart.draw_series(std::iter::once(Cross::new(
                (0.0, 0.0),
                6,
                BLACK.stroke_width(2),
            )))?;
            let red = RGBColor(214, 39, 40);
            let inside = points
                .iter()
                .map(|&(x, y)| (x.clamp(-10.0, 10.0), y.clamp(-3.0, 3.0)));
            chart.draw_series(LineSeries::new(inside.clone(), red.stroke_width(2)))?;
            chart.draw_series(inside.map(|p| Circle::new(p, 3, red.filled())))?;
        }
        Ok(())
    })
}

/// The share of `runs` runs that have converged by each iteration (log scale, up to `max`),
/// one line per `(label, sorted convergence iterations)`, with the iteration `mark` (the
/// article's budget) drawn as a dashed line.
pub fn share_converged(
    path: &Path,
    title: &str,
    curves: &[(String, Vec<usize>)],
    runs: usize,
    max: usize,
    mark: usize,
) -> Result<()> {
    // From the power of ten below the first convergence (and the mark), to `max`.
    let first = curves
        .iter()
        .filter_map(|(_, at)| at.first())
        .fold(mark, |m, &i| m.min(i + 1));
    let lo = 10f64.powi((first.max(1) as f64).log10().floor() as i32);
    svg_chart(path, (900, 520), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 18))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d((lo..max as f64).log_scale(), 0f64..1.0)?;
        chart
            .configure_mesh()
            .x_desc("iterations (log scale)")
            .y_desc("share of seeds that learned XOR (loss < 0.1)")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
            .draw()?;
        let m = mark as f64;
        chart
            .draw_series(DashedLineSeries::new(
                [(m, 0.0), (m, 1.0)],
                6,
                4,
                BLACK.mix(0.5).into(),
            ))?
            .label(format!("{mark} iterations (the article's run)"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.5)));
        for (k, (label, at)) in curves.iter().enumerate() {
            // A step up at each convergence, flat to the end.
            let mut points = vec![(lo, 0.0)];
            for (n, &i) in at.iter().enumerate() {
                let x = (i + 1) as f64;
                points.push((x, n as f64 / runs as f64));
                points.push((x, (n + 1) as f64 / runs as f64));
            }
            points.push((max as f64, at.len() as f64 / runs as f64));
            labelled_line(&mut chart, k, label, points)?;
        }
        legend_box(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

/// `‖∂L/∂Wₗ‖` of every layer against the iteration, both on log scales; `norms` holds
/// `(iteration, loss, norm per layer)`. Zero norms (a dead layer) are left out.
pub fn grad_norms(path: &Path, title: &str, norms: &[(usize, f64, Vec<f64>)]) -> Result<()> {
    let layers = norms.first().map_or(0, |n| n.2.len());
    let positive = || {
        norms
            .iter()
            .flat_map(|n| n.2.iter().copied())
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    let lo = positive().fold(f64::INFINITY, f64::min).min(1.0);
    let hi = positive().fold(0.0f64, f64::max).max(lo * 10.0);
    let last = norms.last().map_or(1, |n| n.0 + 1).max(2) as f64;
    svg_chart(path, (900, 520), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 18))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(70)
            .build_cartesian_2d((1f64..last).log_scale(), (lo / 2.0..hi * 2.0).log_scale())?;
        chart
            .configure_mesh()
            .x_desc("iteration (log scale)")
            .y_desc("‖∂L/∂W‖ (log scale)")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0e}"))
            .draw()?;
        for l in 0..layers {
            let points = norms
                .iter()
                .filter(|n| n.2[l].is_finite() && n.2[l] > 0.0)
                .map(|n| ((n.0 + 1) as f64, n.2[l]));
            labelled_line(
                &mut chart,
                l,
                &format!("W{} (layer {})", l + 1, l + 1),
                points,
            )?;
        }
        legend_box(&mut chart, SeriesLabelPosition::LowerLeft)?;
        Ok(())
    })
}

/// The book's activation histograms (§6.2.2): a row of panels per hidden layer, a column per
/// moment of training. `moments` holds `(iteration, loss)`, `counts[moment][layer]` the counts
/// of equal bins over `range`.
pub fn activation_histograms(
    path: &Path,
    title: &str,
    moments: &[(usize, f64)],
    counts: &[Vec<Vec<usize>>],
    range: (f64, f64),
) -> Result<()> {
    let layers = counts.first().map_or(0, Vec::len);
    let cols = moments.len().max(1);
    let rows = layers.max(1);
    svg_chart(
        path,
        (260 * cols as u32 + 20, 40 + 230 * rows as u32),
        |root| {
            let root = root.titled(title, ("sans-serif", 16))?;
            let panels = root.split_evenly((rows, cols));
            for (m, &(iteration, loss)) in moments.iter().enumerate() {
                for l in 0..layers {
                    let c = &counts[m][l];
                    let total = c.iter().sum::<usize>().max(1) as f64;
                    let width = (range.1 - range.0) / c.len().max(1) as f64;
                    let mut chart = ChartBuilder::on(&panels[l * cols + m])
                        .caption(
                            format!("layer {}, it. {iteration} (loss {loss:.3})", l + 1),
                            ("sans-serif", 13),
                        )
                        .margin(8)
                        .x_label_area_size(25)
                        .y_label_area_size(40)
                        .build_cartesian_2d(range.0..range.1, 0f64..1.0)?;
                    chart
                        .configure_mesh()
                        .disable_mesh()
                        .x_labels(5)
                        .y_labels(5)
                        .x_label_formatter(&|v| tick(*v))
                        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
                        .draw()?;
                    chart.draw_series(c.iter().enumerate().map(|(b, &n)| {
                        let x = range.0 + width * b as f64;
                        Rectangle::new(
                            [(x, 0.0), (x + width, n as f64 / total)],
                            COLORS[0].filled(),
                        )
                    }))?;
                }
            }
            Ok(())
        },
    )
}

/// Lines on linear axes: `series` holds `(label, points)`.
pub fn lines(
    path: &Path,
    title: &str,
    x_desc: &str,
    y_desc: &str,
    series: &[(&str, &[(f64, f64)])],
) -> Result<()> {
    let finite = || {
        series
            .iter()
            .flat_map(|(_, p)| p.iter())
            .filter(|(x, y)| x.is_finite() && y.is_finite())
    };
    let x_max = finite().map(|p| p.0).fold(1.0f64, f64::max);
    let y_max = finite().map(|p| p.1).fold(0.0f64, f64::max).max(1e-9) * 1.05;
    svg_chart(path, (900, 520), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 18))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..x_max, 0f64..y_max)?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(y_desc)
            .draw()?;
        for (k, (label, points)) in series.iter().enumerate() {
            let finite = points
                .iter()
                .copied()
                .filter(|(x, y)| x.is_finite() && y.is_finite());
            labelled_line(&mut chart, k, label, finite)?;
        }
        legend_box(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    })
}

/// A panel of [`small_multiples`]: its title and its lines (one point list per series).
pub type Panel = (String, Vec<Vec<(f64, f64)>>);

/// Small charts side by side, `cols` to a row (the book's figures 6-18 and 6-24): each panel
/// draws its series in the colours of `labels`, on the same axes (`0..x_max` × `0..1`, for
/// accuracies); the legend is in the first panel.
pub fn small_multiples(
    path: &Path,
    title: &str,
    cols: usize,
    labels: &[&str],
    panels: &[Panel],
) -> Result<()> {
    let cols = cols.max(1);
    let rows = panels.len().div_ceil(cols).max(1);
    let x_max = panels
        .iter()
        .flat_map(|(_, s)| s.iter().flatten())
        .map(|p| p.0)
        .filter(|x| x.is_finite())
        .fold(1.0f64, f64::max);
    let size = (cols as u32 * 220, rows as u32 * 170 + 40);
    svg_chart(path, size, |root| {
        let root = root.titled(title, ("sans-serif", 18))?;
        for (k, (area, (name, series))) in root
            .split_evenly((rows, cols))
            .iter()
            .zip(panels)
            .enumerate()
        {
            let mut chart = ChartBuilder::on(area)
                .caption(name, ("sans-serif", 12))
                .margin(6)
                .x_label_area_size(18)
                .y_label_area_size(28)
                .build_cartesian_2d(0f64..x_max, 0f64..1f64)?;
            chart
                .configure_mesh()
                .x_labels(3)
                .y_labels(3)
                .x_label_formatter(&|v| format!("{v:.0}"))
                .y_label_formatter(&|v| format!("{v:.1}"))
                .label_style(("sans-serif", 10))
                .draw()?;
            for (j, points) in series.iter().enumerate() {
                let label = labels.get(j).copied().unwrap_or("");
                let finite = points.iter().copied().filter(|p| p.1.is_finite());
                labelled_line(&mut chart, j, label, finite)?;
            }
            if k == 0 && !labels.is_empty() {
                legend_box(&mut chart, SeriesLabelPosition::LowerRight)?;
            }
        }
        Ok(())
    })
}

/// Points `(x, y, value)` with `value` shown by colour, from dark purple (the lowest value) to
/// yellow (the highest), viridis' scale, the best `label_best` written beside their points: a
/// search's trials over its two hyper-parameters (the axes are given as ranges, for example
/// log₁₀ of the rates).
pub fn scatter(
    path: &Path,
    title: &str,
    (x_desc, x_range): (&str, std::ops::Range<f64>),
    (y_desc, y_range): (&str, std::ops::Range<f64>),
    points: &[(f64, f64, f64)],
    label_best: usize,
) -> Result<()> {
    let mut best: Vec<&(f64, f64, f64)> = points.iter().collect();
    best.sort_by(|a, b| b.2.total_cmp(&a.2));
    best.truncate(label_best);
    svg_chart(path, (760, 560), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 18))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d(x_range, y_range)?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .draw()?;
        let finite = || points.iter().map(|p| p.2).filter(|v| v.is_finite());
        let lo = finite().fold(f64::INFINITY, f64::min);
        let hi = finite().fold(f64::NEG_INFINITY, f64::max);
        let t = |v: f64| if hi > lo { (v - lo) / (hi - lo) } else { 1.0 };
        chart.draw_series(
            (points.iter()).map(|&(x, y, v)| Circle::new((x, y), 5, viridis(t(v)).filled())),
        )?;
        chart.draw_series(
            (points.iter()).map(|&(x, y, _)| Circle::new((x, y), 5, BLACK.stroke_width(1))),
        )?;
        chart.draw_series(
            best.iter()
                .map(|&&(x, y, v)| Text::new(format!(" {v:.2}"), (x, y), ("sans-serif", 12))),
        )?;
        Ok(())
    })
}
