"""Which names a question uses, and whether an article mentions them (no model)."""

from __future__ import annotations

from retrieval.engine import asks_for_words
from retrieval.mentions import ArticleNames, question_names


def test_titles_and_dates_are_not_part_of_a_name() -> None:
    assert question_names("What did Senator Elizabeth Warren say on Monday?") == [
        "Elizabeth Warren"
    ]
    assert question_names("What share of people in the June NBC/WSJ poll were worried?") == [
        "NBC WSJ"
    ]


def test_an_acronym_may_stand_for_any_stretch_of_a_name() -> None:
    names = ArticleNames.of(
        "An NBC News/ Wall Street Journal Poll from June showed it. The New York Times agreed."
    )
    assert names.mentions("NBC WSJ")
    assert names.mentions("NYT")
    assert not names.mentions("BBC")
    assert not names.mentions("Fox News")


def test_a_capitalised_name_is_not_a_speech_word() -> None:
    assert not asks_for_words("Which bowl game will Ohio State play in?")
    assert asks_for_words("What did the governor state about the budget?")
    assert asks_for_words("Describe what the mayor promised.")


def test_plurals_and_abbreviated_party_names_are_the_same_name() -> None:
    names = ArticleNames.of("The Lib Dem leader spoke first. The Theatre Royal closed early.")
    assert names.mentions("Lib Dems")  # a plural
    assert names.mentions("Liberal Democrats")  # written out in full
    assert names.mentions("Theatres")
    assert not names.mentions("Theresa May")  # "The" begins "Theresa" but abbreviates nothing
    assert not names.mentions("Labour")
