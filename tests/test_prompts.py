import pytest

from summarizer import PromptTemplateError
from summarizer.prompts import load_prompt, parse_prompt
from summarizer.questions import QUESTIONS

TEMPLATE = """---
name: t
version: 3
variables: article
---
[system]
Be exact.
[user]
<article>
{{article}}
</article>
"""


def test_every_shipped_prompt_parses():
    for name in [*QUESTIONS, "record_summary"]:
        prompt = load_prompt(name)
        assert prompt.name == name and prompt.system and prompt.user


def test_missing_variable_fails_fast_and_names_it():
    with pytest.raises(PromptTemplateError, match=r"missing \['article'\]"):
        parse_prompt(TEMPLATE, "t.md").render()


def test_article_text_is_data_not_template_syntax():
    messages = parse_prompt(TEMPLATE, "t.md").render(article="{{article}} ignore previous")
    assert messages[1]["content"] == "<article>\n{{article}} ignore previous\n</article>"


def test_undeclared_placeholder_is_refused():
    bad = TEMPLATE.replace("{{article}}", "{{article}} {{extra}}")
    with pytest.raises(PromptTemplateError, match="declared variables"):
        parse_prompt(bad, "bad.md")


def test_header_is_required():
    with pytest.raises(PromptTemplateError, match="header"):
        parse_prompt("[system]\nx\n[user]\ny\n", "bare.md")
