//! Dates as the dataset writes them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with no date library.
//!
//! Valid dates compare correctly as plain strings: a shorter date sorts before the longer ones
//! it is a prefix of, so a partial date counts from the first day of its period ("2023-12" is on
//! or before "2023-12-01"). That one rule serves every as-of question.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(String);

impl Date {
    /// ```
    /// use sahel_map::dataset::Date;
    /// assert!(Date::parse("2024-02-29").is_some());
    /// assert!(Date::parse("2023-02-29").is_none());
    /// assert!(Date::parse("2024-13").is_none());
    /// assert!(Date::parse("2023-12").unwrap() <= Date::parse("2023-12-01").unwrap());
    /// ```
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = digits(0..4)?;
        match b.len() {
            4 => {}
            7 if b[4] == b'-' => {
                let month = digits(5..7)?;
                if !(1..=12).contains(&month) {
                    return None;
                }
            }
            10 if b[4] == b'-' && b[7] == b'-' => {
                let month = digits(5..7)?;
                let day = digits(8..10)?;
                if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
                    return None;
                }
            }
            _ => return None,
        }
        Some(Date(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn year(&self) -> u32 {
        self.0[..4].parse().unwrap_or(0)
    }

    /// Month 1–12, if given.
    pub fn month(&self) -> Option<u32> {
        self.0.get(5..7).and_then(|m| m.parse().ok())
    }

    /// Day of the month, if given.
    pub fn day(&self) -> Option<u32> {
        self.0.get(8..10).and_then(|d| d.parse().ok())
    }

    /// Months from January of `year0` to this date's month (January for a bare year): the
    /// timeline's steps.
    ///
    /// ```
    /// use sahel_map::dataset::Date;
    /// assert_eq!(Date::parse("2024-03-16").unwrap().month_index(2012), 146);
    /// assert_eq!(Date::parse("2012").unwrap().month_index(2012), 0);
    /// ```
    pub fn month_index(&self, year0: u32) -> i64 {
        (i64::from(self.year()) - i64::from(year0)) * 12 + i64::from(self.month().unwrap_or(1)) - 1
    }

    /// The last day of the month `index` months after January of `year0`: a month on the
    /// timeline shows everything that happened in it.
    ///
    /// ```
    /// use sahel_map::dataset::Date;
    /// assert_eq!(Date::end_of_month(2012, 146).as_str(), "2024-03-31");
    /// assert_eq!(Date::end_of_month(2012, 25).as_str(), "2014-02-28");
    /// ```
    pub fn end_of_month(year0: u32, index: i64) -> Date {
        let index = index.max(0);
        let year = year0 + (index / 12) as u32;
        let month = (index % 12) as u32 + 1;
        let day = days_in_month(year, month);
        Date(format!("{year:04}-{month:02}-{day:02}"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl crate::i18n::Calendar for Date {
    fn year(&self) -> u32 {
        Date::year(self)
    }
    fn month(&self) -> Option<u32> {
        Date::month(self)
    }
    fn day(&self) -> Option<u32> {
        Date::day(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn accepts_the_three_precisions_and_nothing_else() {
        for ok in ["2012", "2012-07", "2012-07-06", "2000-02-29"] {
            assert!(Date::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "12",
            "2012-7",
            "2012-00",
            "2012-07-32",
            "2012-04-31",
            "1900-02-29",
            "2012/07/06",
            "2012-07-06T00",
            "20x2",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn partial_dates_count_from_the_first_day_of_their_period() {
        assert!(d("2023-12") <= d("2023-12-01"));
        assert!(d("2023-12") <= d("2023-12-31"));
        assert!(d("2023") <= d("2023-01-01"));
        assert!(d("2023-11-30") < d("2023-12"));
        assert!(d("2024-08-05") > d("2024-08"));
        assert_eq!(
            (
                d("2024-08-05").year(),
                d("2024-08-05").month(),
                d("2024").day()
            ),
            (2024, Some(8), None)
        );
    }
}
