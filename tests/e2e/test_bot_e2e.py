"""Every command of the real bot (`python -m bot`), end to end through the fake Discord.

Each scenario checks what a user sees: the first response within Discord's 3 seconds, a final
reply quoting the article verbatim with attribution, within Discord's limits, mentions disabled.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.e2e.checks import (
    ARTICLE_TEXT,
    assert_acked_in_time,
    assert_no_mentions_allowed,
    assert_nothing_pings,
    assert_passages_verbatim,
    assert_verbatim,
    roundtrip,
    strip_ansi,
    unmarkdown,
)
from tests.e2e.conftest import COMMANDS, BotProcess
from tests.e2e.fake_discord import (
    CB_AUTOCOMPLETE_RESULT,
    CB_CHANNEL_MESSAGE,
    CB_DEFERRED_CHANNEL_MESSAGE,
)

pytestmark = pytest.mark.e2e


def test_startup_registers_every_command_in_the_dev_guild(bot: BotProcess) -> None:
    async def check() -> None:
        fake = bot.fake
        registered = await fake.wait_for_commands(COMMANDS)
        assert set(registered) == set(COMMANDS)
        routes = [c.route for c in fake.calls[:4]]
        assert routes[0] == "GET /users/@me"
        assert f"PUT /applications/{fake.application_id}/guilds/{fake.guild_id}/commands" in routes
        session = fake.session_for_guild()
        assert session is not None
        assert session.token == bot.token
        # the bot asks for no privileged intent (members 1<<1, presences 1<<8, content 1<<15)
        assert session.intents is not None and session.intents & 0b1000000100000010 == 0

    bot.run(check())
    print(f"bot ready {bot.ready_after:.1f}s after start")


def test_ask_quotes_the_article_verbatim(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        question = "What did Trump and Putin agree on about the ceasefire?"
        rec, reply = await roundtrip(fake, "ask", {"question": question, "count": 3})
        assert rec.callback_type == CB_DEFERRED_CHANNEL_MESSAGE  # "thinking…" first
        assert not reply.ephemeral
        embed = reply.embeds[0]
        assert unmarkdown(embed["title"]) == f"Q: {question}"
        blocks = assert_passages_verbatim(reply)
        assert 1 <= len(blocks) <= 3
        assert any("Putin" in body or "Trump" in body for body, _ in blocks)
        # the article is named in every attribution
        assert all("Vladimir Putin found" in credit for _, credit in blocks)
        labels = [b["label"] for row in reply.components for b in row["components"]]
        assert labels == ["👍", "👎"]
        assert_nothing_pings(reply)
        assert assert_no_mentions_allowed(fake.find_calls(since=since)) >= 1

    bot.run(scenario())


def test_quote_autocomplete_then_quote(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        auto = await fake.dispatch_autocomplete("quote", {"speaker": "zel"}, "speaker")
        callback = await fake.wait_for_callback(auto, timeout=5)
        assert callback.status == 200
        assert auto.callback_type == CB_AUTOCOMPLETE_RESULT
        assert_acked_in_time(auto)
        assert auto.choices, "no autocomplete suggestion for 'zel'"
        assert len(auto.choices) <= 25
        assert all(0 < len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in auto.choices)
        chosen = auto.choices[0]["value"]
        assert "Zelenskyy" in chosen

        rec, reply = await roundtrip(fake, "quote", {"speaker": chosen})
        assert rec.callback_type == CB_DEFERRED_CHANNEL_MESSAGE
        embed = reply.embeds[0]
        assert embed["title"].startswith(f"Quotes from {chosen}")
        blocks = assert_passages_verbatim(reply, quotes=True)
        assert any("manipulative" in body for body, _ in blocks)
        assert_nothing_pings(reply)
        assert_no_mentions_allowed(fake.find_calls(since=since))

    bot.run(scenario())


def test_quote_unknown_speaker_lists_who_is_quoted(bot: BotProcess) -> None:
    async def scenario() -> None:
        _rec, reply = await roundtrip(bot.fake, "quote", {"speaker": "Napoleon Bonaparte"})
        embed = reply.embeds[0]
        assert embed["title"] == "Unknown speaker"
        assert "Putin" in embed["description"]
        assert_nothing_pings(reply)

    bot.run(scenario())


def test_speakers_lists_names_from_the_article(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        _rec, reply = await roundtrip(fake, "speakers")
        embed = reply.embeds[0]
        assert embed["title"] == "Who is quoted"
        lines = [ln for ln in embed["description"].splitlines() if ln.startswith("• ")]
        assert len(lines) >= 3
        for line in lines:
            name = unmarkdown(line[2:].split(" — ")[0].split(" (organisation)")[0].split(" · ")[0])
            assert name in ARTICLE_TEXT, f"speaker {name!r} is not named in the article"
        assert "quotations" in embed["footer"]["text"]
        assert_no_mentions_allowed(fake.find_calls(since=since))

    bot.run(scenario())


def test_article_shows_key_points_verbatim(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        show = [{"type": 1, "name": "show", "options": []}]  # /article show
        _rec, reply = await roundtrip(fake, "article", show)
        embed = reply.embeds[0]
        assert embed["title"] == "What I know: 1 article"
        description = embed["description"]
        points = [ln[2:] for ln in description.splitlines() if ln.startswith("• ")]
        assert points, description
        for point in points:
            assert_verbatim(point)
        assert "34 paragraphs" in description
        assert_no_mentions_allowed(fake.find_calls(since=since))

    bot.run(scenario())


def test_help_answers_at_once_with_every_command(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        rec, reply = await roundtrip(fake, "help")
        assert rec.callback_type == CB_CHANNEL_MESSAGE  # answered in the callback itself
        fields = reply.embeds[0]["fields"]
        names = " ".join(f["name"] for f in fields)
        for command in COMMANDS:
            assert f"/{command}" in names
        assert assert_no_mentions_allowed(fake.find_calls(since=since)) == 1

    bot.run(scenario())


def test_ask_with_count_one_and_five(bot: BotProcess) -> None:
    async def scenario() -> None:
        for count in (1, 5):
            _rec, reply = await roundtrip(
                bot.fake, "ask", {"question": "What did Zelenskyy say about Putin?", "count": count}
            )
            blocks = assert_passages_verbatim(reply)
            assert len(blocks) == count

    bot.run(scenario())


def test_feedback_button_is_recorded_privately(bot: BotProcess) -> None:
    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        _rec, reply = await roundtrip(fake, "ask", {"question": "Who is Alexander Grushko?"})
        up = reply.components[0]["components"][0]
        assert up["label"] == "👍"
        click = await fake.dispatch_component(up["custom_id"], reply.message["id"])
        await fake.wait_for_callback(click, timeout=5)
        assert_acked_in_time(click)
        thanks = await fake.wait_for_reply(click)
        assert thanks.ephemeral
        assert "Thanks" in thanks.content
        assert_no_mentions_allowed(fake.find_calls(since=since))

    bot.run(scenario())


def test_log_at_info_has_no_debug_records(bot: BotProcess) -> None:
    lines = strip_ansi(bot.output()).splitlines()
    debug = [ln for ln in lines if re.match(r"^\S+ \S+ DEBUG\b", ln)]
    assert not debug, debug
