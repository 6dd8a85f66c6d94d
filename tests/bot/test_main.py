"""`python -m bot` start-up: one clear line and a non-zero exit on expected failures; sync."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

import bot.__main__ as entry
from bot.transport import DEFAULT_API_BASE, use_api_base

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-token-value-xyz"
APP_ID = 555000000000000001


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py parses JSON only when the content type is exactly "application/json".
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


@contextlib.contextmanager
def rest_server(routes: Callable[[web.Application], None]) -> Iterator[str]:
    """A tiny fake of Discord's REST API on loopback, in its own thread; yields the API base."""
    loop = asyncio.new_event_loop()
    app = web.Application()
    routes(app)
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/api/v10"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.run_until_complete(runner.cleanup())
        loop.close()


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No .env, a clean environment, and logging/Route.BASE restored after each test."""
    for name in list(__import__("os").environ):
        if name.startswith(("DISCORD_", "ARTICLEBOT_")) or name == "LOG_LEVEL":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    use_api_base(None)


def assert_one_clean_line(err: str, *fragments: str) -> None:
    lines = [line for line in err.splitlines() if line.startswith("articlebot:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert TOKEN not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_missing_token(capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main([]) == entry.EXIT_CONFIG
    assert_one_clean_line(capsys.readouterr().err, "DISCORD_TOKEN is not set")


def test_token_from_dotenv_and_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\nDISCORD_GUILD_ID=from-dotenv\n")
    monkeypatch.setenv("DISCORD_GUILD_ID", "not-a-number-either")
    assert entry.main([]) == entry.EXIT_CONFIG
    err = capsys.readouterr().err
    assert_one_clean_line(err, "DISCORD_GUILD_ID", "not-a-number-either")


def test_bad_guild_id(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DISCORD_GUILD_ID", "my server")
    assert entry.main([]) == entry.EXIT_CONFIG
    assert_one_clean_line(capsys.readouterr().err, "DISCORD_GUILD_ID must be a numeric")


def test_missing_seeds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("ARTICLEBOT_SEEDS", str(tmp_path / "no-such-folder"))
    assert entry.main([]) == entry.EXIT_FAILURE
    assert_one_clean_line(capsys.readouterr().err)


def _unauthorized(app: web.Application) -> None:
    async def me(request: web.Request) -> web.Response:
        return json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app.router.add_get("/api/v10/users/@me", me)


def _forbidden_echoing_token(app: web.Application) -> None:
    async def me(request: web.Request) -> web.Response:
        echoed = request.headers.get("Authorization", "")
        return json_response({"message": f"bad credentials {echoed}", "code": 0}, status=403)

    app.router.add_get("/api/v10/users/@me", me)


@pytest.mark.parametrize(
    ("routes", "fragment"),
    [
        (_unauthorized, "Discord rejected DISCORD_TOKEN (401 Unauthorized)"),
        (_forbidden_echoing_token, "Discord answered 403"),
    ],
)
def test_rejected_token_is_one_line_and_never_echoed(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    routes: Callable[[web.Application], None],
    fragment: str,
) -> None:
    monkeypatch.setattr(entry, "load_engine", lambda config: object())  # no engine needed
    with rest_server(routes) as api_base:
        monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
        monkeypatch.setenv("DISCORD_API_BASE", api_base)
        assert entry.main([]) == entry.EXIT_FAILURE
    captured = capsys.readouterr()
    assert_one_clean_line(captured.err, fragment)
    assert TOKEN not in captured.out


def test_unreachable_discord(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(entry, "load_engine", lambda config: object())
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:9/api/v10")  # nothing listens
    assert entry.main([]) == entry.EXIT_FAILURE
    assert_one_clean_line(capsys.readouterr().err, "could not reach http://127.0.0.1:9/api/v10")


def test_sync_registers_commands_globally(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    registered: list[tuple[str, Any]] = []

    def routes(app: web.Application) -> None:
        user = {"id": str(APP_ID), "username": "articlebot", "discriminator": "0", "avatar": None}

        async def me(request: web.Request) -> web.Response:
            return json_response(user | {"bot": True})

        async def application(request: web.Request) -> web.Response:
            return json_response(
                {
                    "id": str(APP_ID),
                    "name": "articlebot",
                    "description": "",
                    "icon": None,
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": user,
                    "verify_key": "0" * 64,
                    "flags": 0,
                }
            )

        async def bulk(request: web.Request) -> web.Response:
            body = await request.json()
            registered.append((request.path, body))
            return json_response(
                [  # as Discord answers: context menus come back with an empty description
                    {"description": ""}
                    | c
                    | {"id": str(APP_ID + i), "application_id": str(APP_ID), "version": "1"}
                    for i, c in enumerate(body, start=1)
                ]
            )

        app.router.add_get("/api/v10/users/@me", me)
        app.router.add_get("/api/v10/oauth2/applications/@me", application)
        app.router.add_put("/api/v10/applications/{app}/commands", bulk)
        app.router.add_put("/api/v10/applications/{app}/guilds/{guild}/commands", bulk)

    with rest_server(routes) as api_base:
        monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
        monkeypatch.setenv("DISCORD_API_BASE", api_base)
        monkeypatch.setenv("DISCORD_GUILD_ID", "123456789012345678")  # not used by `sync`
        assert entry.main(["sync"]) == entry.EXIT_OK
    assert len(registered) == 1
    path, commands = registered[0]
    assert path == f"/api/v10/applications/{APP_ID}/commands"  # global, not the dev guild
    by_name = {c["name"]: c for c in commands}
    assert set(by_name) == {
        "ask",
        "quote",
        "speakers",
        "article",
        "help",
        "Check against the article",
    }
    ask_options = {o["name"]: o for o in by_name["ask"]["options"]}
    assert ask_options["question"]["required"] is True
    assert (ask_options["question"]["min_length"], ask_options["question"]["max_length"]) == (
        1,
        500,
    )
    assert (ask_options["count"]["min_value"], ask_options["count"]["max_value"]) == (1, 5)
    [speaker] = by_name["quote"]["options"]
    assert speaker["name"] == "speaker" and speaker["autocomplete"] is True
    assert by_name["Check against the article"]["type"] == 3
    for command in commands:  # both install types and every context reach Discord's payload
        assert command["integration_types"] == [0, 1] and command["contexts"] == [0, 1, 2]
    out = capsys.readouterr().out
    assert "Registered 6 global commands" in out and "“Check against the article”" in out
    assert TOKEN not in out


def test_api_base_restored() -> None:
    import discord

    assert discord.http.Route.BASE == DEFAULT_API_BASE
