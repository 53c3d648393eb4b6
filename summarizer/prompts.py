"""Prompt templates from `prompts/`. Reads files; calls no model.

A template file:

    ---
    name: speaker
    variables: passage, quote
    ---
    [system]
    ...
    [user]
    ... {{passage}} ...

Rendering substitutes declared `{{variables}}` in one pass, so text inside a value (an
article that contains `{{x}}` or `{% raw %}`) is never read as template syntax, and every
value is passed through `as_data`, so nothing inside it can close the `<article>` (or any
other) delimiter around it or open a chat-template turn. A missing, extra or undeclared
variable raises PromptTemplateError naming the template and the variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from summarizer.errors import PromptTemplateError

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
# A `<` that could start a tag or a chat-template token: `</article >`, `</ARTICLE\n>`,
# `< /passage>`, `<|im_start|>`, `<system>`. Such a `<` becomes U+2039 (a single angle
# quote): the text reads the same to the model, but no look-alike can close or open anything.
# (Its blanks are possessive: where no tag follows a "<", its blanks were split every way
# between the two runs, quadratic in their length.)
_TAG_START = re.compile(r"<(?=\s*+/?\s*+[A-Za-z!?|/])")
_SECTION = re.compile(r"^\[(system|user)\]\s*$", re.M)


@dataclass(frozen=True)
class Prompt:
    """One template. Its identity is its text: a brief's fingerprint hashes `system` and
    `user`, so any edit marks the briefs it made stale (no version number to forget)."""

    name: str
    variables: tuple[str, ...]
    system: str
    user: str

    def render(self, **values: str) -> list[dict[str, str]]:
        """Chat messages with every declared variable filled in."""
        missing = [v for v in self.variables if v not in values]
        extra = [v for v in values if v not in self.variables]
        if missing or extra:
            problem = f"missing {missing}" if missing else f"undeclared {extra}"
            raise PromptTemplateError(f"prompt {self.name!r}: variables {problem}")

        def fill(template: str) -> str:
            return _PLACEHOLDER.sub(lambda m: as_data(values[m.group(1)]), template)

        return [
            {"role": "system", "content": fill(self.system)},
            {"role": "user", "content": fill(self.user)},
        ]


def as_data(value: str) -> str:
    """`value` made safe to place between delimiters: no tag or chat token can start in it."""
    return _TAG_START.sub("\u2039", value)


def prompts_dir() -> Path:
    """`summarizer/prompts` in an installed wheel, else the repository's `prompts/`."""
    packaged = Path(str(resources.files("summarizer"))) / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "prompts"


@cache
def load_prompt(name: str) -> Prompt:
    """Parse and check `prompts/<name>.md`."""
    path = prompts_dir() / f"{name}.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptTemplateError(f"{path}: cannot read prompt ({exc.strerror})") from None
    return parse_prompt(raw, str(path))


def parse_prompt(raw: str, label: str) -> Prompt:
    """Parse one template's text; `label` names it in errors."""
    parts = raw.split("---\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise PromptTemplateError(f"{label}: must start with a '---' header block")
    header: dict[str, str] = {}
    for line in parts[1].splitlines():
        if line.strip():
            key, sep, value = line.partition(":")
            if not sep:
                raise PromptTemplateError(f"{label}: header line {line!r} is not 'key: value'")
            header[key.strip()] = value.strip()
    for key in ("name", "variables"):
        if key not in header:
            raise PromptTemplateError(f"{label}: header lacks {key!r}")
    variables = tuple(v.strip() for v in header["variables"].split(",") if v.strip())
    sections = _SECTION.split(parts[2])
    texts = dict(zip(sections[1::2], (s.strip() for s in sections[2::2]), strict=True))
    if set(texts) != {"system", "user"}:
        raise PromptTemplateError(f"{label}: needs exactly one [system] and one [user] section")
    used = set(_PLACEHOLDER.findall(texts["system"] + texts["user"]))
    if used != set(variables):
        raise PromptTemplateError(
            f"{label}: declared variables {sorted(variables)} but the text uses {sorted(used)}"
        )
    return Prompt(header["name"], variables, texts["system"], texts["user"])
