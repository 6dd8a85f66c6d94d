"""`/article add` and `/article remove` end to end: two bot processes share one seeds folder.

Two real bots (`python -m bot`), each on its own fake Discord, read the same temporary copy of
the seeds folder (the project's ``seeds/`` is never touched). A manager adds an article through
bot A from a page we wrote, served on 127.0.0.1 by a tiny HTTP server: A reloads at once and
answers about it; B picks the new files up by polling the folder and answers too, without a
restart. Questions in flight while A swaps its engine still get their passages; members without
Manage Server are refused privately; a removed article is gone for both bots.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.e2e.checks import (
    ACK_DEADLINE,
    assert_acked_in_time,
    assert_no_mentions_allowed,
    assert_nothing_pings,
    assert_verbatim,
    numbered_blocks,
    roundtrip,
    strip_ansi,
    unmarkdown,
)
from tests.e2e.conftest import (
    HEARTBEAT_INTERVAL_MS,
    SEEDS,
    BotProcess,
    LoopThread,
    start_bot,
)
from tests.e2e.fake_discord import (
    CB_CHANNEL_MESSAGE,
    CB_DEFERRED_CHANNEL_MESSAGE,
    MSG_FLAG_EPHEMERAL,
    FakeDiscord,
    InteractionRecord,
    Reply,
)

pytestmark = pytest.mark.e2e

RELOAD_SECONDS = 1  # how often each bot polls the shared seeds folder
PICKUP_SECONDS = 5.0  # the other process answers about a new article within this

# --------------------------------------------------------------------------- our articles

BRIDGE_TITLE = "Council votes to close Harbour Bridge"
BRIDGE_ID = "council-votes-to-close-harbour-bridge"
BRIDGE = [
    "The Northhaven town council voted on Tuesday evening to close the old Harbour Bridge to all"
    " traffic from the first of next month, after engineers found deep cracks in two of its"
    " supporting piers.",
    "The motion passed by seven votes to two. Councillor Piet Maasland and Councillor Anna Visser"
    " voted against closing the bridge, arguing that a weight limit would keep it open safely"
    " while repairs are planned.",
    '"We cannot ask families to cross a bridge our own engineers no longer trust," said Mayor'
    ' Jane Doe after the vote. "Closing it is the hardest decision this council has made, and it'
    ' is the right one."',
    '"Shutting the bridge cuts the fishing quarter off from the market and adds twenty minutes to'
    ' every delivery," Councillor Piet Maasland said. "A weight limit and a night-time repair'
    ' crew would have been enough."',
    "The council will run a free shuttle boat across the harbour while the bridge is closed."
    " Repairs are expected to take at least eighteen months and to cost about four million euros.",
]
BRIDGE_TEXT = "\n".join(BRIDGE)

LIBRARY_TITLE = "Northhaven library to open on Sundays"
LIBRARY_ID = "northhaven-library-to-open-on-sundays"
LIBRARY = [
    "The public library in Northhaven will open on Sundays from next spring, the head librarian"
    " announced on Monday, after a petition signed by more than three thousand residents.",
    "The reading rooms will be open from eleven in the morning until five in the afternoon, and"
    " the children's floor will host a storytelling hour every Sunday at two o'clock.",
    '"Students told us the weekend is when they finally have time to study," said head librarian'
    ' Marta Kowalczyk. "A library that is closed on Sundays is closed when people need it most."',
    "The extra hours will be paid for by a grant from the regional culture fund, which has"
    " promised to cover the cost of two additional staff members for the next three years.",
    "Volunteers from the local reading club will help at the information desk during the first"
    " months, while the new staff members are trained.",
]
LIBRARY_TEXT = "\n".join(LIBRARY)


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>Northhaven Courier</a></nav>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


class ArticleSite:
    """A tiny HTTP server on 127.0.0.1 serving our pages; records every path requested.

    `slow` pages are answered after `delay` seconds (a slow news site keeps an add under way).
    """

    def __init__(self, pages: dict[str, bytes], slow: frozenset[str] = frozenset()) -> None:
        self.pages = pages
        self.slow = slow
        self.delay = 1.0
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                body = site.pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                if self.path in site.slow:
                    time.sleep(site.delay)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


# ----------------------------------------------------------------------------- fixtures


@dataclass
class Pair:
    """Bots A and B (each with its own fake Discord), their shared seeds folder and our site."""

    a: BotProcess
    b: BotProcess
    seeds: Path
    site: ArticleSite


@pytest.fixture(scope="module")
def site() -> Iterator[ArticleSite]:
    server = ArticleSite(
        {
            "/news/bridge.html": page(BRIDGE_TITLE, BRIDGE),
            "/news/library.html": page(LIBRARY_TITLE, LIBRARY),
        },
        slow=frozenset({"/news/library.html"}),
    )
    yield server
    server.close()


@pytest.fixture(scope="module")
def pair(
    fake_loop: LoopThread,
    tmp_path_factory: pytest.TempPathFactory,
    bot_cache_dir: Path,
    site: ArticleSite,
) -> Iterator[Pair]:
    """Two bot processes on one temporary seeds folder (a copy of seeds/*.txt)."""
    tmp = tmp_path_factory.mktemp("article-add")
    seeds = tmp / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(path, seeds / path.name)

    async def start_fake() -> FakeDiscord:
        return await FakeDiscord(heartbeat_interval=HEARTBEAT_INTERVAL_MS).start()

    bots: list[BotProcess] = []
    fakes: list[FakeDiscord] = []
    try:
        for name in ("a", "b"):  # one after the other: B reads the cache A filled
            fake = fake_loop.run(start_fake())
            fakes.append(fake)
            extra = {
                "ARTICLEBOT_SEEDS": str(seeds),
                "ARTICLEBOT_CACHE_DIR": str(bot_cache_dir),
                "ARTICLEBOT_DB": str(tmp / f"bot-{name}.sqlite3"),
                "ARTICLEBOT_FEEDBACK_FILE": str(tmp / f"feedback-{name}.jsonl"),
                "ARTICLEBOT_RATE_LIMIT": "0",
                "ARTICLEBOT_ALLOW_PRIVATE_URLS": "1",
                "ARTICLEBOT_RELOAD_SECONDS": str(RELOAD_SECONDS),
            }
            bots.append(start_bot(fake_loop, fake, tmp / f"bot-{name}.log", extra))
        yield Pair(a=bots[0], b=bots[1], seeds=seeds, site=site)
    finally:
        codes = [bot.stop() for bot in bots]

        async def payloads_checked(fake: FakeDiscord) -> int:
            return assert_no_mentions_allowed(fake.calls)

        try:
            for fake in fakes[: len(bots)]:
                fake_loop.run(payloads_checked(fake))
        finally:
            for fake in fakes:
                fake_loop.run(fake.stop())
        for bot, code in zip(bots, codes, strict=True):
            output = bot.output()
            assert bot.token not in output, "the bot printed its token"
            assert code == 0, f"the bot exited with {code} on SIGTERM:\n{output[-3000:]}"


@pytest.fixture
def bots(pair: Pair) -> Iterator[Pair]:
    """The two bots, checked alive around each test."""
    for bot in (pair.a, pair.b):
        bot.assert_alive()
    yield pair
    for bot in (pair.a, pair.b):
        bot.assert_alive()
        bot.assert_token_never_printed()


@dataclass
class Added:
    rec: InteractionRecord
    reply: Reply
    confirmed_at: float  # time.monotonic() when the test saw bot A's confirmation


@pytest.fixture(scope="module")
def bridge_added(pair: Pair) -> Added:
    """A manager added the bridge article through bot A."""
    bot = pair.a

    async def add() -> tuple[InteractionRecord, Reply]:
        return await roundtrip(
            bot.fake,
            "article",
            add_options(pair.site.url("/news/bridge.html")),
            user_id=manager(bot.fake),
            timeout=60,
        )

    rec, reply = bot.run(add())
    return Added(rec, reply, time.monotonic())


# ------------------------------------------------------------------------------ helpers


def manager(fake: FakeDiscord) -> str:
    """The guild owner: the fake gives that member every permission (Manage Server included)."""
    return fake.owner_user["id"]


def add_options(url: str) -> list[dict[str, object]]:
    return [{"type": 1, "name": "add", "options": [{"type": 3, "name": "url", "value": url}]}]


def remove_options(article: str) -> list[dict[str, object]]:
    return [
        {"type": 1, "name": "remove", "options": [{"type": 3, "name": "article", "value": article}]}
    ]


def assert_private(rec: InteractionRecord, reply: Reply, *, deferred: bool) -> None:
    """The response and every message of it are visible to the caller only."""
    expected = CB_DEFERRED_CHANNEL_MESSAGE if deferred else CB_CHANNEL_MESSAGE
    assert rec.callback_type == expected, rec.callback_type
    assert rec.callback_data is not None
    assert rec.callback_data.get("flags", 0) & MSG_FLAG_EPHEMERAL, rec.callback_data
    assert reply.ephemeral and not reply.loading
    for message in reply.messages:
        assert message["flags"] & MSG_FLAG_EPHEMERAL, message
    assert_nothing_pings(reply)


def assert_added(rec: InteractionRecord, reply: Reply, title: str, article_id: str) -> None:
    assert_private(rec, reply, deferred=True)
    assert not reply.embeds
    text = unmarkdown(reply.content)
    assert text.startswith(f"Added “{title}” (5 paragraphs)."), reply.content
    assert f"/ask article:{article_id}`" in text, reply.content


def assert_answers_from(reply: Reply, source: str, article_title: str) -> list[tuple[str, str]]:
    """A public answer whose passages are verbatim from `source`, attributed to that article."""
    assert not reply.ephemeral, reply.content
    assert reply.embeds, f"no embed in {reply.content!r}"
    blocks = numbered_blocks(reply.embeds[0].get("description") or "")
    assert blocks, f"no numbered passage in {reply.embeds[0]!r}"
    for body, credit in blocks:
        assert_verbatim(body, source=source)
        assert "¶" in credit or "key point" in credit, credit
        assert article_title in unmarkdown(credit), credit
    assert_nothing_pings(reply)
    return blocks


async def ask(
    fake: FakeDiscord, question: str, article: str, timeout: float = 30.0
) -> tuple[InteractionRecord, Reply]:
    return await roundtrip(
        fake, "ask", {"question": question, "article": article, "count": 3}, timeout=timeout
    )


def is_unknown_article(reply: Reply, article: str) -> bool:
    return reply.ephemeral and unmarkdown(reply.content).startswith(
        f"No article called “{article}”"
    )


async def answer_when_loaded(
    fake: FakeDiscord, question: str, article: str, deadline: float
) -> tuple[Reply, float]:
    """Ask until the bot knows `article` (it answers "No article called" before); returns the
    answer and when the answering question was sent."""
    while True:
        sent = time.monotonic()
        _rec, reply = await ask(fake, question, article)
        if not is_unknown_article(reply, article):
            return reply, sent
        assert time.monotonic() < deadline, f"still unknown after the deadline: {reply.content}"
        await asyncio.sleep(max(0.0, sent + 0.25 - time.monotonic()))


async def unknown_when_removed(
    fake: FakeDiscord, question: str, article: str, deadline: float
) -> Reply:
    """Ask until the bot no longer knows `article`; returns the private error."""
    while True:
        sent = time.monotonic()
        _rec, reply = await ask(fake, question, article)
        if is_unknown_article(reply, article):
            return reply
        assert time.monotonic() < deadline, "the removed article is still answered"
        await asyncio.sleep(max(0.0, sent + 0.25 - time.monotonic()))


def seed_files(seeds: Path) -> set[str]:
    return {p.name for p in seeds.iterdir() if not p.name.startswith(".")}


# -------------------------------------------------------------------------------- tests


def test_manager_adds_an_article_and_asks_about_it_at_once(bots: Pair, bridge_added: Added) -> None:
    assert_added(bridge_added.rec, bridge_added.reply, BRIDGE_TITLE, BRIDGE_ID)
    assert "/news/bridge.html" in bots.site.requests
    assert {f"{BRIDGE_ID}.txt", f"{BRIDGE_ID}.json"} <= seed_files(bots.seeds)
    written = (bots.seeds / f"{BRIDGE_ID}.txt").read_text(encoding="utf-8")
    assert written.splitlines() == BRIDGE  # one paragraph per line, the headline left out

    async def scenario() -> None:
        question = "Who voted against closing the bridge?"
        rec, reply = await ask(bots.a.fake, question, BRIDGE_ID)
        assert rec.callback_type == CB_DEFERRED_CHANNEL_MESSAGE
        assert unmarkdown(reply.embeds[0]["title"]) == f"Q: {question}"
        blocks = assert_answers_from(reply, BRIDGE_TEXT, BRIDGE_TITLE)
        assert any("Maasland" in unmarkdown(body) for body, _ in blocks), blocks

    bots.a.run(scenario())
    # A reloaded its articles at once, without waiting for its poll, encoding only the new one
    output = strip_ansi(bots.a.output())
    assert "articles reloaded: 2 article(s)" in output
    assert re.search(r"units from 2 article\(s\), 1 encoded, 1 from cache", output), output[-3000:]


def test_second_process_answers_about_the_new_article_without_restart(
    bots: Pair, bridge_added: Added
) -> None:
    question = "Who voted against closing the bridge?"
    deadline = bridge_added.confirmed_at + PICKUP_SECONDS

    async def scenario() -> tuple[Reply, float]:
        return await answer_when_loaded(bots.b.fake, question, BRIDGE_ID, deadline)

    reply, sent = bots.b.run(scenario(), timeout=60)
    blocks = assert_answers_from(reply, BRIDGE_TEXT, BRIDGE_TITLE)
    assert any("Maasland" in unmarkdown(body) for body, _ in blocks), blocks
    after = sent - bridge_added.confirmed_at
    print(f"bot B answered about the new article {after:.1f}s after A confirmed it")
    assert after <= PICKUP_SECONDS
    assert "articles reloaded: 2 article(s)" in strip_ansi(bots.b.output())


def test_questions_in_flight_during_the_swap_are_answered(bots: Pair, bridge_added: Added) -> None:
    assert_added(bridge_added.rec, bridge_added.reply, BRIDGE_TITLE, BRIDGE_ID)
    fake = bots.a.fake
    question = "Why is the Harbour Bridge being closed?"

    async def scenario() -> None:
        options = {"question": question, "article": BRIDGE_ID, "count": 3}
        first = await fake.dispatch_interaction("ask", options)
        add = await fake.dispatch_interaction(
            "article", add_options(bots.site.url("/news/library.html")), user_id=manager(fake)
        )
        asks = [first]

        def adding() -> bool:
            reply = fake.reply_for(add)
            return reply is None or reply.loading

        # keep asking while A fetches, extracts, reloads and swaps its engine
        while adding() and len(asks) < 12:
            asks.append(await fake.dispatch_interaction("ask", options))
            await asyncio.sleep(0.2)

        for rec in [add, *asks]:
            callback = await fake.wait_for_callback(rec, timeout=ACK_DEADLINE + 2)
            assert callback.status == 200, (callback.status, callback.response)
            assert_acked_in_time(rec)
        added = await fake.wait_for_reply(add, timeout=60)
        assert_added(add, added, LIBRARY_TITLE, LIBRARY_ID)
        for rec in asks:
            reply = await fake.wait_for_reply(rec, timeout=30)
            assert_answers_from(reply, BRIDGE_TEXT, BRIDGE_TITLE)
        print(f"{len(asks)} question(s) sent while the article was being added")

        # the new engine answers about the second article, and still about the first
        _rec, reply = await ask(fake, "What will the children's floor host?", LIBRARY_ID)
        blocks = assert_answers_from(reply, LIBRARY_TEXT, LIBRARY_TITLE)
        assert any("storytelling" in unmarkdown(body) for body, _ in blocks), blocks
        _rec, reply = await ask(fake, question, BRIDGE_ID)
        assert_answers_from(reply, BRIDGE_TEXT, BRIDGE_TITLE)

    bots.a.run(scenario(), timeout=120)
    assert {f"{LIBRARY_ID}.txt", f"{LIBRARY_ID}.json"} <= seed_files(bots.seeds)


def test_non_manager_is_refused_and_a_manager_removes_the_article(
    bots: Pair, bridge_added: Added
) -> None:
    fake = bots.a.fake
    before = seed_files(bots.seeds)
    requests = len(bots.site.requests)
    question = "Who voted against closing the bridge?"

    async def refused() -> None:
        # the default member has @everyone's permissions: no Manage Server
        assert manager(fake) != fake.user_id
        rec, reply = await roundtrip(
            fake, "article", add_options(bots.site.url("/news/other.html"))
        )
        assert_private(rec, reply, deferred=False)
        assert reply.content == "Only members who can manage this server add articles."
        rec, reply = await roundtrip(fake, "article", remove_options(BRIDGE_ID))
        assert_private(rec, reply, deferred=False)
        assert "manage this server" in reply.content

    bots.a.run(refused())
    assert len(bots.site.requests) == requests, "a refused /article add fetched the page"
    assert seed_files(bots.seeds) == before

    async def removed() -> Reply:
        rec, reply = await roundtrip(
            fake, "article", remove_options(BRIDGE_ID), user_id=manager(fake), timeout=60
        )
        assert_private(rec, reply, deferred=True)
        assert unmarkdown(reply.content) == f"Removed “{BRIDGE_TITLE}”.", reply.content
        rec, reply = await ask(fake, question, BRIDGE_ID)
        assert is_unknown_article(reply, BRIDGE_ID), reply.content
        assert not reply.embeds
        for message in reply.messages:  # the public "thinking…" was removed first
            assert message["flags"] & MSG_FLAG_EPHEMERAL, message
        return reply

    bots.a.run(removed())
    assert not {f"{BRIDGE_ID}.txt", f"{BRIDGE_ID}.json"} & seed_files(bots.seeds)

    # bot B forgets it too, by polling the folder
    async def forgotten() -> Reply:
        deadline = time.monotonic() + PICKUP_SECONDS
        return await unknown_when_removed(bots.b.fake, question, BRIDGE_ID, deadline)

    reply = bots.b.run(forgotten(), timeout=60)
    assert reply.ephemeral
