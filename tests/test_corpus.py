"""The development corpus is consistent: every gold entry names a real file, every gold quote
is verbatim in its article, ids and categories agree. Pure data checks, no model."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from summarizer import load_article

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"
ARTICLES = CORPUS / "articles"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
EVAL = json.loads((CORPUS / "gold_eval.json").read_text(encoding="utf-8"))
# Each article as the pipeline reads it: a saved .html page is its extracted text, with what
# its markup states (title, date) in PAGES.
FILES = {p.stem: p.read_text(encoding="utf-8") for p in ARTICLES.iterdir()}
LOADED = {p.stem: load_article(p) for p in ARTICLES.iterdir()}
TEXTS = {stem: article.text for stem, article in LOADED.items()}
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2}(/\d{4}-\d{2}-\d{2})?)?$")
MODES = {"visit", "sidelines", "phone", "other"}
EVAL_IDS = {m["id"]: m for m in EVAL["meetings"]}
GOLD_ARTICLES = {Path(a["file"]).stem: a for a in GOLD["articles"]}


def test_size_and_variety_the_issue_asks_for():
    articles = GOLD["articles"]
    assert len(articles) >= 40
    assert len({m["meeting_id"] for m in GOLD["meetings"]}) >= 15
    assert sum(a["chars"] >= 3000 for a in articles) >= 15
    languages = {a["language"] for a in articles} - {"en"}
    assert len(languages) >= 2
    counts = defaultdict(int)
    for a in articles:
        counts[a["category"]] += 1
        counts[a["kind"]] += 1
        counts[a["format"]] += 1
    for wanted in ("multi", "call", "distractor", "non-english", "wire", "newspaper", "readout",
                   "liveblog", "preview", "opinion", "front-matter", "archive-header",
                   "html"):  # fmt: skip
        assert counts[wanted] >= 2, wanted


def test_every_gold_article_is_a_file_and_every_file_has_gold():
    named = {Path(a["file"]).stem for a in GOLD["articles"]}
    assert named == set(TEXTS)
    for a in GOLD["articles"]:
        assert a["chars"] == len(FILES[Path(a["file"]).stem]), a["file"]


def test_eval_meetings_are_well_formed():
    for m in EVAL["meetings"]:
        assert len(m["participants"]) >= 2, m["id"]
        assert m["mode"] in MODES, m["id"]
        assert m["date"] is None or DATE.match(m["date"]), m["id"]
        assert not (m["mode"] == "phone" and (m["city"] or m["country"])), m["id"]
        assert set(m["sources"]) <= set(TEXTS), m["id"]


def test_no_article_is_both_a_source_and_a_non_meeting():
    sources = {s for m in EVAL["meetings"] for s in m["sources"]}
    assert not sources & set(EVAL["no_meeting"])


@pytest.mark.parametrize("quote", EVAL["quotes"], ids=lambda q: q["article"][:20])
def test_every_gold_quote_is_verbatim_in_its_article(quote):
    assert quote["quote"] in TEXTS[quote["article"]]
    assert quote["article"] in EVAL_IDS[quote["meeting"]]["sources"]


def test_categories_follow_the_gold():
    held = defaultdict(set)
    for m in GOLD["meetings"]:
        for source in m["sources"]:
            held[source].add(m["meeting_id"])
    modes = {m["meeting_id"]: m["mode"] for m in GOLD["meetings"]}
    for stem, entry in EVAL["articles"].items():
        category = entry["category"]
        assert (entry["language"] != "en") == (category == "non-english"), stem
        if category == "non-english":
            continue
        assert (category == "distractor") == (stem in EVAL["no_meeting"]), stem
        assert (category == "multi") == (len(held[stem]) >= 2), stem
        if len(held[stem]) == 1:
            assert (category == "call") == (modes[next(iter(held[stem]))] == "phone"), stem


def test_publication_dates_are_read_from_the_text_as_gold_states_them():
    """Code alone (no model) reads the publication date of >= 95 % of the corpus right:
    front matter, archive headers, labelled and dateline dates, in any language."""
    from summarizer.metadata import read_metadata

    right = []
    for stem, entry in EVAL["articles"].items():
        meta = read_metadata(TEXTS[stem], LOADED[stem].page)
        got = meta.published.isoformat() if meta.published else None
        right.append(got == entry["published"])
        if entry["published_evidence"]:  # in a page's markup, or in the text
            assert entry["published_evidence"] in FILES[stem], stem
    assert sum(right) / len(right) >= 0.95


def test_headlines_are_read_from_the_text():
    from summarizer.metadata import read_metadata

    stated = {s: e["headline"] for s, e in EVAL["articles"].items() if e.get("headline")}
    read = {s: read_metadata(TEXTS[s], LOADED[s].page).headline for s in stated}
    right = [(read[s] or "") == h for s, h in stated.items()]
    assert sum(right) / len(right) >= 0.9


def _meeting_date_read(meeting, stem):
    """The first date the phrase finder and parser read, in the article's language and relative
    to its publication date, from the sentences that name a participant (or, when none does,
    names being in another script, the first three), skipping dates more than a day after
    publication. Returns (any date phrase in those sentences, the value read)."""
    from summarizer.dates import find_dates, resolve
    from summarizer.metadata import body_spans, read_metadata
    from summarizer.text import sentence_spans

    text, entry = TEXTS[stem], EVAL["articles"][stem]
    stated = entry["published"] or GOLD_ARTICLES[stem]["published"]
    published = date.fromisoformat(stated[:10]) if stated else None
    surnames = [p.split()[-1] for p in meeting["participants"]]
    sentences = [
        (s, e)
        for a, b in body_spans(text, read_metadata(text))
        for s, e in sentence_spans(text, a, b)
    ]
    named = [
        (s, e)
        for s, e in sentences
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text[s:e], re.I) for n in surnames)
    ]
    seen = False
    for s, e in named or sentences[:3]:
        for mention in find_dates(text, s, e, language=entry["language"]):
            seen = True
            value = resolve(mention, published, language=entry["language"])
            if value.start is None or value.precision not in {"day", "range"}:
                continue
            if published and (value.start - published).days > 1:
                continue
            return seen, value
    return seen, None


def test_meeting_dates_are_read_from_the_sentences_that_report_them():
    """98 (gold meeting with a day, source) pairs; 83 hold a date phrase in their meeting
    sentences (on the 96 pairs before the two .html pages: 77 before hard-wrapped readouts were
    read as whole sentences, 83 before photo captions were set aside, 82 since); of those 43 are
    read exactly (52 %) and 48 within the gold range (58 %) when written. 28 sources have no
    known publication date, so their relative phrases ("on Tuesday") stay unread. No rule is
    per article; the floors guard against regressions."""
    exact = within = stated = 0
    for meeting in EVAL["meetings"]:
        if not meeting["date"] or len(meeting["date"]) == 7:
            continue  # month only: no day to read
        first, _, last = meeting["date"].partition("/")
        start, end = date.fromisoformat(first), date.fromisoformat(last or first)
        for stem in meeting["sources"]:
            seen, value = _meeting_date_read(meeting, stem)
            stated += seen
            if value is not None and value.start and value.end:
                exact += value.iso == meeting["date"]
                within += start <= value.start and value.end <= end
    assert stated >= 80
    assert exact >= 41 and within >= 46  # 42 and 48 before photo captions were set aside
    assert exact / stated >= 0.5 and within / stated >= 0.56


def test_datelines_are_found_and_nothing_else_is_taken_for_one():
    """Where a story was filed is read by code (GeoNames and pycountry confirm the place) so
    that a meeting place named only there is refused; measured on the gold's datelines."""
    from summarizer.metadata import body_text, dateline_spans, read_metadata

    found, false = 0, []
    for stem, entry in EVAL["articles"].items():
        meta = read_metadata(TEXTS[stem])
        body = body_text(TEXTS[stem], meta)
        places = [body[a:b] for a, b in dateline_spans(body)]
        gold = entry.get("dateline_place")
        if gold and any(norm_place(p) == norm_place(gold) for p in places):
            found += 1
        elif not gold and places:
            false.append((stem, places))
    total = sum(1 for e in EVAL["articles"].values() if e.get("dateline_place"))
    assert found / total >= 0.6, (found, total)
    assert false == []


