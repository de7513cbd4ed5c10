//! Just enough of Python's ElementTree for the CT extraction: the subtrees rooted at chosen
//! elements, names namespace-resolved, `text` = the characters before the first child (as
//! ElementTree's `.text`), attribute values normalized as an XML 1.0 parser does.

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};
use std::io::BufRead;

pub struct Element {
    ns: String,
    name: String,
    /// (namespace, local name, value)
    attrs: Vec<(String, String, String)>,
    pub text: String,
    pub children: Vec<Element>,
    /// A child has started: later characters are its tail, not this element's text.
    text_done: bool,
}

fn ns_of(r: ResolveResult<'_>) -> String {
    match r {
        ResolveResult::Bound(ns) => ns.into_inner().to_owned(),
        _ => String::new(),
    }
}

impl Element {
    fn new(e: &BytesStart<'_>, resolver: &NamespaceResolver) -> Result<Self, String> {
        let (ns, local) = resolver.resolve_element(e.name());
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|x| x.to_string())?;
            let key: QName<'_> = a.key;
            let (ans, alocal) = resolver.resolve_attribute(key);
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|x| x.to_string())?;
            attrs.push((
                ns_of(ans),
                alocal.into_inner().to_owned(),
                value.into_owned(),
            ));
        }
        Ok(Self {
            name: local.into_inner().to_owned(),
            ns: ns_of(ns),
            attrs,
            text: String::new(),
            children: Vec::new(),
            text_done: false,
        })
    }

    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// `el.get("{ns}name")`; `ns` empty for an attribute without a prefix.
    pub fn attr(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, l, _)| n == ns && l == name)
            .map(|(_, _, v)| v.as_str())
    }

    /// `el.findall("ns:name")`: the direct children of that name.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    /// `el.findtext("ns:name", default="")`.
    pub fn child_text(&self, ns: &str, name: &str) -> &str {
        self.children
            .iter()
            .find(|c| c.is(ns, name))
            .map_or("", |c| c.text.as_str())
    }

    /// `el.iter()`: this element and its descendants, in document order.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.descendants());
        }
        out
    }
}

/// Every outermost element named one of `roots` (namespace, local name), with its subtree,
/// in document order. Together they hold every such element of the document, so iterating
/// their `descendants()` is ElementTree's `root.iter(tag)`.
pub fn subtrees(input: impl BufRead, roots: &[(&str, &str)]) -> Result<Vec<Element>, String> {
    let mut reader = NsReader::from_reader(input);
    let mut buf = Vec::new();
    // The captured subtree being read, outermost first. Outside every captured subtree it is
    // empty; inside one, every start is pushed, so each end closes the innermost element.
    let mut open: Vec<Element> = Vec::new();
    let mut out = Vec::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(format!("byte {}: {e}", reader.buffer_position())),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let resolver = reader.resolver();
                if open.is_empty() {
                    let (ns, local) = resolver.resolve_element(e.name());
                    let (ns, local) = (ns_of(ns), local.into_inner());
                    if !roots.iter().any(|&(n, l)| n == ns && l == local) {
                        continue;
                    }
                }
                let el = Element::new(e, resolver)?;
                if let Some(parent) = open.last_mut() {
                    parent.text_done = true;
                }
                open.push(el);
                if matches!(event, Event::Empty(_)) {
                    close(&mut open, &mut out);
                }
            }
            Event::End(_) => close(&mut open, &mut out),
            Event::Text(t) => append(&mut open, &t.xml10_content()),
            Event::CData(t) => append(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.into_inner();
                        resolve_predefined_entity(&name)
                            .ok_or_else(|| format!("unknown entity &{name};"))?
                            .to_owned()
                    }
                };
                append(&mut open, &text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Closes the innermost open element, into its parent or, for a captured root, into `out`.
fn close(open: &mut Vec<Element>, out: &mut Vec<Element>) {
    let Some(el) = open.pop() else { return };
    match open.last_mut() {
        Some(parent) => parent.children.push(el),
        None => out.push(el),
    }
}

fn append(open: &mut [Element], text: &str) {
    if let Some(el) = open.last_mut()
        && !el.text_done
    {
        el.text.push_str(text);
    }
}
