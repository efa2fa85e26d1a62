//! A label scheme on its own: read from and written as the native scheme file,
//! brat's `annotation.conf` and a Label Studio labeling config; what a format
//! cannot hold is named, and a file that is no scheme is refused in words.

use biaozhu::annotation::Label;
use biaozhu::scheme::{
    read_scheme, write_scheme, AttributeDef, DocLabelDef, RelationType, SchemeFile, SchemeFormat,
};

fn full() -> SchemeFile {
    let mut f = SchemeFile {
        labels: vec![
            Label::new("PER", "人物 PER", "#e6550d", Some("1")),
            Label::new("地名", "地名", "#009e73", None),
        ],
        ..Default::default()
    };
    f.scheme.relations = vec![
        RelationType {
            id: "SAID".into(),
            name: "发言 said".into(),
            color: "#d95f02".into(),
            key: Some("1".into()),
            directed: true,
        },
        RelationType {
            id: "RELATED".into(),
            name: "相关".into(),
            color: "#666666".into(),
            key: None,
            directed: false,
        },
    ];
    let attr = |id: &str, kind: &str, values: &[&str], on: &str| AttributeDef {
        id: id.into(),
        name: id.into(),
        kind: kind.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
        key: None,
        on: on.into(),
    };
    f.scheme.attributes = vec![
        attr("uncertain", "flag", &[], "both"),
        attr(
            "polarity",
            "choice",
            &["positive", "neutral", "negative"],
            "span",
        ),
        attr("source", "text", &[], "span"),
    ];
    f.scheme.doc_labels = vec![DocLabelDef {
        id: "relevant".into(),
        name: "相关 relevant".into(),
        key: Some("1".into()),
    }];
    f
}

#[test]
fn the_native_scheme_file_gives_back_exactly_what_it_was_given() {
    let (text, left_out) = write_scheme(SchemeFormat::Native, &full());
    assert!(left_out.is_empty());
    assert!(text.starts_with("{\n  \"format\": \"biaozhu-scheme\",\n  \"version\": 1,"));
    assert_eq!(read_scheme("s.json", &text).unwrap(), full());
}

#[test]
fn brat_keeps_types_direction_and_values_and_names_what_it_cannot_hold() {
    let (conf, left_out) = write_scheme(SchemeFormat::BratConf, &full());
    assert!(conf.contains("[entities]\nPER\n地名\n"));
    assert!(conf.contains("RELATED\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric\n"));
    assert!(conf.contains("uncertain\tArg:<ENTITY>|<RELATION>\n"));
    assert!(conf.contains("polarity\tArg:<ENTITY>, Value:positive|neutral|negative\n"));
    assert_eq!(left_out.len(), 2, "{left_out:?}");
    assert!(left_out[0].contains("\"source\""));
    // One document label is said in the singular.
    assert_eq!(left_out[1], "1 document label (brat has none)");
    let back = read_scheme("annotation.conf", &conf).unwrap();
    let ids = |f: &SchemeFile| f.labels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&back), ids(&full()));
    let rel: Vec<_> = back
        .scheme
        .relations
        .iter()
        .map(|r| (r.id.as_str(), r.directed))
        .collect();
    assert_eq!(rel, [("SAID", true), ("RELATED", false)]);
    let attrs: Vec<_> = back
        .scheme
        .attributes
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.kind.as_str(),
                a.values.len(),
                a.on.as_str(),
            )
        })
        .collect();
    assert_eq!(
        attrs,
        [
            ("uncertain", "flag", 0, "both"),
            ("polarity", "choice", 3, "span")
        ]
    );
}

#[test]
fn a_brat_conf_with_a_hierarchy_macros_and_comments_reads_its_usable_types() {
    let conf = "# a comment\n[entities]\n!Entity\n\tPerson\n\tOrganization\n[relations]\n<ORG>=Organization\n\
                Member\tArg1:Person, Arg2:<ORG>\n<OVERLAP>\tArg1:Person, Arg2:Person, <OVL-TYPE>:<ANY>\n\
                [events]\nMeet\tAgent:Person\n[attributes]\nNegation\tArg:<EVENT>\n";
    let f = read_scheme("annotation.conf", conf).unwrap();
    assert_eq!(
        f.labels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        ["Person", "Organization"]
    );
    assert_eq!(f.scheme.relations.len(), 1);
    assert_eq!(f.scheme.relations[0].id, "Member");
    assert_eq!(f.scheme.attributes[0].id, "Negation");
}

#[test]
fn label_studio_keeps_labels_colours_keys_relations_choices_and_text_areas() {
    let (xml, left_out) = write_scheme(SchemeFormat::LabelStudio, &full());
    assert_eq!(
        left_out,
        ["that the relation type \"RELATED\" is undirected"]
    );
    let back = read_scheme("config.xml", &xml).unwrap();
    assert_eq!(back.labels, full().labels);
    assert_eq!(
        back.scheme
            .doc_labels
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>(),
        ["relevant"]
    );
    let attrs: Vec<_> = back
        .scheme
        .attributes
        .iter()
        .map(|a| (a.id.as_str(), a.kind.as_str()))
        .collect();
    assert_eq!(
        attrs,
        [
            ("uncertain", "flag"),
            ("polarity", "choice"),
            ("source", "text")
        ]
    );
    assert_eq!(back.scheme.relations.len(), 2);
}

#[test]
fn a_label_studio_config_as_its_users_write_it() {
    let xml = r##"<View>
  <Header value="Label the entities"/>
  <Text name="text" value="$text" granularity="word"/>
  <Labels name="ner" toName="text">
    <Label value="Person" background="#FFA39E" hotkey="p"/>
    <Label value="Organization" background="red"/>
  </Labels>
  <Relations><Relation value="works_for"/></Relations>
  <Choices name="sentiment" toName="text" choice="single"><Choice value="Positive"/><Choice value="Negative"/></Choices>
</View>"##;
    let f = read_scheme("config.xml", xml).unwrap();
    assert_eq!(
        f.labels[0],
        Label::new("Person", "Person", "#FFA39E", Some("p"))
    );
    assert_eq!(
        f.labels[1].color, "",
        "a colour by name is left for the page to choose"
    );
    assert_eq!(f.scheme.relations[0].id, "works_for");
    assert_eq!(f.scheme.doc_labels.len(), 2);
}

#[test]
fn what_is_no_scheme_is_refused_naming_the_file_and_the_problem() {
    let err = |name: &str, text: &str| read_scheme(name, text).unwrap_err();
    assert!(err("notes.txt", "just some words").starts_with("notes.txt: not a label scheme"));
    let e = err("c.xml", "<View>\n<Labels>\n</View>");
    assert!(
        e.starts_with("c.xml:3: not a well-formed XML config"),
        "{e}"
    );
    let e = err("s.json", "{\"format\": \"doccano\"}");
    assert_eq!(
        e,
        "s.json: \"format\" must be \"biaozhu-scheme\", found \"doccano\""
    );
    let e = err(
        "s.json",
        "{\"format\": \"biaozhu-scheme\",\n \"labels\": 7}",
    );
    assert!(e.starts_with("s.json: "), "{e}");
    assert!(
        err("e.xml", "<View><Text name=\"t\" value=\"$text\"/></View>")
            .contains("declares no <Labels>")
    );
}
