//! Krippendorff's α for unitizing (uα): how far observers agree on where
//! the units of a continuum are and what they are, not only on the values
//! of units fixed beforehand. Spans of text are such units: two annotators
//! who both mark 普京 but one of them as 普京总统 half agree, which a
//! comparison of exact spans calls a plain disagreement.
//!
//! The definition is the one of Krippendorff's *Content Analysis* (4th ed.,
//! 2019, §12.6, after Krippendorff, Mathet, Bouvry & Widlöcher, *Quality &
//! Quantity* 2016): each observer cuts the continuum into segments, units
//! with a value and gaps between them; every pair of observers' segments
//! coincides by the length they share (the observed coincidences); the
//! expected coincidences come from the totals, less what a segment would
//! share with itself (its length squared for a unit, its length for a gap,
//! whose parts are interchangeable). α = 1 − observed ÷ expected
//! disagreement, 1 for perfect agreement, 0 for chance.
//!
//! ```
//! use biaozhu::unitizing::u_alpha;
//!
//! // A continuum of 10 positions; both observers mark one unit of value 1,
//! // at [2, 5) and at [3, 6).
//! let a = vec![(2, 5, 1)];
//! let b = vec![(3, 6, 1)];
//! let alpha = u_alpha(10, &[a.clone(), b]).unwrap();
//! assert!((alpha - 94.4 / 168.0).abs() < 1e-12);
//! assert_eq!(u_alpha(10, &[a.clone(), a]), Some(1.0));
//! ```

/// A unit: `[start, end)` on the continuum and its value (any number; the
/// gaps between units are not units).
pub type Unit = (u64, u64, u32);

/// Why the units of an observer cannot be a unitization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitsError {
    /// Two units of one observer overlap: a unitization cuts a continuum
    /// into segments, so one position cannot be in two units.
    Overlap { observer: usize, at: u64 },
    /// A unit is empty or runs past the end of the continuum.
    OutOfRange {
        observer: usize,
        start: u64,
        end: u64,
    },
}

impl std::fmt::Display for UnitsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnitsError::Overlap { observer, at } => write!(
                f,
                "observer {} has two units that overlap at {at}",
                observer + 1
            ),
            UnitsError::OutOfRange {
                observer,
                start,
                end,
            } => write!(
                f,
                "observer {} has a unit [{start}, {end}) that is empty or past the end",
                observer + 1
            ),
        }
    }
}

impl std::error::Error for UnitsError {}

/// A segment of a partition: `[start, end)` and its value, `None` for a gap.
type Segment = (u64, u64, Option<u32>);

/// The segments of one observer: its units in order and the gaps around them.
fn partition(len: u64, observer: usize, units: &[Unit]) -> Result<Vec<Segment>, UnitsError> {
    let mut sorted = units.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::with_capacity(sorted.len() * 2 + 1);
    let mut at = 0;
    for (start, end, value) in sorted {
        if start >= end || end > len {
            return Err(UnitsError::OutOfRange {
                observer,
                start,
                end,
            });
        }
        if start < at {
            return Err(UnitsError::Overlap {
                observer,
                at: start,
            });
        }
        if start > at {
            out.push((at, start, None));
        }
        out.push((start, end, Some(value)));
        at = end;
    }
    if at < len {
        out.push((at, len, None));
    }
    Ok(out)
}

/// uα of two or more observers' units on a continuum of `len` positions,
/// over every value (a unit of another value, or a gap where the other has
/// a unit, is a disagreement by the length they share). `None` when it is
/// undefined: fewer than two observers, an empty continuum, or no variation
/// at all to expect disagreement from (no observer marked anything, or all
/// marked everything alike and only that). Errors name an observer (from 1)
/// whose units overlap or lie outside the continuum.
pub fn try_u_alpha(len: u64, observers: &[Vec<Unit>]) -> Result<Option<f64>, UnitsError> {
    if observers.len() < 2 || len == 0 {
        return Ok(None);
    }
    let parts = observers
        .iter()
        .enumerate()
        .map(|(i, units)| partition(len, i, units))
        .collect::<Result<Vec<_>, _>>()?;
    // Values as indexes: 0 the gap, then each value met.
    let mut values: Vec<u32> = parts
        .iter()
        .flatten()
        .filter_map(|s| s.2)
        .collect::<Vec<_>>();
    values.sort_unstable();
    values.dedup();
    let index = |v: Option<u32>| v.map_or(0, |v| 1 + values.binary_search(&v).unwrap_or(0));
    let n = values.len() + 1;
    let mut observed = vec![0f64; n * n];
    for i in 0..parts.len() {
        for j in i + 1..parts.len() {
            // Both partitions cover the continuum in order: walk them together.
            let (a, b) = (&parts[i], &parts[j]);
            let (mut x, mut y) = (0, 0);
            while x < a.len() && y < b.len() {
                let shared = a[x].1.min(b[y].1) - a[x].0.max(b[y].0);
                let (c, k) = (index(a[x].2), index(b[y].2));
                observed[c * n + k] += shared as f64;
                observed[k * n + c] += shared as f64;
                if a[x].1 <= b[y].1 {
                    x += 1;
                } else {
                    y += 1;
                }
            }
        }
    }
    let m = parts.len() as f64;
    observed.iter_mut().for_each(|o| *o /= m - 1.0);
    // What a segment would share with itself, which no pair of observers can.
    let mut own = vec![0f64; n];
    for seg in parts.iter().flatten() {
        let l = (seg.1 - seg.0) as f64;
        own[index(seg.2)] += if seg.2.is_some() { l * l } else { l };
    }
    let total: f64 = observed.iter().sum();
    let own_total: f64 = own.iter().sum();
    let margin = |c: usize| -> f64 { observed[c * n..(c + 1) * n].iter().sum() };
    let scale = total - own_total / total;
    let (mut d_observed, mut d_expected) = (0.0, 0.0);
    for c in 0..n {
        for k in 0..n {
            if c != k {
                d_observed += observed[c * n + k];
                d_expected += margin(c) * margin(k) / scale;
            }
        }
    }
    if d_expected <= 0.0 {
        return Ok(None);
    }
    Ok(Some(1.0 - d_observed / d_expected))
}

