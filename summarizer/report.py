"""The visual report: meetings on a timeline, a card per meeting, every value traced to the
words of its source. Records + briefs + article texts + the last run's changes -> one
self-contained HTML file. Pure, but for `write_report`, which reads an output folder.

Article text is untrusted. The page is built from two JSON blocks (the report data, and the
article texts parsed only when a source is opened) that the script renders with textContent;
the JSON is escaped so that `</script>` in an article cannot end its block, and a
Content-Security-Policy lets only the report's own script and style (by sha256) run.

Offsets in the briefs count code points; JavaScript strings count UTF-16 units, so every
offset is converted here (an article with an emoji would otherwise highlight the wrong words).
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from summarizer.errors import UsageError
from summarizer.render import date_words
from summarizer.schema import ArticleBrief, DateInfo, MeetingRecord, RecordChanges, RunChanges, Span
from summarizer.store import Store

REPORT_NAME = "report.html"
MAX_OCCURRENCES = 12  # of one value in one article: enough to show, bounded for huge texts

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("summarizer", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass
class _Marks:
    """The spans worth showing in one article, each once: [start, end, kind, label]."""

    text: str
    blocked: list[tuple[int, int]] = field(default_factory=list)
    marks: list[tuple[int, int, str, str]] = field(default_factory=list)
    index: dict[tuple[int, int, str, str], int] = field(default_factory=dict)
    found: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lowered = self.text.lower()
        # str.find on lowered text is ~50x faster than a case-insensitive regex, but only
        # usable while lowering keeps every offset (it does not for e.g. 'İ').
        self.lower = lowered if len(lowered) == len(self.text) else None

    def add(self, start: int, end: int, kind: str, label: str) -> int:
        key = (start, end, kind, label)
        if key not in self.index:
            self.index[key] = len(self.marks)
            self.marks.append(key)
        return self.index[key]

    def span(self, span: Span | None, kind: str, label: str) -> list[int]:
        if span is None or not 0 <= span.start < span.end <= len(self.text):
            return []
        return [self.add(span.start, span.end, kind, label)]

    def find(self, needle: str | None, kind: str, label: str | None = None) -> list[int]:
        """Every whole-word occurrence of `needle` outside boilerplate (case-insensitive)."""
        if not needle or not needle.strip() or not self.text:
            return []
        key = (needle, kind, label or needle)
        if key in self.found:  # a name or a place is asked for once per value and source
            return self.found[key]
        hits: list[int] = []
        for start, end in _whole_words(self.text, self.lower, needle.strip()):
            if any(start < b_end and b_start < end for b_start, b_end in self.blocked):
                continue
            hits.append(self.add(start, end, kind, label or needle))
            if len(hits) >= MAX_OCCURRENCES:
                break
        self.found[key] = hits
        return hits


def _whole_words(text: str, lower: str | None, needle: str) -> Iterator[tuple[int, int]]:
    """Spans of `needle` in `text`, ignoring case, not inside a longer word."""
    wanted = needle.lower()
    if lower is None or len(wanted) != len(needle):
        for match in _word(needle).finditer(text):
            yield match.span()
        return
    start = lower.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (_is_word(before) or _is_word(after)):
            yield start, end
        start = lower.find(wanted, start + 1)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@functools.lru_cache(maxsize=4096)
def _word(needle: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)


def build_report(
    records: Iterable[MeetingRecord],
    briefs: Iterable[ArticleBrief],
    texts: Mapping[str, str],
    changes: RunChanges | None = None,
    *,
    title: str = "Meetings",
) -> str:
    """The report as one HTML string. `texts` maps an article id to its text as loaded (only
    texts whose digest matches the brief); an article without one is listed, not shown."""
    data, article_texts = report_data(records, briefs, texts, changes)
    script = _templates.get_template("report.js").render()
    style = _templates.get_template("report.css").render()
    return _templates.get_template("report.html.j2").render(
        title=title,
        csp=(
            "default-src 'none'; "
            f"script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        ),
        script=Markup(script),
        style=Markup(style),
        data=Markup(script_json(data)),
        texts=Markup(script_json(article_texts)),
    )


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: `<`, `>` and `&` are written as \\u escapes, so no
    `</script>` or `<!--` can appear, and JSON.parse reads the same string back."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def report_data(
    records: Iterable[MeetingRecord],
    briefs: Iterable[ArticleBrief],
    texts: Mapping[str, str],
    changes: RunChanges | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """What the page shows, as JSON-ready data, and the article texts apart from it."""
    changes = changes or RunChanges()
    by_id = {b.article_id: b for b in briefs}
    marks = {aid: _article_marks(b, texts.get(aid, "")) for aid, b in by_id.items()}
    ordered = sorted(records, key=_record_order)
    for record in ordered:  # inconsistencies point at spans the briefs do not list
        for problem in record.inconsistencies:
            if problem.article_id in marks:
                marks[problem.article_id].span(problem.span, "inconsistency", problem.problem)
    meetings = [_meeting(r, marks) for r in ordered]
    added = set(changes.meetings_added)
    changed = changes.meetings_changed
    for meeting in meetings:
        meeting["change"] = (
            "new" if meeting["id"] in added else "changed" if meeting["id"] in changed else None
        )
        meeting["diff"] = _diff_lines(changed.get(meeting["id"], RecordChanges()))
    shorts = _short_labels(by_id)
    articles = {
        aid: _article(b, aid in texts and aid in marks, marks[aid], shorts[aid])
        for aid, b in sorted(by_id.items())
    }
    data = {
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "meetings": meetings,
        "articles": articles,
        "announced": _announced(by_id.values()),
        "noMeeting": sorted(b.article_id for b in by_id.values() if not b.reports_meeting),
        "failed": [
            {"path": path, "error": str(error)} for path, error in sorted(changes.failed.items())
        ],
        "changes": {
            "at": changes.at,
            "briefed": len(changes.briefed),
            "reused": len(changes.reused),
            "removedSources": list(changes.removed_sources),
            "added": sorted(added),
            "removed": list(changes.meetings_removed),
            "changed": sorted(changed),
        },
    }
    return data, {aid: texts[aid] for aid in sorted(texts) if aid in by_id}


def _record_order(record: MeetingRecord) -> tuple[int, str, str]:
    start = record.date.start
    return (0, start.isoformat(), record.meeting_id) if start else (1, "", record.meeting_id)


def _article_marks(brief: ArticleBrief, text: str) -> _Marks:
    """The article's boilerplate (greyed), and every span its brief rests on."""
    found = _Marks(text)
    for block in brief.boilerplate:
        kind = "setaside" if block.kind == "suspicious" else "boilerplate"
        found.span(block.span, kind, block.kind)
        found.blocked.append((block.span.start, block.span.end))
    for meeting in brief.meetings:
        found.span(meeting.date.phrase_span, "date", meeting.date.phrase or "date")
        for statement in meeting.statements:
            found.span(statement.span, "quote", statement.speaker)
        for outcome in meeting.outcomes:
            found.span(outcome.span, "outcome", outcome.text)
        for person in meeting.participants:
            found.find(person.name, "person", person.name)
    for event in brief.background:
        found.span(event.span, "background", "background: " + (event.date.phrase or "undated"))
    return found


