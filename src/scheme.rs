//! The annotation scheme beyond the span labels: relation types, attributes
//! and document labels.
//!
//! A [`Label`](crate::annotation::Label) says what a span is. A [`Scheme`]
//! says what else a person may mark: what a link between two spans means
//! ([`RelationType`]), which attributes an annotation or a relation may
//! carry ([`AttributeDef`]), and the labels of a whole document
//! ([`DocLabelDef`]). The page keeps it with the document and the native
//! format carries it; a file whose scheme is empty leaves it out.
//!
//! Serialized (camelCase) it is the page's `model.scheme` exactly
//! (`www/js/scheme.js`), so a state crosses the wasm boundary unchanged.
//!
//! ```
//! use biaozhu::scheme::Scheme;
//!
//! let json = r##"{"relations": [{"id": "SAID", "name": "发言 said", "color": "#d95f02", "key": "1", "directed": true}],
//!                 "docLabels": [{"id": "relevant", "name": "相关", "key": "1"}]}"##;
//! let scheme: Scheme = serde_json::from_str(json).unwrap();
//! assert_eq!(scheme.relations[0].id, "SAID");
//! assert!(scheme.attributes.is_empty());
//! assert!(!scheme.is_empty());
//! assert!(Scheme::default().is_empty());
//! ```

use serde::{Deserialize, Serialize};

use crate::annotation::Label;

/// Relation types, attributes and document labels.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scheme {
    /// What a link between two annotations may mean, in display order.
    #[serde(default)]
    pub relations: Vec<RelationType>,
    /// Attributes an annotation or relation may carry.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
    /// Labels of a whole document; several may apply.
    #[serde(default)]
    pub doc_labels: Vec<DocLabelDef>,
}

impl Scheme {
    /// Whether it declares nothing (then files leave it out).
    pub fn is_empty(&self) -> bool {
        self.relations.is_empty() && self.attributes.is_empty() && self.doc_labels.is_empty()
    }
}

/// One relation type: the `kind` of a [`Relation`](crate::annotation::Relation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationType {
    /// What relations refer to (their `kind`).
    pub id: String,
    /// What a person reads.
    #[serde(default)]
    pub name: String,
    /// `#rrggbb`.
    #[serde(default)]
    pub color: String,
    /// The key that gives a relation this type.
    #[serde(default)]
    pub key: Option<String>,
    /// Whether `from` → `to` is a direction (brat's arguments `Arg1`, `Arg2`)
    /// or the two ends are alike.
    #[serde(default = "yes")]
    pub directed: bool,
}

fn yes() -> bool {
    true
}

/// One attribute an annotation or relation may carry (brat's `A` lines).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// The attribute's name in `attributes`.
    pub id: String,
    /// What a person reads.
    #[serde(default)]
    pub name: String,
    /// `flag` (present or not: the value `"true"`), `choice` (one of
    /// `values`) or `text` (free).
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The values a `choice` offers, in order.
    #[serde(default)]
    pub values: Vec<String>,
    /// The key (pressed with Alt) that sets it.
    #[serde(default)]
    pub key: Option<String>,
    /// `span`, `relation` or `both`.
    #[serde(default)]
    pub on: String,
}

/// One label of a whole document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocLabelDef {
    /// What the document's `docLabels` hold.
    pub id: String,
    /// What a person reads.
    #[serde(default)]
    pub name: String,
    /// The key (pressed with Alt+Shift) that toggles it.
    #[serde(default)]
    pub key: Option<String>,
}

/// A label scheme on its own, as a file holds it: the span labels and the
/// rest of the [`Scheme`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemeFile {
    /// The span labels, in display order.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// Relation types, attributes, document labels.
    #[serde(flatten)]
    pub scheme: Scheme,
}

/// The files a scheme is read from and written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeFormat {
    /// `{"format": "biaozhu-scheme", "version": 1, "labels", "relations", "attributes", "docLabels"}`.
    Native,
    /// brat's `annotation.conf`: `[entities]`, `[relations]`, `[attributes]`.
    BratConf,
    /// A Label Studio labeling config: `<Labels>`, `<Relations>`, `<Choices>`, `<TextArea>`.
    LabelStudio,
}

impl SchemeFormat {
    /// The format named `name` (`biaozhu`, `brat`, `label-studio`).
    pub fn from_name(name: &str) -> Option<SchemeFormat> {
        match name {
            "biaozhu" => Some(SchemeFormat::Native),
            "brat" => Some(SchemeFormat::BratConf),
            "label-studio" => Some(SchemeFormat::LabelStudio),
            _ => None,
        }
    }

