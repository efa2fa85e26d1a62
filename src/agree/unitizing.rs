//! Krippendorff's unitizing α (uα) for one label: how far the sides agree
//! on where the stretches of that label lie in a continuum of code points,
//! after Krippendorff, "On the reliability of unitizing continuous data",
//! *Sociological Methodology* 25 (1995) 47–76, and *Content Analysis: An
//! Introduction to Its Methodology* (2nd ed., Sage, 2004).
//!
//! Each side cuts each document into *sections*: its units of the label
//! and the gaps between them. Two sides' sections that share a code point
//! differ by δ²: two units by the squares of the distances between their
//! starts and between their ends; a unit lying wholly inside the other
//! side's gap by the square of its length; anything else by nothing. The
//! observed disagreement is the sum of δ² over every ordered pair of sides
//! and every such pair of sections, over m(m−1)L²; the expected one is what
//! the same units and gaps would give placed anywhere in the continuum:
//!
//! D_e = (2/L) Σ_g [(N−1)(2l_g³ − 3l_g² + l_g)/3 + l_g² Σ_{gaps h, l_h ≥ l_g} (l_h − l_g + 1)]
//!       / (mL(mL−1) − Σ_g l_g(l_g−1))
//!
//! over the N units g of all sides (lengths l_g) and all sides' gaps h. A
//! section never runs across documents: the continuum is the documents one
//! after another, L their total length.

/// One side's stretches of the label in one document: sorted, none
/// overlapping another (adjacent ones stay two units).
pub(super) type Units = Vec<(u32, u32)>;

/// Sorted `(start, end)` pieces, overlapping ones joined: a side that marks
/// a stretch twice, or nests two spans of one label, unitizes it once.
pub(super) fn units(mut pieces: Vec<(u32, u32)>) -> Units {
    pieces.sort_unstable();
    let mut out: Units = Vec::with_capacity(pieces.len());
    for (s, e) in pieces {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// A section: `start`, `end` and whether it is a unit (else a gap).
type Section = (u64, u64, bool);

fn sections(units: &Units, len: u32) -> Vec<Section> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut at = 0u64;
    for &(s, e) in units {
        let (s, e) = (u64::from(s), u64::from(e));
        if s > at {
            out.push((at, s, false));
        }
        out.push((s, e, true));
        at = e;
    }
    if at < u64::from(len) {
        out.push((at, u64::from(len), false));
    }
    out
}

fn delta2(g: Section, h: Section) -> f64 {
    let sq = |x: u64, y: u64| {
        let d = x.abs_diff(y) as f64;
        d * d
    };
    match (g.2, h.2) {
        (true, true) => sq(g.0, h.0) + sq(g.1, h.1),
        (true, false) if h.0 <= g.0 && g.1 <= h.1 => sq(g.1, g.0),
        (false, true) if g.0 <= h.0 && h.1 <= g.1 => sq(h.1, h.0),
        _ => 0.0,
    }
}

/// The observed and expected disagreement of one label: `units[side][doc]`,
/// `lens[doc]` in code points. `None` when nothing can be told (no text,
/// fewer than two sides).
pub(super) fn disagreements(units: &[Vec<Units>], lens: &[u32]) -> Option<(f64, f64)> {
    let m = units.len() as f64;
    let total: u64 = lens.iter().map(|&l| u64::from(l)).sum();
    if units.len() < 2 || total == 0 {
        return None;
    }
    let l = total as f64;
    let cut: Vec<Vec<Vec<Section>>> = units
        .iter()
        .map(|docs| {
            docs.iter()
                .zip(lens)
                .map(|(u, &n)| sections(u, n))
                .collect()
        })
        .collect();

    // Observed: each unordered pair of sides once, counted twice.
    let mut observed = 0.0;
    for i in 0..cut.len() {
        for j in i + 1..cut.len() {
            for (a, b) in cut[i].iter().zip(&cut[j]) {
                let (mut x, mut y) = (0, 0);
                // Both cover the document: the current sections always share code points.
                while let (Some(&g), Some(&h)) = (a.get(x), b.get(y)) {
                    observed += delta2(g, h);
                    match g.1.cmp(&h.1) {
                        std::cmp::Ordering::Less => x += 1,
                        std::cmp::Ordering::Greater => y += 1,
                        std::cmp::Ordering::Equal => {
                            x += 1;
                            y += 1;
                        }
                    }
                }
            }
        }
    }
    let observed = 2.0 * observed / (m * (m - 1.0) * l * l);

    let all = cut.iter().flatten().flatten();
    let lengths: Vec<f64> = all
        .clone()
        .filter(|s| s.2)
        .map(|s| (s.1 - s.0) as f64)
        .collect();
    let mut gaps: Vec<f64> = all.filter(|s| !s.2).map(|s| (s.1 - s.0) as f64).collect();
    gaps.sort_unstable_by(f64::total_cmp);
    // Sums of the gaps from each place to the end, for Σ over the gaps at least as long as a unit.
    let mut tail = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        tail[k] = tail[k + 1] + gaps.get(k).copied().unwrap_or(0.0);
    }
    let n = lengths.len() as f64;
    let mut sum = 0.0;
    for &lg in &lengths {
        let from = gaps.partition_point(|&h| h < lg);
        let count = (gaps.len() - from) as f64;
        let fits = tail.get(from).copied().unwrap_or(0.0) - count * (lg - 1.0);
        sum += (n - 1.0) * (2.0 * lg * lg * lg - 3.0 * lg * lg + lg) / 3.0 + lg * lg * fits;
    }
    let pairs = m * l * (m * l - 1.0) - lengths.iter().map(|lg| lg * (lg - 1.0)).sum::<f64>();
    let expected = 2.0 / l * sum / pairs;
    Some((observed, expected))
}

/// uα from the disagreements: `None` when no unit is expected to differ
/// (no side marked the label anywhere).
pub(super) fn alpha(observed: f64, expected: f64) -> Option<f64> {
    (expected > 0.0).then(|| 1.0 - observed / expected)
}
