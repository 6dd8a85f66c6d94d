"""The on-disk embedding cache: an unchanged seeds folder is never encoded again."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from retrieval.articles import load_seeds
from retrieval.embedding import HashingEncoder
from retrieval.index import EmbeddingCache, PassageIndex

TEST_ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


class CountingEncoder:
    """Counts the calls and texts given to the model-free encoder."""

    def __init__(self, name: str = HashingEncoder.name) -> None:
        self._inner = HashingEncoder()
        self.name = name
        self.dim = self._inner.dim
        self.calls = 0
        self.texts: list[str] = []
        self._lock = threading.Lock()

    def encode(self, texts, *, progress: bool = False) -> np.ndarray:
        with self._lock:
            self.calls += 1
            self.texts.extend(texts)
        return self._inner.encode(texts)


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(TEST_ARTICLES.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def _build(seeds: Path, cache: Path | None, encoder: CountingEncoder) -> PassageIndex:
    return PassageIndex.build(load_seeds(seeds).articles, encoder, cache)


def _cache_files(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.npy"))


def test_second_build_encodes_nothing_and_gives_the_same_vectors(seeds, tmp_path) -> None:
    cache = tmp_path / "cache"
    first = CountingEncoder()
    index1 = _build(seeds, cache, first)
    assert len(first.texts) == len(index1.units) > 0
    assert len(_cache_files(cache)) == 3  # one file per article

    again = CountingEncoder()
    index2 = _build(seeds, cache, again)
    assert again.calls == 0
    assert again.texts == []
    np.testing.assert_array_equal(index1.vectors, index2.vectors)


def test_adding_an_article_encodes_only_its_units(seeds, tmp_path) -> None:
    cache = tmp_path / "cache"
    _build(seeds, cache, CountingEncoder())
    new = sorted(TEST_ARTICLES.glob("*.txt"))[3]
    shutil.copy(new, seeds / new.name)

    encoder = CountingEncoder()
    index = _build(seeds, cache, encoder)
    added = [u for u in index.units if index.passages[u.passage].article == new.stem]
    assert len(encoder.texts) == len(added) > 0
    text = new.read_text(encoding="utf-8")
    assert all(t in text for t in encoder.texts)


def test_editing_an_article_reencodes_only_that_article(seeds, tmp_path) -> None:
    cache = tmp_path / "cache"
    _build(seeds, cache, CountingEncoder())
    path = sorted(seeds.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph.\n")

    encoder = CountingEncoder()
    index = _build(seeds, cache, encoder)
    edited = [u for u in index.units if index.passages[u.passage].article == path.stem]
    assert len(encoder.texts) == len(edited)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "wrong_shape", "nan"])
def test_a_damaged_cache_file_is_rebuilt_silently(seeds, tmp_path, damage) -> None:
    cache = tmp_path / "cache"
    reference = _build(seeds, cache, CountingEncoder())
    victim = _cache_files(cache)[0]
    raw = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        victim.write_bytes(b"\x93NUMPY not really" + bytes(range(256)))
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage == "wrong_shape":
        np.save(victim, np.zeros((2, 3), dtype=np.float32))
    else:
        arr = np.load(victim)
        arr[0, 0] = np.nan
        np.save(victim, arr)

    encoder = CountingEncoder()
    index = _build(seeds, cache, encoder)  # no exception
    assert 0 < len(encoder.texts) < len(index.units)  # only the damaged article
    np.testing.assert_array_equal(index.vectors, reference.vectors)
    # ... and the file was rewritten: the next start encodes nothing.
    third = CountingEncoder()
    _build(seeds, cache, third)
    assert third.calls == 0


def test_another_encoder_name_uses_another_cache_folder(seeds, tmp_path) -> None:
    cache = tmp_path / "cache"
    _build(seeds, cache, CountingEncoder("model-a"))
    other = CountingEncoder("model-b")
    index = _build(seeds, cache, other)
    assert len(other.texts) == len(index.units)
    folders = sorted(p.name for p in cache.iterdir())
    assert folders == ["layout", "model-a", "model-b"]  # units and words are the model's own
    again = CountingEncoder("model-a")
    _build(seeds, cache, again)
    assert again.calls == 0


def test_no_cache_dir_always_encodes(seeds) -> None:
    first, second = CountingEncoder(), CountingEncoder()
    _build(seeds, None, first)
    _build(seeds, None, second)
    assert len(first.texts) == len(second.texts) > 0


def test_a_read_only_cache_is_not_fatal(seeds, tmp_path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(np, "save", refuse)
    encoder = CountingEncoder()
    index = _build(seeds, tmp_path / "cache", encoder)
    assert len(encoder.texts) == len(index.units)


def test_cache_names_are_filesystem_safe(tmp_path) -> None:
    cache = EmbeddingCache(tmp_path, "../weird model/name:v1")
    assert cache.folder is not None
    assert cache.folder.parent == tmp_path
    assert "/" not in cache.folder.name


def test_warm_engine_start_encodes_no_passage(tmp_path, seeds) -> None:
    """The whole engine: a second start over the same folder only ever encodes questions."""
    from retrieval.config import Settings
    from retrieval.engine import Engine

    settings = Settings(seeds_dir=seeds, cache_dir=tmp_path / "cache")
    Engine.load(settings, encoder=CountingEncoder())
    encoder = CountingEncoder()
    engine = Engine.load(settings, encoder=encoder)
    assert encoder.calls == 0
    engine.ask("What was decided?")
    assert encoder.texts == ["What was decided?"]


def test_units_and_words_come_from_the_layout_cache_once_built(seeds, tmp_path) -> None:
    cache = tmp_path / "cache"
    first = _build(seeds, cache, CountingEncoder())
    entries = list((cache / "layout").glob("*.json"))
    assert len(entries) == len(list(seeds.glob("*.txt")))
    again = _build(seeds, cache, CountingEncoder())
    assert again.units == first.units and again.vocabularies == first.vocabularies
    for entry in entries:  # damaged entries are recomputed, with the same result
        entry.write_text("{", encoding="utf-8")
    repaired = _build(seeds, cache, CountingEncoder())
    assert repaired.units == first.units and repaired.vocabularies == first.vocabularies
