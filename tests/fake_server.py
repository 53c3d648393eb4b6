"""A scripted OpenAI-compatible server on loopback that counts the requests it gets."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = tuple[int, dict[str, str], Any]


def tool_reply(name: str, arguments: dict[str, Any]) -> Reply:
    """A 200 chat completion whose single tool call carries `arguments`."""
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_0",
                            "type": "function",
                            "function": {"name": name, "arguments": json.dumps(arguments)},
                        }
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110},
    }
    return 200, {}, body


def ask_speaker(server: FakeServer, **options: Any) -> Any:
    """One `speaker` question to `server` through the real backend, as brief.py asks it."""
    from summarizer import Settings
    from summarizer.backend import LLM

    config = Settings(
        base_url=server.base_url,
        api_key="sk-test",
        model="fake-model",
        retry_wait_max=0.01,
        **options,
    )
    with LLM(config) as llm:
        return ask_with(llm)


def ask_with(llm: Any) -> Any:
    """The `speaker` question of `ask_speaker` over an open `llm`: (answer, usage)."""
    from summarizer.questions import Grounding, SpeakerAnswer

    return llm.ask(
        SpeakerAnswer,
        [{"role": "user", "content": "Who said it?"}],
        question="speaker",
        source_id="seeds/x.txt",
        context={"grounding": Grounding(PASSAGE, None), "quote": "We are at a new stage"},
        max_tokens=50,
    )


PASSAGE = '"We are at a new stage," Lavrov said.'


def error_reply(status: int, headers: dict[str, str] | None = None) -> Reply:
    return status, headers or {}, {"error": {"message": f"scripted {status}", "type": "fake"}}


class FakeServer:
    """Serves `script` in order (the last reply repeats); `requests` holds the JSON bodies.
    Subclasses override `respond` to answer from the request instead."""

    def __init__(self, script: list[Reply]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length) or b"{}"
                server.requests.append(json.loads(raw))
                status, headers, body = server.respond(server.requests[-1], raw)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                payload = json.dumps({"requests": len(server.requests)}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        return self.script[min(len(self.requests) - 1, len(self.script) - 1)]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


ARTICLE = """Monday, 14 July 2025

Lavrov and Wang discuss ties, report {n}

Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing on Sunday,
on the sidelines of a meeting of the Shanghai Cooperation Organization (SCO). {extra}
They discussed the war in Ukraine and relations with the United States.
"""

GROUNDED_ANSWERS: dict[str, dict[str, Any]] = {
    "MeetingsAnswer": {
        "meetings": [
            {
                "participants": [
                    {"name": "Sergei Lavrov", "role": "Foreign Minister", "country": "Russia"},
                    {"name": "Wang Yi", "role": "Foreign Minister", "country": "China"},
                ],
                "status": "held",
                "city": "Beijing",
                "country": "China",
                "venue": "",
                "forum": "SCO",
                "when": "on Sunday",
            }
        ]
    },
    "ContentAnswer": {"topics": ["Ukraine", "United States"], "agreements": []},
    "SpeakerAnswer": {"speaker": None},
    "PlansAnswer": {"meetings": []},
    "RecordSummaryAnswer": {"summary": "Sergei Lavrov and Wang Yi met in Beijing at the SCO."},
}


class FakeModel(FakeServer):
    """Answers each question with a grounded answer for ARTICLE-shaped texts, counting calls;
    `fail_on` makes requests whose body contains that text fail with a 500; `latency` delays
    every answer (seconds), for benchmarks."""

    def __init__(self, fail_on: str | None = None, latency: float = 0.0) -> None:
        super().__init__([])
        self.fail_on = fail_on
        self.latency = latency

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        if self.latency:
            time.sleep(self.latency)
        if self.fail_on and self.fail_on in raw.decode("utf-8", "replace"):
            return error_reply(500)
        name = request["tools"][0]["function"]["name"]
        return tool_reply(name, GROUNDED_ANSWERS[name])

    def questions(self) -> list[str]:
        return [r["tools"][0]["function"]["name"] for r in self.requests]


def settings_for(server: FakeServer, **options: Any) -> Any:
    """Settings that reach `server` (no transient retries unless asked)."""
    from summarizer import Settings

    values: dict[str, Any] = {
        "base_url": server.base_url,
        "model": "fake-model",
        "api_key": "sk-test",
        "max_retries": 0,
    }
    values.update(options)
    return Settings(**values)


def write_articles(folder: Any, count: int) -> Any:
    """`folder` with ARTICLE-shaped texts a1.txt ... a<count>.txt (one meeting)."""
    folder.mkdir()
    for n in range(1, count + 1):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n, extra=""), encoding="utf-8")
    return folder
