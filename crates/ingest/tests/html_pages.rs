//! HTML pages without semantic markup ("div soup"): furniture inside the article column,
//! captions as plain divs, a site name in the title.

use petrel_ingest::{read_bytes, Item, Options};

const PAGE: &str = r##"<html><head><title>Kremlin Rejects Ultimatum Talk - The Evening Wire</title></head>
<body>
<div id="top"><a href="/">Evening Wire</a> | <a href="/news">News</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></div>
<div class="container">
 <div class="main-col">
  <div class="support-box"><b>Support The Evening Wire!</b> Independent journalism needs you.</div>
  <h1 class="headline">Kremlin Rejects Ultimatum Talk</h1>
  <div class="meta">December 20, 2021 &middot; 3 min read</div>
  <img src="a.jpg"><div class="pic-text">Kremlin spokesman Dmitry Peskov. Sergei Ivanov / TASS</div>
  <div class="body">
   <p>The Kremlin on Monday rejected suggestions that its security proposals amounted to an ultimatum to the West, saying Moscow simply wanted clear answers.</p>
   <p>&ldquo;This is not an ultimatum,&rdquo; spokesman Dmitry Peskov told reporters. &ldquo;We expect a serious conversation.&rdquo;</p>
   <p><strong>Read more:</strong> <a href="/x">NATO ministers to meet in January</a></p>
   <p>Western officials have said some of the demands, including a ban on NATO expansion, are non-starters, but that they are ready to talk.</p>
   <p>Share this: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Telegram</a></p>
   <p>Peskov said Russia would wait for a response before deciding on its next steps, and declined to say what those might be.</p>
  </div>
  <div class="tags">Tags: <a>Russia</a> <a>NATO</a></div>
 </div>
 <div class="right-col"><h3>Most read</h3><ul><li><a>Story one about a thing</a></li><li><a>Story two about another</a></li></ul></div>
</div>
<div id="bottom">Copyright 2021 The Evening Wire. <a>Privacy</a> <a>Contact</a></div>
</body></html>
"##;

#[test]
fn div_soup_page_yields_only_the_article() {
    let items = read_bytes(PAGE.as_bytes(), "soup.html", &Options::default());
    let [Item::Document(d)] = &items[..] else {
        panic!("{items:?}")
    };
    assert_eq!(d.title.as_deref(), Some("Kremlin Rejects Ultimatum Talk"));
    let paragraphs = [
        "Kremlin Rejects Ultimatum Talk",
        "The Kremlin on Monday rejected suggestions that its security proposals amounted to an ultimatum to the West, saying Moscow simply wanted clear answers.",
        "\u{201c}This is not an ultimatum,\u{201d} spokesman Dmitry Peskov told reporters. \u{201c}We expect a serious conversation.\u{201d}",
        "Western officials have said some of the demands, including a ban on NATO expansion, are non-starters, but that they are ready to talk.",
        "Peskov said Russia would wait for a response before deciding on its next steps, and declined to say what those might be.",
    ];
    assert_eq!(d.text, paragraphs.join("\n\n"), "{}", d.text);
    for gone in [
        "Evening Wire",
        "Sport",
        "Support",
        "Independent journalism",
        "3 min read",
        "Sergei Ivanov",
        "TASS",
        "Read more",
        "NATO ministers to meet",
        "Share this",
        "Facebook",
        "Tags",
        "Most read",
        "Story one",
        "Copyright",
        "Privacy",
    ] {
        assert!(!d.text.contains(gone), "{gone:?} leaked");
    }
    for m in &d.source_map {
        assert_eq!(
            &d.text[m.text_start..m.text_start + m.len],
            &PAGE[m.input_start..m.input_start + m.len]
        );
    }
    // words around entities are still mapped, to the body and not to the caption that has the
    // same words
    let at = d.text.find("spokesman Dmitry Peskov").unwrap();
    let body = PAGE.find("&rdquo; spokesman Dmitry Peskov").unwrap() + "&rdquo; ".len();
    assert_eq!(d.input_offset(at), Some(body));
}

#[test]
fn a_page_that_is_all_furniture_warns() {
    let page = "<html><body><nav><a href=/>Home</a></nav><p>Read more</p><footer>\u{a9} 2024 Wire</footer></body></html>";
    let items = read_bytes(page.as_bytes(), "f.html", &Options::default());
    assert!(
        matches!(
            &items[..],
            [Item::Warning(petrel_ingest::Warning::NoText { .. })]
        ),
        "{items:?}"
    );
}

#[test]
fn dates_come_from_time_elements_when_metadata_has_none() {
    let page = "<html><body><article><h1>Talks End</h1><time datetime=\"2021-12-20T09:00:00Z\">Monday</time>\
                <p>Diplomats ended two days of talks in Geneva on Monday without an agreement, officials said.</p>\
                <p>They agreed to meet again in January, a spokesman for the delegation said on Monday evening.</p></article></body></html>";
    let opts = Options {
        date: chrono::NaiveDate::from_ymd_opt(2030, 1, 1),
        ..Default::default()
    };
    let items = read_bytes(page.as_bytes(), "t.html", &opts);
    let [Item::Document(d)] = &items[..] else {
        panic!("{items:?}")
    };
    assert_eq!(d.date, chrono::NaiveDate::from_ymd_opt(2021, 12, 20));
    // no date anywhere: --date fills in
    let items = read_bytes(
        page.replace("datetime", "data-x").as_bytes(),
        "t.html",
        &opts,
    );
    let [Item::Document(d)] = &items[..] else {
        panic!("{items:?}")
    };
    assert_eq!(d.date, chrono::NaiveDate::from_ymd_opt(2030, 1, 1));
}
