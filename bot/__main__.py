"""Entry point: `python -m bot` runs the bot; `python -m bot sync` registers commands globally.

Order matters: configuration is checked, then the retrieval engine (model and index) is built,
and only then does the bot log in, so the first question is as fast as any other. Expected
failures (bad configuration, no articles, a rejected token, Discord unreachable) print one line on
stderr and exit non-zero, with the token redacted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

import aiohttp
import discord
from dotenv import find_dotenv, load_dotenv

from bot.config import BotConfig
from bot.errors import ConfigError
from bot.logs import redact, setup_logging
from bot.transport import use_api_base
from retrieval.errors import ArticlebotError

if TYPE_CHECKING:
    from retrieval.engine import Engine

log = logging.getLogger("bot")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2


class Fatal(Exception):
    """An expected start-up failure: its message is printed as one line."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line: `run` (the default) or `sync`."""
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="articlebot: a Discord bot that answers by quoting news articles verbatim.",
    )
    parser.add_argument(
        "command",
        nargs="?",
        choices=("run", "sync"),
        default="run",
        help="run the bot (default), or register the slash commands globally and exit",
    )
    return parser.parse_args(argv)


def load_engine(config: BotConfig) -> Engine:
    """Load the articles into an engine, logging skipped ones and the time taken."""
    from retrieval.engine import Engine

    started = time.perf_counter()
    engine = Engine.load(config.retrieval, progress=True)
    for error in engine.load_errors:
        log.warning("skipped an article: %s", error)
    log.info(
        "loaded %d article(s) in %.1f s",
        len(engine.articles()),
        time.perf_counter() - started,
    )
    return engine


def _login_failure(exc: BaseException, config: BotConfig) -> Fatal | None:
    """Translate what discord.py raises on a failed start into a one-line message."""
    where = config.api_base or "Discord"
    if isinstance(exc, discord.LoginFailure):
        return Fatal(
            "Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the Developer "
            "Portal (your application → Bot) and update .env"
        )
    if isinstance(exc, discord.ConnectionClosed) and exc.code == 4004:
        return Fatal("Discord's gateway rejected DISCORD_TOKEN (4004 authentication failed)")
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return Fatal("Discord refused the requested intents (this bot needs no privileged intent)")
    if isinstance(exc, discord.GatewayNotFound):
        return Fatal(f"could not find Discord's gateway through {where}")
    if isinstance(exc, discord.HTTPException):
        return Fatal(f"Discord answered {exc.status} while logging in: {exc.text or exc}")
    if isinstance(exc, aiohttp.ClientError | OSError | asyncio.TimeoutError):
        return Fatal(f"could not reach {where}: {exc or type(exc).__name__}")
    return None


async def run_bot(config: BotConfig, engine: Engine) -> None:
    """Run the bot until it stops or a signal closes it; login failures become Fatal."""
    from bot.client import ArticleBot

    bot = ArticleBot(config, engine)
    async with bot:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
                loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
        try:
            await bot.start(config.token)
        except Exception as exc:
            fatal = _login_failure(exc, config)
            if fatal is None:
                raise
            raise fatal from None
    log.info("bot stopped")


async def sync_globally(config: BotConfig) -> int:
    """Register the slash commands globally, print them, and return how many."""
    from bot.client import ArticleBot

    bot = ArticleBot(config, engine=None, sync_dev_guild=False)
    async with bot:
        try:
            await bot.login(config.token)
        except Exception as exc:
            fatal = _login_failure(exc, config)
            if fatal is None:
                raise
            raise fatal from None
        try:
            synced = await bot.tree.sync()
        except discord.HTTPException as exc:
            message = f"Discord refused to register the commands ({exc.status}): {exc.text}"
            raise Fatal(message) from None
    names = ", ".join(
        f"/{c.name}" if c.type is discord.AppCommandType.chat_input else f"“{c.name}”"
        for c in synced
    )
    print(f"Registered {len(synced)} global commands: {names} (they may take a while to appear)")
    return len(synced)


def main(argv: Sequence[str] | None = None) -> int:
    """The bot's entry point: read the configuration, then run or sync; returns the exit status."""
    args = parse_args(argv)
    load_dotenv(find_dotenv(usecwd=True), override=False)  # the environment wins over .env
    token = os.environ.get("DISCORD_TOKEN", "").strip()
    try:
        config = BotConfig.from_env(os.environ)
    except ConfigError as exc:
        print(f"articlebot: configuration error: {redact(str(exc), [token])}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(config.log_level, secrets=[config.token])
    use_api_base(config.api_base)
    try:
        if args.command == "sync":
            asyncio.run(sync_globally(config))
            return EXIT_OK
        engine = load_engine(config)
        asyncio.run(run_bot(config, engine))
    except (Fatal, ArticlebotError) as exc:
        print(f"articlebot: {redact(str(exc), [config.token])}", file=sys.stderr)
        return exc.code if isinstance(exc, Fatal) else EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
