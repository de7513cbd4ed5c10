//! A small, hostile-input-safe XML tree for registry exports.
//!
//! Registry XML is flat and small per record, so a tree is simpler than streaming and costs
//! little. What matters is what we refuse: any DOCTYPE (and so any entity declaration,
//! external entity or expansion bomb) is an error before a single entity could be defined,
//! and the only references resolved are the five predefined entities and numeric
//! character references. Nothing is ever fetched.

use crate::error::{Format, Location, RegistryError, line_column};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, Event};
use quick_xml::reader::Reader;

/// Deeper nesting than any registry schema has is an attack or a broken file.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The concatenated direct text content, references resolved, not trimmed.
    pub text: String,
    /// Byte offset of the start tag in the document.
    pub offset: usize,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Trimmed text; `None` when blank.
    pub fn value(&self) -> Option<String> {
        let t = self.text.trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// Trimmed text of the first child `name`, or of its `<textblock>` when it has one
    /// (the legacy CT.gov XML wraps long text that way). `None` when absent or blank.
    pub fn text_of(&self, name: &str) -> Option<String> {
        let c = self.child(name)?;
        match c.child("textblock") {
            Some(tb) => tb.block_value(),
            None => c.value(),
        }
    }

    /// Text with the common indentation of its lines removed, so that criteria lists keep
    /// their relative indentation (which is how sub-items are told apart).
    pub fn block_value(&self) -> Option<String> {
        let lines: Vec<&str> = self.text.lines().collect();
        let indent = lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()?;
        let body: Vec<&str> = lines
            .iter()
            .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
            .collect();
        let joined = body.join("\n");
        let t = joined.trim_matches('\n').trim_end();
        (!t.is_empty()).then(|| t.to_owned())
    }
}

/// Where `el` starts, for an error about it.
pub(crate) fn location(text: &str, path: &str, el: &Element) -> Location {
    let (line, column) = line_column(text, el.offset);
    Location::Xml {
        path: path.to_owned(),
        line,
        column,
    }
}

/// Parses a whole document into its root element.
pub(crate) fn parse(text: &str, format: Format) -> Result<Element, RegistryError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().check_end_names = true;
    let syntax = |offset: u64, message: String| {
        let (line, column) = line_column(text, offset as usize);
        RegistryError::Syntax {
            format,
            line,
            column,
            message,
        }
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| syntax(reader.error_position(), e.to_string()))?;
        match event {
            Event::DocType(_) => {
                let (line, column) = line_column(text, start as usize);
                return Err(RegistryError::Refused {
                    format,
                    construct: "DOCTYPE declaration",
                    line,
                    column,
                });
            }
            Event::Start(s) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(syntax(
                        start,
                        format!("elements nested deeper than {MAX_DEPTH}"),
                    ));
                }
                if root.is_some() && stack.is_empty() {
                    return Err(syntax(start, "a second root element".to_owned()));
                }
                let mut attrs = Vec::new();
                for a in s.attributes() {
                    let a = a.map_err(|e| syntax(start, e.to_string()))?;
                    let v = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| syntax(start, e.to_string()))?;
                    attrs.push((a.key.as_ref().to_owned(), v.into_owned()));
                }
                let name = s.name().as_ref().to_owned();
                stack.push(Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    text: String::new(),
                    offset: start as usize,
                });
            }
            Event::End(_) => {
                if let Some(el) = stack.pop() {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(el),
                        None => root = Some(el),
                    }
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content(), || {
                syntax(start, "text outside the root element".to_owned())
            })?,
            Event::CData(c) => push_text(&mut stack, &c.xml10_content(), || {
                syntax(start, "CDATA outside the root element".to_owned())
            })?,
            Event::GeneralRef(r) => {
                let resolved = resolve(&r).ok_or_else(|| {
                    let (line, column) = line_column(text, start as usize);
                    RegistryError::UndeclaredEntity {
                        format,
                        name: r.xml10_content().into_owned(),
                        line,
                        column,
                    }
                })?;
                push_text(&mut stack, &resolved, || {
                    syntax(start, "a reference outside the root element".to_owned())
                })?;
            }
            Event::Eof => break,
            // `expand_empty_elements` turns `<a/>` into Start + End, so Empty never arrives.
            Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        let (line, column) = line_column(text, open.offset);
        return Err(RegistryError::Syntax {
            format,
            line,
            column,
            message: format!("<{}> is never closed (truncated document?)", open.name),
        });
    }
    root.ok_or_else(|| syntax(text.len() as u64, "no root element".to_owned()))
}

fn push_text(
    stack: &mut [Element],
    s: &str,
    outside: impl FnOnce() -> RegistryError,
) -> Result<(), RegistryError> {
    match stack.last_mut() {
        Some(top) => {
            top.text.push_str(s);
            Ok(())
        }
        None if s.trim().is_empty() => Ok(()),
        None => Err(outside()),
    }
}

/// The five predefined entities and character references; anything else is undeclared
/// (there can be no declarations: DOCTYPE is refused).
fn resolve(r: &BytesRef<'_>) -> Option<String> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().map(String::from);
    }
    let s = match &**r {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    };
    Some(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(s: &str) -> Element {
        parse(s, Format::CtgovXml).unwrap()
    }

    #[test]
    fn predefined_and_numeric_references_resolve() {
        let el =
            parse_ok("<a x=\"1 &amp; 2\">&lt;5 &#x3B1;&#946; &quot;q&quot;<![CDATA[<raw>]]></a>");
        assert_eq!(el.text, "<5 αβ \"q\"<raw>");
        assert_eq!(el.attr("x"), Some("1 & 2"));
    }

    #[test]
    fn doctype_is_refused_before_anything_is_defined() {
        let e = parse(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>",
            Format::Ictrp,
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                RegistryError::Refused {
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn unknown_entity_is_positioned() {
        let e = parse("<a>\n  x &nbsp; y</a>", Format::CtgovXml).unwrap_err();
        assert!(
            matches!(&e, RegistryError::UndeclaredEntity { name, line: 2, .. } if name == "nbsp"),
            "{e}"
        );
    }

    #[test]
    fn unclosed_and_mismatched_tags_are_positioned() {
        let e = parse("<a>\n  <b>text\n", Format::CtgovXml).unwrap_err();
        assert_eq!(e.position(), Some((2, 3)), "{e}");
        let e = parse("<a>\n<b></c></a>", Format::CtgovXml).unwrap_err();
        assert!(matches!(e, RegistryError::Syntax { line: 2, .. }), "{e}");
    }

    #[test]
    fn textblock_keeps_relative_indentation() {
        let el =
            parse_ok("<c><textblock>\n      A:\n        - x\n          y\n    </textblock></c>");
        assert_eq!(
            el.child("textblock").unwrap().block_value().unwrap(),
            "A:\n  - x\n    y"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        assert!(parse(&deep, Format::CtgovXml).is_err());
    }
}
