"""The development corpus (corpus/dev/articles), briefed from its cassettes
(`cassettes/corpus_<article>.yaml`), merged by code and scored against the gold.

`python -m tests.corpus_run` prints the scores per category and the cost, with no model;
`--tokens` adds each article's prompt tokens against its target (the model's tokenizer),
`--markdown` the write-up's table. `--record` re-records every article's cassette on the
embedded model (or SUMMARIZER_BASE_URL), one article at a time, and prints each article's
wall time (`make record-corpus`; about two and a half hours on 2 cores); `--record PATTERN`
only the articles whose names match the glob PATTERN.
"""

from __future__ import annotations

import fnmatch
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from summarizer import ArticleBrief, Summarizer, load_article
from summarizer.evaluate import Gold, Scores, evaluate
from summarizer.merge import merge_records
from summarizer.schema import MeetingRecord, Usage
from tests.conftest import CASSETTES, ROOT, Briefs, Cassettes

CORPUS = ROOT / "corpus" / "dev"
ARTICLES: list[str] = sorted(p.stem for p in (CORPUS / "articles").iterdir())


@dataclass
class CorpusRun:
    briefs: list[ArticleBrief]
    records: list[MeetingRecord]
    scores: Scores
    usage: Usage
    chars: int
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time per article (a replay's is near zero; a recording's is the model's)."""


def gold_for(articles: set[str]) -> Gold:
    """The gold restricted to `articles`: its meetings with only their sources among them."""
    gold = Gold.model_validate_json((CORPUS / "gold_eval.json").read_text(encoding="utf-8"))
    return Gold(
        meetings=[
            m.model_copy(update={"sources": [s for s in m.sources if s in articles]})
            for m in gold.meetings
            if set(m.sources) & articles
        ],
        no_meeting=[a for a in gold.no_meeting if a in articles],
        announced=[a for a in gold.announced if a.article in articles],
        quotes=[q for q in gold.quotes if q.article in articles],
        articles={k: v for k, v in gold.articles.items() if k in articles},
    )


def corpus_run(
    summarizer: Summarizer, cassettes: Cassettes, articles: list[str] = ARTICLES
) -> CorpusRun:
    made = Briefs(summarizer, cassettes, folder=CORPUS / "articles", prefix="corpus_")
    seconds: dict[str, float] = {}
    for name in articles:
        started = time.monotonic()
        made[name]  # briefs the article, under its cassette
        seconds[name] = round(time.monotonic() - started, 1)
    briefs = [made[name] for name in articles]
    texts = {
        p.stem: load_article(p).text
        for p in (CORPUS / "articles").iterdir()
        if p.stem in set(articles)
    }
    records = merge_records(briefs)
    scores = evaluate(gold_for(set(articles)), briefs, records, texts)
    usage = sum((b.provenance.usage for b in briefs), Usage())
    chars = sum(len(t) for t in texts.values())
    return CorpusRun(briefs, records, scores, usage, chars, seconds)


def main() -> None:
    from summarizer.backend import LLM, Settings
    from summarizer.embedded import MODEL_ALIAS
    from summarizer.evaluate import scores_table

    recording = "--record" in sys.argv
    articles = ARTICLES
    if recording:
        at = sys.argv.index("--record") + 1
        pattern = sys.argv[at] if at < len(sys.argv) and not sys.argv[at].startswith("-") else "*"
        articles = [a for a in ARTICLES if fnmatch.fnmatch(a, pattern)]
        settings = Settings.from_env(model=MODEL_ALIAS)
    else:
        settings = Settings(
            base_url="http://127.0.0.1:9/v1", api_key="sk-replay", model=MODEL_ALIAS, max_retries=0
        )
    with LLM(settings) as llm:
        cassettes = Cassettes(",".join(f"corpus_{a}.yaml" for a in articles) if recording else None)
        run = corpus_run(Summarizer(llm=llm), cassettes, articles)
    if recording:
        for name, seconds in run.seconds.items():
            print(f"{name}: {seconds:.0f} s")
        print(f"wall time: {sum(run.seconds.values()):.0f} s for {len(run.seconds)} articles")
    print(scores_table(run.scores))
    print(json.dumps(run.scores.as_dict(), indent=1, default=str))
    u = run.usage
    print(
        f"{len(run.briefs)} articles, {run.chars} characters: {u.calls} calls ({u.reasks} "
        f"re-asks), {u.prompt_tokens} prompt and {u.completion_tokens} completion tokens"
    )
    for record in run.records:
        print(record.meeting_id, [s.article_id[:2] for s in record.sources])
    for brief in run.briefs:
        print(
            brief.article_id[:2],
            [(m.status, [p.name for p in m.participants], m.date.iso) for m in brief.meetings],
        )
    if "--tokens" in sys.argv:
        token_table(run)
    if "--markdown" in sys.argv:
        print(markdown_table(run.scores))


# The issues' targets (#10, #11), by score, for the write-up's table.
TARGETS = {
    "clustering_f1": 0.9,
    "participants_f1": 0.9,
    "date_match": 0.8,
    "city_match": 0.85,
    "country_match": 0.95,
    "forum_match": 0.85,
    "mode_match": 0.85,
    "quotes_verbatim": 1.0,
    "quotes_right_speaker": 0.9,
    "announced_kept": 0.9,
    "published_match": 0.95,
}


def markdown_table(scores: Scores) -> str:
    """The scores, overall and per category, as the evaluation write-up's table."""
    columns = {"all": scores, **scores.by_category}
    lines = [
        "| score | target | " + " | ".join(columns) + " | met (all) |",
        "|---|---|" + "---|" * len(columns) + "---|",
        "| articles | | "
        + " | ".join(str(c.counts.get("articles", 0)) for c in columns.values())
        + " | |",
    ]
    for name, target in TARGETS.items():
        values = [getattr(c, name) for c in columns.values()]
        shown = " | ".join(f"{v:.2f}" for v in values)
        met = "yes" if values[0] >= target else "**no**"
        lines.append(
            f"| {name.replace('_', ' ')} | {'≥ ' if target < 1 else ''}{target:.2f} | "
            f"{shown} | {met} |"
        )
    wrong = [len(c.wrong_records) for c in columns.values()]
    lines.append(
        "| records from distractors / non-meetings | 0 | "
        + " | ".join(map(str, wrong))
        + f" | {'yes' if not wrong[0] else '**no**'} |"
    )
    return "\n".join(lines)


def token_table(run: CorpusRun) -> None:
    """Prompt tokens per article against issue #10's targets, counted by the model's own
    tokenizer (needs the `local` extra): sent (all calls summed) <= 1.5 x the article's tokens
    + 900; evaluated by llama.cpp <= 1.2 x the article's tokens + 600. What llama.cpp evaluates
    is worked out from the article's cassette: each prompt rendered as the server renders it
    (chatml-function-calling), less the prefix it shares with the previous prompt and answer
    (the server starts each article afresh: `EmbeddedServer.forget`)."""
    from llama_cpp import Llama

    from summarizer.embedded import ensure_model

    vocab = Llama(str(ensure_model()), vocab_only=True, verbose=False)
    sent_met = evaluated_met = 0
    print("article  calls reasks    sent evaluated  article  target(sent) target(eval)")
    for brief in run.briefs:
        tokens = article_tokens(brief.article_id, vocab)
        u = brief.provenance.usage
        _, evaluated = prompt_cost(exchanges(CASSETTES / f"corpus_{brief.article_id}.yaml"), vocab)
        sent_target, evaluated_target = 1.5 * tokens + 900, 1.2 * tokens + 600
        sent_met += u.prompt_tokens <= sent_target
        evaluated_met += evaluated <= evaluated_target
        print(
            f"{brief.article_id[:2]:7} {u.calls:6} {u.reasks:6} {u.prompt_tokens:7} {evaluated:9} "
            f"{tokens:8} {sent_target:8.0f} {'yes' if u.prompt_tokens <= sent_target else 'NO':3} "
            f"{evaluated_target:8.0f} {'yes' if evaluated <= evaluated_target else 'NO'}"
        )
    count = len(run.briefs)
    print(f"sent target met on {sent_met} of {count} articles")
    print(f"evaluated target met on {evaluated_met} of {count} articles")


class _Rendered(Exception):
    """Raised with the prompt text once the chat handler has rendered it."""


def rendered_prompt(body: dict[str, Any]) -> str:
    """A chat request's prompt as the embedded server writes it (llama-cpp-python's
    chatml-function-calling handler, stopped before it would call the model)."""
    from llama_cpp import llama_chat_format

    class Capture:
        verbose = False

        def create_completion(self, prompt: str, **_: Any) -> None:
            raise _Rendered(prompt)

    try:
        llama_chat_format.chatml_function_calling(
            Capture(),
            messages=body["messages"],
            tools=body.get("tools"),
            tool_choice=body.get("tool_choice"),
        )
    except _Rendered as rendered:
        return str(rendered.args[0])
    raise AssertionError("the chat handler rendered no prompt")


def exchanges(cassette: Path) -> list[tuple[dict[str, Any], str]]:
    """The cassette's requests in order, each with the answer it got (the tool call's
    arguments, else the message text)."""
    pairs: list[tuple[dict[str, Any], str]] = []
    for interaction in yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]:
        message = json.loads(interaction["response"]["body"]["string"])["choices"][0]["message"]
        calls = message.get("tool_calls") or [{}]
        answer = calls[0].get("function", {}).get("arguments") or message.get("content") or ""
        pairs.append((json.loads(interaction["request"]["body"]), answer))
    return pairs


