"""Faults between the real bot and Discord: dropped gateway, 429s, 5xx on replies.

After each fault the bot must still answer the next question, and the process must never exit.

discord.py's behaviour the scenarios rely on (2.7): it retries a 429 only when the response has a
``Via`` header (the fake's ``rate_limit`` sends one) after the body's ``retry_after``; it retries
5xx on webhook follow-ups after 1, 3, 5, 7 and 9 seconds and then raises ``DiscordServerError``.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.e2e.checks import (
    assert_acked_in_time,
    assert_no_mentions_allowed,
    assert_passages_verbatim,
    roundtrip,
    strip_ansi,
)
from tests.e2e.conftest import BotProcess
from tests.e2e.fake_discord import FakeDiscord

pytestmark = pytest.mark.e2e

QUESTION = "What did Zelenskyy say about Putin's response?"


async def answered(fake: FakeDiscord, question: str = QUESTION) -> None:
    """One /ask answered normally (the "next question" after a fault)."""
    _rec, reply = await roundtrip(fake, "ask", {"question": question})
    assert not reply.ephemeral
    assert_passages_verbatim(reply)


@pytest.mark.parametrize("code", [None, 4000], ids=["abort", "close-4000"])
def test_dropped_gateway_connection_resumes_and_answers(bot: BotProcess, code: int | None) -> None:
    async def scenario() -> None:
        fake = bot.fake
        before = fake.current_connection()
        assert before is not None and before.session is not None
        await fake.drop_connection(code)
        conn = await fake.wait_for_connection(after=before.id, timeout=20)
        assert conn.kind == "resume", conn
        assert conn.session is before.session  # same session: RESUME, not a new IDENTIFY
        await answered(fake)

    bot.run(scenario())


def test_interaction_sent_while_disconnected_is_replayed_on_resume(bot: BotProcess) -> None:
    """Like Discord, the fake queues events for a dropped session and replays them on RESUME."""

    async def scenario() -> None:
        fake = bot.fake
        before = fake.current_connection()
        assert before is not None
        await fake.drop_connection()
        rec = await fake.dispatch_interaction("ask", {"question": QUESTION}, live=False)
        conn = await fake.wait_for_connection(after=before.id, timeout=20)
        assert conn.kind == "resume"
        await fake.wait_for_callback(rec, timeout=10)
        # The clock runs from the dispatch, while the bot was still reconnecting.
        latency = assert_acked_in_time(rec)
        reply = await fake.wait_for_reply(rec, timeout=20)
        assert_passages_verbatim(reply)
        print(f"replayed interaction acknowledged {latency:.2f}s after it was sent")

    bot.run(scenario())


def test_invalidated_session_reidentifies_and_answers(bot: BotProcess) -> None:
    """op 9 (not resumable): discord.py waits 5 s, then IDENTIFYs again — to the fake too."""

    async def scenario() -> None:
        fake = bot.fake
        before = fake.current_connection()
        assert before is not None
        await fake.invalidate_session(resumable=False)
        conn = await fake.wait_for_connection(after=before.id, kind="identify", timeout=30)
        assert conn.path == "/gateway"
        assert conn.session is not None and conn.session is not before.session
        await fake.wait_ready(timeout=10)
        await answered(fake)

    bot.run(scenario())


def test_429_on_the_reply_is_retried(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        fault = fake.rate_limit("followup", count=1, retry_after=0.5)
        await answered(fake)
        assert len(fault.hits) == 1
        followups = fake.find_calls("followup", since=since)
        assert [c.status for c in followups] == [429, 200]
        # discord.py waited for retry_after before trying again
        assert followups[1].time - followups[0].time >= 0.45
        assert_no_mentions_allowed(followups)

    bot.run(scenario())


def test_429_on_the_acknowledgement_is_retried_within_3_seconds(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        fault = fake.rate_limit("callback", count=1, retry_after=0.3)
        await answered(fake)
        assert len(fault.hits) == 1
        statuses = [c.status for c in fake.find_calls("callback", since=since)]
        assert statuses == [429, 200]

    bot.run(scenario())


def test_one_500_on_the_reply_is_retried(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        fault = fake.server_error("followup", count=1)
        await answered(fake)
        assert len(fault.hits) == 1
        assert [c.status for c in fake.find_calls("followup", since=since)] == [500, 200]

    bot.run(scenario())


def test_reply_failing_with_500s_is_logged_and_the_bot_keeps_answering(bot: BotProcess) -> None:
    """Every attempt at the follow-up fails: the bot gives up, logs it, tells the user privately."""
    log_before = len(bot.output())

    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        fault = fake.server_error("followup", count=5)  # discord.py makes 5 attempts
        rec = await fake.dispatch_interaction("ask", {"question": QUESTION})
        await fake.wait_for_callback(rec)
        assert_acked_in_time(rec)
        # 1 + 3 + 5 + 7 + 9 s of discord.py back-off, then the error path
        error = await fake.wait_for_reply(rec, timeout=45)
        assert len(fault.hits) == 5
        assert error.ephemeral, error
        assert "Something went wrong" in error.content
        assert f"{rec.original_id}" in {m for _t, kind, m in rec.events if kind == "delete"}
        assert_no_mentions_allowed(fake.find_calls(since=since))
        await answered(fake)

    bot.run(scenario(), timeout=90)
    log = strip_ansi(bot.output()[log_before:])
    assert re.search(r"ERROR .*unexpected error in command /ask", log), log[-2000:]
    assert "DiscordServerError" in log and "500" in log
    assert "outcome=error" in log
