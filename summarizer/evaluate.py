"""Score a run's output against gold meetings. Pure but for reading the output folder.

The gold file (JSON), written from the articles' own text:

    {
      "meetings": [
        {"id": "lavrov-wang-rio-2024-11",             # optional; quotes may name it
         "sources": ["000_...", "004_..."],          # article ids reporting this meeting
         "participants": ["Sergey Lavrov", "Wang Yi"],
         "date": "2024-11",          # YYYY-MM-DD, YYYY-MM-DD/YYYY-MM-DD (two days or more),
                                     # YYYY-MM (the record's date must lie in it), or null
         "city": "Rio de Janeiro", "country": "Brazil", "forum": "G20",
         "mode": "sidelines"}                        # optional: visit, sidelines, phone, other
      ],
      "no_meeting": ["..."],                          # article ids that report no held meeting
      "announced": [{"article": "...", "participants": ["..."], "date": null}],  # optional
      "quotes": [{"article": "000_...", "quote": "We are truly ...", "speaker": "Sergei Lavrov",
                  "meeting": "lavrov-wang-rio-2024-11"}],
      "articles": {"000_...": {"published": "2024-11-19", "category": "single"}}  # optional
    }

Scores: meeting clustering as pairwise precision/recall/F1 over articles; participants
F1 over matched meetings; date, city, country, forum and mode match; the share of emitted
quotes found verbatim in their source; the share of emitted quotes on the gold list whose
speaker is right; the articles wrongly turned into records; the share of announced meetings
a brief keeps as announced (an announced meeting of the gold's people and no one else:
`_kept`); the share of publication dates read right. With per-article
categories in the gold, every score is also given per category (single, multi, call,
distractor, non-english): over the gold meetings with a source in that category, the pairs
of articles that touch the category, and the category's own articles.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarizer.errors import UsageError
from summarizer.gazetteer import canonical_forum
from summarizer.names import one_person
from summarizer.quotes import verbatim
from summarizer.schema import ArticleBrief, Meeting, MeetingRecord, Statement
from summarizer.store import Store
from summarizer.text import Normalized, find_all_normalized, norm, normalize


class GoldMeeting(BaseModel):
    id: str | None = None
    sources: list[str]
    participants: list[str]
    date: str | None = None
    city: str | None = None
    country: str | None = None
    forum: str | None = None
    mode: str | None = None


class GoldQuote(BaseModel):
    article: str
    quote: str
    speaker: str
    meeting: str | None = None


class GoldAnnounced(BaseModel):
    article: str
    participants: list[str]
    date: str | None = None


class GoldArticle(BaseModel):
    published: str | None = None
    category: str | None = None


class Gold(BaseModel):
    meetings: list[GoldMeeting]
    no_meeting: list[str] = Field(default_factory=list)
    announced: list[GoldAnnounced] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)
    articles: dict[str, GoldArticle] = Field(default_factory=dict)

    def only(self, articles: set[str]) -> Gold:
        """The gold restricted to meetings (and the rest) touching `articles`."""
        return Gold(
            meetings=[m for m in self.meetings if set(m.sources) & articles],
            no_meeting=[a for a in self.no_meeting if a in articles],
            announced=[a for a in self.announced if a.article in articles],
            quotes=[q for q in self.quotes if q.article in articles],
            articles={k: v for k, v in self.articles.items() if k in articles},
        )


@dataclass
class Scores:
    clustering_precision: float
    clustering_recall: float
    clustering_f1: float
    participants_precision: float
    participants_recall: float
    participants_f1: float
    date_match: float
    city_match: float
    country_match: float
    forum_match: float
    mode_match: float
    announced_kept: float
    published_match: float
    quotes_verbatim: float
    quotes_right_speaker: float
    wrong_records: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, Scores] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_gold(path: Path) -> Gold:
    try:
        return Gold.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"{path}: cannot read gold file ({exc.strerror})") from None
    except ValueError as exc:
        raise UsageError(f"{path}: not a gold file ({str(exc).splitlines()[0]})") from None


def evaluate_run(gold: Gold, out: Path) -> Scores:
    """Score the briefs and records a run wrote under `out`."""
    store = Store(out)
    manifest = store.load_manifest()
    if not manifest.sources:
        raise UsageError(f"{out}: no run output here (manifest.json missing or empty)")
    store.manifest = manifest
    briefs = [b for a in sorted(manifest.sources) if (b := store.read_brief(a)) is not None]
    return evaluate(gold, briefs, store.read_records(), store.source_texts(briefs))


def evaluate(
    gold: Gold, briefs: list[ArticleBrief], records: list[MeetingRecord], texts: dict[str, str]
) -> Scores:
    """Score briefs and records against gold; `texts` maps article id to its text. With
    categories in `gold.articles`, the scores per category are in `by_category`."""
    scores = _score(gold, briefs, records, texts)
    categories = sorted({a.category for a in gold.articles.values() if a.category})
    for category in categories:
        chosen = {k for k, a in gold.articles.items() if a.category == category}
        scores.by_category[category] = _score(
            gold.only(chosen),
            [b for b in briefs if b.article_id in chosen],
            [r for r in records if {s.article_id for s in r.sources} & chosen],
            texts,
        )
    return scores


def _kept(announced: GoldAnnounced, meetings: list[Meeting]) -> bool:
    """Whether a brief keeps the gold's announced meeting: one of its announced meetings names
    at least one of the gold's people and no one else. A plan told from one side ("Trump to
    visit Beijing in April") keeps it; a plan of other people (Putin and Rubio for a Putin-Trump
    summit) does not. A person matches by the name as written or, where the brief gives one,
    its English form (the gold writes names in English: "Wang Yi" is the brief's 王毅)."""
    for meeting in meetings:
        if meeting.status != "announced" or not meeting.participants:
            continue
        forms = [[n for n in (p.name, p.english_name) if n] for p in meeting.participants]
        if all(any(one_person(g, n) for g in announced.participants for n in f) for f in forms):
            return True
    return False


def _score(
    gold: Gold, briefs: list[ArticleBrief], records: list[MeetingRecord], texts: dict[str, str]
) -> Scores:
    # The briefed articles are the ones scored: for a category, its clustering counts the pairs
    # that touch one of its articles (a report joining the reports in other categories counts),
    # and only its own articles can be wrong records.
    scope = {b.article_id for b in briefs}
    predicted = [{s.article_id for s in r.sources} for r in records]
    truth = [set(m.sources) for m in gold.meetings]
    cp, cr, cf = _pairwise(predicted, truth, scope)

    matched = [(m, _best(records, m)) for m in gold.meetings]
    tp = fp = fn = 0
    checks: dict[str, list[bool]] = {
        "date": [],
        "city": [],
        "country": [],
        "forum": [],
        "mode": [],
    }
    for meeting, record in matched:
        if record is None:
            fn += len(meeting.participants)
            for values in checks.values():
                values.append(False)
            continue
        found = [p.name for p in record.participants]
        hits = sum(any(one_person(g, f) for f in found) for g in meeting.participants)
        tp += hits
        fn += len(meeting.participants) - hits
        fp += sum(not any(one_person(f, g) for g in meeting.participants) for f in found)
        checks["date"].append(_date_match(meeting.date, record))
        checks["city"].append(_same(meeting.city, record.location.city))
        checks["country"].append(_same(meeting.country, record.location.country))
        checks["forum"].append(_forum_same(meeting.forum, record.forum))
        if meeting.mode is not None:
            checks["mode"].append(_mode_same(meeting.mode, record.mode))
    if not any(m.mode for m in gold.meetings):
        checks["mode"] = []
    pp, pr, pf = _prf(tp, fp, fn)
    by_id = {b.article_id: b for b in briefs}
    announced = [_kept(a, by_id[a.article].meetings) for a in gold.announced if a.article in by_id]
    published = [
        _iso(by_id[k].published) == a.published for k, a in gold.articles.items() if k in by_id
    ]

    emitted = [
        (b.article_id, s, _speaker_forms(s.speaker, m))
        for b in briefs
        for m in b.meetings
        for s in m.statements
    ]
    in_source = [verbatim(s.quote, texts[a]) for a, s, _ in emitted if a in texts]
    graded = []
    indexes = {a: normalize(texts[a]) for a in {a for a, _, _ in emitted} if a in texts}
    for article, statement, speakers in emitted:
        expected = _gold_quote(gold.quotes, article, statement, indexes.get(article))
        if expected is not None:
            graded.append(any(one_person(s, expected.speaker) for s in speakers))

    gold_sources = {a for m in gold.meetings for a in m.sources}
    wrong = sorted(
        {
            a
            for group in predicted
            for a in group & scope
            if a in gold.no_meeting or a not in gold_sources
        }
    )
    return Scores(
        clustering_precision=cp,
        clustering_recall=cr,
        clustering_f1=cf,
        participants_precision=pp,
        participants_recall=pr,
        participants_f1=pf,
        date_match=_share(checks["date"]),
        city_match=_share(checks["city"]),
        country_match=_share(checks["country"]),
        forum_match=_share(checks["forum"]),
        mode_match=_share(checks["mode"]),
        announced_kept=_share(announced),
        published_match=_share(published),
        quotes_verbatim=_share(in_source),
        quotes_right_speaker=_share(graded),
        wrong_records=wrong,
        counts={
            "gold_meetings": len(gold.meetings),
            "records": len(records),
            "quotes_emitted": len(emitted),
            "quotes_graded": len(graded),
            "announced_gold": len(gold.announced),
            "articles": len(scope & (gold_sources | set(gold.no_meeting) | set(gold.articles))),
        },
    )


def _pairwise(
    predicted: list[set[str]], truth: list[set[str]], scope: set[str]
) -> tuple[float, float, float]:
    def pairs(groups: list[set[str]]) -> set[tuple[str, str]]:
        every = {p for g in groups for p in combinations(sorted(g), 2)}
        return {p for p in every if p[0] in scope or p[1] in scope}

    known = {a for g in truth for a in g}
    pred = {p for p in pairs(predicted) if p[0] in known and p[1] in known}
    gold = pairs(truth)
    singles_ok = not gold and not pred
    if singles_ok:  # every meeting has one source: score by exact grouping instead
        same = {frozenset(g & known) for g in predicted if g & known} == {
            frozenset(g) for g in truth
        }
        return (1.0, 1.0, 1.0) if same else (0.0, 0.0, 0.0)
    tp = len(pred & gold)
    return _prf(tp, len(pred - gold), len(gold - pred))


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def _speaker_forms(speaker: str, meeting: Meeting) -> list[str]:
    """The speaker as written, and the English form of the participant written so ("바이든" is
    "Joe Biden", "Vladimir Poutine" is "Vladimir Putin"): gold names speakers in English."""
    forms = [speaker]
    for person in meeting.participants:
        if person.english_name and person.name == speaker:
            forms.append(person.english_name)
    return forms


def _best(records: list[MeetingRecord], meeting: GoldMeeting) -> MeetingRecord | None:
    """The record of a gold meeting: the one sharing most of its sources, then most of its
    participants (an article that reports three meetings is a source of three records)."""
    scored = [
        (
            len(set(meeting.sources) & {s.article_id for s in r.sources}),
            sum(any(one_person(g, p.name) for p in r.participants) for g in meeting.participants),
            r,
        )
        for r in records
    ]
    best = max(scored, key=lambda x: (x[0], x[1], x[2].meeting_id), default=(0, 0, None))
    return best[2] if best[0] else None


def _date_match(expected: str | None, record: MeetingRecord) -> bool:
    if expected is None:
        return record.date.iso is None
    start, end = record.date.start, record.date.end
    if start is None or end is None:
        return False
    if len(expected) == 7:  # a month: the record's date must lie in it
        return start.isoformat()[:7] == expected == end.isoformat()[:7]
    if "/" in expected:  # a meeting over several days: the record's date must lie in it
        first, _, last = expected.partition("/")
        return first <= start.isoformat() and end.isoformat() <= last
    return record.date.precision == "day" and start.isoformat() == expected


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


_MODES = {"hosted": "visit", "call": "phone", "video": "phone"}


def _mode_same(expected: str, found: str) -> bool:
    return _MODES.get(expected, expected) == _MODES.get(found, found)


def _same(expected: str | None, found: str | None) -> bool:
    return norm(expected or "") == norm(found or "")


def _forum_same(expected: str | None, found: str | None) -> bool:
    if not expected or not found:
        return expected == found
    return (canonical_forum(expected) or norm(expected)) == (canonical_forum(found) or norm(found))


def _quote_key(quote: str) -> str:
    return norm(quote).strip(" .,;:'\"")


def _same_quote(a: str, b: str) -> bool:
    x, y = _quote_key(a), _quote_key(b)
    return x in y or y in x


def _gold_quote(
    quotes: list[GoldQuote], article: str, statement: Statement, index: Normalized | None
) -> GoldQuote | None:
    """The gold quote an emitted one is graded against: one with its words, or that holds
    them or that they hold (a part of a longer quotation), and where the article's text is
    at hand, one written where the emitted quote stands ("Good to see you," Biden said, is
    not Xi's "It's good to see you" four lines down, though its words are inside it)."""
    matching = [g for g in quotes if g.article == article and _same_quote(g.quote, statement.quote)]
    if index is None:
        return matching[0] if matching else None
    for gold in matching:
        spans = find_all_normalized(gold.quote, index)
        if not spans or any(a < statement.span.end and statement.span.start < b for a, b in spans):
            return gold  # written where the quote stands (or not found as written)
    return None


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 1.0


def scores_table(scores: Scores) -> str:
    """A readable table of the scores."""
    rows = [
        (
            "meeting clustering P / R / F1",
            f"{scores.clustering_precision:.2f} / {scores.clustering_recall:.2f} / "
            f"{scores.clustering_f1:.2f}",
        ),
        (
            "participants P / R / F1",
            f"{scores.participants_precision:.2f} / {scores.participants_recall:.2f} / "
            f"{scores.participants_f1:.2f}",
        ),
        ("date exact match", f"{scores.date_match:.2f}"),
        ("city / country match", f"{scores.city_match:.2f} / {scores.country_match:.2f}"),
        ("forum / mode match", f"{scores.forum_match:.2f} / {scores.mode_match:.2f}"),
        ("publication date right", f"{scores.published_match:.2f}"),
        ("announced meetings kept as announced", f"{scores.announced_kept:.2f}"),
        ("quotes verbatim in source", f"{scores.quotes_verbatim:.2f}"),
        ("quotes with the right speaker", f"{scores.quotes_right_speaker:.2f}"),
        ("articles wrongly made records", ", ".join(scores.wrong_records) or "none"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    lines.append(json.dumps(scores.counts))
    for category, part in scores.by_category.items():
        lines.append("")
        lines.append(f"## {category} ({part.counts.get('articles', 0)} articles)")
        lines.append(scores_table(part))
    return "\n".join(lines)
