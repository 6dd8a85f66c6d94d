"""Hostile or odd user input through the whole path: Discord → bot → core → Discord.

Every input gets a sensible reply — a private (ephemeral) error that says what to try instead, or
an answer quoting the article — nothing can ping anyone, and the bot keeps running.

About length: Discord's client refuses option values longer than the command's declared
``max_length`` (and shorter than ``min_length``), so real users cannot send an empty or a
6,000-character question. The fake does not enforce those limits (a modified client or a raw
API call could send anything), so these tests send such values anyway to check that the bot
defends itself, and also check the declared limits in the payload the bot registered.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from tests.e2e.checks import (
    assert_no_mentions_allowed,
    assert_nothing_pings,
    assert_passages_verbatim,
    roundtrip,
)
from tests.e2e.conftest import BotProcess
from tests.e2e.fake_discord import Reply

pytestmark = pytest.mark.e2e

ANSWER = "answer"  # a public reply quoting the article
ERROR = "error"  # a private error message
EITHER = "either"  # an answer or an honest abstention / error: both are sensible


@dataclass(frozen=True)
class Case:
    id: str
    command: str
    value: str
    expect: str
    hint: str = ""  # a word the error message must contain


LONG_QUESTION = ("What did Putin say about the ceasefire in Ukraine and the energy deal? " * 90)[
    :6000
]
LONGEST_ALLOWED = ("What did Putin and Trump agree about the ceasefire? " * 10)[:500]

CASES = [
    Case("empty", "ask", "", ERROR, "empty"),
    Case("blank", "ask", "   \t  ", ERROR, "empty"),
    Case("6000-chars", "ask", LONG_QUESTION, ERROR, "too long"),
    Case("500-chars-longest-allowed", "ask", LONGEST_ALLOWED, ANSWER),
    Case("zero-width-only", "ask", "\u200b\u200c\u200d\u2060\ufeff", ERROR, "invisible"),
    Case("rtl-marks-only", "ask", "\u200f\u202e\u2067\u200e", ERROR, "invisible"),
    Case(
        "zero-width-and-rtl-inside",
        "ask",
        "What \u200bdid \u200fPutin\u202e agree\u2060 to\u200d?",
        ANSWER,
    ),
    Case("emoji-only", "ask", "🤔🔥🇺🇦👍🏽", ERROR, "no words"),
    Case(
        "markdown-and-code-block",
        "ask",
        "```py\nprint('x')\n```\n# **What** did __Zelenskyy__ say about ~~Putin~~ `words`?",
        ANSWER,
    ),
    Case("everyone", "ask", "@everyone what did Trump say about land?", ANSWER),
    Case("here-and-role", "ask", "@here <@&123456789012345678> what about NATO?", ANSWER),
    Case("user-mention", "ask", "<@123456789012345678> <@!42> what did Grushko say?", ANSWER),
    Case("mentions-only", "ask", "<@&123> <@456> <@!7> <#789>", ERROR, "mentions"),
    # "@everyone" keeps the word "everyone" as something to search for: an honest abstention
    Case("mentions-and-everyone", "ask", "<@&123> <@456> <#789> @everyone @here", EITHER),
    Case("russian", "ask", "Что сказал Путин о прекращении огня?", EITHER),
    Case("arabic", "ask", "ماذا قال بوتين عن وقف إطلاق النار؟", EITHER),
    Case("chinese", "ask", "普京对停火说了什么？", EITHER),
    Case("quote-empty", "quote", "", ERROR, "empty"),
    Case("quote-6000-chars", "quote", "Putin " * 1000, ERROR, "too long"),
    Case("quote-everyone", "quote", "@everyone", EITHER),
    Case("quote-role-mention", "quote", "<@&123456789012345678>", ERROR, "mentions"),
    Case("quote-markdown", "quote", "**Putin**", ANSWER),
    Case("quote-rtl", "quote", "\u202ePutin\u202c", ANSWER),
    Case("quote-emoji", "quote", "🙂", ERROR, "no words"),
    Case("quote-chinese", "quote", "普京", EITHER),
]


def check_sensible(case: Case, reply: Reply) -> None:
    assert not reply.loading
    assert_nothing_pings(reply)
    if reply.ephemeral:
        assert case.expect in (ERROR, EITHER), f"unexpected error: {reply.text}"
        assert reply.content.strip() or reply.embeds, "an empty error message"
        text = reply.text
        assert "Traceback" not in text and "Something went wrong" not in text, text
        if case.hint:
            assert case.hint in text.lower(), f"{case.hint!r} not in {text!r}"
        suggestions = ("try", "use", "ask about")
        assert any(s in text.lower() for s in suggestions), f"no suggestion in {text!r}"
        return
    assert case.expect in (ANSWER, EITHER), f"expected an error, got {reply.text!r}"
    embed = reply.embeds[0]
    if case.command == "ask":
        assert embed["title"].startswith("Q: ")
        if "doesn't say" not in embed["description"]:
            assert_passages_verbatim(reply)
    elif embed["title"].startswith("Quotes from"):
        assert_passages_verbatim(reply, quotes=True)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gets_a_sensible_reply(bot: BotProcess, case: Case) -> None:
    option = "question" if case.command == "ask" else "speaker"

    async def scenario() -> None:
        fake = bot.fake
        since = time.monotonic()
        _rec, reply = await roundtrip(fake, case.command, {option: case.value})
        check_sensible(case, reply)
        assert assert_no_mentions_allowed(fake.find_calls(since=since)) >= 1

    bot.run(scenario())
    bot.assert_alive()


def test_declared_option_limits_match_what_the_bot_enforces(bot: BotProcess) -> None:
    """Discord itself refuses values outside these; the bot checks the same limits again."""

    async def check() -> None:
        ask = bot.fake.registered_command("ask")
        quote = bot.fake.registered_command("quote")
        assert ask is not None and quote is not None
        options = {o["name"]: o for o in ask["options"]}
        assert options["question"]["required"] is True
        assert options["question"]["min_length"] == 1
        assert options["question"]["max_length"] == 500
        assert (options["count"]["min_value"], options["count"]["max_value"]) == (1, 5)
        speaker = quote["options"][0]
        assert speaker["name"] == "speaker"
        assert speaker["autocomplete"] is True
        assert (speaker["min_length"], speaker["max_length"]) == (1, 100)

    bot.run(check())


@pytest.mark.parametrize(
    "typed",
    ["", "\u202e\u200bput", "@everyone", "<@&1>", "🙂", "x" * 6000, "普京", "**zel**"],
    ids=["empty", "rtl-zw", "everyone", "role", "emoji", "6000", "chinese", "markdown"],
)
def test_autocomplete_with_odd_input_returns_valid_choices(bot: BotProcess, typed: str) -> None:
    async def scenario() -> None:
        fake = bot.fake
        rec = await fake.dispatch_autocomplete("quote", {"speaker": typed}, "speaker")
        callback = await fake.wait_for_callback(rec, timeout=5)
        assert callback.status == 200
        assert rec.ack_latency is not None and rec.ack_latency <= 3.0
        choices = rec.choices or []
        assert len(choices) <= 25
        for choice in choices:
            assert 1 <= len(choice["name"]) <= 100
            assert 1 <= len(choice["value"]) <= 100
            assert "@everyone" not in choice["name"]
        if typed in ("\u202e\u200bput", "**zel**"):
            assert choices, f"no suggestion for {typed!r}"

    bot.run(scenario())
    bot.assert_alive()
