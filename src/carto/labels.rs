//! Label placement without collisions: a greedy pass in priority order, each label trying its
//! candidate positions and taking the first that fits its shape and overlaps nothing placed.
//! Works in screen-sized units, so the caller re-runs it when the map's rendered size changes.

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn centred(c: [f64; 2], size: [f64; 2]) -> Rect {
        Rect {
            x0: c[0] - size[0] / 2.0,
            y0: c[1] - size[1] / 2.0,
            x1: c[0] + size[0] / 2.0,
            y1: c[1] + size[1] / 2.0,
        }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn centre(&self) -> [f64; 2] {
        [(self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0]
    }

    /// Corners, edge midpoints and centre: the points a label's shape must contain.
    pub fn probes(&self) -> [[f64; 2]; 9] {
        let [cx, cy] = self.centre();
        [
            [self.x0, self.y0],
            [cx, self.y0],
            [self.x1, self.y0],
            [self.x0, cy],
            [cx, cy],
            [self.x1, cy],
            [self.x0, self.y1],
            [cx, self.y1],
            [self.x1, self.y1],
        ]
    }

    /// The area two rectangles share.
    pub fn shared_area(&self, o: &Rect) -> f64 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        w.max(0.0) * h.max(0.0)
    }

    pub fn inflate(&self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }
}

/// Where a box of `size` goes beside `avoid`, inside a box `bx` (top left at 0): centred above
/// it, else below, right or left, each kept inside; the first clear of it, else the one that
/// covers least of it. A tooltip's place: it never hides what it names if it can help it.
///
/// ```
/// use sahel_map::carto::labels::{beside, Rect};
/// let symbol = Rect { x0: 90.0, y0: 4.0, x1: 110.0, y1: 24.0 };
/// // No room above a symbol at the top edge: the tip goes below it.
/// assert_eq!(beside(symbol, [60.0, 20.0], [300.0, 200.0]), [70.0, 30.0]);
/// ```
pub fn beside(avoid: Rect, size: [f64; 2], bx: [f64; 2]) -> [f64; 2] {
    const GAP: f64 = 6.0;
    let clamp = |v: f64, lo: f64, hi: f64| v.min(hi).max(lo);
    let [cx, cy] = avoid.centre();
    let x_mid = clamp(cx - size[0] / 2.0, 2.0, bx[0] - size[0] - 2.0);
    let y_mid = clamp(cy - size[1] / 2.0, 0.0, bx[1] - size[1]);
    let candidates = [
        [x_mid, avoid.y0 - GAP - size[1]],
        [x_mid, avoid.y1 + GAP],
        [avoid.x1 + GAP, y_mid],
        [avoid.x0 - GAP - size[0], y_mid],
    ];
    let inside =
        |[x, y]: [f64; 2]| x >= 0.0 && y >= 0.0 && x + size[0] <= bx[0] && y + size[1] <= bx[1];
    let kept = |[x, y]: [f64; 2]| {
        [
            clamp(x, 0.0, (bx[0] - size[0]).max(0.0)),
            clamp(y, 0.0, (bx[1] - size[1]).max(0.0)),
        ]
    };
    let covers = |[x, y]: [f64; 2]| {
        Rect {
            x0: x,
            y0: y,
            x1: x + size[0],
            y1: y + size[1],
        }
        .shared_area(&avoid)
    };
    candidates
        .iter()
        .copied()
        .find(|&c| inside(c) && covers(c) == 0.0)
        .unwrap_or_else(|| {
            candidates
                .iter()
                .map(|&c| kept(c))
                .min_by(|a, b| covers(*a).total_cmp(&covers(*b)))
                .unwrap_or([0.0, 0.0])
        })
}

/// A label to place: its anchor and its options in order of preference, each a size (a label
/// may be set on one line or wrapped) and where its centre goes relative to the anchor.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub anchor: [f64; 2],
    pub options: Vec<Choice>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    pub size: [f64; 2],
    pub offset: [f64; 2],
}

impl Candidate {
    /// Every size tried at every offset, sizes first in preference.
    pub fn new(anchor: [f64; 2], sizes: &[[f64; 2]], offsets: &[[f64; 2]]) -> Candidate {
        let options = sizes
            .iter()
            .flat_map(|&size| offsets.iter().map(move |&offset| Choice { size, offset }))
            .collect();
        Candidate { anchor, options }
    }
}

