"""Readable Markdown views of briefs. Pure."""

from __future__ import annotations

from summarizer.schema import ArticleBrief, DateInfo, Meeting, MeetingRecord, Sourced


def brief_markdown(brief: ArticleBrief) -> str:
    """One brief as Markdown: metadata, each meeting with its statements, background, notes."""
    lines = [f"# {brief.headline or brief.article_id}", ""]
    lines.append(
        f"- Article: `{brief.article_id}` · outlet: {brief.outlet or 'not stated'} · "
        f"published: {brief.published or 'not stated'}"
    )
    lines += ["", brief.summary, ""]
    for number, meeting in enumerate(brief.meetings, 1):
        lines += _meeting_lines(meeting, number)
    if brief.background:
        lines += ["## Background the article recalls", ""]
        for event in brief.background:
            when = event.date.iso or event.date.phrase or "undated"
            if event.relation != "unknown":
                when += f", {event.relation} the meeting"
            lines.append(f"- ({when}) {event.text}")
        lines.append("")
    if brief.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in brief.notes] + [""]
    usage = brief.provenance.usage
    lines.append(
        f"_{brief.provenance.model} via {brief.provenance.backend}; {usage.calls} calls "
        f"({usage.reasks} re-asks), {usage.prompt_tokens} prompt + {usage.completion_tokens} "
        f"completion tokens; schema v{brief.provenance.schema_version}_"
    )
    return "\n".join(lines) + "\n"


def _meeting_lines(meeting: Meeting, number: int) -> list[str]:
    people = "; ".join(
        ", ".join(x for x in (p.name, p.role, p.country) if x) for p in meeting.participants
    )
    where = ", ".join(x for x in (meeting.location.city, meeting.location.country) if x)
    lines = [
        f"## Meeting {number}",
        "",
        f"- Participants: {people}",
        f"- When: {describe_date(meeting.date)}",
        f"- Where: {where or 'not stated'}",
        f"- Forum: {meeting.forum or 'none stated'} ({meeting.mode})",
    ]
    if meeting.topics:
        lines.append("- Topics: " + ", ".join(meeting.topics))
    for outcome in meeting.outcomes:
        lines.append(f"- Agreed: {outcome.text} — “{outcome.evidence}”")
    if meeting.statements:
        lines += ["", "### Statements", ""]
        for s in meeting.statements:
            lines.append(f"> “{s.quote}”  \n> — {s.speaker} (chars {s.span.start}-{s.span.end})")
            lines.append("")
    lines.append("")
    return lines


def date_words(info: DateInfo) -> str:
    """A date in words: `13 July 2025 (a Sunday)`, `November 2024`, `between ... and ...`."""
    if info.precision == "day" and info.start:
        return f"{info.start.day} {info.start:%B %Y} (a {info.start:%A})"
    if info.precision == "month" and info.start:
        return f"{info.start:%B %Y}"
    if info.start and info.end:
        return f"between {info.start.day} {info.start:%B %Y} and {info.end.day} {info.end:%B %Y}"
    return "not known" + (f" (a {info.weekday.title()})" if info.weekday else "")


def describe_date(info: DateInfo) -> str:
    """`2025-07-13 (day; "on Sunday", relative to publication date)`."""
    if info.iso is None:
        hint = f", a {info.weekday.title()}" if info.weekday else ""
        return f"unknown{hint}" + (f' ("{info.phrase}")' if info.phrase else "")
    phrase = f'"{info.phrase}", ' if info.phrase else ""
    return f"{info.iso} ({info.precision}; {phrase}{info.basis})"


def records_markdown(records: list[MeetingRecord]) -> str:
    """The report: one section per meeting, every value and statement with its sources."""
    lines = ["# Meetings", "", f"{len(records)} meeting(s).", ""]
    for record in records:
        lines += _record_lines(record)
    return "\n".join(lines) + "\n"


def record_markdown(record: MeetingRecord) -> str:
    """One record as Markdown."""
    return "\n".join(_record_lines(record)) + "\n"


def _record_lines(r: MeetingRecord) -> list[str]:
    where = ", ".join(x for x in (r.location.city, r.location.country) if x) or "not stated"
    lines = [
        f"## {r.meeting_id}",
        "",
        r.summary + ("" if r.summary_by == "template" else f" _(summary: {r.summary_by})_"),
        "",
        "- Participants: "
        + "; ".join(
            f"{p.name} ({', '.join(x for x in (p.role, p.country) if x)}) [{', '.join(p.sources)}]"
            for p in r.participants
        ),
        f"- When: {describe_date(r.date)} {_cite(r.provenance.get('date', []))}",
        f"- Where: {where} {_cite(r.provenance.get('city', []) + r.provenance.get('country', []))}",
        f"- Forum: {r.forum or 'none stated'} ({r.mode}) {_cite(r.provenance.get('forum', []))}",
    ]
    if r.topics:
        lines.append(
            "- Topics: " + "; ".join(f"{t.value} [{', '.join(t.sources)}]" for t in r.topics)
        )
    for outcome in r.outcomes:
        lines.append(f"- Agreed: {outcome.value} [{', '.join(outcome.sources)}]")
    lines.append(
        "- Sources: "
        + "; ".join(
            f"`{s.article_id}` ({s.outlet or 'outlet not stated'}, {s.published or 'undated'})"
            for s in r.sources
        )
    )
    if r.statements:
        lines += ["", "### Statements", ""]
        for st in r.statements:
            cited = ", ".join(f"{s.article_id} @{s.span.start}" for s in st.sources)
            lines += [f"> “{st.quote}”  \n> — {st.speaker} [{cited}]", ""]
    if r.conflicts:
        lines += ["", "### Sources disagree", ""]
        for c in r.conflicts:
            values = "; ".join(f"{v.value!r} [{', '.join(v.sources)}]" for v in c.values)
            lines.append(f"- **{c.field}**: {values}; shown: {c.chosen}")
    if r.inconsistencies:
        lines += ["", "### Inconsistencies", ""]
        for i in r.inconsistencies:
            lines.append(f"- `{i.article_id}` @{i.span.start}: {i.problem}: “{i.text}”")
    if r.notes:
        lines += ["", "### Notes", ""] + [f"- {n}" for n in r.notes]
    lines.append("")
    return lines


def _cite(values: list[Sourced]) -> str:
    if not values:
        return ""
    return "[" + "; ".join(f"{v.value}: {', '.join(v.sources)}" for v in values) + "]"


def brief_summary(meetings: list[Meeting], headline: str | None) -> str:
    """A short neutral summary built from the brief's own fields (no model call)."""
    if not meetings:
        return "The article reports no meeting." + (f" Headline: {headline}" if headline else "")
    parts: list[str] = []
    for m in meetings:
        people = " and ".join(
            p.name + (f" ({p.country})" if p.country else "") for p in m.participants
        )
        where = ", ".join(x for x in (m.location.city, m.location.country) if x)
        text = f"{people} met"
        if m.forum:
            on = "on the sidelines of" if m.mode == "sidelines" else "at"
            text += f" {on} the {m.forum}"
        if where:
            text += f" in {where}"
        if m.date.iso:
            text += f", {_describe_date(m.date)}"
        text += "."
        if m.topics:
            text += " They discussed " + _join(m.topics) + "."
        if m.outcomes:
            text += " They agreed: " + "; ".join(o.text for o in m.outcomes) + "."
        parts.append(text)
    return " ".join(parts)


def _describe_date(info: DateInfo) -> str:
    if info.precision == "day":
        return f"on {info.iso}"
    if info.precision == "month":
        return f"in {info.iso}"
    return f"between {info.start} and {info.end}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
