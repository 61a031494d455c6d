//! A small reader of the SVG our pictures and plotters write: every element with its
//! attributes and its text, enough to check where things are drawn and in what colour.
#![allow(dead_code)] // each test file uses part of it

use dlfs_networks::Activation;
use ndarray::{Array1, Array2, array};
use std::collections::BTreeMap;

/// One element: `<tag a="v" …>text</tag>` or `<tag … />`.
#[derive(Debug, Clone)]
pub struct El {
    pub tag: String,
    pub attrs: BTreeMap<String, String>,
    /// The text up to the next tag (empty for a self-closing element).
    pub text: String,
}

impl El {
    /// A numeric attribute.
    ///
    /// # Panics
    /// If it is missing or not a number.
    pub fn num(&self, name: &str) -> f64 {
        let v = self
            .attrs
            .get(name)
            .unwrap_or_else(|| panic!("<{}> has no {name}: {self:?}", self.tag));
        v.parse()
            .unwrap_or_else(|e| panic!("<{}> {name}={v:?}: {e}", self.tag))
    }

    /// A text attribute, or "".
    pub fn get(&self, name: &str) -> &str {
        self.attrs.get(name).map_or("", String::as_str)
    }

    /// A polyline's points.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.get("points")
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').expect("x,y");
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }
}

/// The text with the five XML entities read back.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every element of `svg`, in document order.
pub fn elements(svg: &str) -> Vec<El> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') || rest.starts_with('!') || rest.starts_with('?') {
            continue;
        }
        let end = rest.find('>').expect("a tag ends");
        let inner = &rest[..end];
        let self_closing = inner.ends_with('/');
        let inner = inner.trim_end_matches('/');
        let (tag, mut attrs_src) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let mut attrs = BTreeMap::new();
        while let Some(eq) = attrs_src.find("=\"") {
            let name = attrs_src[..eq].trim().to_string();
            let after = &attrs_src[eq + 2..];
            let close = after.find('"').expect("an attribute value ends");
            attrs.insert(name, unescape(&after[..close]));
            attrs_src = &after[close + 1..];
        }
        rest = &rest[end + 1..];
        let text = if self_closing {
            String::new()
        } else {
            unescape(&rest[..rest.find('<').unwrap_or(rest.len())])
        };
        out.push(El {
            tag: tag.to_string(),
            attrs,
            text,
        });
    }
    out
}

/// The elements with tag `tag`.
pub fn tagged<'a>(els: &'a [El], tag: &str) -> Vec<&'a El> {
    els.iter().filter(|e| e.tag == tag).collect()
}

/// The one `<text>` element whose text is `text`.
///
/// # Panics
/// If there is none or more than one.
pub fn text<'a>(els: &'a [El], text: &str) -> &'a El {
    let found: Vec<&El> = els
        .iter()
        .filter(|e| e.tag == "text" && e.text.trim() == text)
        .collect();
    assert_eq!(found.len(), 1, "text {text:?}: {found:?}");
    found[0]
}

/// The canvas's `(width, height)`.
pub fn canvas(els: &[El]) -> (f64, f64) {
    let svg = &tagged(els, "svg")[0];
    (svg.num("width"), svg.num("height"))
}

/// `#rrggbb` as numbers.
pub fn hex(c: &str) -> (u8, u8, u8) {
    let c = c.trim_start_matches('#');
    let byte = |i: usize| u8::from_str_radix(&c[i..i + 2], 16).unwrap();
    (byte(0), byte(2), byte(4))
}

/// A colour attribute in either of plotters' forms (`#RRGGBB`) or `rgb(r,g,b)`.
pub fn colour(c: &str) -> (u8, u8, u8) {
    if let Some(rgb) = c.strip_prefix("rgb(") {
        let v: Vec<u8> = rgb
            .trim_end_matches(')')
            .split(',')
            .map(|s| s.trim().parse().unwrap())
            .collect();
        (v[0], v[1], v[2])
    } else {
        hex(c)
    }
}

