"""The public surface and the prompt-facing schemas, snapshotted so changes show in review.

Update the snapshots after an intended change with: SUMMARIZER_UPDATE_SNAPSHOTS=1 pytest
"""

import json
import os
from pathlib import Path

import pytest

import summarizer
from summarizer.questions import (
    ContentAnswer,
    MeetingsAnswer,
    NamesAnswer,
    RecordSummaryAnswer,
    SpeakerAnswer,
)
from summarizer.schema import ArticleBrief, MeetingRecord

SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_all_is_sorted_and_complete():
    assert summarizer.__all__ == sorted(summarizer.__all__)
    for name in summarizer.__all__:
        assert hasattr(summarizer, name), name


def test_errors_form_one_tree():
    for name in summarizer.__all__:
        obj = getattr(summarizer, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, summarizer.SummarizerError), name


@pytest.mark.parametrize(
    "model",
    [
        ArticleBrief,
        MeetingRecord,
        MeetingsAnswer,
        NamesAnswer,
        ContentAnswer,
        SpeakerAnswer,
        RecordSummaryAnswer,
    ],
)
def test_json_schema_snapshot(model):
    path = SNAPSHOTS / f"{model.__name__}.schema.json"
    current = json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
    if os.environ.get("SUMMARIZER_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(current)
    assert path.read_text() == current, f"{model.__name__} schema changed: review, then update"
