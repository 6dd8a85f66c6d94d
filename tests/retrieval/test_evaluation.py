"""Retrieval quality on the development set and on our own reworded questions (real model)."""

from __future__ import annotations

import pytest

from retrieval.evaluation import evaluate, read_gold
from tests.conftest import DATA, SHARED_EVAL, shared_file

pytestmark = pytest.mark.model

DEV = SHARED_EVAL / "dev_questions.jsonl"


def test_development_set_meets_the_targets(seed_engine) -> None:
    report = evaluate(seed_engine, read_gold(shared_file(DEV)))
    assert report.answerable >= 20 and report.unanswerable >= 5
    assert report.recall_at_1 >= 0.90, report.misses
    assert report.recall_at_3 >= 0.97, report.misses
    assert report.wrongly_answered == []  # every off-topic question abstained
    assert report.wrongly_abstained == []  # no answerable question abstained


# Our own question sets, with the scores measured when the ranking was chosen (README, "Ranking").
OWN_SETS = [
    # (engine fixture, gold file, answerable, off-topic, R@1 floor, R@3 floor)
    ("seed_engine", "seed_paraphrases.jsonl", 30, 14, 0.65, 0.85),  # measured 0.667 / 0.900
    ("corpus_engine", "corpus_questions.jsonl", 35, 7, 0.80, 0.97),  # measured 0.829 / 1.000
]


@pytest.mark.parametrize(("engine", "gold", "answerable", "off_topic", "r1", "r3"), OWN_SETS)
def test_own_question_sets_keep_their_floor(
    request: pytest.FixtureRequest,
    engine: str,
    gold: str,
    answerable: int,
    off_topic: int,
    r1: float,
    r3: float,
) -> None:
    """Reworded questions on the seed (few shared words) and questions on our test articles
    loaded together (a passage of the wrong article is a miss)."""
    report = evaluate(request.getfixturevalue(engine), read_gold(DATA / gold))
    assert (report.answerable, report.unanswerable) == (answerable, off_topic)
    assert report.recall_at_1 >= r1, report.misses
    assert report.recall_at_3 >= r3, report.misses
    assert report.wrongly_answered == []
    assert report.wrongly_abstained == []


def test_gold_parser_names_the_bad_line(tmp_path) -> None:
    from retrieval.errors import ArticlebotError

    path = tmp_path / "gold.jsonl"
    path.write_text('{"q": "ok", "rel": [1]}\nnot json\n', encoding="utf-8")
    with pytest.raises(ArticlebotError, match=r"gold\.jsonl:2"):
        read_gold(path)


def test_missing_shared_gold_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    missing = tmp_path / "dev_questions.jsonl"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI runs with \.\./shared"):
        shared_file(missing)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        shared_file(missing)
