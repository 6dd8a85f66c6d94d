"""Bot configuration read from the environment (and `.env`, loaded by the entry point).

Every variable is documented in `.env.example`. Parsing never prints or logs the token; a malformed
value raises `ConfigError` with a one-line message naming the variable.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yarl

from bot.errors import ConfigError
from retrieval.config import Settings

log = logging.getLogger(__name__)

DEFAULT_FEEDBACK_FILE = Path("feedback.jsonl")
DEFAULT_DB_FILE = Path(".cache") / "articlebot" / "bot.sqlite3"
DEFAULT_RELOAD_SECONDS = 10.0
DEFAULT_RATE_LIMIT = (5, 30.0)  # questions per seconds, per user
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True, slots=True)
class BotConfig:
    """Everything `python -m bot` needs; `token` is excluded from the repr."""

    token: str = field(repr=False)
    retrieval: Settings
    guild_id: int | None = None
    feedback_file: Path = DEFAULT_FEEDBACK_FILE
    db_file: Path = DEFAULT_DB_FILE  # each server's default article (SQLite)
    reload_seconds: float = DEFAULT_RELOAD_SECONDS  # how often the seeds folder is checked; 0: off
    allow_private_urls: bool = False  # /article add may fetch private addresses (tests only)
    api_base: str | None = None
    gateway_url: str | None = None
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    log_level: int = logging.INFO
    rate: int = DEFAULT_RATE_LIMIT[0]
    per: float = DEFAULT_RATE_LIMIT[1]

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, require_token: bool = True
    ) -> BotConfig:
        """The bot's configuration from the environment; raises ConfigError when invalid."""
        env = os.environ if environ is None else environ
        token = _get(env, "DISCORD_TOKEN") or ""
        if require_token and not token:
            raise ConfigError(
                "DISCORD_TOKEN is not set: copy .env.example to .env and paste your bot's token "
                "(Discord Developer Portal → your application → Bot → Reset Token)"
            )
        if any(c.isspace() for c in token):
            raise ConfigError("DISCORD_TOKEN contains spaces: paste the token alone, no quotes")
        try:
            settings = Settings.from_env(environ=env)
        except ConfigError:
            raise
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"invalid retrieval setting: {exc}") from None
        shard_count = _positive_int(env, "DISCORD_SHARD_COUNT")
        shard_ids = _shard_ids(env, shard_count)
        rate, per = _rate_limit(env)
        return cls(
            token=token,
            retrieval=settings,
            guild_id=_snowflake(env, "DISCORD_GUILD_ID"),
            feedback_file=Path(_get(env, "ARTICLEBOT_FEEDBACK_FILE") or DEFAULT_FEEDBACK_FILE),
            db_file=Path(_get(env, "ARTICLEBOT_DB") or DEFAULT_DB_FILE),
            reload_seconds=_seconds(env, "ARTICLEBOT_RELOAD_SECONDS", DEFAULT_RELOAD_SECONDS),
            allow_private_urls=(_get(env, "ARTICLEBOT_ALLOW_PRIVATE_URLS") or "").lower()
            in {"1", "true", "yes", "on"},
            api_base=_url(env, "DISCORD_API_BASE", ("http", "https")),
            gateway_url=_url(env, "DISCORD_GATEWAY_URL", ("ws", "wss")),
            shard_count=shard_count,
            shard_ids=shard_ids,
            log_level=_log_level(env),
            rate=rate,
            per=per,
        )


def _get(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = _get(env, name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86_400:
        raise ConfigError(f"{name} must be a number of seconds from 0 (off) to 86400, got {raw!r}")
    return value


def _snowflake(env: Mapping[str, str], name: str) -> int | None:
    raw = _get(env, name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(
            f"{name} must be a numeric Discord id (right-click the server → Copy Server ID), "
            f"got {raw[:40]!r}"
        )
    return int(raw)


def _positive_int(env: Mapping[str, str], name: str) -> int | None:
    raw = _get(env, name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1, got {raw[:40]!r}")
    return int(raw)


def _shard_ids(env: Mapping[str, str], shard_count: int | None) -> tuple[int, ...] | None:
    raw = _get(env, "DISCORD_SHARD_IDS")
    if raw is None:
        return None
    if shard_count is None:
        raise ConfigError(
            "DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total number of shards)"
        )
    ids: list[int] = []
    for part in raw.split(","):
        item = part.strip()
        if not item.isascii() or not item.isdigit() or int(item) >= shard_count:
            raise ConfigError(
                "DISCORD_SHARD_IDS must be a comma-separated list of shard numbers from 0 to "
                f"{shard_count - 1}, got {raw[:60]!r}"
            )
        if int(item) not in ids:
            ids.append(int(item))
    return tuple(ids)


def _url(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> str | None:
    raw = _get(env, name)
    if raw is None:
        return None
    try:
        url = yarl.URL(raw)
    except (ValueError, TypeError):
        url = None
    if url is None or url.scheme not in schemes or not url.host:
        wanted = " or ".join(f"{s}://" for s in schemes)
        raise ConfigError(f"{name} must be a URL starting with {wanted}, got {raw[:80]!r}")
    # REST routes are appended to the base ("/users/@me"), so drop a trailing slash there.
    return raw.rstrip("/") if "http" in schemes else raw


def _log_level(env: Mapping[str, str]) -> int:
    raw = (_get(env, "LOG_LEVEL") or "INFO").upper()
    if raw == "WARN":
        raw = "WARNING"
    if raw not in _LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, got {raw[:20]!r}")
    return logging.getLevelNamesMapping()[raw]


def _rate_limit(env: Mapping[str, str]) -> tuple[int, float]:
    raw = _get(env, "ARTICLEBOT_RATE_LIMIT")
    if raw is None:
        return DEFAULT_RATE_LIMIT
    if raw in ("0", "off", "none"):
        return 0, DEFAULT_RATE_LIMIT[1]
    count, sep, seconds = raw.partition("/")
    try:
        rate, per = int(count), float(seconds)
    except ValueError:
        rate, per = -1, -1.0
    if not sep or rate < 1 or not per > 0:
        raise ConfigError(
            f"ARTICLEBOT_RATE_LIMIT must look like 5/30 (questions per seconds), got {raw[:40]!r}"
        )
    return rate, per
