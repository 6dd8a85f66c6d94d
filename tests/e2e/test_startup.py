"""Start-up failures of `python -m bot`: one clear line, a non-zero exit, no traceback, no token.

`bot/__main__.py` checks the configuration first, then loads the articles and the model, and only
then logs in; so configuration and article errors come within seconds, and a rejected token right
after the model has loaded (the embedding cache is shared with the other e2e tests).
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.checks import strip_ansi
from tests.e2e.conftest import ROOT, LoopThread, bot_env, fake_token
from tests.e2e.fake_discord import FakeDiscord

pytestmark = pytest.mark.e2e

EXIT_FAILURE = 1
EXIT_CONFIG = 2
FAST = 30.0  # seconds: generous for failures that come before the model is loaded


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def messages(self) -> list[str]:
        """The entry point's own lines ("articlebot: ..."), as opposed to log records."""
        return [ln for ln in strip_ansi(self.stderr).splitlines() if ln.startswith("articlebot:")]


def run_bot(env: dict[str, str], timeout: float = 120.0) -> Run:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    run = Run(
        code=proc.returncode,
        stdout=proc.stdout.decode("utf-8", "replace"),
        stderr=proc.stderr.decode("utf-8", "replace"),
        seconds=time.monotonic() - started,
    )
    print(f"exit {run.code} after {run.seconds:.1f}s: {run.messages}")
    return run


def assert_clean_failure(run: Run, code: int, *, token: str | None = None) -> str:
    """Non-zero exit with exactly one "articlebot: ..." line; returns that line."""
    output = run.stdout + run.stderr
    assert run.code == code, f"exit {run.code}, expected {code}:\n{output[-3000:]}"
    assert "Traceback" not in output, output[-3000:]
    assert len(run.messages) == 1, f"expected one message line:\n{output[-3000:]}"
    if token:
        assert token not in output, "the token was printed"
    return run.messages[0]


@pytest.fixture
def common_env(bot_cache_dir: Path, tmp_path: Path) -> dict[str, str]:
    return {
        "ARTICLEBOT_CACHE_DIR": str(bot_cache_dir),
        "ARTICLEBOT_FEEDBACK_FILE": str(tmp_path / "feedback.jsonl"),
        "ARTICLEBOT_DB": str(tmp_path / "bot.sqlite3"),
    }


def test_no_token(common_env: dict[str, str]) -> None:
    run = run_bot(bot_env(None, None, **common_env))
    line = assert_clean_failure(run, EXIT_CONFIG)
    assert "DISCORD_TOKEN is not set" in line
    assert ".env" in line  # says where to put it
    assert run.seconds < FAST


def test_token_with_spaces_is_refused_without_printing_it(common_env: dict[str, str]) -> None:
    token = fake_token()
    run = run_bot(bot_env(None, f"{token} {token}", **common_env))
    line = assert_clean_failure(run, EXIT_CONFIG, token=token)
    assert "DISCORD_TOKEN contains spaces" in line


def test_malformed_setting_is_named(common_env: dict[str, str]) -> None:
    token = fake_token()
    run = run_bot(bot_env(None, token, DISCORD_GUILD_ID="my-server", **common_env))
    line = assert_clean_failure(run, EXIT_CONFIG, token=token)
    assert "DISCORD_GUILD_ID" in line


def test_no_seeds(common_env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "no-articles"
    empty.mkdir()
    token = fake_token()
    run = run_bot(bot_env(None, token, ARTICLEBOT_SEEDS=str(empty), **common_env))
    line = assert_clean_failure(run, EXIT_FAILURE, token=token)
    assert str(empty) in line or "no-articles" in line, line
    assert "article" in line.lower()
    assert run.seconds < FAST


def test_missing_seeds_folder(common_env: dict[str, str], tmp_path: Path) -> None:
    token = fake_token()
    missing = tmp_path / "nowhere"
    run = run_bot(bot_env(None, token, ARTICLEBOT_SEEDS=str(missing), **common_env))
    line = assert_clean_failure(run, EXIT_FAILURE, token=token)
    assert "nowhere" in line, line
    assert run.seconds < FAST


def test_rejected_token(fake_loop: LoopThread, common_env: dict[str, str]) -> None:
    token = fake_token()
    fake = fake_loop.run(FakeDiscord(rejected_tokens={token}).start())
    try:
        run = run_bot(bot_env(fake, token, **common_env))

        async def calls() -> list[tuple[str, int | None]]:
            return [(c.route, c.status) for c in fake.calls]

        recorded = fake_loop.run(calls())
        gateway_connections = len(fake.connections)
    finally:
        fake_loop.run(fake.stop())
    line = assert_clean_failure(run, EXIT_FAILURE, token=token)
    assert "rejected DISCORD_TOKEN" in line and "401" in line, line
    assert recorded[0] == ("GET /users/@me", 401), recorded
    assert gateway_connections == 0


def test_discord_unreachable(common_env: dict[str, str]) -> None:
    """Nothing listens on the API port: one line saying so, no traceback."""
    import socket

    with socket.socket() as sock:  # a free port, closed again before the bot starts
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = fake_token()
    env = bot_env(
        None,
        token,
        DISCORD_API_BASE=f"http://127.0.0.1:{port}/api/v10",
        DISCORD_GATEWAY_URL=f"ws://127.0.0.1:{port}/gateway",
        **common_env,
    )
    run = run_bot(env)
    line = assert_clean_failure(run, EXIT_FAILURE, token=token)
    assert "could not reach" in line and f"127.0.0.1:{port}" in line, line
