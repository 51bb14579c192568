//! Property tests: any bytes or strings fed to any reader never panic, and every source-map
//! piece points at the same bytes in the input.

use petrel_ingest::{read_bytes, InputFormat, Item, Options};
use proptest::prelude::*;

fn check(data: &[u8], format: InputFormat, lossy: bool) {
    let opts = Options {
        format,
        lossy,
        ..Default::default()
    };
    for item in read_bytes(data, "input", &opts) {
        if let Item::Document(d) = item {
            if let Some(span) = d.title_span {
                assert_eq!(Some(span.slice(&d.text)), d.title.as_deref());
            }
            let mut last_end = 0;
            for m in &d.source_map {
                assert!(m.text_start >= last_end, "pieces out of order");
                last_end = m.text_start + m.len;
                let text = &d.text.as_bytes()[m.text_start..m.text_start + m.len];
                let input = &data[m.input_start..m.input_start + m.len];
                assert_eq!(text, input, "source map piece {m:?} differs");
            }
        }
    }
}

const FORMATS: [InputFormat; 4] = [
    InputFormat::Auto,
    InputFormat::Text,
    InputFormat::Html,
    InputFormat::Jsonl,
];

/// Strings made of pieces that mean something to the readers.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("Read more".to_string()),
        Just("Support The Moscow Times!".to_string()),
        Just("Mikhail Metzel / TASS".to_string()),
        Just("(L)".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"share\">".to_string()),
        Just("</div>".to_string()),
        Just("<a href=x>".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("&amp;".to_string()),
        Just("{\"id\":\"a\",\"title\":\"T\",\"text\":\"".to_string()),
        Just("\\u00e9\\n\\\"".to_string()),
        Just("\",\"date\":\"2021-12-15\"}".to_string()),
        Just("é’“”".to_string()),
        "[A-Za-z ,.]{0,30}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..600), lossy in any::<bool>()) {
        for f in FORMATS {
            check(&data, f, lossy);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,400}") {
        for f in FORMATS {
            check(s.as_bytes(), f, false);
        }
    }

    #[test]
    fn newsy_strings_never_panic_and_map_back(s in newsy()) {
        for f in FORMATS {
            check(s.as_bytes(), f, false);
        }
    }
}
