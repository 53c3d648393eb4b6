"""The record summary: the one model call of the merge stage, checked against the record.

The model sees only the merged facts; a summary naming a person, place, number or month that
the facts lack is re-asked, and if it still fails the template summary stays (`summary_by`
says which). An endpoint failure does the same: one record's summary never sinks the run.
"""

from __future__ import annotations

from summarizer.backend import LLM
from summarizer.errors import BackendError, ExtractionError
from summarizer.prompts import load_prompt
from summarizer.questions import RecordSummaryAnswer
from summarizer.render import date_words
from summarizer.schema import MeetingRecord, Usage


def facts_text(record: MeetingRecord) -> str:
    """The merged facts, as plain lines: all the model may use."""
    people = "; ".join(
        ", ".join(x for x in (p.name, p.role, p.country) if x) for p in record.participants
    )
    lines = [
        f"Participants: {people}",
        f"Date: {date_words(record.date)}",
        "Place: "
        + (
            ", ".join(x for x in (record.location.city, record.location.country) if x)
            or "not known"
        ),
        f"Forum: {record.forum or 'none'}",
        f"How: {_MODE_WORDS[record.mode]}",
    ]
    if record.topics:
        lines.append("Topics: " + "; ".join(t.value for t in record.topics))
    if record.outcomes:
        lines.append("Agreed: " + "; ".join(o.value for o in record.outcomes))
    for statement in record.statements:
        lines.append(f'Statement by {statement.speaker}: "{statement.quote}"')
    outlets = sorted({s.outlet for s in record.sources if s.outlet})
    lines.append(
        f"Reported by {record.source_count} article(s)"
        + (f" ({', '.join(outlets)})" if outlets else "")
    )
    return "\n".join(lines)


_MODE_WORDS = {
    "sidelines": "on the sidelines of the forum",
    "visit": "during a visit",
    "hosted": "one side hosted the other",
    "phone": "by phone",
    "other": "not stated",
}


def write_summary(record: MeetingRecord, llm: LLM) -> MeetingRecord:
    """The record with a model-written, validated summary (or its template one and a note)."""
    return summarize(record, llm)[0]


def summarize(record: MeetingRecord, llm: LLM) -> tuple[MeetingRecord, bool]:
    """`write_summary`, and whether the outcome is final for these facts (worth caching): a
    summary, or a template kept because answers failed validation; not a template kept
    because the endpoint failed, which a later run should try again."""
    facts = facts_text(record)
    try:
        llm.forget()  # each summary answered as on a fresh server
        answer, usage = llm.ask(
            RecordSummaryAnswer,
            load_prompt("record_summary").render(facts=facts),
            question="record_summary",
            source_id=record.meeting_id,
            context={"facts": facts},
            max_tokens=200,
        )
    except (ExtractionError, BackendError) as exc:
        spent = exc.usage if exc.usage else Usage()
        kept = record.model_copy(
            update={
                "summary_usage": spent,
                "notes": [*record.notes, f"summary: kept the template one ({exc})"],
            }
        )
        return kept, isinstance(exc, ExtractionError)
    written = record.model_copy(
        update={"summary": answer.summary, "summary_by": llm.model, "summary_usage": usage}
    )
    return written, True
