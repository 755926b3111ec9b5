//! Which shapes touch, and along what: borders found as edges two shapes both have. Works on
//! any geometry whose shared borders have identical vertices, as `cargo xtask geodata` makes
//! them (arc-level simplification).

use geo_types::{Coord, LineString, MultiLineString, MultiPolygon};
use std::collections::{HashMap, HashSet};

/// A vertex quantized to millionths of a degree, so equal vertices compare equal.
type Key = (i64, i64);
/// An undirected edge: its two vertex keys, smaller first.
type Edge = (Key, Key);

fn key(c: Coord) -> Key {
    ((c.x * 1e6).round() as i64, (c.y * 1e6).round() as i64)
}

fn edge(a: Key, b: Key) -> Edge {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Polygon boundaries as sets of undirected edges.
pub trait Edges {
    fn edges(&self) -> HashSet<Edge>;
}

impl Edges for MultiPolygon {
    fn edges(&self) -> HashSet<Edge> {
        self.0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|ring| ring.0.windows(2).map(|w| edge(key(w[0]), key(w[1]))))
            .filter(|(a, b)| a != b)
            .collect()
    }
}

/// Whether two shapes share at least one border edge (touching at a point is not enough).
///
/// ```
/// use geo_types::{polygon, MultiPolygon};
/// use sahel_map::carto::topology::share_border;
/// let west = MultiPolygon(vec![polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 1., y: 1.), (x: 0., y: 1.)]]);
/// let east = MultiPolygon(vec![polygon![(x: 1., y: 0.), (x: 2., y: 0.), (x: 2., y: 1.), (x: 1., y: 1.)]]);
/// let far = MultiPolygon(vec![polygon![(x: 5., y: 5.), (x: 6., y: 5.), (x: 6., y: 6.)]]);
/// assert!(share_border(&west, &east));
/// assert!(!share_border(&west, &far));
/// ```
pub fn share_border(a: &MultiPolygon, b: &MultiPolygon) -> bool {
    let b = b.edges();
    a.edges().iter().any(|e| b.contains(e))
}

/// The border two shapes share, as lines chained from their common edges, following `a`'s
/// rings so each chain is in order.
pub fn shared_border(a: &MultiPolygon, b: &MultiPolygon) -> MultiLineString {
    let theirs = b.edges();
    chains(a, |e| theirs.contains(e))
}

/// The outline of several shapes taken together: the edges only one of them has (borders
/// between two of them are inside), chained along each shape's rings.
///
/// ```
/// use geo_types::{polygon, MultiPolygon};
/// use sahel_map::carto::topology::outer_border;
/// let west = MultiPolygon(vec![polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 1., y: 1.), (x: 0., y: 1.)]]);
/// let east = MultiPolygon(vec![polygon![(x: 1., y: 0.), (x: 2., y: 0.), (x: 2., y: 1.), (x: 1., y: 1.)]]);
/// let outline = outer_border(&[&west, &east]);
/// // Each square's three outer sides, chained: the shared side x = 1 is left out.
/// assert_eq!(outline.0.len(), 2);
/// assert!(outline.0.iter().all(|l| l.0.len() == 4));
/// ```
pub fn outer_border(shapes: &[&MultiPolygon]) -> MultiLineString {
    // An edge is outer where no other shape has it. Plain scans, neither hashing nor sorting:
    // the widget draws this for a few shapes, and either would add generic code to the wasm.
    let edges: Vec<Vec<Edge>> = shapes
        .iter()
        .map(|s| {
            s.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .flat_map(|ring| ring.0.windows(2).map(|w| edge(key(w[0]), key(w[1]))))
                .collect()
        })
        .collect();
    let lines = shapes.iter().enumerate().flat_map(|(i, s)| {
        let edges = &edges;
        let outer = move |e: &Edge| {
            edges
                .iter()
                .enumerate()
                .all(|(j, theirs)| j == i || !theirs.contains(e))
        };
        chains(s, outer).0
    });
    MultiLineString(lines.collect())
}

/// The runs of `shape`'s ring edges that `keep` accepts, as lines in ring order.
fn chains(shape: &MultiPolygon, keep: impl Fn(&Edge) -> bool) -> MultiLineString {
    let mut lines = Vec::new();
    for ring in shape
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
    {
        let ring_start = lines.len();
        let mut current: Vec<Coord> = Vec::new();
        for w in ring.0.windows(2) {
            if keep(&edge(key(w[0]), key(w[1]))) {
                if current.is_empty() {
                    current.push(w[0]);
                }
                current.push(w[1]);
            } else if !current.is_empty() {
                lines.push(LineString(std::mem::take(&mut current)));
            }
        }
        if !current.is_empty() {
            // A chain running through the ring's closing point continues at its start.
            match lines.get_mut(ring_start) {
                Some(first)
                    if ring.0.first() == current.last() && first.0.first() == ring.0.first() =>
                {
                    current.extend(first.0.drain(1..));
                    *first = LineString(current);
                }
                _ => lines.push(LineString(current)),
            }
        }
    }
    MultiLineString(lines)
}