def norm_place(place: str) -> str:
    return re.split(r"[,\[]", place)[0].strip().casefold()


def test_photo_credits_and_captions_are_set_aside():
    """Fourteen articles end a caption with a photo credit ("Sergei Vedyashkin / Moskva News
    Agency", "REUTERS/Kevin Lamarque", "(REUTERS File Photo)", "... June 19, 2023. AFP"); each
    is found, and nothing else is taken for one. A credit on a line of its own stays a credit
    (16, 24, 35, 57)."""
    from summarizer.metadata import read_metadata

    credited = {
        stem[:2]
        for stem, text in TEXTS.items()
        if any(b.kind in ("credit", "caption") for b in read_metadata(text).boilerplate)
    }
    assert credited == {
        *("05", "06", "12", "15", "16", "21", "23", "24", "35", "57", "64", "74", "96", "99")
    }


def test_commentary_is_told_by_its_writers_first_person_and_no_report_is_taken_for_it():
    """The opinion pieces whose writer speaks in the first person (4 of 6: an excerpt of a
    Project Syndicate column and a Daily Times piece never do) are found as commentary, and
    none of the other 92 texts (readouts, transcripts and interviews full of quoted "I") is."""
    from summarizer.language import detect_language
    from summarizer.metadata import body_text, read_metadata
    from summarizer.quotes import writers_view

    found = set()
    for stem, text in TEXTS.items():
        meta = read_metadata(text)
        if writers_view(text, meta, detect_language(body_text(text, meta))) is not None:
            found.add(stem)
    opinion = {s for s, e in EVAL["articles"].items() if e["kind"] == "opinion"}
    assert found <= opinion
    assert len(found) >= 4
