"""Input checks and normalisation of questions and speaker names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validation import (
    BIDI_CONTROLS,
    ZERO_WIDTH,
    clean_question,
    clean_speaker,
    normalize,
)
from retrieval.errors import InvalidQuestion, InvalidSpeakerQuery


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("what did Putin agree to?", "what did Putin agree to?"),
        ("  what   did\n\tPutin  say ", "what did Putin say"),
        ("**what** did _Putin_ say?", "what did Putin say?"),
        ("```py\nceasefire terms\n```", "ceasefire terms"),
        ("`inline` code", "inline code"),
        ("> quoted ~~strike~~ ||spoiler||", "quoted strike spoiler"),
        ("<@123456789012345678> what did <@&42> and <#99> say", "what did and say"),
        ("@everyone @here what happened", "everyone here what happened"),
        ("[the deal](https://example.com) terms", "the deal terms"),
        ("Pu\u200btin\u200f agreed", "Putin agreed"),
        ("\u202ewhat\u202c about \u2066Kyiv\u2069", "what about Kyiv"),
        ("Trump's 30-day plan?", "Trump's 30-day plan?"),
        ("snake_case stays", "snake_case stays"),
        ("# heading question", "heading question"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert clean_question(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "is empty"),
        ("   \n\t ", "is empty"),
        ("\u200b\u200c\u200d", "invisible characters"),
        ("\u200f\u202e", "invisible characters"),
        ("😀🔥👍", "no words to search for"),
        ("?!… ---", "no words to search for"),
        ("**__~~||``||~~__**", "no words to search for"),
        ("<@123456789012345678> <#42>", "only formatting or mentions"),
        ("x" * 501, "too long"),
    ],
)
def test_rejected_questions_say_what_is_wrong(raw: str, fragment: str) -> None:
    with pytest.raises(InvalidQuestion) as info:
        clean_question(raw)
    message = str(info.value)
    assert fragment in message
    if "too long" not in message:
        assert "/ask question:" in message  # says what to try instead


def test_question_of_exactly_the_limit_is_accepted() -> None:
    assert len(clean_question("a" * 500)) == 500


def test_none_is_empty() -> None:
    with pytest.raises(InvalidQuestion, match="empty"):
        clean_question(None)


@pytest.mark.parametrize("raw", ["", "  ", "\u200b", "🙂", "x" * 101])
def test_rejected_speakers(raw: str) -> None:
    with pytest.raises(InvalidSpeakerQuery):
        clean_speaker(raw)


def test_speaker_normalised() -> None:
    assert clean_speaker(" **Pu\u200btin** ") == "Putin"


@given(st.text(max_size=600))
def test_normalize_never_leaves_invisible_or_decoration(text: str) -> None:
    out = normalize(text)
    assert not any(c in out for c in ZERO_WIDTH + BIDI_CONTROLS)
    assert "`" not in out and "*" not in out and "||" not in out and "~~" not in out
    assert out == out.strip() and "  " not in out
    assert len(out) <= len(text)


@given(st.text(max_size=600))
def test_clean_question_either_accepts_words_or_raises_friendly(text: str) -> None:
    try:
        out = clean_question(text)
    except InvalidQuestion as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert any(c.isalnum() for c in out)
        assert len(out) <= 500
