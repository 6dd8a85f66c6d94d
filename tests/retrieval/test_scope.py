"""Answers that do not depend on what else is loaded, and questions scoped to one article."""

from __future__ import annotations

import json
import shutil

import pytest

from retrieval.config import Settings
from retrieval.engine import Engine
from retrieval.errors import UnknownArticle
from tests.conftest import DATA, SEEDS, SHARED_EVAL, TEST_ARTICLES

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory, model_encoder, cache_dir) -> Engine:
    """The seed beside 19 other articles (ours, and renamed copies of ours)."""
    folder = tmp_path_factory.mktemp("twenty")
    shutil.copy(next(SEEDS.glob("*.txt")), folder)
    ours = sorted(TEST_ARTICLES.glob("*.txt"))
    for n in range(19):
        source = ours[n % len(ours)]
        shutil.copy(source, folder / f"{source.stem}_{n:02d}.txt")
    assert len(list(folder.glob("*.txt"))) == 20
    return Engine.load(Settings(seeds_dir=folder, cache_dir=cache_dir), encoder=model_encoder)


def _seed_questions() -> list[str]:
    lines = (DATA / "seed_paraphrases.jsonl").read_text(encoding="utf-8").splitlines()
    dev = SHARED_EVAL / "dev_questions.jsonl"
    if dev.is_file():
        lines += dev.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


def test_abstention_is_the_same_with_one_and_with_twenty_articles(seed_engine, twenty) -> None:
    seed_id = seed_engine.article_list[0].id
    questions = [
        *_seed_questions(),
        "What did the Pope say about the ceasefire?",
        "What is the price of gold in Geneva?",
        "How do I make lasagna?",
    ]
    for question in questions:
        alone = seed_engine.ask(question)
        scoped = twenty.ask(question, article=seed_id)
        among = twenty.ask(question)
        assert (alone.abstained, alone.reason) == (scoped.abstained, scoped.reason), question
        assert alone.abstained == among.abstained, question


def test_a_scoped_question_answers_from_that_article_only(twenty) -> None:
    ids = [a.id for a in twenty.article_list]
    chosen = [next(i for i in ids if i.startswith(stem)) for stem in ("flour_tariff_", "nurse_")]
    for article in chosen:
        answer = twenty.ask("what did the minister announce", article=article)
        assert answer.passages and {p.article for p in answer.passages} == {article}


def test_an_unknown_article_is_a_friendly_error(twenty) -> None:
    with pytest.raises(UnknownArticle, match="No article called"):
        twenty.ask("what was agreed", article="no_such_article")


def test_a_name_only_one_article_mentions_answers_from_that_article(twenty) -> None:
    answer = twenty.ask("What did Putin agree to?")
    assert not answer.abstained
    assert {p.article for p in answer.passages} == {twenty.article_list[0].id}


def test_the_reason_names_what_no_article_mentions(twenty) -> None:
    answer = twenty.ask("What did Pope Leo say about the harbour strike?")
    assert answer.abstained and answer.reason == "The article doesn't mention Leo."