    /// The file name a scheme of this format is offered under.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemeFormat::Native => "scheme.biaozhu.json",
            SchemeFormat::BratConf => "annotation.conf",
            SchemeFormat::LabelStudio => "labeling-config.xml",
        }
    }
}

/// Reads a scheme file, telling the format from its content: JSON (the
/// native scheme file), XML (a Label Studio config) or brat's sections.
/// Colours and keys a format does not hold are left empty for the page to
/// fill. The error names the file, the line and what is wrong.
///
/// ```
/// use biaozhu::scheme::read_scheme;
///
/// let conf = "[entities]\nPER\nLOC\n[relations]\nLives_in\tArg1:PER, Arg2:LOC\n\
///             Related\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric\n\
///             [attributes]\nNegated\tArg:<ENTITY>\nPolarity\tArg:<ENTITY>, Value:pos|neg\n";
/// let file = read_scheme("annotation.conf", conf).unwrap();
/// assert_eq!(file.labels.len(), 2);
/// assert!(file.scheme.relations[0].directed);
/// assert!(!file.scheme.relations[1].directed);
/// assert_eq!(file.scheme.attributes[1].kind, "choice");
/// assert_eq!(file.scheme.attributes[1].values, ["pos", "neg"]);
/// ```
pub fn read_scheme(name: &str, content: &str) -> Result<SchemeFile, String> {
    let body = content.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        read_native(name, body)
    } else if body.starts_with('<') {
        read_label_studio(name, body)
    } else if body.contains("[entities]") || body.contains("[relations]") {
        Ok(read_brat(content))
    } else {
        Err(format!("{name}: {NOT_A_SCHEME}"))
    }
}

/// Why a file that is none of the three scheme formats is refused (after
/// its name and a colon): a page says it in its own words.
pub const NOT_A_SCHEME: &str = "not a label scheme: expected a biaozhu scheme (JSON), a brat annotation.conf ([entities] …) or a Label Studio labeling config (<View> …)";

fn read_native(name: &str, body: &str) -> Result<SchemeFile, String> {
    let value: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| format!("{name}:{}: not valid JSON: {e}", e.line()))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some("biaozhu-scheme") => {}
        Some("biaozhu") => {}
        other => {
            return Err(format!(
                "{name}: \"format\" must be \"biaozhu-scheme\", found {}",
                other.map_or("nothing".to_owned(), |f| format!(
                    "\"{}\"",
                    crate::formats::words::cut(f)
                ))
            ))
        }
    }
    // An annotation file of biaozhu holds a scheme too: its labels and "scheme".
    let value = match value.get("scheme") {
        Some(inner) if value.get("document").is_some() => {
            let mut merged = inner.clone();
            merged["labels"] = value.get("labels").cloned().unwrap_or_default();
            merged
        }
        _ => value,
    };
    serde_json::from_value(value).map_err(|e| format!("{name}: {e}"))
}

fn read_brat(content: &str) -> SchemeFile {
    let mut file = SchemeFile::default();
    let mut section = "";
    for raw in content.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = match line {
                "[entities]" => "entities",
                "[relations]" => "relations",
                "[attributes]" => "attributes",
                _ => "",
            };
            continue;
        }
        // `!Type` is an abstract type of a hierarchy (not usable), `<…>` a macro or brat's own.
        if line.starts_with('!') || line.starts_with('<') {
            continue;
        }
        let mut parts = line.splitn(2, char::is_whitespace);
        let id = parts.next().unwrap_or("").to_owned();
        let args = parts.next().unwrap_or("").trim();
        match section {
            "entities" => file.labels.push(Label::new(&id, &id, "", None)),
            "relations" => file.scheme.relations.push(RelationType {
                name: id.clone(),
                id,
                color: String::new(),
                key: None,
                directed: !args.contains("symmetric"),
            }),
            "attributes" => {
                let values: Vec<String> = args
                    .split(',')
                    .filter_map(|a| a.trim().strip_prefix("Value:"))
                    .flat_map(|v| v.split('|'))
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .collect();
                let on = if args.contains("<RELATION>") && args.contains("<ENTITY>") {
                    "both"
                } else if args.contains("<RELATION>") {
                    "relation"
                } else {
                    "span"
                };
                let kind = if values.len() > 1 { "choice" } else { "flag" };
                file.scheme.attributes.push(attribute(id, kind, values, on));
            }
            _ => {}
        }
    }
    file
}

