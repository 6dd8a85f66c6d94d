"""Fixtures for end-to-end tests of the real bot (`python -m bot`) against the fake Discord.

The fake runs on its own event loop in a background thread (:class:`LoopThread`) for the whole
session, so it keeps serving the bot's gateway connection (heartbeats, ACKs) between tests and
whatever loop pytest-asyncio gives each test. Test bodies that touch the fake are coroutines run
*on that loop* with ``e2e.run(coro)``; nothing reads the fake's records from another thread.

One bot process is started for the whole session (model loading takes ~9 s) and shared by every
scenario; start-up failures use their own short-lived processes (see ``test_startup.py``).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.e2e.fake_discord import FakeDiscord

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
COMMANDS = ("ask", "quote", "speakers", "article", "help")
# Short, so that the load test can measure the bot's event-loop lag from heartbeat gaps.
HEARTBEAT_INTERVAL_MS = 1000
STARTUP_TIMEOUT = 150.0  # the first start encodes the seeds; later ones read the cache


def fake_token() -> str:
    """A token shaped like Discord's (three dot-separated parts), unique per call."""
    return f"MTE{secrets.token_hex(11)}.Gx{secrets.token_hex(2)}.{secrets.token_urlsafe(27)}"


class LoopThread:
    """An asyncio loop running forever in a daemon thread; ``run`` executes a coroutine on it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="fake-discord", daemon=True
        )
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 120.0) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


def bot_env(fake: FakeDiscord | None, token: str | None, **extra: str) -> dict[str, str]:
    """The environment a user would give `python -m bot`, pointed at `fake`.

    Inherited DISCORD_*/ARTICLEBOT_*/LOG_LEVEL variables are dropped so that the developer's
    own settings cannot leak in; `extra` overrides the defaults.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "ARTICLEBOT_")) and k != "LOG_LEVEL"
    }
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        PYTHONUNBUFFERED="1",
        DISCORD_TOKEN=token or "",
        ARTICLEBOT_SEEDS=str(SEEDS),
        LOG_LEVEL="INFO",
    )
    if fake is not None:
        env.update(fake.env())
    env.update(extra)
    return env


@dataclass
class BotProcess:
    """The bot under test: its process, its combined stdout/stderr file and the fake it talks to."""

    proc: subprocess.Popen[bytes]
    log_path: Path
    fake: FakeDiscord
    loop: LoopThread
    token: str
    started_at: float = field(default_factory=time.monotonic)
    ready_after: float | None = None

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 120.0) -> T:
        """Run a coroutine on the fake's loop (the only place the fake may be touched)."""
        return self.loop.run(coro, timeout)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def assert_alive(self) -> None:
        assert self.alive, f"the bot exited ({self.proc.returncode}):\n{self.output()[-3000:]}"

    def assert_token_never_printed(self) -> None:
        assert self.token not in self.output(), "the bot printed its token"

    def stop(self, timeout: float = 15.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


def start_bot(
    loop: LoopThread,
    fake: FakeDiscord,
    log_path: Path,
    env_extra: Mapping[str, str],
) -> BotProcess:
    """Start `python -m bot` against `fake` and wait until it is ready and synced."""
    token = fake_token()
    env = bot_env(fake, token, **env_extra)
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    bot = BotProcess(proc=proc, log_path=log_path, fake=fake, loop=loop, token=token)

    def liveness() -> str | None:
        code = proc.poll()
        return None if code is None else f"the bot exited with code {code}"

    fake.liveness_check = liveness

    async def ready() -> None:
        await fake.wait_ready(timeout=STARTUP_TIMEOUT)
        await fake.wait_for_commands(COMMANDS, timeout=30)

    try:
        bot.run(ready(), timeout=STARTUP_TIMEOUT + 40)
    except BaseException:
        bot.stop()
        print(bot.output()[-5000:], file=sys.stderr)
        raise
    bot.ready_after = time.monotonic() - bot.started_at
    return bot


@pytest.fixture(scope="session")
def fake_loop() -> Iterator[LoopThread]:
    loop = LoopThread()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def e2e_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def bot_cache_dir(e2e_tmp: Path) -> Path:
    """Shared embedding cache: only the first bot process of the session encodes the seeds."""
    path = e2e_tmp / "cache"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def e2e(fake_loop: LoopThread, e2e_tmp: Path, bot_cache_dir: Path) -> Iterator[BotProcess]:
    """One real bot process for the session, with the rate limit off and 1 s heartbeats."""

    async def start_fake() -> FakeDiscord:
        return await FakeDiscord(heartbeat_interval=HEARTBEAT_INTERVAL_MS).start()

    fake = fake_loop.run(start_fake())
    extra = {
        "ARTICLEBOT_CACHE_DIR": str(bot_cache_dir),
        "ARTICLEBOT_FEEDBACK_FILE": str(e2e_tmp / "feedback.jsonl"),
        "ARTICLEBOT_DB": str(e2e_tmp / "bot.sqlite3"),
        "ARTICLEBOT_RATE_LIMIT": "0",
    }
    bot = start_bot(fake_loop, fake, e2e_tmp / "bot.log", extra)
    try:
        yield bot
    finally:
        code = bot.stop()

        async def payloads_checked() -> int:
            from tests.e2e.checks import assert_no_mentions_allowed

            return assert_no_mentions_allowed(fake.calls)

        try:
            # every message the bot sent during the whole session had mentions disabled
            checked = fake_loop.run(payloads_checked())
            print(f"\nallowed_mentions checked on {checked} message payloads of the session")
        finally:
            fake_loop.run(fake.stop())
        output = bot.output()
        assert bot.token not in output, "the bot printed its token"
        assert code == 0, f"the bot exited with {code} on SIGTERM:\n{output[-3000:]}"


@pytest.fixture
def bot(e2e: BotProcess) -> Iterator[BotProcess]:
    """The shared bot, checked alive (and faults cleared) around each test."""

    async def clear_faults() -> None:
        e2e.fake.clear_faults()

    e2e.assert_alive()
    e2e.run(clear_faults())
    yield e2e
    e2e.run(clear_faults())
    e2e.assert_alive()
    e2e.assert_token_never_printed()
