//! Short lists put in order without the standard sorts: each `sort_by` instantiates its merge
//! and partition code for its element type and comparator (about 4 KB of wasm apiece), and the
//! lists ordered here hold a few dozen items.

use std::cmp::Ordering;

/// The indices `0..n` ordered by `cmp`, equal ones kept in index order (stable), by insertion:
/// one function in the wasm for every caller.
///
/// ```
/// use sahel_map::view::order::ordered;
/// let sizes = [3, 1, 2, 1];
/// assert_eq!(ordered(4, &|a, b| sizes[a].cmp(&sizes[b])), [1, 3, 2, 0]);
/// ```
pub fn ordered(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        // After every index already placed that does not come after it.
        let at = order
            .iter()
            .rposition(|&j| cmp(j, i) != Ordering::Greater)
            .map_or(0, |p| p + 1);
        order.insert(at, i);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::ordered;

    #[test]
    fn agrees_with_the_stable_sort() {
        // Keys with many ties, in every rotation: the standard stable sort is the reference.
        let keys = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0, 2, 2];
        for shift in 0..keys.len() {
            let k: Vec<i32> = keys
                .iter()
                .cycle()
                .skip(shift)
                .take(keys.len())
                .copied()
                .collect();
            let mut expected: Vec<usize> = (0..k.len()).collect();
            expected.sort_by_key(|&i| k[i]);
            assert_eq!(ordered(k.len(), &|a, b| k[a].cmp(&k[b])), expected);
        }
        assert!(ordered(0, &|_, _| unreachable!()).is_empty());
    }
}