/// [`try_u_alpha`], `None` as well for units that cannot be a unitization.
pub fn u_alpha(len: u64, observers: &[Vec<Unit>]) -> Option<f64> {
    try_u_alpha(len, observers).ok().flatten()
}

/// uα of one value alone (Krippendorff's (k)uα read as one binary
/// continuum): each observer's units of `value`, overlapping or touching
/// ones merged, against gaps everywhere else. Defined whatever the other
/// values do, so it is the figure to give per label when spans nest.
pub fn u_alpha_of(len: u64, observers: &[Vec<Unit>], value: u32) -> Option<f64> {
    let merged: Vec<Vec<Unit>> = observers
        .iter()
        .map(|units| {
            let mut mine: Vec<Unit> = units
                .iter()
                .filter(|u| u.2 == value && u.0 < u.1 && u.1 <= len)
                .copied()
                .collect();
            mine.sort_unstable();
            let mut out: Vec<Unit> = Vec::with_capacity(mine.len());
            for u in mine {
                match out.last_mut() {
                    Some(last) if u.0 <= last.1 => last.1 = last.1.max(u.1),
                    _ => out.push((u.0, u.1, 0)),
                }
            }
            out
        })
        .collect();
    u_alpha(len, &merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand: A marks [2, 5), B marks [3, 6) on 10 positions.
    /// A's segments: gap 2, unit 3, gap 5; B's: gap 3, unit 3, gap 4.
    /// Shared lengths of A×B: gap·gap 2 + 4, unit·gap 1, unit·unit 2,
    /// gap·unit 1; with B×A, m − 1 = 1: ℓ = [[12, 2], [2, 4]], ℓ.. = 20.
    /// Own shares: gaps 2+5+3+4 = 14, units 9+9 = 18; scale 20 − 32/20 =
    /// 18.4. Margins 14 and 6: expected disagreement 2·14·6/18.4, observed
    /// 4, α = 1 − 4·18.4/168 = 94.4/168.
    #[test]
    fn shifted_units_of_two_observers_as_worked_by_hand() {
        let alpha = u_alpha(10, &[vec![(2, 5, 7)], vec![(3, 6, 7)]]).unwrap();
        assert!((alpha - 94.4 / 168.0).abs() < 1e-12, "{alpha}");
    }

    /// The same units with another value each: the shared part is now a
    /// disagreement too. ℓ: gap·gap 12, gap·X 1 + 1, gap·Y 1 + 1, X·Y 2 + 2;
    /// margins 14, 3, 3; own shares 14, 9, 9; observed 8, expected
    /// (2·14·3 + 2·14·3 + 2·3·3)/18.4 = 186/18.4: α = 38.8/186.
    #[test]
    fn another_value_on_the_shared_part_is_a_disagreement() {
        let same = u_alpha(10, &[vec![(2, 5, 7)], vec![(3, 6, 7)]]).unwrap();
        let other = u_alpha(10, &[vec![(2, 5, 7)], vec![(3, 6, 8)]]).unwrap();
        assert!((other - 38.8 / 186.0).abs() < 1e-12, "{other}");
        assert!(other < same);
    }

    #[test]
    fn perfect_agreement_is_one_and_order_does_not_matter() {
        let a = vec![(6, 9, 2), (0, 2, 1)];
        let b = vec![(0, 2, 1), (6, 9, 2)];
        assert_eq!(u_alpha(12, &[a.clone(), b.clone(), a]), Some(1.0));
    }

    #[test]
    fn nothing_marked_is_undefined_not_perfect() {
        assert_eq!(u_alpha(10, &[vec![], vec![]]), None);
        assert_eq!(u_alpha(10, &[vec![(0, 3, 1)]]), None);
    }

    #[test]
    fn overlapping_units_of_one_observer_are_named() {
        let err = try_u_alpha(10, &[vec![(0, 4, 1), (2, 6, 1)], vec![]]).unwrap_err();
        assert_eq!(err, UnitsError::Overlap { observer: 0, at: 2 });
        assert_eq!(
            err.to_string(),
            "observer 1 has two units that overlap at 2"
        );
        let err = try_u_alpha(10, &[vec![], vec![(8, 12, 1)]]).unwrap_err();
        assert!(err.to_string().starts_with("observer 2 has a unit [8, 12)"));
    }

    /// Nested spans cannot be a unitization, but each label alone can:
    /// merged, B's nested 普京 inside 普京总统 is the same unit as A's.
    #[test]
    fn one_value_alone_merges_nested_units() {
        let a = vec![(0, 4, 1)];
        let b = vec![(0, 4, 1), (0, 2, 1), (5, 6, 2)];
        assert_eq!(u_alpha(10, &[a.clone(), b.clone()]), None);
        assert_eq!(u_alpha_of(10, &[a, b], 1), Some(1.0));
    }

    /// Three observers, two agreeing and one shifted: between the two-observer
    /// figures of agreeing and shifted pairs.
    #[test]
    fn a_third_observer_weighs_by_pairs() {
        let a = vec![(2, 5, 1)];
        let shifted = vec![(3, 6, 1)];
        let two = u_alpha(10, &[a.clone(), shifted.clone()]).unwrap();
        let three = u_alpha(10, &[a.clone(), a.clone(), shifted]).unwrap();
        assert!(two < three && three < 1.0, "{two} {three}");
    }
}
