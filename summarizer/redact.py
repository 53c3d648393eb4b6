"""Credentials never leave the process: the one place every message, repr, log line and output
passes through before anyone can read it. Pure but for a registry of the secrets in use.

Removed: the password of `scheme://user:password@host` URLs (the user name too), the values of
URL query parameters, `Bearer …` / `Basic …` tokens, `sk-…` style keys, and every value
registered with `register_secret` (an API key from the settings, a password from a base URL),
wherever it appears, for example echoed back inside an endpoint's error message.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import quote, unquote

MASK = "***"
_MIN_SECRET = 4  # shorter "secrets" (a test's "x") would mask ordinary words

# Both read a run of characters once, from its start: tried from every position of a long run
# ("aaaa...", "????..."), each try ran to the run's end and failed, quadratic in its length.
# A scheme starts at the run's first letter (`lead` is what comes before it in the run).
_USERINFO = re.compile(
    r"(?<![a-zA-Z0-9+.-])(?P<lead>[0-9+.-]*)(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s?#]+@"
)
# A query's key with its value; a key no "=" follows is matched too and kept as it is.
_QUERY_VALUE = re.compile(r"(?P<key>[?&][^=&#\s]+)(?:=[^&#\s]*)?")
_TOKEN = re.compile(r"\b(?P<kind>Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}", re.I)
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_-]{8,}")
_HEADER = re.compile(r"(?P<name>(?:authorization|api-key|x-api-key)\s*[:=]\s*)\S+", re.I)

_secrets: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Mask `value` (and its URL-encoded form) in everything `redact` sees from now on."""
    if not value or len(value) < _MIN_SECRET:
        return
    with _lock:
        _secrets.update({value, quote(value, safe=""), unquote(value)})


def redact(text: str) -> str:
    """`text` with every credential it holds replaced by ***."""
    if not text:
        return text
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _USERINFO.sub(lambda m: f"{m['lead']}{m['scheme']}{MASK}@", text)
    text = _QUERY_VALUE.sub(lambda m: f"{m['key']}={MASK}" if "=" in m[0] else m[0], text)
    text = _TOKEN.sub(lambda m: f"{m['kind']} {MASK}", text)
    text = _HEADER.sub(lambda m: f"{m['name']}{MASK}", text)
    return _KEY_LIKE.sub(MASK, text)


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
