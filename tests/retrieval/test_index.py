"""The passage index: units, exact search, chunked encoding with progress, sharing."""

from __future__ import annotations

import logging
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from retrieval import index as index_module
from retrieval.articles import load_seeds
from retrieval.embedding import HashingEncoder
from retrieval.index import PassageIndex, _chunks

TEST_ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


class RecordingEncoder(HashingEncoder):
    def __init__(self, fail_after: int | None = None) -> None:
        super().__init__()
        self.batches: list[int] = []
        self.fail_after = fail_after

    def encode(self, texts, *, progress: bool = False) -> np.ndarray:
        if self.fail_after is not None and len(self.batches) >= self.fail_after:
            raise KeyboardInterrupt
        self.batches.append(len(texts))
        return super().encode(texts)


@pytest.fixture(scope="module")
def articles():
    return load_seeds(TEST_ARTICLES).articles


@pytest.fixture(scope="module")
def index(articles) -> PassageIndex:
    return PassageIndex.build(articles, HashingEncoder(), None)


def test_units_are_grouped_by_passage_whole_paragraph_first(index) -> None:
    assert len(index.offsets) == len(index.passages)
    for p, (lo, hi) in enumerate(zip(index.offsets, index.ends, strict=True)):
        assert index.units[lo].whole
        assert all(u.passage == p for u in index.units[lo:hi])
        assert not any(u.whole for u in index.units[lo + 1 : hi])


def test_vectors_are_one_contiguous_read_only_float32_matrix(index) -> None:
    v = index.vectors
    assert v.dtype == np.float32
    assert v.flags.c_contiguous
    assert not v.flags.writeable
    assert v.shape == (len(index.units), HashingEncoder().dim)


def test_similarities_are_exact_cosines(index) -> None:
    query = HashingEncoder().encode(["flood wall vote council"])[0]
    sims = index.similarities(query)
    expected = np.array([float(np.dot(row, query)) for row in index.vectors])
    np.testing.assert_allclose(sims, expected, rtol=1e-5, atol=1e-6)


def _best_sentence_reference(index, passage, sims):
    lo, hi = int(index.offsets[passage]), int(index.ends[passage])
    best = None
    for u in range(lo + 1, hi):
        if index.units[u].kind == "sentence" and (best is None or sims[u] > sims[best]):
            best = u
    return (index.units[best].start, index.units[best].end) if best is not None else None


def test_best_sentence_matches_the_plain_loop(index) -> None:
    rng = np.random.default_rng(0)
    for trial in range(5):
        sims = rng.random(len(index.units)).astype(np.float32)
        if trial == 0:
            sims[:] = 0.5  # all equal: the first sentence wins, as in the loop
        for p in range(len(index.passages)):
            assert index.best_sentence(p, sims) == _best_sentence_reference(index, p, sims)


def test_chunks_never_split_an_article() -> None:
    todo = [(f"k{i}", ["t"] * n, slice(0, n)) for i, n in enumerate([3, 3, 10, 1, 1, 1])]
    chunks = list(_chunks(todo, 5))
    assert [[key for key, _, _ in c] for c in chunks] == [["k0", "k1"], ["k2"], ["k3", "k4", "k5"]]


def test_large_build_is_encoded_in_chunks_with_a_progress_bar_and_log(
    articles, tmp_path, monkeypatch, capsys, caplog
) -> None:
    monkeypatch.setattr(index_module, "ENCODE_CHUNK", 20)
    monkeypatch.setattr(index_module, "PROGRESS_MIN_TEXTS", 10)
    monkeypatch.setattr(index_module, "PROGRESS_LOG_SECONDS", 0.0)
    encoder = RecordingEncoder()
    with caplog.at_level(logging.INFO, logger="retrieval.index"):
        built = PassageIndex.build(articles, encoder, tmp_path / "cache", progress=True)
    assert len(encoder.batches) > 1
    assert sum(encoder.batches) == len(built.units)
    assert "Encoding passages" in capsys.readouterr().err
    assert any("encoding passages:" in r.getMessage() for r in caplog.records)
    # Chunked encoding gives exactly the vectors of one big call.
    np.testing.assert_array_equal(
        built.vectors, PassageIndex.build(articles, HashingEncoder(), None).vectors
    )


