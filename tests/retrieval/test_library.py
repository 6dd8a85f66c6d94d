"""The model-free library and its analysis cache: analysed once, reused while nothing changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from retrieval import analysis_cache
from retrieval.analysis_cache import AnalysisCache, from_json, to_json
from retrieval.articles import load_seeds
from retrieval.config import Settings
from retrieval.library import Library
from retrieval.quotes import analyse_article
from tests.conftest import ROOT, TEST_ARTICLES


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(TEST_ARTICLES, folder, ignore=shutil.ignore_patterns("*.json"))
    return folder


def test_analysis_round_trips_through_json() -> None:
    for article in load_seeds(TEST_ARTICLES).articles:
        analysis = analyse_article(article)
        again = from_json(json.loads(json.dumps(to_json(analysis), ensure_ascii=False)))
        assert again == analysis


def test_second_load_takes_every_analysis_from_the_cache(seeds: Path, tmp_path: Path) -> None:
    settings = Settings(seeds_dir=seeds, cache_dir=tmp_path / "cache")
    first = Library.load(settings)
    cache = AnalysisCache(settings.cache_dir)
    for article in first.articles:
        cache.analyse(article)
    assert cache.hits == len(first.articles) == len(list(seeds.glob("*.txt")))
    second = Library.load(settings)
    assert second.quotes == first.quotes
    assert second.attributions == first.attributions
    assert second.speakers() == first.speakers()


def test_an_edited_article_is_analysed_again(seeds: Path, tmp_path: Path) -> None:
    settings = Settings(seeds_dir=seeds, cache_dir=tmp_path / "cache")
    Library.load(settings)
    entries = tmp_path / "cache" / "analysis"
    count = len(list(seeds.glob("*.txt")))
    assert len(list(entries.glob("*.json"))) == count
    path = seeds / "border_talks.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "“A new line,” said Imre Voss.\n", encoding="utf-8"
    )
    library = Library.load(settings)
    assert len(list(entries.glob("*.json"))) == count + 1  # only the edited one was analysed
    assert any(q.speaker == "Imre Voss" for q in library.quotes)


def test_a_rule_change_makes_every_entry_stale(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(seeds_dir=seeds, cache_dir=tmp_path / "cache")
    library = Library.load(settings)
    monkeypatch.setattr(analysis_cache, "rules_fingerprint", lambda: "other-rules")
    cache = AnalysisCache(settings.cache_dir)
    for article in library.articles:
        cache.analyse(article)
    assert cache.hits == 0


def test_a_damaged_entry_is_recomputed(seeds: Path, tmp_path: Path) -> None:
    settings = Settings(seeds_dir=seeds, cache_dir=tmp_path / "cache")
    library = Library.load(settings)
    for entry in (tmp_path / "cache" / "analysis").glob("*.json"):
        entry.write_text('{"quotes": [{"text": 1}]', encoding="utf-8")
    again = Library.load(settings)
    assert again.quotes == library.quotes


def test_library_answers_quote_speakers_and_articles(seeds: Path, tmp_path: Path) -> None:
    library = Library.load(Settings(seeds_dir=seeds, cache_dir=None))
    speaker = library.speakers()[0]
    result = library.quote(speaker.name.split()[-1])
    assert result.speaker == speaker.name
    assert len(result.quotes) == speaker.quote_count
    assert sum(i.quotes for i in library.infos()) == len(library.quotes)


@pytest.mark.parametrize("command", ["quote Whitfield", "speakers", "articles"])
def test_quick_commands_never_import_the_model(command: str, tmp_path: Path) -> None:
    code = (
        "import sys; from retrieval.cli import main; "
        f"status = main({command.split()!r} + ['--json', '--seeds', {str(TEST_ARTICLES)!r}]); "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'numpy') if m in sys.modules]; "
        "print('HEAVY', heavy, status, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "ARTICLEBOT_CACHE_DIR": str(tmp_path)},
    )
    assert "HEAVY [] 0" in done.stderr, done.stderr
    assert json.loads(done.stdout.splitlines()[0])
