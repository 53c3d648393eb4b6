"""Cassettes hold no secrets and every one of them is replayed by a test."""

import re

from tests.conftest import CASSETTES, SEEDS
from tests.corpus_run import ARTICLES

KEY_LIKE = re.compile(r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+\S{8,}|api[-_]?key\s*[:=]", re.I)


def test_cassettes_hold_nothing_key_like():
    cassettes = sorted(CASSETTES.glob("*.yaml"))
    assert cassettes
    for path in cassettes:
        text = path.read_text(encoding="utf-8")
        assert not KEY_LIKE.search(text), path.name
        assert "authorization" not in text.lower(), path.name


def test_every_seed_has_a_cassette_and_no_cassette_is_orphaned():
    articles = SEEDS.parent / "tests" / "articles"
    expected = (
        {f"brief_{p.stem}" for p in SEEDS.glob("*.txt")}
        | {f"hostile_{p.stem}" for p in articles.glob("*.txt")}
        | {"merge_seeds"}
        | {f"corpus_{a}" for a in ARTICLES}
    )
    assert {p.stem for p in CASSETTES.glob("*.yaml")} == expected
