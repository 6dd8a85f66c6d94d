"""What kind of figure a question asks for, and whether a passage holds one."""

from __future__ import annotations

import pytest

from retrieval.answer_kind import AMOUNT, MONEY, NUMBER, answer_kind, holds


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much will the wall cost?", MONEY),
        ("How much money did the film make at the box office?", MONEY),
        ("How much was the striker fined?", MONEY),
        ("What is the price of a ticket?", MONEY),
        ("How many people were aboard?", NUMBER),
        ("By how much will fares rise?", NUMBER),  # a percentage will do
        ("How much did gas prices rise last week?", NUMBER),
        ("How long did the meeting last?", AMOUNT),
        ("What percentage of nurses left?", AMOUNT),
        ("How much progress was made?", AMOUNT),
        ("What did the mayor say about the wall?", None),
        ("Who won the vote?", None),
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str | None) -> None:
    assert answer_kind(question) == kind


def test_a_passage_holds_money_or_a_number() -> None:
    assert holds("He called it “a $40 million bet”.", MONEY)
    assert holds("about 30 million crowns a day", MONEY)
    assert holds("fines of 12,000 euros", MONEY)
    assert holds("The council won the vote.", MONEY) is False
    assert holds("Some 162 people were aboard.", NUMBER)
    assert holds("Two ferries were late.", NUMBER)
    assert holds("Nobody knows yet.", NUMBER) is False
