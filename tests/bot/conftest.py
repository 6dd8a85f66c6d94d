"""Fixtures for the bot's tests: the REAL engine over small test articles (HashingEncoder, no
model), and a bot built around it with its cogs loaded but never connected."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

BOT_ARTICLES = Path(__file__).resolve().parent / "data" / "articles"

LONG_SENTENCES = (
    "The harbour bridge repairs will close two lanes for several months this year.",
    "Engineers found rust on the main cables during an inspection last autumn.",
    "The council hired three contractors to replace the steel deck plates.",
    "Commuters were told to use the ferry or the ring road while the bridge is closed.",
    "The work on the harbour bridge is the largest repair project in the city's history.",
)


def write_long_article(folder: Path) -> Path:
    """An article whose paragraphs are long, so that answers need several pages."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["- Harbour bridge repairs will take months."]
    for i in range(8):
        sentences = [f"{s[:-1]} (note {i}.{j})." for j, s in enumerate(LONG_SENTENCES * 5)]
        lines.append(" ".join(sentences))
    path = folder / "long.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _engine(seeds: Path, cache: Path) -> Any:
    from retrieval.config import Settings
    from retrieval.embedding import HashingEncoder
    from retrieval.engine import Engine

    return Engine.load(
        Settings(seeds_dir=seeds, model=None, cache_dir=cache), encoder=HashingEncoder()
    )


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The real retrieval engine over tests/bot/data/articles, with the model-free encoder."""
    return _engine(BOT_ARTICLES, tmp_path_factory.mktemp("bot-cache"))


@pytest.fixture(scope="session")
def long_engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    seeds = tmp_path_factory.mktemp("long-seeds")
    write_long_article(seeds)
    return _engine(seeds, tmp_path_factory.mktemp("long-cache"))


def make_config(tmp_path: Path, **overrides: Any) -> Any:
    from bot.config import BotConfig
    from retrieval.config import Settings

    values: dict[str, Any] = {
        "token": "test-token-never-shown",
        "retrieval": Settings(seeds_dir=BOT_ARTICLES, model=None, cache_dir=tmp_path),
        "feedback_file": tmp_path / "feedback.jsonl",
        "db_file": tmp_path / "bot.sqlite3",
        "rate": 5,
        "per": 30.0,
    }
    values.update(overrides)
    return BotConfig(**values)


async def make_bot(engine: Any, tmp_path: Path, **overrides: Any) -> Any:
    from bot.client import ArticleBot

    bot = ArticleBot(make_config(tmp_path, **overrides), engine)
    await bot.add_cogs()
    return bot


@pytest.fixture
async def bot(engine: Any, tmp_path: Path) -> AsyncIterator[Any]:
    """The bot with its cogs, around the real engine; never logged in."""
    instance = await make_bot(engine, tmp_path)
    yield instance
    await instance.http.close()