def _meeting(record: MeetingRecord, marks: dict[str, _Marks]) -> dict[str, Any]:
    def refs(sources: Iterable[str], pick: Any) -> list[list[Any]]:
        """[article id, [mark indices]] for each source; `pick(marks)` finds the marks."""
        return [[aid, pick(marks[aid]) if aid in marks else []] for aid in sources]

    def kind_marks(kind: str) -> Any:
        return lambda m: [i for i, mark in enumerate(m.marks) if mark[2] == kind]

    def field_values(name: str) -> list[dict[str, Any]]:
        values = record.provenance.get(name, [])
        if name == "date":
            pick = kind_marks("date")
            return [{"value": v.value, "refs": refs(v.sources, pick)} for v in values]
        if name == "mode":
            return [{"value": v.value, "refs": refs(v.sources, lambda m: [])} for v in values]
        return [
            {"value": v.value, "refs": refs(v.sources, lambda m, v=v: m.find(v.value, name))}
            for v in values
        ]

    participants = []
    for p in record.participants:
        names = sorted({p.name, *p.spellings})

        def person(m: _Marks, names: list[str] = names) -> list[int]:
            return [i for name in names for i in m.find(name, "person", name)]

        participants.append(
            {
                "name": p.name,
                "spellings": [s for s in p.spellings if s != p.name],
                "role": p.role,
                "country": p.country,
                "refs": refs(p.sources, person),
            }
        )
    statements = [
        {
            "speaker": s.speaker,
            "quote": s.quote,
            "byParticipant": s.by_participant,
            "refs": [
                [src.article_id, marks[src.article_id].span(src.span, "quote", s.speaker)]
                if src.article_id in marks
                else [src.article_id, []]
                for src in s.sources
            ],
        }
        for s in record.statements
    ]
    fields = ["date", "city", "country", "forum", "mode"]
    return {
        "id": record.meeting_id,
        "date": _date(record.date),
        "city": record.location.city,
        "country": record.location.country,
        "forum": record.forum,
        "mode": record.mode,
        "summary": record.summary,
        "summaryBy": record.summary_by,
        "participants": participants,
        "fields": {name: field_values(name) for name in fields},
        "topics": [
            {"value": t.value, "refs": refs(t.sources, lambda m, t=t: m.find(t.value, "topic"))}
            for t in record.topics
        ],
        "outcomes": [
            {
                "value": o.value,
                "refs": refs(
                    o.sources,
                    lambda m, o=o: [
                        i for i, k in enumerate(m.marks) if k[2] == "outcome" and k[3] == o.value
                    ],
                ),
            }
            for o in record.outcomes
        ],
        "statements": statements,
        "conflicts": [
            {
                "field": c.field,
                "chosen": c.chosen,
                "values": [
                    {"value": v.value, "refs": _conflict_refs(c.field, v.value, v.sources, marks)}
                    for v in c.values
                ],
            }
            for c in record.conflicts
        ],
        "inconsistencies": [
            {
                "problem": i.problem,
                "text": i.text,
                "refs": [
                    [
                        i.article_id,
                        marks[i.article_id].span(i.span, "inconsistency", i.problem)
                        if i.article_id in marks
                        else [],
                    ]
                ],
            }
            for i in record.inconsistencies
        ],
        "sources": [s.article_id for s in record.sources],
        "notes": list(record.notes),
    }


