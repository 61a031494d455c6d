//! The pictures' numbers: the book's apple-and-orange graph (§5.4.2, figure 5-17) and the
//! training step's graph, computed by the layers.
use dlfs_figures::pictures::{Graph, apple_orange, short, training_step};

/// The edge from the node labelled `from` to the node labelled `to`.
fn edge<'a>(g: &'a Graph, from: &str, to: &str) -> &'a dlfs_figures::pictures::Edge {
    g.edges
        .iter()
        .find(|e| g.nodes[e.from].label == from && g.nodes[e.to].label == to)
        .unwrap_or_else(|| panic!("no edge {from} → {to}"))
}

#[test]
fn the_apple_and_orange_graph_has_the_books_numbers() {
    let g = apple_orange();
    // Forward (figure 5-17): 100·2 = 200, 150·3 = 450, 200 + 450 = 650, 650·1.1 = 715.
    assert_eq!(edge(&g, "×", "price").forward, "715");
    assert_eq!(edge(&g, "+", "×").forward, "650");
    // Backward: ∂price/∂apple = 2.2, ∂apple_num = 110, ∂orange = 3.3, ∂orange_num = 165,
    // ∂tax = 650; the sum node passes 1.1 to both of its inputs.
    for (from, forward, backward) in [
        ("apple", "100", "2.2"),
        ("apple_num", "2", "110"),
        ("orange", "150", "3.3"),
        ("orange_num", "3", "165"),
    ] {
        let e = g
            .edges
            .iter()
            .find(|e| g.nodes[e.from].label == from)
            .unwrap();
        assert_eq!(
            (e.forward.as_str(), e.backward.as_str()),
            (forward, backward),
            "{from}"
        );
    }
    assert_eq!(edge(&g, "tax", "×").backward, "650");
    assert_eq!(edge(&g, "+", "×").backward, "1.1");
    let svg = g.to_svg("apple", 980.0, 590.0);
    for label in ["715", "2.2", "110", "3.3", "165", "650"] {
        assert!(
            svg.contains(&format!(">{label}</text>")),
            "{label} not drawn"
        );
    }
}

#[test]
fn numbers_are_written_as_the_book_writes_them() {
    assert_eq!(short(1.1 * 2.0), "2.2");
    assert_eq!(short(100.0 * 1.1), "110");
    assert_eq!(short(715.0000000000001), "715");
    assert_eq!(short(-0.0), "0");
    assert_eq!(short(0.5), "0.5");
}

#[test]
fn the_training_step_graph_follows_the_layers() {
    let g = training_step();
    let labels: Vec<&str> = g.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "X",
            "Affine1",
            "Sigmoid1",
            "Affine2",
            "SoftmaxWithLoss",
            "L"
        ]
    );
    // X is the four XOR inputs; the loss is the article's first, 0.7666662145758563
    // (seed_xor.py: `loss first/last: 0.7666662145758563 …`).
    assert_eq!(
        edge(&g, "X", "Affine1").forward,
        "X 4×2\n[0.00 0.00]\n[0.00 1.00]\n[1.00 0.00]\n[1.00 1.00]"
    );
    assert_eq!(edge(&g, "SoftmaxWithLoss", "L").forward, "L = 0.7667");
    // A1 is 4×4: its rows whole, four values each and nothing left out ("…").
    let a1 = &edge(&g, "Affine1", "Sigmoid1").forward;
    assert!(a1.starts_with("A1 4×4\n"), "{a1}");
    for row in a1.lines().skip(1) {
        assert!(!row.contains('…') && row.split(' ').count() == 4, "{row}");
    }
    // dA2 = (softmax(A2) − T)/4: each row sums to 0, each entry within ±1/4.
    let da2 = &edge(&g, "Affine2", "SoftmaxWithLoss").backward;
    for row in da2.lines().skip(1) {
        let v: Vec<f64> = row
            .trim_matches(['[', ']'])
            .split(' ')
            .map(|c| c.parse().unwrap())
            .collect();
        assert!(
            (v[0] + v[1]).abs() < 0.011 && v.iter().all(|x| x.abs() <= 0.25),
            "{row}"
        );
    }
}

#[test]
fn a_line_chart_draws_and_names_every_series() {
    let dir = std::env::temp_dir().join(format!("dlfs-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lines.svg");
    let up: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), f64::from(i))).collect();
    let down: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), f64::from(9 - i))).collect();
    dlfs_figures::charts::lines(
        &path,
        "two series",
        "x",
        "y",
        &[("rising-series", &up), ("falling-series", &down)],
    )
    .unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    // Each series is a line of its own, and the legend names both.
    assert!(svg.matches("<polyline").count() >= 2, "{svg}");
    assert!(svg.contains("rising-series") && svg.contains("falling-series"));
    // In colours of their own (the axes and grid are black).
    let colours: std::collections::BTreeSet<&str> = svg
        .split("<polyline")
        .skip(1)
        .filter_map(|p| p.split("stroke=\"").nth(1)?.split('"').next())
        .filter(|c| *c != "#000000")
        .collect();
    assert_eq!(colours.len(), 2, "{colours:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_long_loss_curve_is_drawn_with_about_500_points() {
    // 60 000 iterations on a log axis: the first 100, then 401 spread evenly in log(iteration),
    // less the repeats where they round to the same iteration.
    let dir = std::env::temp_dir().join(format!("dlfs-curves-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("loss.svg");
    let losses: Vec<f64> = (1..=60_000).map(|i| 1.0 / f64::from(i)).collect();
    dlfs_figures::charts::loss_curves(&path, "a long run", &[("loss", &losses, 1)], None).unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    let longest = svg
        .split("points=\"")
        .skip(1)
        .map(|p| p.split('"').next().unwrap().split_whitespace().count())
        .max()
        .unwrap();
    assert!((400..=501).contains(&longest), "{longest} points");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn log_samples_are_spread_evenly_in_log_iteration() {
    use dlfs_figures::charts::log_sample;
    // Up to 100 iterations: all of them.
    assert_eq!(log_sample(0), Vec::<usize>::new());
    assert_eq!(log_sample(100), (0..100).collect::<Vec<_>>());
    // 60 000: the first 100, then 401 points 100·600^(s/400) rounded down, s = 0…400, less
    // repeats: increasing, ending at the last iteration, and at s = 200 (100·√600 ≈ 2449.5).
    let idx = log_sample(60_000);
    assert_eq!(idx[..100], (0..100).collect::<Vec<_>>()[..]);
    assert!(idx.windows(2).all(|w| w[0] < w[1]), "increasing");
    assert_eq!(idx.last(), Some(&59_999));
    assert!(idx.contains(&2449), "{idx:?}");
    assert!((450..=501).contains(&idx.len()), "{}", idx.len());
}
