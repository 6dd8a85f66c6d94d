"""/article add and /article remove: a new article answers at once, questions in flight finish on
the articles they started with, and another bot process sharing the folder picks the change up."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import discord
import pytest

from tests.bot.conftest import BOT_ARTICLES, _engine, make_bot
from tests.bot.fakes import invoke
from tests.bot.test_commands import error, result, unescape
from tests.retrieval.test_ingest import ARTICLE_HTML

MANAGER = discord.Permissions(manage_guild=True)


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = ARTICLE_HTML.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def page() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/bridge-story"
    server.shutdown()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(BOT_ARTICLES, folder)
    return folder


async def _bot(seeds: Path, tmp_path: Path, name: str) -> Any:
    from retrieval.config import Settings

    cache = tmp_path / "cache"
    engine = _engine(seeds, cache)
    settings = Settings(seeds_dir=seeds, model=None, cache_dir=cache)
    folder = tmp_path / name
    folder.mkdir()
    return await make_bot(
        engine, folder, retrieval=settings, allow_private_urls=True, reload_seconds=0
    )


async def test_an_added_article_answers_at_once_and_in_flight_questions_keep_theirs(
    page: str, seeds: Path, tmp_path: Path
) -> None:
    bot = await _bot(seeds, tmp_path, "one")
    before = bot.engine
    added = await invoke(bot, "article add", url=page, permissions=MANAGER)
    assert "Added “Harbour bridge to close for repairs”" in error(added)  # private
    assert bot.engine is not before  # swapped at once
    ids = {a.id for a in bot.engine.article_list}
    assert "harbour-bridge-to-close-for-repairs" in ids
    # A question that started before the swap still has its engine, whole and unchanged.
    assert "harbour-bridge-to-close-for-repairs" not in {a.id for a in before.article_list}
    assert before.ask("When will the repairs start?").passages
    answer = result(
        await invoke(
            bot,
            "ask",
            question="Who voted against closing the bridge?",
            article="harbour-bridge-to-close-for-repairs",
        )
    )
    assert answer.embed is not None and "Maasland" in unescape(answer.embed.description or "")
    await bot.http.close()


async def test_another_process_sharing_the_folder_picks_the_article_up(
    page: str, seeds: Path, tmp_path: Path
) -> None:
    first = await _bot(seeds, tmp_path, "first")
    second = await _bot(seeds, tmp_path, "second")
    await invoke(first, "article add", url=page, permissions=MANAGER)
    assert "harbour-bridge-to-close-for-repairs" not in {a.id for a in second.engine.article_list}
    assert await second.reload_articles()  # what its watcher does every few seconds
    assert "harbour-bridge-to-close-for-repairs" in {a.id for a in second.engine.article_list}
    assert not await second.reload_articles()  # nothing changed since: no rebuild
    for bot in (first, second):
        await bot.http.close()


async def test_remove_and_the_guards(page: str, seeds: Path, tmp_path: Path) -> None:
    bot = await _bot(seeds, tmp_path, "guards")
    member = await invoke(bot, "article add", url=page)
    assert "manage this server" in error(member)
    in_dm = await invoke(bot, "article add", url=page, guild_id=None, permissions=MANAGER)
    assert "Use this in a server" in error(in_dm)
    bot.adding.add(1234)  # an add already under way in this server
    busy = await invoke(bot, "article add", url=page, permissions=MANAGER)
    assert "already being added" in error(busy)
    bot.adding.clear()
    refused = await invoke(bot, "article add", url="ftp://example.com/x", permissions=MANAGER)
    assert "Only http" in error(refused)
    last = await invoke(bot, "article remove", article="bridge", permissions=MANAGER)
    assert "only article" in error(last)
    await invoke(bot, "article add", url=page, permissions=MANAGER)
    removed = await invoke(
        bot, "article remove", article="harbour-bridge-to-close-for-repairs", permissions=MANAGER
    )
    assert "Removed “Harbour bridge to close for repairs”" in error(removed)
    assert {a.id for a in bot.engine.article_list} == {"bridge"}
    assert not (seeds / "harbour-bridge-to-close-for-repairs.txt").exists()
    await bot.http.close()
