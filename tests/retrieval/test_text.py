"""Sentence spans, folding and BM25 tokens."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retrieval.question import clean_question
from retrieval.text import content_tokens, fold, sentence_spans


def test_sentences_split_at_ends_but_not_at_abbreviations() -> None:
    text = (
        "U.S. President Jane Roe met Mr. Smith on Monday. “It went well,” she said. "
        "Talks resume in Jan. 2026 at 10 a.m. sharp! Will they?"
    )
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == [
        "U.S. President Jane Roe met Mr. Smith on Monday.",
        "“It went well,” she said.",
        "Talks resume in Jan. 2026 at 10 a.m. sharp!",
        "Will they?",
    ]


def test_sentence_spans_respect_a_window() -> None:
    text = "xx First one. Second one. yy"
    spans = sentence_spans(text, 3, 25)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


@given(st.text(max_size=300))
def test_sentence_spans_are_ordered_trimmed_slices(text: str) -> None:
    last = 0
    for s, e in sentence_spans(text):
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e


def test_fold_ignores_case_accents_and_curly_apostrophes() -> None:
    assert fold("ZELENSKÝ’s") == "zelensky's"
    assert fold("Élysée") == "elysee"
    assert fold("Putin’s") == "putin's"


def test_content_tokens_drop_stop_words_and_stem_lightly() -> None:
    assert content_tokens("What did the leaders discuss about NATO’s guarantees?") == [
        "leader",
        "discuss",
        "nato",
        "guarantee",
    ]


def test_clean_question_strips_invisible_characters() -> None:
    assert clean_question("  what\u200b did\u202e they\n\tsay?\u2066 ") == "what did they say?"
