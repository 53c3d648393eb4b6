"""The article's language, told by lingua, on every text of the development corpus."""

import json
from pathlib import Path

from summarizer.language import LANGUAGES, detect_language

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"
EVAL = json.loads((CORPUS / "gold_eval.json").read_text(encoding="utf-8"))


def test_every_corpus_article_is_told_its_language():
    wrong = {}
    for path in sorted((CORPUS / "articles").iterdir()):
        expected = EVAL["articles"][path.stem]["language"]
        got = detect_language(path.read_text(encoding="utf-8"))
        if got != expected:
            wrong[path.stem] = (expected, got)
    assert wrong == {}
    assert {a["language"] for a in EVAL["articles"].values()} <= set(LANGUAGES)


def test_short_or_letterless_text_has_no_language():
    assert detect_language("") is None
    assert detect_language("2024-11-19 12:00") is None


def test_a_few_sentences_are_enough():
    assert detect_language("Le président a rencontré son homologue chinois mardi à Pékin.") == "fr"
    assert detect_language("Путин провёл переговоры с Си Цзиньпином в Казани во вторник.") == "ru"  # noqa: RUF001
    assert detect_language("习近平在喀山会见俄罗斯总统普京，双方举行了会谈。") == "zh"  # noqa: RUF001
