//! Approximation as intervals: what values a figure, as written, allows.
//!
//! Reporters round and hedge. "over 4,000" means more than 4,000 and, as
//! reporters use the phrase, less than the next round step (5,000);
//! "nearly twenty million" a little under 20 million; "about 5,000" within
//! about ten percent; a bare round number ("$20 million", "4,000") stands
//! for anything that rounds to it. Two figures conflict only when their
//! intervals cannot overlap.

/// How a figure is hedged in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Qualifier {
    /// No hedge: the value as written (round numbers still allow rounding).
    Exact,
    /// "over", "more than", "above", "in excess of", "upwards of".
    Over,
    /// "at least", "no fewer than", "… or more", "4,000-plus".
    AtLeast,
    /// "fewer than", "less than", "under", "below".
    Under,
    /// "up to", "as many as", "at most", "no more than", "within" (durations).
    AtMost,
    /// "about", "around", "roughly", "some", "an estimated", "… or so".
    About,
    /// "nearly", "almost", "close to", "just under".
    Nearly,
    /// "between 10 and 12", "10-12", "two or three".
    Range,
    /// "dozens", "hundreds", "thousands of", "several hundred".
    Vague,
}

impl Qualifier {
    /// The qualifier a word list names (`qualifiers.txt`: "over",
    /// "at_least", "under", "at_most", "about", "nearly", "exact").
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "exact" => Qualifier::Exact,
            "over" => Qualifier::Over,
            "at_least" => Qualifier::AtLeast,
            "under" => Qualifier::Under,
            "at_most" => Qualifier::AtMost,
            "about" => Qualifier::About,
            "nearly" => Qualifier::Nearly,
            _ => return None,
        })
    }

    /// How the hedge reads in a hover ("more than", "about").
    pub fn describe(self) -> &'static str {
        match self {
            Qualifier::Exact => "as written",
            Qualifier::Over => "more than",
            Qualifier::AtLeast => "at least",
            Qualifier::Under => "less than",
            Qualifier::AtMost => "at most",
            Qualifier::About => "about",
            Qualifier::Nearly => "a little under",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

/// A closed interval of values; either end may be infinite.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    pub fn point(v: f64) -> Self {
        Self { lo: v, hi: v }
    }

    pub fn new(lo: f64, hi: f64) -> Self {
        if lo <= hi {
            Self { lo, hi }
        } else {
            Self { lo: hi, hi: lo }
        }
    }

    /// Whether some value lies in both.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let lo = self.lo.max(other.lo);
        let hi = self.hi.min(other.hi);
        // A relative epsilon absorbs floating-point noise ("1.13bn").
        let eps = 1e-9 * lo.abs().max(hi.abs()).max(1.0);
        lo <= hi + eps
    }

    pub fn contains(&self, v: f64) -> bool {
        self.overlaps(&Interval::point(v))
    }
}

/// The magnitude step of a value: 10^floor(log10(v)) (1 for values below 1).
pub fn magnitude(v: f64) -> f64 {
    let v = v.abs();
    if !v.is_finite() || v < 1.0 {
        return 1.0;
    }
    10f64.powi(v.log10().floor() as i32)
}

/// The interval a figure allows.
///
/// `value` is the normalised value and `unit` the place value of its last
/// written significant digit ("4,000" → 1,000; "4,500" → 100; "1.5" → 0.1;
/// "2.5 million" → 100,000). A round number may stand for anything that
/// rounds to it at two significant figures, or at the written precision
/// when that is finer; so "4,000" allows 3,951–4,049 and "13" only 13.
/// `integer` says the quantity is counted in whole units (people, days).
pub fn interval(value: f64, unit: f64, qualifier: Qualifier, integer: bool) -> Interval {
    let mag = magnitude(value);
    let step = unit.min((mag / 10.0).max(if integer { 1.0 } else { 0.0 }));
    let step = if step > 0.0 { step } else { unit };
    let tol = 0.49 * step;
    let rounded = Interval::new(value - tol, value + tol);
    match qualifier {
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => rounded,
        // More than N, and less than the next round step above N.
        Qualifier::Over => Interval::new(value, value + mag),
        Qualifier::AtLeast => Interval::new(value, f64::INFINITY),
        Qualifier::Under => Interval::new(0f64.min(value), value),
        Qualifier::AtMost => Interval::new(0f64.min(value), value),
        Qualifier::About => Interval::new(value * 0.9 - tol, value * 1.1 + tol),
        // A little under N: within ten percent below, up to N itself.
        Qualifier::Nearly => Interval::new(value * 0.9, rounded.hi),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(v: f64, unit: f64, q: Qualifier) -> Interval {
        interval(v, unit, q, true)
    }

    #[test]
    fn over_and_more_than_agree_with_a_value_below_the_next_step() {
        let over = iv(4000.0, 1000.0, Qualifier::Over);
        assert!(over.contains(4500.0));
        assert!(!over.contains(3900.0));
        assert!(!over.contains(5200.0));
        let exact = iv(4500.0, 100.0, Qualifier::Exact);
        assert!(over.overlaps(&exact));
        assert!(!over.overlaps(&iv(3000.0, 1000.0, Qualifier::Exact)));
    }

    #[test]
    fn round_numbers_allow_rounding_and_small_counts_do_not() {
        let twenty_m = iv(20e6, 10e6, Qualifier::Exact);
        assert!(twenty_m.contains(19.6e6));
        assert!(!twenty_m.contains(19.0e6));
        let thirteen = iv(13.0, 1.0, Qualifier::Exact);
        assert!(!thirteen.overlaps(&iv(14.0, 1.0, Qualifier::Exact)));
        assert!(thirteen.overlaps(&iv(13.0, 1.0, Qualifier::Exact)));
        assert!(!iv(11.0, 1.0, Qualifier::Exact).overlaps(&iv(14.0, 1.0, Qualifier::Exact)));
        // 40% and 40.3% agree (rounding); 40% and 42% do not.
        let forty = interval(40.0, 10.0, Qualifier::Exact, false);
        assert!(forty.overlaps(&interval(40.3, 0.1, Qualifier::Exact, false)));
        assert!(!forty.overlaps(&interval(42.0, 1.0, Qualifier::Exact, false)));
    }

    #[test]
    fn nearly_and_about() {
        let nearly = iv(20e6, 10e6, Qualifier::Nearly);
        assert!(nearly.contains(19.2e6));
        assert!(!nearly.contains(17e6));
        assert!(!nearly.contains(21e6));
        assert!(nearly.overlaps(&iv(20e6, 10e6, Qualifier::Exact)));
        let about = iv(5000.0, 1000.0, Qualifier::About);
        assert!(about.contains(4600.0) && about.contains(5400.0));
        assert!(!about.contains(6000.0));
        assert!(iv(10.0, 10.0, Qualifier::AtLeast).contains(1e9));
    }
}
