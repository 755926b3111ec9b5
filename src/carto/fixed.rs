//! Numbers as text to a fixed number of decimals, written from integers: float formatting would
//! add kilobytes to the wasm. The one writer for path data, messages and CSV files.

use std::fmt::Write;

/// Appends `v` rounded to `decimals` places (at most 9); with `trim`, without trailing zeros
/// (and without the point when nothing is left after it). Never "-0"; any `f64`, however large
/// or odd, writes something (saturating), never panics.
///
/// ```
/// use sahel_map::carto::fixed::fixed;
/// assert_eq!(fixed(-0.0056, 5, false), "-0.00560");
/// assert_eq!(fixed(12.30, 3, true), "12.3");
/// assert_eq!(fixed(-0.04, 1, true), "0");
/// assert_eq!(fixed(2.0, 1, true), "2");
/// assert_eq!(fixed(-1e300, 3, true), "-18446744073709551.615");
/// ```
pub fn write_fixed(v: f64, decimals: u32, trim: bool, out: &mut String) {
    let scale = 10u64.pow(decimals.min(9));
    // `as` saturates and maps NaN to 0.
    let n = (v.abs() * scale as f64).round() as u64;
    if v < 0.0 && n != 0 {
        out.push('-');
    }
    let (whole, mut frac) = (n / scale, n % scale);
    let _ = write!(out, "{whole}");
    let mut digits = decimals.min(9) as usize;
    if trim {
        if frac == 0 {
            return;
        }
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
    }
    if digits > 0 {
        let _ = write!(out, ".{frac:0digits$}");
    }
}

/// [`write_fixed`] into a new string.
pub fn fixed(v: f64, decimals: u32, trim: bool) -> String {
    let mut out = String::new();
    write_fixed(v, decimals, trim, &mut out);
    out
}
