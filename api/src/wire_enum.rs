//! Snake_case wire enums: `as_str`, `parse` and `ALL` declared once per enum, and their serde
//! written over `as_str`/`parse`. serde's derive gives each enum its own visitor (~1 KB of wasm
//! per enum in the member app, which downloads most of them); here an enum costs a few bytes and
//! shares one reader of the wire's text.

use serde::{de, Deserialize, Deserializer};

/// Declares `$name` with its variants' wire texts. Attributes before the name (doc comments,
/// extra derives) and before each variant (`#[default]`, doc comments) are kept.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", serde(rename_all = "snake_case"))]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case form used on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire_enum::read(deserializer, Self::parse, &[$($text),+])
            }
        }
    };
}
pub(crate) use wire_enum;

/// Reads a wire text and parses it; an unknown text is the error serde's derive would give.
pub fn read<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> Option<T>,
    names: &'static [&'static str],
) -> Result<T, D::Error> {
    let WireText(text) = WireText::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| de::Error::unknown_variant(&text, names))
}

/// Any string on the wire, borrowed or not.
struct WireText(String);

impl<'de> Deserialize<'de> for WireText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl de::Visitor<'_> for Text {
            type Value = WireText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a snake_case name")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<WireText, E> {
                Ok(WireText(value.to_owned()))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use crate::{feed::Category, groups::Role, ErrorCode};

    #[test]
    fn a_wire_enum_reads_and_writes_its_snake_case_text() {
        assert_eq!(
            serde_json::to_string(&Category::HealthBeauty).unwrap(),
            r#""health_beauty""#
        );
        assert_eq!(
            serde_json::from_str::<Role>(r#""moderator""#).unwrap(),
            Role::Moderator
        );
        assert_eq!(
            serde_json::from_str::<ErrorCode>(r#""invalid_phone""#).unwrap(),
            ErrorCode::InvalidPhone
        );
    }

    #[test]
    fn an_unknown_text_is_refused_with_the_names_it_could_be() {
        let error = serde_json::from_str::<Role>(r#""queen""#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown variant `queen`"), "{error}");
        assert!(error.contains("moderator"), "{error}");
        assert!(serde_json::from_str::<Role>("3").is_err());
    }
}