/// An attribute read from another tool's config, named by its id: the
/// values are kept for a choice only (a flag's one value is its presence).
fn attribute(id: String, kind: &str, values: Vec<String>, on: &str) -> AttributeDef {
    AttributeDef {
        name: id.clone(),
        id,
        kind: kind.to_owned(),
        values: if kind == "choice" { values } else { Vec::new() },
        key: None,
        on: on.to_owned(),
    }
}

fn read_label_studio(name: &str, body: &str) -> Result<SchemeFile, String> {
    let xml = roxmltree::Document::parse(body).map_err(|e| {
        let at = e.pos();
        format!("{name}:{}: not a well-formed XML config: {e}", at.row)
    })?;
    let mut file = SchemeFile::default();
    let value = |n: roxmltree::Node| n.attribute("value").map(str::to_owned);
    for node in xml.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "Labels" | "HyperTextLabels" => {
                for l in node.children().filter(|c| c.has_tag_name("Label")) {
                    let Some(id) = value(l) else { continue };
                    let shown = l.attribute("alias").unwrap_or(&id).to_owned();
                    let color = l
                        .attribute("background")
                        .filter(|c| c.starts_with('#') && c.len() == 7);
                    file.labels.push(Label::new(
                        &id,
                        &shown,
                        color.unwrap_or(""),
                        l.attribute("hotkey"),
                    ));
                }
            }
            "Relations" => {
                for r in node.children().filter(|c| c.has_tag_name("Relation")) {
                    let Some(id) = value(r) else { continue };
                    let color = r
                        .attribute("background")
                        .filter(|c| c.starts_with('#') && c.len() == 7);
                    file.scheme.relations.push(RelationType {
                        name: id.clone(),
                        id,
                        color: color.unwrap_or("").to_owned(),
                        key: r.attribute("hotkey").map(str::to_owned),
                        directed: true,
                    });
                }
            }
            "Choices" | "TextArea" => {
                let Some(id) = node.attribute("name").map(str::to_owned) else {
                    continue;
                };
                let choices: Vec<String> = node
                    .children()
                    .filter(|c| c.has_tag_name("Choice"))
                    .filter_map(value)
                    .collect();
                let per_region = node.attribute("perRegion") == Some("true");
                if node.has_tag_name("Choices") && !per_region {
                    for c in &choices {
                        file.scheme.doc_labels.push(DocLabelDef {
                            id: c.clone(),
                            name: c.clone(),
                            key: None,
                        });
                    }
                    continue;
                }
                if !per_region {
                    continue; // a free text about the whole task: nothing a scheme holds
                }
                let kind = if node.has_tag_name("TextArea") {
                    "text"
                } else if choices.len() > 1 {
                    "choice"
                } else {
                    "flag"
                };
                file.scheme
                    .attributes
                    .push(attribute(id, kind, choices, "span"));
            }
            _ => {}
        }
    }
    if file.labels.is_empty() && file.scheme.is_empty() {
        return Err(format!(
            "{name}: this Label Studio config declares no <Labels>, <Relations>, <Choices> or per-region <TextArea>"
        ));
    }
    Ok(file)
}

/// Writes `file` as `format`, with what the format cannot hold named in the
/// second value (empty when nothing is left out).
///
/// ```
/// use biaozhu::annotation::Label;
/// use biaozhu::scheme::{read_scheme, write_scheme, SchemeFile, SchemeFormat};
///
/// let mut file = SchemeFile::default();
/// file.labels.push(Label::new("PER", "人物", "#e6550d", Some("1")));
/// let (xml, left_out) = write_scheme(SchemeFormat::LabelStudio, &file);
/// assert!(xml.contains(r##"<Label value="PER" alias="人物" background="#e6550d" hotkey="1"/>"##));
/// assert!(left_out.is_empty());
/// assert_eq!(read_scheme("c.xml", &xml).unwrap().labels, file.labels);
/// ```
pub fn write_scheme(format: SchemeFormat, file: &SchemeFile) -> (String, Vec<String>) {
    match format {
        SchemeFormat::Native => {
            #[derive(Serialize)]
            struct Out<'a> {
                format: &'static str,
                version: u32,
                #[serde(flatten)]
                file: &'a SchemeFile,
            }
            let out = Out {
                format: "biaozhu-scheme",
                version: 1,
                file,
            };
            // Plain structs of strings, booleans and lists: serializing cannot fail.
            let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
            text.push('\n');
            (text, Vec::new())
        }
        SchemeFormat::BratConf => write_brat(file),
        SchemeFormat::LabelStudio => write_label_studio(file),
    }
}