/// Pairs of shapes (by index) that share a border.
pub fn neighbours(shapes: &[&MultiPolygon]) -> Vec<(usize, usize)> {
    let edges: Vec<HashSet<Edge>> = shapes.iter().map(|s| s.edges()).collect();
    // Index edges once: each edge names the shapes that have it.
    let mut owners: HashMap<Edge, Vec<usize>> = HashMap::new();
    for (i, set) in edges.iter().enumerate() {
        for e in set {
            owners.entry(*e).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = owners
        .values()
        .flat_map(|o| {
            o.iter()
                .flat_map(move |&i| o.iter().filter(move |&&j| i < j).map(move |&j| (i, j)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Arrow-key directions on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Right,
    Down,
    Left,
}

impl Direction {
    pub const ALL: [Direction; 4] = [
        Direction::Up,
        Direction::Right,
        Direction::Down,
        Direction::Left,
    ];

    /// Unit vector on screen (y down).
    fn vector(self) -> [f64; 2] {
        match self {
            Direction::Up => [0.0, -1.0],
            Direction::Right => [1.0, 0.0],
            Direction::Down => [0.0, 1.0],
            Direction::Left => [-1.0, 0.0],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Right => "right",
            Direction::Down => "down",
            Direction::Left => "left",
        }
    }
}

/// Of `candidates` (screen positions), the one an arrow key in `direction` should move to from
/// `from`: within 70° of the arrow, preferring small angles, then short distances.
///
/// ```
/// use sahel_map::carto::topology::{toward, Direction};
/// let from = [0.0, 0.0];
/// let candidates = [[10.0, 1.0], [0.0, -10.0], [-10.0, 0.0]];
/// assert_eq!(toward(from, &candidates, Direction::Right), Some(0));
/// assert_eq!(toward(from, &candidates, Direction::Up), Some(1));
/// assert_eq!(toward(from, &candidates, Direction::Down), None);
/// ```
pub fn toward(from: [f64; 2], candidates: &[[f64; 2]], direction: Direction) -> Option<usize> {
    let d = direction.vector();
    let max_angle = 70f64.to_radians();
    candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let v = [c[0] - from[0], c[1] - from[1]];
            let length = v[0].hypot(v[1]);
            if length == 0.0 {
                return None;
            }
            let angle = ((v[0] * d[0] + v[1] * d[1]) / length)
                .clamp(-1.0, 1.0)
                .acos();
            // A neighbour straight ahead wins over a nearer one off to the side.
            (angle <= max_angle).then_some((i, length * (1.0 + 2.0 * angle)))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::polygon;

    fn square(x: f64, y: f64) -> MultiPolygon {
        MultiPolygon(vec![polygon![
            (x: x, y: y), (x: x + 1.0, y: y), (x: x + 1.0, y: y + 1.0), (x: x, y: y + 1.0), (x: x, y: y)
        ]])
    }

    #[test]
    fn finds_neighbours_by_shared_edges_not_shared_corners() {
        let shapes = [
            square(0.0, 0.0),
            square(1.0, 0.0),
            square(1.0, 1.0),
            square(5.0, 5.0),
        ];
        let refs: Vec<&MultiPolygon> = shapes.iter().collect();
        // (0, 2) touch only at the corner (1, 1).
        assert_eq!(neighbours(&refs), vec![(0, 1), (1, 2)]);
    }

    #[test]
    fn the_shared_border_is_one_chain_even_across_the_ring_start() {
        // An L-shaped neighbour wraps two sides of the square, around its ring's start (0, 0).
        let a = square(0.0, 0.0);
        let b = MultiPolygon(vec![polygon![
            (x: -1.0, y: -1.0), (x: 1.0, y: -1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 0.0),
            (x: 0.0, y: 1.0), (x: -1.0, y: 1.0), (x: -1.0, y: -1.0)
        ]]);
        let border = shared_border(&a, &b);
        assert_eq!(border.0.len(), 1, "{border:?}");
        let line: Vec<(f64, f64)> = border.0[0].0.iter().map(|c| (c.x, c.y)).collect();
        assert_eq!(line, [(0.0, 1.0), (0.0, 0.0), (1.0, 0.0)]);
    }
}