def prompt_cost(
    pairs: list[tuple[dict[str, Any], str]],
    vocab: Any,
    render: Callable[[dict[str, Any]], str] | None = None,
) -> tuple[int, int]:
    """Prompt tokens (sent, evaluated by llama.cpp) for these requests in order, starting
    afresh: each prompt less the longest prefix it shares with the previous prompt and its
    answer (at least one token is evaluated). Prompts are rendered as the embedded server
    renders them, or by `render`."""
    state: list[int] = []
    sent = evaluated = 0
    for body, answer in pairs:
        text = (render or rendered_prompt)(body)
        prompt = vocab.tokenize(text.encode(), add_bos=False, special=True)
        shared = 0
        for a, b in zip(state, prompt, strict=False):
            if a != b:
                break
            shared += 1
        sent += len(prompt)
        evaluated += len(prompt) - min(shared, len(prompt) - 1)
        state = prompt + vocab.tokenize(answer.encode(), add_bos=False, special=False)
    return sent, evaluated


def article_tokens(article_id: str, vocab: Any) -> int:
    """The article's tokens as the token targets count them: its body as the pipeline reads
    it (a saved page: its extracted text), by the model's tokenizer `vocab`."""
    from summarizer.metadata import body_text, read_metadata

    article = load_article(CORPUS / "articles" / _file(article_id))
    body = body_text(article.text, read_metadata(article.text, article.page))
    return len(vocab.tokenize(body.encode()))


def _file(article_id: str) -> str:
    return next(p.name for p in (CORPUS / "articles").iterdir() if p.stem == article_id)


if __name__ == "__main__":
    main()