def test_small_build_shows_no_progress_bar(articles, capsys) -> None:
    PassageIndex.build(articles[:1], HashingEncoder(), None, progress=True)
    assert "Encoding passages" not in capsys.readouterr().err


def test_an_interrupted_build_resumes_from_the_articles_already_saved(
    articles, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(index_module, "ENCODE_CHUNK", 1)  # one article per chunk
    cache = tmp_path / "cache"
    with pytest.raises(KeyboardInterrupt):
        PassageIndex.build(articles, RecordingEncoder(fail_after=2), cache)
    assert len(list(cache.rglob("*.npy"))) == 2
    resumed = RecordingEncoder()
    PassageIndex.build(articles, resumed, cache)
    assert len(resumed.batches) == len(articles) - 2


def test_concurrent_searches_share_the_matrix(index) -> None:
    encoder = HashingEncoder()
    questions = [f"question {i} about the flood wall and tariffs" for i in range(64)]
    queries = encoder.encode(questions)
    expected = [index.similarities(q) for q in queries]
    before = index.vectors
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(index.similarities, queries))
    assert index.vectors is before
    for a, b in zip(got, expected, strict=True):
        np.testing.assert_array_equal(a, b)


def test_lexical_scores_cover_every_passage(index) -> None:
    scores = index.lexical_scores(["flood", "wall"])
    assert scores.shape == (len(index.passages),)
    assert scores.dtype == np.float32
    assert scores.max() > 0
    assert not index.lexical_scores([]).any()


def test_a_seeds_copy_builds_the_same_index(articles, tmp_path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(TEST_ARTICLES, folder)
    again = PassageIndex.build(load_seeds(folder).articles, HashingEncoder(), None)
    base = PassageIndex.build(articles, HashingEncoder(), None)
    np.testing.assert_array_equal(again.vectors, base.vectors)


@pytest.mark.parametrize("top", [None, 1, 3, 10, 50, 10_000])
def test_partial_ranking_equals_the_full_stable_sort(top) -> None:
    from retrieval.engine import _best_first

    rng = np.random.default_rng(1)
    for n in (1, 5, 200, 5000):
        for scores in (
            rng.random(n).astype(np.float32),
            np.round(rng.random(n), 1).astype(np.float32),  # many ties
            np.zeros(n, dtype=np.float32),
        ):
            expected = np.argsort(-scores, kind="stable")[:top]
            np.testing.assert_array_equal(_best_first(scores, top), expected)


def test_engine_answers_are_unchanged_by_the_partial_ranking(tmp_path) -> None:
    from retrieval.config import Settings
    from retrieval.engine import Engine

    engine = Engine.load(
        Settings(seeds_dir=TEST_ARTICLES, cache_dir=None), encoder=HashingEncoder()
    )
    for question in ("Who voted against the flood wall?", "What about tariffs on flour?"):
        full = engine.rank(question)
        for k in (1, 3, 10):
            answer = engine.ask(question, top_k=k)
            got = [(p.article, p.paragraph) for p in answer.passages]
            want = [
                (engine.index.passages[i].article, engine.index.passages[i].number)
                for i in full.order[:k]
            ]
            # The answer groups the same top k by article, best article first.
            first = {}
            for article, _n in want:
                first.setdefault(article, len(first))
            assert got == sorted(want, key=lambda p: first[p[0]])


def test_split_search_over_cores_gives_the_same_similarities(articles, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "PARALLEL_MIN_UNITS", 0)
    monkeypatch.setattr(index_module, "usable_cores", lambda: 3)
    monkeypatch.setattr(index_module, "_single_threaded_blas", lambda: True)
    split = PassageIndex.build(articles, HashingEncoder(), None)
    assert split._pool is not None
    assert len(split._blocks) == 3
    queries = HashingEncoder().encode([f"flood wall question {i}" for i in range(16)])
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(split.similarities, queries))
    for q, sims in zip(queries, got, strict=True):
        np.testing.assert_allclose(sims, np.asarray(split.vectors) @ q, rtol=0, atol=1e-6)
