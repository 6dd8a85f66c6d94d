"""eval-quotes: matching predicted quotations to gold, names by key, splits and false names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.cli import main
from retrieval.models import Quote
from retrieval.quote_eval import GoldError, evaluate_quotes, read_quote_gold
from tests.conftest import TEST_ARTICLES, make_article

TEXT = (
    "“We will rebuild,” Mayor Ana Lind said. “Every street.”\n"
    "Lind called the plan “reckless” later, and the so-called “deal” stalled.\n"
)
ARTICLE = make_article(TEXT, "lind")


def _quote(words: str, paragraph: int, speaker: str | None, nth: int = 0) -> Quote:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return Quote(words, "lind", paragraph, start, start + len(words), speaker)


def _gold(tmp_path: Path, quotes: list[dict], **extra: object) -> Path:
    path = tmp_path / "lind.json"
    path.write_text(json.dumps({"article": "lind", "quotes": quotes, **extra}), encoding="utf-8")
    return path


def _span(words: str, paragraph: int, speaker: str | None) -> dict:
    start = TEXT.index(words)
    return {"paragraph": paragraph, "start": start, "end": start + len(words), "speaker": speaker}


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return _gold(
        tmp_path,
        [
            _span("We will rebuild", 1, "Ana Lind"),
            _span("Every street", 1, "Ana Lind"),
            _span("reckless", 2, "Ana Lind"),
            _span("deal", 2, None),
        ],
        speakers={"Ana Lind": {"kind": "person", "aliases": ["Lind", "Mayor Lind"]}},
    )


def test_all_right_scores_one(gold: Path) -> None:
    predicted = [
        _quote("We will rebuild", 1, "Ana Lind"),
        _quote("Every street", 1, "Ana Lind"),
        _quote("reckless", 2, "Ana Lind"),
        _quote("deal", 2, None),
    ]
    report = evaluate_quotes(read_quote_gold(gold, [ARTICLE]), predicted, [ARTICLE])
    assert (report.precision, report.recall) == (1.0, 1.0)
    assert report.to_json()["split_speakers"] == []


def test_a_person_under_two_names_is_a_split(gold: Path) -> None:
    predicted = [
        _quote("We will rebuild", 1, "Ana Lind"),
        _quote("Every street", 1, "Lind"),
        _quote("reckless", 2, "Mayor Ana Lind"),
    ]
    report = evaluate_quotes(read_quote_gold(gold, [ARTICLE]), predicted, [ARTICLE])
    assert report.recall == 1.0  # an alias and a title + name are the right person...
    assert report.to_json()["split_speakers"] == ["lind: Ana Lind"]  # ...under three names
    assert report.to_json()["predicted_speakers"] == 3


def test_naming_someone_for_a_scare_quote_costs_precision(gold: Path) -> None:
    predicted = [
        _quote("We will rebuild", 1, "Ana Lind"),
        _quote("Every street", 1, "Ana Lind"),
        _quote("reckless", 2, "Ana Lind"),
        _quote("deal", 2, "Ana Lind"),
    ]
    report = evaluate_quotes(read_quote_gold(gold, [ARTICLE]), predicted, [ARTICLE])
    assert report.recall == 1.0
    assert report.precision == pytest.approx(3 / 4)
    assert any(line.startswith("named ¶2 [Ana Lind]") for line in report.articles[0].errors)


def test_wrong_speaker_and_missed_quote_cost_recall(gold: Path) -> None:
    predicted = [
        _quote("We will rebuild", 1, "Someone Else"),
        _quote("reckless", 2, None),
    ]
    report = evaluate_quotes(read_quote_gold(gold, [ARTICLE]), predicted, [ARTICLE])
    assert report.recall == 0.0 and report.precision == 0.0
    assert report.span_recall == pytest.approx(2 / 3)


def test_a_span_overlapping_less_than_half_does_not_match(gold: Path) -> None:
    # One prediction swallowing both pieces of the split quotation matches neither well enough.
    start = TEXT.index("We will rebuild")
    end = TEXT.index("Every street") + len("Every street")
    merged = Quote(TEXT[start:end], "lind", 1, start, end, "Ana Lind")
    report = evaluate_quotes(read_quote_gold(gold, [ARTICLE]), [merged], [ARTICLE])
    assert report.recall == 0.0


def test_text_form_gold_is_located_in_the_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "lind.quotes.json"
    path.write_text(
        json.dumps([{"paragraph": 2, "quote": "reckless", "speaker": "Ana Lind"}]),
        encoding="utf-8",
    )
    [gold] = read_quote_gold(path, [ARTICLE])
    assert [(g.start, g.end) for g in gold.quotes] == [
        (TEXT.index("reckless"), TEXT.index("reckless") + 8)
    ]
    path.write_text(
        json.dumps([{"paragraph": 1, "quote": "reckless", "speaker": "Ana Lind"}]),
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="not in paragraph 1"):
        read_quote_gold(path, [ARTICLE])


def test_cli_eval_quotes_on_our_articles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval-quotes", str(TEST_ARTICLES), "--seeds", str(TEST_ARTICLES), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in TEST_ARTICLES.glob("*.json")]
    assert report["articles"] == len(golds) >= 8
    assert report["gold_quotes"] == sum(1 for g in golds for item in g if item["speaker"])
    assert report["precision"] == 1.0 and report["recall"] == 1.0
    assert report["split_speakers"] == [] and report["merged_speakers"] == []


def test_a_descriptive_alias_does_not_credit_the_organisation_it_names(tmp_path: Path) -> None:
    path = _gold(
        tmp_path,
        [_span("We will rebuild", 1, "Ana Lind")],
        speakers={
            "Ana Lind": {"aliases": ["Lind", "Mayor Lind", "Ms Lynd", "Harbour Council leader"]}
        },
    )
    gold = read_quote_gold(path, [ARTICLE])
    as_council = [_quote("We will rebuild", 1, "Harbour Council")]
    assert evaluate_quotes(gold, as_council, [ARTICLE]).precision == 0.0
    # Her name in any form the article uses, a misspelling after an honorific included.
    for name in ("Lind", "Mayor Ana Lind", "Lynd"):
        right = [_quote("We will rebuild", 1, name)]
        assert evaluate_quotes(gold, right, [ARTICLE]).precision == 1.0


def test_a_short_form_of_a_name_given_as_an_alias_credits_it(tmp_path: Path) -> None:
    # "Lib Dems": every word a title word, yet a spelling of the party's name, not a description.
    path = _gold(
        tmp_path,
        [_span("We will rebuild", 1, "Liberal Democrats")],
        speakers={"Liberal Democrats": {"aliases": ["Lib Dems", "party leadership"]}},
    )
    gold = read_quote_gold(path, [ARTICLE])
    assert (
        evaluate_quotes(gold, [_quote("We will rebuild", 1, "Lib Dems")], [ARTICLE]).precision
        == 1.0
    )
    as_party = [_quote("We will rebuild", 1, "Party")]
    assert evaluate_quotes(gold, as_party, [ARTICLE]).precision == 0.0


def test_a_possessive_spelling_given_as_an_alias_credits_it(tmp_path: Path) -> None:
    # "Russia’s Defense Ministry": the "s" after the apostrophe is no lower-case word.
    path = _gold(
        tmp_path,
        [_span("We will rebuild", 1, "Russian Defense Ministry")],
        speakers={"Russian Defense Ministry": {"aliases": ["Russia’s Defense Ministry"]}},
    )
    gold = read_quote_gold(path, [ARTICLE])
    spelled = [_quote("We will rebuild", 1, "Russia’s Defense Ministry")]
    assert evaluate_quotes(gold, spelled, [ARTICLE]).precision == 1.0
