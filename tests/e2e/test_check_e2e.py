""" "Check against the article" (a message context menu) and user installs, end to end.

The real bot (`python -m bot`) gets MESSAGE command interactions (right-click a message → Apps)
from the fake Discord, in the test guild and through a user's own install in a DM with the bot.
Each scenario checks what the caller sees: a private "thinking…" within Discord's 3 seconds, then
a private verdict whose passages are verbatim article text, mentions disabled; the "Post to
channel" button makes it public for the caller only.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.checks import (
    ACK_DEADLINE,
    assert_acked_in_time,
    assert_no_mentions_allowed,
    assert_nothing_pings,
    assert_passages_verbatim,
    assert_within_limits,
    roundtrip,
    unmarkdown,
)
from tests.e2e.conftest import COMMANDS, ROOT, BotProcess, bot_env, fake_token
from tests.e2e.fake_discord import (
    CB_CHANNEL_MESSAGE,
    CB_DEFERRED_CHANNEL_MESSAGE,
    CT_MESSAGE,
    MSG_FLAG_EPHEMERAL,
    FakeDiscord,
    InteractionRecord,
    Reply,
    snowflake,
)

pytestmark = pytest.mark.e2e

CHECK = "Check against the article"
POST = "Post to channel"
ALL_NAMES = {*COMMANDS, CHECK}
INTEGRATION_TYPES = [0, 1]  # guild install, user install
CONTEXTS = [0, 1, 2]  # guild, DM with the bot, private channel


@pytest.fixture(scope="module")
def global_commands(e2e: BotProcess, e2e_tmp: Path) -> dict[str, dict[str, Any]]:
    """Register the commands globally, as an operator does with `python -m bot sync`.

    Outside a guild (a user install used in DMs) Discord only offers global commands, and the
    running bot registers its commands in the dev guild only.
    """
    env = bot_env(
        e2e.fake,
        fake_token(),
        ARTICLEBOT_DB=str(e2e_tmp / "sync.sqlite3"),
        ARTICLEBOT_FEEDBACK_FILE=str(e2e_tmp / "sync-feedback.jsonl"),
        ARTICLEBOT_CACHE_DIR=str(e2e_tmp / "cache"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sync"],
        check=False,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Registered 6 global commands" in done.stdout, done.stdout

    async def registered() -> dict[str, dict[str, Any]]:
        return await e2e.fake.wait_for_commands(ALL_NAMES, guild_id=None, timeout=5)

    return e2e.run(registered())


@pytest.fixture
def dm_user(bot: BotProcess) -> Iterator[str]:
    """A user who installed the app on their account and is not in the test guild."""
    yield snowflake()


# ----------------------------------------------------------------------------- helpers


async def check_message(
    fake: FakeDiscord, message: dict[str, Any], **kwargs: Any
) -> tuple[InteractionRecord, Reply]:
    """Run "Check against the article" on `message`; return the interaction and final reply."""
    rec = await fake.dispatch_message_command(CHECK, message, **kwargs)
    callback = await fake.wait_for_callback(rec, timeout=ACK_DEADLINE + 2)
    assert callback.status == 200, (callback.status, callback.response)
    assert_acked_in_time(rec)
    reply = await fake.wait_for_reply(rec, timeout=30)
    for msg in reply.messages:
        assert_within_limits(msg)
    return rec, reply


def assert_private_check(rec: InteractionRecord, reply: Reply, claim: str) -> dict[str, Any]:
    """Deferred privately, answered privately with one "Check: <claim>" embed; returns it."""
    assert rec.callback_type == CB_DEFERRED_CHANNEL_MESSAGE, rec.callback_type
    assert rec.callback_data is not None
    assert rec.callback_data.get("flags") == MSG_FLAG_EPHEMERAL, rec.callback_data
    assert reply.ephemeral and not reply.loading
    for msg in reply.messages:  # the "thinking…" placeholder too: nothing public
        assert msg["flags"] & MSG_FLAG_EPHEMERAL, msg
    assert len(reply.embeds) == 1, reply.embeds
    embed = reply.embeds[0]
    assert unmarkdown(embed["title"]) == f"Check: {claim}"
    assert_nothing_pings(reply)
    return embed


def notes_of(embed: dict[str, Any]) -> list[str]:
    description = embed.get("description") or ""
    head = description.split("**1.** ", 1)[0]
    return [line[2:] for line in head.splitlines() if line.startswith("• ")]


def buttons_of(reply: Reply) -> dict[str, dict[str, Any]]:
    return {b.get("label"): b for row in reply.components for b in row["components"]}


def posted_claim(fake: FakeDiscord, content: str, **kwargs: Any) -> dict[str, Any]:
    return fake.user_message(content, author_id=snowflake(), **kwargs)


# ---------------------------------------------------------------------------- registration


def test_every_command_is_installable_everywhere(
    bot: BotProcess, global_commands: dict[str, dict[str, Any]]
) -> None:
    async def check() -> None:
        fake = bot.fake
        guild_put = f"PUT /applications/{fake.application_id}/guilds/{fake.guild_id}/commands"
        global_put = f"PUT /applications/{fake.application_id}/commands"
        for route in (guild_put, global_put):
            calls = [c for c in fake.calls if c.route == route and c.status == 200]
            assert calls, f"no {route}"
            sent = calls[-1].json
            assert {c["name"] for c in sent} == ALL_NAMES, route
            for command in sent:
                assert command.get("integration_types") == INTEGRATION_TYPES, command
                assert command.get("contexts") == CONTEXTS, command
            menu = next(c for c in sent if c["name"] == CHECK)
            assert menu["type"] == CT_MESSAGE
            assert not menu.get("options") and not menu.get("description")
            assert all(c.get("type", 1) == 1 for c in sent if c["name"] != CHECK)
        assert global_commands[CHECK]["type"] == CT_MESSAGE
        assert "guild_id" not in global_commands[CHECK]

    bot.run(check())


# ------------------------------------------------------------------------------ verdicts


def test_check_a_wrong_number(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        claim = "Putin agreed to stop all strikes for 60 days"
        rec, reply = await check_message(fake, posted_claim(fake, claim))
        embed = assert_private_check(rec, reply, claim)
        notes = notes_of(embed)
        assert "The claim says 60; the passages shown give 30." in notes, notes
        blocks = assert_passages_verbatim(reply)
        assert any("30" in body for body, _ in blocks), blocks
        assert POST in buttons_of(reply)
        assert assert_no_mentions_allowed(fake.find_calls(since=since)) >= 1

    bot.run(scenario())


def test_check_a_name_the_article_never_mentions(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        claim = "The Pope said the war must end"
        rec, reply = await check_message(fake, posted_claim(fake, claim))
        embed = assert_private_check(rec, reply, claim)
        notes = notes_of(embed)
        assert "The article never mentions Pope." in notes, notes
        if "**1.** " in embed["description"]:
            assert_passages_verbatim(reply)

    bot.run(scenario())


def test_check_an_off_topic_message(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        claim = "I love lasagna with extra cheese"
        rec, reply = await check_message(fake, posted_claim(fake, claim))
        embed = assert_private_check(rec, reply, claim)
        notes = notes_of(embed)
        assert any(n.startswith("Nothing in the article bears on this") for n in notes), notes
        assert not any("never mentions" in n or "claim says" in n for n in notes), notes
        if "**1.** " in embed["description"]:  # closest passages, if any, are still verbatim
            assert_passages_verbatim(reply)

    bot.run(scenario())


def test_post_to_channel_makes_the_check_public_for_the_caller_only(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        caller = snowflake()
        claim = "Putin agreed to stop all strikes for 60 days"
        rec, reply = await check_message(fake, posted_claim(fake, claim), user_id=caller)
        assert_private_check(rec, reply, claim)
        button = buttons_of(reply)[POST]
        private = reply.message

        # someone else cannot post the caller's check
        other = await fake.dispatch_component(button["custom_id"], private["id"], snowflake())
        await fake.wait_for_callback(other, timeout=5)
        assert_acked_in_time(other)
        refused = await fake.wait_for_reply(other)
        assert refused.ephemeral and "Only the person who asked" in refused.content
        assert not refused.embeds

        press = await fake.dispatch_component(button["custom_id"], private["id"], caller)
        callback = await fake.wait_for_callback(press, timeout=5)
        assert callback.status == 200, callback.response
        assert_acked_in_time(press)
        assert press.callback_type == CB_CHANNEL_MESSAGE
        public = await fake.wait_for_reply(press)
        assert not public.ephemeral
        assert public.message["channel_id"] == private["channel_id"] == fake.channel_id
        assert public.embeds == reply.embeds
        assert_nothing_pings(public)
        assert_passages_verbatim(public)
        assert assert_no_mentions_allowed(fake.find_calls(since=since)) >= 3

    bot.run(scenario())


def test_a_message_without_text_gets_a_private_note(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        url = "https://www.example.com/world/europe/trump-putin-call-ukraine"
        preview = {"type": "article", "url": url, "title": "Trump and Putin spoke for two hours"}
        messages = [
            posted_claim(fake, url, embeds=[preview]),  # only a link (with its preview)
            posted_claim(fake, "", embeds=[preview]),  # no content at all, only an embed
        ]
        for message in messages:
            rec = await fake.dispatch_message_command(CHECK, message)
            await fake.wait_for_callback(rec, timeout=ACK_DEADLINE + 2)
            assert_acked_in_time(rec)
            reply = await fake.wait_for_reply(rec)
            assert rec.callback_type == CB_CHANNEL_MESSAGE  # refused at once, no "thinking…"
            assert reply.ephemeral
            assert "no text to check" in reply.content, reply.content
            assert not reply.embeds and not reply.components
            assert_nothing_pings(reply)
        assert_no_mentions_allowed(fake.find_calls(since=since))

    bot.run(scenario())


# ---------------------------------------------------------------------------- user install


def test_user_install_in_a_dm_answers_ask_like_in_a_guild(
    bot: BotProcess, global_commands: dict[str, dict[str, Any]], dm_user: str
) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        question = "What did Trump and Putin agree on about the ceasefire?"
        rec, reply = await roundtrip(
            fake, "ask", {"question": question}, dm=True, user_install=True, user_id=dm_user
        )
        payload = rec.payload
        assert "guild_id" not in payload and "member" not in payload
        assert "guild_id" not in payload["data"]  # the global command
        assert payload["channel"]["type"] == 1 and payload["context"] == 1
        assert payload["authorizing_integration_owners"] == {"1": dm_user}
        assert rec.callback_type == CB_DEFERRED_CHANNEL_MESSAGE
        assert not reply.ephemeral
        assert reply.message["channel_id"] == payload["channel_id"]
        assert reply.message["interaction_metadata"]["user"]["id"] == dm_user
        assert unmarkdown(reply.embeds[0]["title"]) == f"Q: {question}"
        blocks = assert_passages_verbatim(reply)
        assert any("Putin" in body or "Trump" in body for body, _ in blocks)
        assert_nothing_pings(reply)
        assert assert_no_mentions_allowed(fake.find_calls(since=since)) >= 1

    bot.run(scenario())


def test_user_install_in_a_dm_checks_a_message(
    bot: BotProcess, global_commands: dict[str, dict[str, Any]], dm_user: str
) -> None:
    async def scenario() -> None:
        fake = bot.fake
        dm_channel = snowflake()
        claim = "Putin agreed to stop all strikes for 60 days"
        message = fake.user_message(claim, author_id=dm_user, channel_id=dm_channel)
        rec, reply = await check_message(fake, message, dm=True, user_install=True, user_id=dm_user)
        assert "guild_id" not in rec.payload and "guild_id" not in rec.payload["data"]
        assert rec.payload["channel_id"] == dm_channel
        embed = assert_private_check(rec, reply, claim)
        assert any("30" in n for n in notes_of(embed)), notes_of(embed)
        assert_passages_verbatim(reply)

    bot.run(scenario())
