"""Rate limiter, feedback log, configuration, transport overrides and secret redaction."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import discord
import pytest
import yarl

from bot.config import BotConfig
from bot.errors import ConfigError
from bot.feedback import FeedbackLog, FeedbackTarget
from bot.logs import REDACTED, RedactingFilter, redact
from bot.ratelimit import RateLimiter
from bot.transport import DEFAULT_API_BASE, gateway_target, route_gateway, use_api_base

TOKEN = "MTA.fake-token.abcdefghijklmnop"

# ------------------------------------------------------------------------------ rate limit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_rate_then_says_when() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 30, clock=clock)
    assert [limiter.hit(1) for _ in range(3)] == [None, None, None]
    clock.now += 10
    assert limiter.hit(1) == pytest.approx(20)
    assert limiter.hit(2) is None  # per user
    clock.now += 20
    assert limiter.hit(1) is None


def test_rate_limiter_disabled() -> None:
    limiter = RateLimiter(0, 30)
    assert all(limiter.hit(1) is None for _ in range(100))


def test_rate_limiter_forgets_idle_users() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 5, clock=clock)
    for user in range(2000):
        limiter.hit(user)
    clock.now += 10
    limiter.hit(99999)
    assert len(limiter._uses) < 2000


# -------------------------------------------------------------------------------- feedback


async def test_feedback_log_appends_json_lines(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path / "sub" / "feedback.jsonl")
    target = FeedbackTarget("what did Putin agree to", (("a1", 5), ("a1", 7)), False)
    await asyncio.gather(
        *(log.record(target, user_id=i, vote="up" if i % 2 else "down") for i in range(20))
    )
    lines = (tmp_path / "sub" / "feedback.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 20
    records = [json.loads(line) for line in lines]
    assert {r["user_id"] for r in records} == set(range(20))
    first = records[0]
    assert set(first) == {"timestamp", "user_id", "question", "passages", "abstained", "vote"}
    assert first["passages"] == [
        {"article": "a1", "paragraph": 5},
        {"article": "a1", "paragraph": 7},
    ]


# ---------------------------------------------------------------------------------- config


def env(**kwargs: str) -> dict[str, str]:
    return {"DISCORD_TOKEN": TOKEN} | kwargs


def test_config_defaults() -> None:
    config = BotConfig.from_env(env())
    assert config.token == TOKEN
    assert config.guild_id is None and config.api_base is None and config.gateway_url is None
    assert config.shard_count is None and config.shard_ids is None
    assert config.feedback_file == Path("feedback.jsonl")
    assert (config.rate, config.per) == (5, 30.0)
    assert config.log_level == logging.INFO
    assert TOKEN not in repr(config)


def test_config_full() -> None:
    config = BotConfig.from_env(
        env(
            DISCORD_GUILD_ID="123456789012345678",
            DISCORD_API_BASE="http://127.0.0.1:8080/api/v10/",
            DISCORD_GATEWAY_URL="ws://127.0.0.1:8080/gateway",
            DISCORD_SHARD_COUNT="4",
            DISCORD_SHARD_IDS="0, 2",
            ARTICLEBOT_SEEDS="/tmp/seeds",
            ARTICLEBOT_FEEDBACK_FILE="/tmp/fb.jsonl",
            ARTICLEBOT_RATE_LIMIT="2/10",
            LOG_LEVEL="debug",
        )
    )
    assert config.guild_id == 123456789012345678
    assert config.api_base == "http://127.0.0.1:8080/api/v10"
    assert config.gateway_url == "ws://127.0.0.1:8080/gateway"
    assert config.shard_count == 4 and config.shard_ids == (0, 2)
    assert config.retrieval.seeds_dir == Path("/tmp/seeds")
    assert config.feedback_file == Path("/tmp/fb.jsonl")
    assert (config.rate, config.per) == (2, 10.0)
    assert config.log_level == logging.DEBUG


def test_empty_values_mean_unset() -> None:
    config = BotConfig.from_env(env(DISCORD_GUILD_ID="", DISCORD_SHARD_COUNT="  "))
    assert config.guild_id is None and config.shard_count is None


@pytest.mark.parametrize(
    ("environ", "fragment"),
    [
        ({}, "DISCORD_TOKEN is not set"),
        ({"DISCORD_TOKEN": "  "}, "DISCORD_TOKEN is not set"),
        (env(DISCORD_GUILD_ID="my-server"), "DISCORD_GUILD_ID must be a numeric"),
        (env(DISCORD_GUILD_ID="-5"), "DISCORD_GUILD_ID"),
        (env(DISCORD_SHARD_COUNT="zero"), "DISCORD_SHARD_COUNT"),
        (env(DISCORD_SHARD_IDS="0"), "needs DISCORD_SHARD_COUNT"),
        (env(DISCORD_SHARD_COUNT="2", DISCORD_SHARD_IDS="0,2"), "from 0 to 1"),
        (env(DISCORD_API_BASE="discord.com/api"), "DISCORD_API_BASE must be a URL"),
        (env(DISCORD_GATEWAY_URL="http://x/gw"), "DISCORD_GATEWAY_URL must be a URL"),
        (env(LOG_LEVEL="loud"), "LOG_LEVEL"),
        (env(ARTICLEBOT_RATE_LIMIT="fast"), "ARTICLEBOT_RATE_LIMIT"),
    ],
)
def test_config_errors_are_one_clear_line(environ: dict[str, str], fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        BotConfig.from_env(environ)
    message = str(info.value)
    assert fragment in message and "\n" not in message
    assert TOKEN not in message


def test_rate_limit_off() -> None:
    assert BotConfig.from_env(env(ARTICLEBOT_RATE_LIMIT="0")).rate == 0


# ------------------------------------------------------------------------------- transport


def test_api_base_sets_route_base() -> None:
    try:
        use_api_base("http://127.0.0.1:9/api/v10/")
        assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
        route = discord.http.Route("POST", "/interactions/{id}/{token}/callback", id=1, token="t")
        assert route.url.startswith("http://127.0.0.1:9/api/v10/interactions/1/t")
    finally:
        use_api_base(None)
    assert discord.http.Route.BASE == DEFAULT_API_BASE


def test_gateway_target_keeps_query_and_ignores_voice() -> None:
    gateway = yarl.URL("ws://127.0.0.1:9/gateway")
    requested = "wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"
    assert gateway_target(requested, gateway) == (
        "ws://127.0.0.1:9/gateway?v=10&encoding=json&compress=zlib-stream"
    )
    resume = "wss://gateway-us-east1-b.discord.gg?v=10&encoding=json"
    assert gateway_target(resume, gateway) == "ws://127.0.0.1:9/gateway?v=10&encoding=json"
    voice = "wss://voice.example/?v=8"
    assert gateway_target(voice, gateway) == voice


class StopConnect(Exception):
    pass


async def test_every_gateway_connection_goes_to_the_configured_url() -> None:
    """Through discord.py's own DiscordWebSocket.from_client: identify, resume and reconnect."""
    client = discord.Client(intents=discord.Intents.none())
    opened: list[str] = []

    async def fake_ws_connect(url: str, *, compress: int = 0) -> Any:
        opened.append(url)
        raise StopConnect

    client.http.ws_connect = fake_ws_connect  # type: ignore[method-assign]
    route_gateway(client.http, "ws://127.0.0.1:9/gateway")
    calls = [
        {"initial": True, "gateway": yarl.URL("wss://gateway.discord.gg/")},  # first connection
        {"gateway": yarl.URL("wss://resume.discord.gg/"), "resume": True},  # resume_gateway_url
        {},  # reconnect / re-identify: DiscordWebSocket.DEFAULT_GATEWAY
    ]
    for kwargs in calls:
        with pytest.raises(StopConnect):
            await discord.gateway.DiscordWebSocket.from_client(client, shard_id=0, **kwargs)
    assert len(opened) == 3
    for url in opened:
        parsed = yarl.URL(url)
        assert (parsed.scheme, parsed.host, parsed.port, parsed.path) == (
            "ws",
            "127.0.0.1",
            9,
            "/gateway",
        )
        assert parsed.query["encoding"] == "json" and "v" in parsed.query
    await client.close()


# ---------------------------------------------------------------------------------- secrets


def test_redact() -> None:
    assert redact(f"bad token {TOKEN}!", [TOKEN, ""]) == f"bad token {REDACTED}!"


def test_redacting_filter_covers_message_args_and_traceback() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "token=%s", (TOKEN,), None)
    try:
        raise RuntimeError(f"boom {TOKEN}")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    assert RedactingFilter([TOKEN]).filter(record)
    formatted = logging.Formatter().format(record)
    assert TOKEN not in formatted and REDACTED in formatted and "RuntimeError" in formatted