fn brat_type(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

fn write_brat(file: &SchemeFile) -> (String, Vec<String>) {
    let mut left_out = Vec::new();
    let mut conf = String::from("# A label scheme written by biaozhu (names, colours and keys are not held by brat).\n[entities]\n");
    for l in &file.labels {
        conf.push_str(&brat_type(&l.id));
        conf.push('\n');
    }
    conf.push_str("\n[relations]\n");
    for r in &file.scheme.relations {
        conf.push_str(&brat_type(&r.id));
        conf.push_str("\tArg1:<ENTITY>, Arg2:<ENTITY>");
        if !r.directed {
            conf.push_str(", <REL-TYPE>:symmetric");
        }
        conf.push('\n');
    }
    conf.push_str("\n[events]\n\n[attributes]\n");
    for a in &file.scheme.attributes {
        if a.kind == "text" {
            left_out.push(format!(
                "the free-text attribute \"{}\" (brat's attributes are flags or values)",
                a.id
            ));
            continue;
        }
        let on = match a.on.as_str() {
            "relation" => "<RELATION>",
            "both" => "<ENTITY>|<RELATION>",
            _ => "<ENTITY>",
        };
        conf.push_str(&format!("{}\tArg:{on}", brat_type(&a.id)));
        if a.kind == "choice" {
            conf.push_str(&format!(", Value:{}", a.values.join("|")));
        }
        conf.push('\n');
    }
    if !file.scheme.doc_labels.is_empty() {
        let n = file.scheme.doc_labels.len();
        let s = if n == 1 { "" } else { "s" };
        left_out.push(format!("{n} document label{s} (brat has none)"));
    }
    (conf, left_out)
}

fn xml_attr(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

fn write_label_studio(file: &SchemeFile) -> (String, Vec<String>) {
    let mut left_out = Vec::new();
    let mut x = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in &file.labels {
        x.push_str(&format!("    <Label value=\"{}\"", xml_attr(&l.id)));
        if l.name != l.id {
            x.push_str(&format!(" alias=\"{}\"", xml_attr(&l.name)));
        }
        if !l.color.is_empty() {
            x.push_str(&format!(" background=\"{}\"", xml_attr(&l.color)));
        }
        if let Some(k) = &l.key {
            x.push_str(&format!(" hotkey=\"{}\"", xml_attr(k)));
        }
        x.push_str("/>\n");
    }
    x.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n");
    if !file.scheme.relations.is_empty() {
        x.push_str("  <Relations>\n");
        for r in &file.scheme.relations {
            x.push_str(&format!("    <Relation value=\"{}\"", xml_attr(&r.id)));
            if !r.color.is_empty() {
                x.push_str(&format!(" background=\"{}\"", xml_attr(&r.color)));
            }
            x.push_str("/>\n");
            if !r.directed {
                left_out.push(format!("that the relation type \"{}\" is undirected", r.id));
            }
        }
        x.push_str("  </Relations>\n");
    }
    for a in &file.scheme.attributes {
        let name = xml_attr(&a.id);
        match a.kind.as_str() {
            "text" => x.push_str(&format!(
                "  <TextArea name=\"{name}\" toName=\"text\" perRegion=\"true\"/>\n"
            )),
            _ => {
                x.push_str(&format!(
                    "  <Choices name=\"{name}\" toName=\"text\" perRegion=\"true\">\n"
                ));
                let flag = ["true".to_owned()];
                let values = if a.kind == "flag" {
                    &flag[..]
                } else {
                    &a.values[..]
                };
                for v in values {
                    x.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_attr(v)));
                }
                x.push_str("  </Choices>\n");
            }
        }
    }
    if !file.scheme.doc_labels.is_empty() {
        x.push_str("  <Choices name=\"document\" toName=\"text\" choice=\"multiple\">\n");
        for d in &file.scheme.doc_labels {
            x.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_attr(&d.id)));
        }
        x.push_str("  </Choices>\n");
    }
    x.push_str("</View>\n");
    (x, left_out)
}
