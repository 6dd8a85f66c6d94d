"""Checking a claim against the article: what it covers and what it doesn't, never a ruling."""

from __future__ import annotations

import pytest

from retrieval.claims import check_claim, claim_text, numbers_in
from retrieval.errors import InvalidQuestion

pytestmark = pytest.mark.model

FLOUR = "flour_tariff"


def test_a_wrong_number_is_set_beside_the_articles(corpus_engine) -> None:
    verdict = check_claim(
        corpus_engine, "Halloran says his bread prices will rise by 20 percent", article=FLOUR
    )
    assert verdict.covered
    assert [(n.claimed, n.article_says) for n in verdict.numbers] == [("20%", ("8%",))]
    assert "The claim says 20%; the passages shown give 8%." in verdict.notes
    assert any("8 percent" in p.text for p in verdict.passages)


def test_a_name_the_article_never_mentions_is_named(corpus_engine) -> None:
    verdict = check_claim(corpus_engine, "Mayor Fiona Gallagher said the flour tariff is illegal")
    assert verdict.unknown_names == ("Fiona Gallagher",)
    assert "The article never mentions Fiona Gallagher." in verdict.notes


def test_a_correct_quote_is_shown_with_its_passage_and_no_objection(corpus_engine) -> None:
    claim = "Halloran called the tariff “a complete disaster”"
    verdict = check_claim(corpus_engine, claim, article=FLOUR)
    assert verdict.covered and not verdict.unknown_names and not verdict.numbers
    assert any("A complete disaster" in p.text for p in verdict.passages[:2])
    assert verdict.notes[-1].endswith("not a ruling on the claim, only what the article shows.")
    assert not any(word in " ".join(verdict.notes).lower() for word in ("true", "false"))


def test_an_off_topic_sentence_is_not_covered(corpus_engine) -> None:
    verdict = check_claim(corpus_engine, "I love lasagna with extra cheese and basil")
    assert not verdict.covered
    assert verdict.notes[0].startswith("Nothing in the article bears on this claim")


def test_messages_without_text_are_refused_politely() -> None:
    for raw in ("", "   ", "https://example.com/a-story", "🦆 🦆"):
        with pytest.raises(InvalidQuestion, match="no text to check"):
            claim_text(raw)
    assert claim_text("See https://x.y/z — prices rise 8%") == "See — prices rise 8%"


def test_numbers_are_read_in_figures_words_and_percentages() -> None:
    assert numbers_in("30 days, 1,200 jobs, 8 percent, 4.5% and thirty more") == [
        "30",
        "1200",
        "8%",
        "4.5%",
        "30",
    ]
