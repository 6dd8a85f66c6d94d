"""Shared fixtures: paths, the real model (built once per test run) and engines over it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
TEST_ARTICLES = DATA / "articles"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def shared_file(path: Path) -> Path:
    """A file of ../shared: CI always has it, so there its absence fails the test; a bare
    checkout without ../shared skips the test instead."""
    if path.is_file():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: CI runs with ../shared beside the project")
    pytest.skip(f"{path} is not present (no ../shared beside this checkout)")


def make_article(text: str, article_id: str = "t"):
    """An in-memory article from text, split as the loader splits files."""
    from retrieval.articles import Article, split_paragraphs

    return Article(
        id=article_id,
        path=Path(f"{article_id}.txt"),
        text=text,
        paragraphs=split_paragraphs(article_id, text),
    )


@pytest.fixture(scope="session")
def model_encoder():
    """The real all-MiniLM-L6-v2 encoder, loaded once for the whole run."""
    from retrieval.embedding import shared_encoder

    return shared_encoder(None, 0)  # the same cached instance Engine.load asks for


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture(scope="session")
def seed_engine(model_encoder, cache_dir):
    """The engine over the project's seeds/ with the real model."""
    from retrieval.config import Settings
    from retrieval.engine import Engine

    return Engine.load(Settings(seeds_dir=SEEDS, cache_dir=cache_dir), encoder=model_encoder)


@pytest.fixture(scope="session")
def corpus_engine(model_encoder, cache_dir):
    """The engine over our own varied test articles with the real model."""
    from retrieval.config import Settings
    from retrieval.engine import Engine

    return Engine.load(
        Settings(seeds_dir=TEST_ARTICLES, cache_dir=cache_dir), encoder=model_encoder
    )


@pytest.fixture(scope="session")
def hashing_engine(tmp_path_factory: pytest.TempPathFactory):
    """A model-free engine over the test articles, for fast tests where the model is beside
    the point."""
    from retrieval.config import Settings
    from retrieval.embedding import HashingEncoder
    from retrieval.engine import Engine

    return Engine.load(
        Settings(seeds_dir=TEST_ARTICLES, cache_dir=tmp_path_factory.mktemp("hash-cache")),
        encoder=HashingEncoder(),
    )
