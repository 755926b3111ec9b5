//! Small serde building blocks that read JSON leniently and with little code: the wasm carries
//! every generic instantiation, so these replace heavier general-purpose types.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A string where the data has one; any other JSON value reads as `None` instead of failing the
/// whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LenientString(pub Option<String>);

impl<'de> Deserialize<'de> for LenientString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LenientString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(LenientString(Some(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(LenientString(Some(s)))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(LenientString(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(LenientString(None))
            }
        }
        d.deserialize_any(V)
    }
}

impl LenientString {
    /// The trimmed, non-empty string, if any.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
}

/// Arrays nested to any depth with numbers at the leaves, as GeoJSON coordinates are.
#[derive(Clone, Debug, PartialEq)]
pub enum Nested {
    Number(f64),
    List(Vec<Nested>),
}

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Nested;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or an array")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nested, E> {
                Ok(Nested::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nested, E> {
                Ok(Nested::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nested, E> {
                Ok(Nested::Number(v as f64))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nested, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Nested::List(items))
            }
        }
        d.deserialize_any(V)
    }
}

impl Nested {
    pub fn list(&self) -> Option<&[Nested]> {
        match self {
            Nested::List(items) => Some(items),
            Nested::Number(_) => None,
        }
    }

    /// `[x, y, …]` with finite x and y.
    pub fn position(&self) -> Option<[f64; 2]> {
        match self.list()? {
            [Nested::Number(x), Nested::Number(y), ..] if x.is_finite() && y.is_finite() => {
                Some([*x, *y])
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_strings_ignore_other_values() {
        let v: Vec<LenientString> =
            serde_json::from_str(r#"["a", 1, null, [1], {"x": 2}, " "]"#).unwrap();
        let texts: Vec<Option<&str>> = v.iter().map(LenientString::text).collect();
        assert_eq!(texts, [Some("a"), None, None, None, None, None]);
    }

    #[test]
    fn nested_reads_any_depth_and_rejects_strings() {
        let n: Nested = serde_json::from_str("[[1, 2.5], [3, -4, 7]]").unwrap();
        let items = n.list().unwrap();
        assert_eq!(items[0].position(), Some([1.0, 2.5]));
        assert_eq!(items[1].position(), Some([3.0, -4.0]));
        assert!(serde_json::from_str::<Nested>(r#"[["a", 1]]"#).is_err());
    }
}
