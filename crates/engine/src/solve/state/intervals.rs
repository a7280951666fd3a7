//! Weighted intervals `[start, end)` on one day, and the peak load over a span.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub start: u32,
    pub end: u32,
    pub weight: u32,
    pub drill: crate::scenario::DrillId,
}

/// The largest total weight running at any instant of `[start, end)`.
pub fn peak(intervals: &[Interval], start: u32, end: u32) -> u32 {
    // The load is piecewise constant and only rises at interval starts, so the
    // peak over the span is reached at `start` or at a start inside it.
    let load_at = |t: u32| -> u32 {
        intervals
            .iter()
            .filter(|i| i.start <= t && t < i.end)
            .map(|i| i.weight)
            .sum()
    };
    let mut best = load_at(start);
    for i in intervals {
        if i.start > start && i.start < end {
            best = best.max(load_at(i.start));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::DrillId;

    fn iv(start: u32, end: u32, weight: u32) -> Interval {
        Interval {
            start,
            end,
            weight,
            drill: DrillId(0),
        }
    }

    #[test]
    fn peak_counts_running_intervals_only() {
        let list = [iv(0, 60, 1), iv(30, 90, 2), iv(90, 120, 1)];
        assert_eq!(peak(&list, 0, 30), 1);
        assert_eq!(peak(&list, 0, 31), 3);
        assert_eq!(peak(&list, 60, 90), 2);
        assert_eq!(peak(&list, 90, 200), 1);
        assert_eq!(peak(&list, 120, 200), 0);
    }
}
