"""Credentials never leave the process: the one place every message, repr, log line and output
passes through before anyone can read it. Pure but for a registry of the secrets in use.

Removed: the password of `scheme://user:password@host` URLs (the user name too), the values of
URL query parameters, `Bearer …` / `Basic …` tokens, `sk-…` style keys, and every value
registered with `register_secret` (an API key from the settings, a password from a base URL),
wherever it appears, for example echoed back inside an endpoint's error message.

Redact first, cut after (`redact_head`): a key cut in two by a length limit no longer matches
itself. Every run of FRAGMENT or more characters of a registered credential (with a digit or a
capital letter in it, as nearly every run of a random key has) is masked too, so that a text
cut before it reached `redact` (by a library, or by code that forgot the rule) keeps no usable
part of a key either. Not of every registered value: a query parameter such as
`api-version=2024-02-15-preview` is masked whole, but a run of it would mask dates.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import quote, unquote

MASK = "***"
_MIN_SECRET = 4  # shorter "secrets" (a test's "x") would mask ordinary words
FRAGMENT = 8
"""The shortest run of a registered secret masked on its own (a key's head left by a cut):
long enough that no ordinary word of a message is a run of a random key."""
_HEAD_SLACK = 4096  # what `redact_head` reads beyond its limit, so a secret there is whole
_AT_CUT = 64  # what it drops at its own first cut, where a credential may have been split

# Both read a run of characters once, from its start: tried from every position of a long run
# ("aaaa...", "????..."), each try ran to the run's end and failed, quadratic in its length.
# A scheme starts at the run's first letter (`lead` is what comes before it in the run).
_USERINFO = re.compile(
    r"(?<![a-zA-Z0-9+.-])(?P<lead>[0-9+.-]*)(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s?#]+@"
)
# A query's key with its value; a key no "=" follows is matched too and kept as it is.
_QUERY_VALUE = re.compile(r"(?P<key>[?&][^=&#\s]+)(?:=[^&#\s]*)?")
_TOKEN = re.compile(r"\b(?P<kind>Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}", re.I)
# OpenAI-style keys (sk-..., sk-proj-...) and Groq's (gsk_...)
_KEY_LIKE = re.compile(r"\b(?:sk-|gsk_)[A-Za-z0-9_-]{8,}")
_HEADER = re.compile(r"(?P<name>(?:authorization|api-key|x-api-key)\s*[:=]\s*)\S+", re.I)

_KEYISH = re.compile(r"[0-9A-Z]")

_secrets: set[str] = set()
_credentials: set[str] = set()  # the secrets whose runs are masked too
_lock = threading.Lock()


def register_secret(value: str | None, *, runs: bool = True) -> None:
    """Mask `value` (and its URL-encoded form) in everything `redact` sees from now on, and,
    with `runs`, every run of FRAGMENT or more of its characters (for a key or a password;
    not for a value that may share runs with ordinary text)."""
    if not value or len(value) < _MIN_SECRET:
        return
    forms = {value, quote(value, safe=""), unquote(value)}
    with _lock:
        _secrets.update(forms)
        if runs:
            _credentials.update(forms)


def redact(text: str) -> str:
    """`text` with every credential it holds replaced by ***."""
    if not text:
        return text
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
        credentials = list(_credentials)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _mask_fragments(text, credentials)
    text = _USERINFO.sub(lambda m: f"{m['lead']}{m['scheme']}{MASK}@", text)
    text = _QUERY_VALUE.sub(lambda m: f"{m['key']}={MASK}" if "=" in m[0] else m[0], text)
    text = _TOKEN.sub(lambda m: f"{m['kind']} {MASK}", text)
    text = _HEADER.sub(lambda m: f"{m['name']}{MASK}", text)
    return _KEY_LIKE.sub(MASK, text)


def _mask_fragments(text: str, secrets: list[str]) -> str:
    """`text` with every run of FRAGMENT or more characters of a secret masked: each FRAGMENT
    characters long window of a secret found in the text marks its span, and overlapping or
    touching spans (one longer run) become one mask. Only windows with a digit or a capital
    letter count: a random key's runs nearly all have one, while the runs of a made-up key
    ("sk-no-key-required", "lm-studio") are ordinary words, which must stay readable."""
    spans: list[tuple[int, int]] = []
    for secret in secrets:
        for start in range(len(secret) - FRAGMENT + 1):
            window = secret[start : start + FRAGMENT]
            if not _KEYISH.search(window):
                continue
            found = text.find(window)
            while found != -1:
                spans.append((found, found + FRAGMENT))
                found = text.find(window, found + 1)
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, last = [], 0
    for start, end in merged:
        parts += [text[last:start], MASK]
        last = end
    return "".join([*parts, text[last:]])


def redact_head(text: str, limit: int) -> str:
    """The first `limit` characters of `text`, redacted before they are cut: a key that a cut
    splits no longer matches itself, so it would leave its head behind.

    Only a bounded head of the text is redacted (an endpoint's 10 MB answer costs what a short
    one does). Where that first cut was made, it may split a credential too, leaving a piece no
    pattern knows; so the last characters before it are never returned."""
    head = text[: limit + _HEAD_SLACK]
    cleaned = redact(head)
    if len(head) < len(text):
        cleaned = cleaned[: max(0, len(cleaned) - _AT_CUT)]
    return cleaned[:limit]


class RedactingFilter(logging.Filter):
    """A logging filter that redacts each record's message (its arguments merged in)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def family(*names: str) -> list[logging.Logger]:
    """The named loggers and every existing logger below them (a logger's filters do not
    apply to its children's records, so each one needs the filter itself)."""
    existing = [n for n in logging.root.manager.loggerDict if isinstance(n, str)]
    chosen = {n for n in existing for root in names if n == root or n.startswith(root + ".")}
    return [logging.getLogger(n) for n in sorted(chosen | set(names))]


def install_log_redaction(*names: str) -> None:
    """Redact the records of the named loggers and their children (the library's own, and
    the HTTP stack's, which log request URLs) on every handler they reach."""
    for logger in family(*names):
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
