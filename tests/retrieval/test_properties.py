"""Property tests: any question, however odd, gives a result or a friendly error, never a crash,
and every returned text is an exact substring of its article."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from retrieval.errors import ArticlebotError
from retrieval.models import Answer

ODD = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=700,
)
WORDY = st.from_regex(
    r"[A-Za-zÀ-ÖØ-öø-ÿ\u0410-\u044f]{2,12}( [\w’'?!.,“”\"@#*_`~>|-]{1,12}){0,20}", fullmatch=True
)


def _check(engine, question: str) -> None:
    try:
        answer = engine.ask(question)
    except ArticlebotError as exc:
        assert str(exc).strip()
        return
    assert isinstance(answer, Answer)
    assert 1 <= len(answer.passages) <= 3
    texts = {a.id: a.text for a in engine.article_list}
    for p in answer.passages:
        assert texts[p.article][p.start : p.end] == p.text
        assert p.text in texts[p.article]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ODD)
@example("@everyone what did they say")
@example("```python\nprint('x')\n```")
@example("\u202e\u200b\u2066")
@example("🦆🦆🦆")
@example("<@&123456> **bold** ~~strike~~ ||spoiler||")
def test_any_question_is_answered_or_refused_politely_hashing(hashing_engine, question):
    _check(hashing_engine, question)


@pytest.mark.model
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ODD, WORDY))
@example("Что сказал президент?")
@example("الرئيس قال ماذا")
def test_any_question_is_answered_or_refused_politely_model(seed_engine, question):
    _check(seed_engine, question)


@settings(max_examples=60, deadline=None)
@given(WORDY)
def test_questions_with_words_always_get_passages(hashing_engine, question):
    answer = hashing_engine.ask(question)
    assert answer.passages


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=80))
def test_any_speaker_query_returns_or_refuses(hashing_engine, query):
    try:
        result = hashing_engine.quote(query)
    except ArticlebotError as exc:
        assert str(exc).strip()
        return
    texts = {a.id: a.text for a in hashing_engine.article_list}
    for q in result.quotes:
        assert texts[q.article][q.start : q.end] == q.text
        assert q.speaker == result.speaker