def _conflict_refs(
    name: str, value: str, sources: list[str], marks: dict[str, _Marks]
) -> list[list[Any]]:
    out: list[list[Any]] = []
    for aid in sources:
        m = marks.get(aid)
        if m is None:
            out.append([aid, []])
        elif name == "date":
            out.append([aid, [i for i, k in enumerate(m.marks) if k[2] == "date"]])
        else:
            out.append([aid, m.find(value, name)])
    return out


def _date(info: DateInfo) -> dict[str, Any]:
    return {
        "iso": info.iso,
        "precision": info.precision,
        "start": info.start.isoformat() if info.start else None,
        "end": info.end.isoformat() if info.end else None,
        "words": date_words(info),
        "phrase": info.phrase,
        "basis": info.basis,
    }


def _article(brief: ArticleBrief, has_text: bool, marks: _Marks, short: str) -> dict[str, Any]:
    units = _utf16(marks.text)
    return {
        "short": short,
        "headline": brief.headline,
        "outlet": brief.outlet,
        "published": brief.published.isoformat() if brief.published else None,
        "reportsMeeting": brief.reports_meeting,
        "summary": brief.summary,
        "hasText": has_text,
        "marks": [[units(s), units(e), kind, label] for s, e, kind, label in marks.marks],
    }


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


def _utf16(text: str) -> Any:
    """Code-point offset -> UTF-16 offset in `text` (identity when every character is in
    the Basic Multilingual Plane, the usual case)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def _short_labels(briefs: Mapping[str, ArticleBrief]) -> dict[str, str]:
    """`001` for `001_a426523f9bff1c04` when that prefix names one article only."""
    prefixes: dict[str, int] = {}
    for aid in briefs:
        head = aid.split("_", 1)[0]
        prefixes[head] = prefixes.get(head, 0) + 1
    return {
        aid: aid.split("_", 1)[0] if prefixes[aid.split("_", 1)[0]] == 1 else aid for aid in briefs
    }


def _announced(briefs: Iterable[ArticleBrief]) -> list[dict[str, Any]]:
    out = []
    for brief in sorted(briefs, key=lambda b: b.article_id):
        for meeting in brief.meetings:
            if meeting.status == "announced":
                out.append(
                    {
                        "article": brief.article_id,
                        "participants": [p.name for p in meeting.participants],
                        "date": _date(meeting.date),
                        "city": meeting.location.city,
                        "country": meeting.location.country,
                        "forum": meeting.forum,
                    }
                )
    return out


def _diff_lines(diff: RecordChanges) -> list[str]:
    lines = []
    if diff.sources_gained:
        lines.append("sources gained: " + ", ".join(diff.sources_gained))
    if diff.sources_lost:
        lines.append("sources lost: " + ", ".join(diff.sources_lost))
    if diff.meeting_id:
        lines.append(f"id was {diff.meeting_id.before}")
    for name, change in diff.fields.items():
        lines.append(f"{name}: {change.before} → {change.after}")
    return lines


def write_report(
    store: Store,
    *,
    records: list[MeetingRecord] | None = None,
    briefs: list[ArticleBrief] | None = None,
    changes: RunChanges | None = None,
) -> Path:
    """Write OUT/report.html through the folder's store (so it is one of the tool's own
    files); a run passes what it already holds, else it is read from the folder. Article
    texts are read from the manifest's paths (relative ones from the current folder, else
    beside OUT) and shown only if their digest is the brief's. No model call."""
    manifest = store.manifest
    if briefs is None:
        briefs = [
            b
            for aid, entry in sorted(manifest.sources.items())
            if (b := store.read_brief(aid, entry.brief_sha256))
        ]
    if records is None:
        records = store.read_records()
    if changes is None:
        changes = store.read_changes()
    texts = store.source_texts(briefs)
    store.write(REPORT_NAME, build_report(records, briefs, texts, changes))
    return store.root / REPORT_NAME


def rebuild_report(out: Path) -> Path:
    """`summarizer report OUT`: write OUT/report.html under the folder's lock (while a run
    is writing the folder this fails at once with RunLocked, as a second run would)."""
    _check_folder(out)
    store = Store(out)
    with store.lock():
        store.open()
        path = write_report(store)
        store.save_manifest()
    return path


def _check_folder(out: Path) -> None:
    if not (out / "manifest.json").is_file():
        raise UsageError(
            f"{out}: no manifest.json, not a summarizer output folder; "
            f"run `summarizer run SOURCES --out {out}` first"
        )