/// The scale of the pictures (ColorBrewer's RdBu ends, #313695 and #d73027, through white),
/// interpolated linearly and rounded: 0 blue, 0.5 white, 1 red, clamped outside [0, 1].
pub fn blue_white_red(p: f64) -> (u8, u8, u8) {
    let p = p.clamp(0.0, 1.0);
    let (from, to, t) = if p < 0.5 {
        ((49.0, 54.0, 149.0), (255.0, 255.0, 255.0), p * 2.0)
    } else {
        ((255.0, 255.0, 255.0), (215.0, 48.0, 39.0), p * 2.0 - 1.0)
    };
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    (mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

/// σ(x) = 1 / (1 + e^(−x)).
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A scratch file path, unique to this process and `name`.
pub fn scratch(name: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("dlfs-svg-{}-{k}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.svg"))
}

/// Reads and removes a scratch file.
pub fn read(path: &std::path::Path) -> Vec<El> {
    let s = std::fs::read_to_string(path).unwrap();
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    elements(&s)
}

/// A 2-3-2 network whose weights solve XOR by hand: h1 = OR (20x₁ + 20x₂ − 10), h2 = AND
/// (20x₁ + 20x₂ − 30), h3 = 3x₁ − x₂ (not symmetric in x₁ and x₂, and not used by the
/// outputs); the outputs' logits are 5 − 20h1 + 20h2 and −5 + 20h1 − 20h2.
pub fn hand_params() -> Vec<(Array2<f64>, Array1<f64>)> {
    hand_params_scaled(1.0)
}

/// [`hand_params`] with the hidden layer's weights and biases times `k`.
pub fn hand_params_scaled(k: f64) -> Vec<(Array2<f64>, Array1<f64>)> {
    vec![
        (
            array![[20.0, 20.0, 3.0], [20.0, 20.0, -1.0]] * k,
            array![-10.0, -30.0, 0.0] * k,
        ),
        (
            array![[-20.0, 20.0], [20.0, -20.0], [0.0, 0.0]],
            array![5.0, -5.0],
        ),
    ]
}

/// The pre-activations of the hand network's hidden neurons at `(x1, x2)`.
pub fn hidden_sums(x1: f64, x2: f64) -> [f64; 3] {
    let s = 20.0 * x1 + 20.0 * x2;
    [s - 10.0, s - 30.0, 3.0 * x1 - x2]
}

/// The outputs of [`hand_params_scaled`]`(k)`'s neurons, as [`outputs`] gives them for `k = 1`.
pub fn outputs_scaled(activation: Activation, k: f64, x1: f64, x2: f64) -> [f64; 5] {
    outputs_of(activation, hidden_sums(x1, x2).map(|v| v * k))
}

/// The outputs of every neuron of the hand network with `activation`, at `(x1, x2)`: the three
/// hidden outputs, then P(class 0) and P(class 1).
pub fn outputs(activation: Activation, x1: f64, x2: f64) -> [f64; 5] {
    outputs_of(activation, hidden_sums(x1, x2))
}

fn outputs_of(activation: Activation, sums: [f64; 3]) -> [f64; 5] {
    let f = |a: f64| match activation {
        Activation::Sigmoid => sigmoid(a),
        Activation::Tanh => a.tanh(),
        Activation::Relu => a.max(0.0),
    };
    let h = sums.map(f);
    let a0 = 5.0 - 20.0 * h[0] + 20.0 * h[1];
    let a1 = -5.0 + 20.0 * h[0] - 20.0 * h[1];
    // softmax of two: P(class 1) = σ(a1 − a0).
    let p1 = sigmoid(a1 - a0);
    [h[0], h[1], h[2], 1.0 - p1, p1]
}

/// A chart's axis as its tick labels place it: pixel = a + b·v, or a + b·log₁₀ v.
#[derive(Debug, Clone, Copy)]
pub struct Axis {
    pub a: f64,
    pub b: f64,
    pub log: bool,
}

impl Axis {
    fn f(&self, v: f64) -> f64 {
        if self.log { v.log10() } else { v }
    }

    /// Where the value `v` is drawn.
    pub fn px(&self, v: f64) -> f64 {
        self.a + self.b * self.f(v)
    }

    /// The value drawn at pixel `px`.
    pub fn value(&self, px: f64) -> f64 {
        let u = (px - self.a) / self.b;
        if self.log { 10f64.powf(u) } else { u }
    }
}

/// The least-squares line through `(value, pixel)` ticks, checked: every tick within a pixel
/// of it (plotters rounds to whole pixels).
pub fn fit(ticks: &[(f64, f64)], log: bool) -> Axis {
    assert!(ticks.len() >= 2, "too few ticks: {ticks:?}");
    let u: Vec<f64> = ticks
        .iter()
        .map(|t| if log { t.0.log10() } else { t.0 })
        .collect();
    let n = ticks.len() as f64;
    let (mu, mp) = (
        u.iter().sum::<f64>() / n,
        ticks.iter().map(|t| t.1).sum::<f64>() / n,
    );
    let sup: f64 = u
        .iter()
        .zip(ticks)
        .map(|(u, t)| (u - mu) * (t.1 - mp))
        .sum();
    let suu: f64 = u.iter().map(|u| (u - mu) * (u - mu)).sum();
    let b = sup / suu;
    let axis = Axis {
        a: mp - b * mu,
        b,
        log,
    };
    for t in ticks {
        assert!((axis.px(t.0) - t.1).abs() <= 1.0, "tick {t:?} off {axis:?}");
    }
    axis
}

/// A tick label's number: plain, in e-notation, or a percentage.
pub fn tick_value(s: &str) -> Option<f64> {
    match s.strip_suffix('%') {
        Some(p) => p.parse::<f64>().ok().map(|v| v / 100.0),
        None => s.parse().ok(),
    }
}

/// The x axis's tick labels: `(label, x)`, centred under the axis.
pub fn x_tick_labels(els: &[El]) -> Vec<(String, f64)> {
    els.iter()
        .filter(|e| e.tag == "text" && e.get("text-anchor") == "middle" && e.get("dy") == "0.76em")
        .filter(|e| !e.attrs.contains_key("transform"))
        .map(|e| (e.text.trim().to_string(), e.num("x")))
        .collect()
}

/// The y axis's tick labels: `(label, y)`, right-aligned left of the axis.
pub fn y_tick_labels(els: &[El]) -> Vec<(String, f64)> {
    els.iter()
        .filter(|e| e.tag == "text" && e.get("text-anchor") == "end" && e.get("dy") == "0.5ex")
        .map(|e| (e.text.trim().to_string(), e.num("y")))
        .collect()
}

/// The numeric ticks of a list of labels.
pub fn numeric(labels: &[(String, f64)]) -> Vec<(f64, f64)> {
    labels
        .iter()
        .filter_map(|(l, p)| Some((tick_value(l)?, *p)))
        .collect()
}

/// The plot area `(left, right, top, bottom)` in pixels: where plotters draws the axes (the
/// longest solid black vertical and horizontal lines).
pub fn plot_area(els: &[El]) -> (f64, f64, f64, f64) {
    let solid: Vec<Vec<(f64, f64)>> = tagged(els, "polyline")
        .into_iter()
        .filter(|p| p.get("stroke") == "#000000" && p.get("opacity") == "1")
        .map(El::points)
        .filter(|p| p.len() == 2)
        .collect();
    let vertical = solid
        .iter()
        .filter(|p| p[0].0 == p[1].0)
        .max_by(|a, b| (a[1].1 - a[0].1).abs().total_cmp(&(b[1].1 - b[0].1).abs()))
        .expect("a y axis");
    let horizontal = solid
        .iter()
        .filter(|p| p[0].1 == p[1].1)
        .max_by(|a, b| (a[1].0 - a[0].0).abs().total_cmp(&(b[1].0 - b[0].0).abs()))
        .expect("an x axis");
    (
        horizontal[0].0.min(horizontal[1].0),
        horizontal[0].0.max(horizontal[1].0),
        vertical[0].1.min(vertical[1].1),
        vertical[0].1.max(vertical[1].1),
    )
}

/// The polylines drawn in `stroke` (plotters writes `#RRGGBB`), leaving out the legend's
/// samples (inside the legend's white box, if there is one).
pub fn lines_in<'a>(els: &'a [El], stroke: &str) -> Vec<&'a El> {
    let legend: Vec<(f64, f64, f64, f64)> = tagged(els, "rect")
        .into_iter()
        .filter(|r| r.get("opacity") == "0.9")
        .map(|r| (r.num("x"), r.num("y"), r.num("width"), r.num("height")))
        .collect();
    let in_legend = |p: &El| {
        legend.iter().any(|&(x, y, w, h)| {
            p.points()
                .iter()
                .all(|&(px, py)| px >= x && px <= x + w && py >= y && py <= y + h)
        })
    };
    tagged(els, "polyline")
        .into_iter()
        .filter(|p| p.get("stroke").eq_ignore_ascii_case(stroke) && !in_legend(p))
        .collect()
}

/// matplotlib's tab10 colours, which the charts give their series in turn: blue, red, green,
/// orange, purple.
pub const SERIES: [&str; 5] = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"];

/// `a` within `tol` of `b`.
pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Two colours a rounding apart at most (each channel within 1).
pub fn near_colour(a: (u8, u8, u8), b: (u8, u8, u8)) -> bool {
    a.0.abs_diff(b.0) <= 1 && a.1.abs_diff(b.1) <= 1 && a.2.abs_diff(b.2) <= 1
}
