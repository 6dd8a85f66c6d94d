"""What kind of figure a question asks for, and whether a passage holds one."""

from __future__ import annotations

import pytest

from retrieval.answer_kind import AMOUNT, DURATION, MONEY, NUMBER, TIME, answer_kind, holds


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
        ("How long did the meeting last?", DURATION),
        ("How long ago did the mill close?", AMOUNT),  # a number helps, a span is not asked
        ("According to the coach, how long will he be out?", DURATION),
        ("What did she say about how long journeys take?", AMOUNT),
        ("How old is the bridge?", AMOUNT),
        ("What percentage of nurses left?", AMOUNT),
        ("How much progress was made?", AMOUNT),
        ("When will the bridge reopen?", TIME),
        ("According to the club, when is the match?", TIME),
        ("On what date was the deal signed?", TIME),
        ("In which year did the mill close?", TIME),
        ("What did she say about when the bridge reopens?", None),
        ("When do people develop courage?", None),  # in what circumstances, not a date
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


def test_a_passage_holds_a_span_of_time() -> None:
    assert holds("The trial lasted three weeks.", DURATION)
    assert holds("a 90-minute match", DURATION)
    assert holds("the free trial runs from early March to the end of April", DURATION)
    assert holds("She has been with the firm since 1976.", DURATION)
    assert holds("The judge praised the jury.", DURATION) is False


def test_a_passage_holds_a_date_or_a_time() -> None:
    assert holds("Work will start in March.", TIME)
    assert holds("The mill closed in 1998.", TIME)
    assert holds("The vote was held on Tuesday.", TIME)
    assert holds("Kick-off is at 7.45pm.", TIME)
    assert holds("The judge praised the jury.", TIME) is False
