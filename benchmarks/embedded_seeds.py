"""Benchmark a: the embedded model on the five seeds (needs the `local` extra).

Wall time of a forced run (server already up) against llama.cpp's own compute time, summed
from the `llama_perf_context_print` timings it logs per request; per article: model calls
(re-asks included), prompt and output tokens over all its calls, against the article's own
token count. Targets: wall <= 1.3 x compute; prompt tokens <= 1.5 x article tokens + 900.

    python -m benchmarks.embedded_seeds
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import summarizer
from summarizer.backend import LLM, Settings
from summarizer.embedded import cache_dir, ensure_model
from summarizer.metadata import body_text, read_metadata
from summarizer.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_TOTAL = re.compile(r"total time =\s+([\d.]+) ms")
_PROMPT = re.compile(r"prompt eval time =\s+([\d.]+) ms /\s+(\d+) tokens")
_EVAL = re.compile(r"\beval time =\s+([\d.]+) ms /\s+(\d+) runs")


def article_tokens() -> dict[str, int]:
    from llama_cpp import Llama

    vocab = Llama(str(ensure_model()), vocab_only=True, verbose=False)
    counts = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        counts[path.stem] = len(vocab.tokenize(body_text(text, read_metadata(text)).encode()))
    return counts


def main() -> None:
    tokens = article_tokens()
    log = cache_dir() / "server.log"
    with LLM(Settings()) as llm, tempfile.TemporaryDirectory() as tmp:
        start = log.stat().st_size if log.exists() else 0
        began = time.perf_counter()
        result = summarizer.run([SEEDS], Path(tmp), llm=llm, force=True)
        wall = time.perf_counter() - began
        manifest = Store(Path(tmp)).load_manifest()
        with log.open("rb") as handle:
            handle.seek(start)
            text = handle.read().decode("utf-8", "replace")
    compute = sum(float(m) for m in _TOTAL.findall(text)) / 1000
    prompt_ms = sum(float(m) for m, _ in _PROMPT.findall(text))
    evaluated = sum(int(n) for _, n in _PROMPT.findall(text))
    gen_ms = sum(float(m) for m, _ in _EVAL.findall(text))
    generated = sum(int(n) for _, n in _EVAL.findall(text))
    print(
        f"requests={len(_TOTAL.findall(text))} wall={wall:.1f}s compute={compute:.1f}s "
        f"ratio={wall / compute:.2f} (target <= 1.3)"
    )
    print(
        f"llama.cpp: {evaluated} prompt tokens evaluated at {1000 * evaluated / prompt_ms:.0f}/s "
        f"(cache hits skip the rest), {generated} generated at {1000 * generated / gen_ms:.1f}/s"
    )
    print("article                calls reasks  prompt  output  article  target  ok")
    for article_id, entry in sorted(manifest.sources.items()):
        u = entry.usage
        target = 1.5 * tokens[article_id] + 900
        print(
            f"{article_id}  {u.calls:5} {u.reasks:6} {u.prompt_tokens:7} "
            f"{u.completion_tokens:7} {tokens[article_id]:8} {target:7.0f}  "
            f"{'yes' if u.prompt_tokens <= target else 'NO'}"
        )
    summaries = sum(r.summary_usage.calls for r in result.records)
    print(
        f"record summaries: {summaries} calls, "
        f"{sum(r.summary_usage.prompt_tokens for r in result.records)} prompt tokens"
    )


if __name__ == "__main__":
    main()