/// Places `candidates` in order (put the most important first). `obstacles` are taken already;
/// `fits(i, rect)` says whether candidate `i` may sit at `rect` (inside its country, say).
/// Returns, for each candidate, the index of the option used and its rectangle, or None where no
/// option worked. Placed labels keep `gap` between them.
pub fn place(
    candidates: &[Candidate],
    obstacles: &[Rect],
    gap: f64,
    fits: impl Fn(usize, &Rect) -> bool,
) -> Vec<Option<(usize, Rect)>> {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let spot = c.options.iter().enumerate().find_map(|(k, o)| {
                let r = Rect::centred(
                    [c.anchor[0] + o.offset[0], c.anchor[1] + o.offset[1]],
                    o.size,
                );
                let padded = r.inflate(gap / 2.0);
                let free = !taken.iter().any(|t| t.inflate(gap / 2.0).overlaps(&padded));
                (free && fits(i, &r)).then_some((k, r))
            })?;
            taken.push(spot.1);
            Some(spot)
        })
        .collect()
}

/// A conservative width for `text` at `font_size`, without a font at hand: `em` is the average
/// advance per character in ems (about 0.56 for a sans-serif, more for capitals).
pub fn text_width(text: &str, font_size: f64, em: f64) -> f64 {
    text.chars().count() as f64 * font_size * em
}

/// Even-odd point-in-polygon over every ring of a shape (holes included).
///
/// ```
/// use sahel_map::carto::labels::inside;
/// let square = vec![vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]]];
/// assert!(inside(&square, [2.0, 2.0]));
/// assert!(!inside(&square, [5.0, 2.0]));
/// ```
pub fn inside(rings: &[Vec<[f64; 2]>], p: [f64; 2]) -> bool {
    let mut odd = false;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            {
                odd = !odd;
            }
        }
    }
    odd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(x: f64, y: f64, w: f64) -> Candidate {
        Candidate::new([x, y], &[[w, 10.0]], &[[0.0, 0.0]])
    }

    #[test]
    fn placed_labels_never_overlap_and_earlier_ones_win() {
        let candidates = [
            label(50.0, 50.0, 40.0),
            label(60.0, 52.0, 40.0),
            label(200.0, 50.0, 40.0),
        ];
        let placed = place(&candidates, &[], 2.0, |_, _| true);
        assert!(placed[0].is_some() && placed[1].is_none() && placed[2].is_some());
    }

    #[test]
    fn a_label_tries_its_other_positions_before_giving_up() {
        let capital = Candidate::new(
            [100.0, 100.0],
            &[[30.0, 10.0]],
            &[[20.0, 0.0], [-20.0, 0.0]],
        );
        let obstacle = Rect::centred([120.0, 100.0], [10.0, 10.0]);
        let placed = place(&[capital], &[obstacle], 0.0, |_, _| true);
        assert_eq!(
            placed[0].unwrap(),
            (1, Rect::centred([80.0, 100.0], [30.0, 10.0]))
        );
    }

    #[test]
    fn a_label_that_does_not_fit_its_shape_is_dropped() {
        let small = vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]];
        let fits = |_: usize, r: &Rect| r.probes().iter().all(|&p| inside(&small, p));
        let snug = Candidate::new([5.0, 5.0], &[[6.0, 6.0]], &[[0.0, 0.0]]);
        // Too wide on one line, it fits wrapped on two.
        let wrapped = Candidate::new([5.0, 5.0], &[[30.0, 4.0], [8.0, 8.0]], &[[0.0, 0.0]]);
        let placed = place(&[label(5.0, 5.0, 30.0), snug], &[], 0.0, fits);
        assert!(placed[0].is_none());
        assert!(placed[1].is_some());
        assert_eq!(place(&[wrapped], &[], 0.0, fits)[0].map(|p| p.0), Some(1));
    }

    #[test]
    fn holes_are_outside() {
        let with_hole = vec![
            vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]],
            vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0]],
        ];
        assert!(!inside(&with_hole, [5.0, 5.0]));
        assert!(inside(&with_hole, [2.0, 2.0]));
    }
}
