"""Self-tests of the fake Discord, driven by a minimal in-process discord.py AutoShardedBot.

The real bot (``python -m bot``) is exercised elsewhere as a subprocess; here we only prove
that the fake speaks enough of Discord for discord.py 2.x: login, gateway, command sync,
interactions (slash, autocomplete, button), follow-ups, resume / re-identify, rate limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import itertools
import json
import sys
import zlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import discord
import pytest
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket

from tests.e2e.fake_discord import (
    CB_AUTOCOMPLETE_RESULT,
    CB_DEFERRED_CHANNEL_MESSAGE,
    CB_UPDATE_MESSAGE,
    MSG_FLAG_EPHEMERAL,
    FakeDiscord,
)

TOKEN = "fake-bot-token"


class PingView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=30)

    @discord.ui.button(label="More", custom_id="more")
    async def more(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="clicked", view=None)


def make_bot(guild_id: str) -> commands.AutoShardedBot:
    """A tiny bot shaped like the real one: AutoShardedBot + guild-synced slash commands."""
    bot = commands.AutoShardedBot(
        command_prefix=commands.when_mentioned,
        intents=discord.Intents.default(),
        guild_ready_timeout=0.1,
        help_command=None,
    )
    guild = discord.Object(id=int(guild_id))

    @bot.tree.command(name="ping", description="Reply with an embed")
    @app_commands.describe(text="text to echo")
    async def ping(interaction: discord.Interaction, text: str = "pong") -> None:
        await interaction.response.defer()
        await interaction.followup.send(embed=discord.Embed(title="Pong", description=text))

    @bot.tree.command(name="slow", description="Acks too late")
    async def slow(interaction: discord.Interaction, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await interaction.response.send_message("late")

    @bot.tree.command(name="buttons", description="Message with a button")
    async def buttons(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("press it", view=PingView(), ephemeral=True)

    @bot.tree.command(name="file", description="Follow-up with an attachment")
    async def file(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        data = discord.File(fp=io.BytesIO(b"hello world"), filename="a.txt")
        await interaction.edit_original_response(content="see file", attachments=[data])

    @bot.tree.command(name="pick", description="Autocompleted option")
    async def pick(interaction: discord.Interaction, fruit: str) -> None:
        await interaction.response.send_message(f"you picked {fruit}")

    @pick.autocomplete("fruit")
    async def fruit_autocomplete(
        _interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        fruits = ["apple", "apricot", "banana"]
        return [app_commands.Choice(name=f, value=f) for f in fruits if f.startswith(current)]

    async def setup_hook() -> None:
        bot.tree.copy_global_to(guild=guild)
        await bot.tree.sync(guild=guild)

    async def before_identify_hook(_shard_id: int | None, *, initial: bool = False) -> None:
        return None  # discord.py sleeps 5s before every non-initial IDENTIFY by default

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    bot.before_identify_hook = before_identify_hook  # type: ignore[method-assign]
    return bot


@pytest.fixture
def point_discord_at(
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[FakeDiscord], None]:
    """What the real bot does from DISCORD_API_BASE / DISCORD_GATEWAY_URL."""

    def point(fake: FakeDiscord) -> None:
        monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))

    return point


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as f:
        yield f


@contextlib.asynccontextmanager
async def running_bot(fake: FakeDiscord, token: str = TOKEN) -> AsyncIterator[commands.Bot]:
    bot = make_bot(fake.guild_id)
    task = asyncio.create_task(bot.start(token))
    try:
        done, _ = await asyncio.wait({task}, timeout=0.05)
        if done:
            task.result()
        yield bot
    finally:
        await asyncio.wait_for(bot.close(), 5)
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, 5)


async def ping_roundtrip(fake: FakeDiscord, text: str) -> None:
    inter = await fake.dispatch_interaction("ping", {"text": text})
    callback = await fake.wait_for_callback(inter)
    assert callback.status == 200, callback.response
    assert callback.json["type"] == CB_DEFERRED_CHANNEL_MESSAGE
    reply = await fake.wait_for_reply(inter)
    assert reply.embeds[0]["title"] == "Pong"
    assert reply.embeds[0]["description"] == text
    assert not reply.loading


@pytest.fixture
async def bot_up(
    fake: FakeDiscord, point_discord_at: Callable[[FakeDiscord], None]
) -> AsyncIterator[commands.Bot]:
    point_discord_at(fake)
    async with running_bot(fake) as bot:
        await fake.wait_ready()
        await fake.wait_for_commands(["ping", "slow", "buttons", "file", "pick"])
        yield bot


# ----------------------------------------------------------------------------- REST only


async def test_rest_basics_and_exact_content_type(fake: FakeDiscord) -> None:
    auth = {"Authorization": f"Bot {TOKEN}"}
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{fake.api_base}/users/@me", headers=auth) as resp:
            assert resp.status == 200
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["id"] == fake.bot_user_id
        async with http.get(f"{fake.api_base}/gateway/bot", headers=auth) as resp:
            body = await resp.json()
            assert body["url"] == fake.gateway_url
            assert body["shards"] == 1
            assert body["session_start_limit"]["max_concurrency"] == 1
        async with http.get(f"{fake.api_base}/users/@me") as resp:
            assert resp.status == 401
        async with http.get(f"{fake.api_base}/nope", headers=auth) as resp:
            assert resp.status == 404
            assert resp.headers["Content-Type"] == "application/json"
        url = f"{fake.api_base}/applications/{fake.application_id}/guilds/{fake.guild_id}/commands"
        cmds = [{"name": "ask", "description": "Ask", "options": [{"name": "q", "type": 3}]}]
        async with http.put(url, headers=auth, json=cmds) as resp:
            first = await resp.json()
        async with http.put(url, headers=auth, json=cmds) as resp:
            second = await resp.json()
        assert first[0]["id"] == second[0]["id"]  # ids are stable per name, like Discord
        assert first[0]["guild_id"] == fake.guild_id
        bad = f"{fake.api_base}/applications/{fake.application_id}/guilds/123/commands"
        async with http.put(bad, headers=auth, json=cmds) as resp:
            assert resp.status == 403
    assert [c.route for c in fake.calls][:2] == ["GET /users/@me", "GET /gateway/bot"]
    assert fake.calls[0].token == TOKEN


async def test_rejected_token_is_login_failure(
    point_discord_at: Callable[[FakeDiscord], None],
) -> None:
    async with FakeDiscord(rejected_tokens={"bad"}) as fake:
        point_discord_at(fake)
        bot = make_bot(fake.guild_id)
        with pytest.raises(discord.LoginFailure):
            await asyncio.wait_for(bot.start("bad"), 5)
        await bot.close()
        assert fake.calls[0].status == 401
        assert not fake.connections


# ----------------------------------------------------------------------------- bot


async def test_login_sync_and_ping(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    routes = [c.route for c in fake.calls]
    assert routes[:3] == [
        "GET /users/@me",
        "GET /oauth2/applications/@me",
        f"PUT /applications/{fake.application_id}/guilds/{fake.guild_id}/commands",
    ]
    assert "GET /gateway/bot" in routes
    conn = fake.connections[0]
    assert conn.query["v"] == "10"
    assert conn.query["encoding"] == "json"
    assert conn.compress == "zlib-stream"  # discord.py asks for it; the fake honours it
    assert conn.session is not None
    assert conn.session.token == TOKEN
    assert conn.session.shard == (0, 1)

    await ping_roundtrip(fake, "hello")
    followup = fake.find_calls("followup")[0]
    assert followup.query["wait"] == "1"
    assert followup.headers.get("Authorization") is None  # webhook routes are token-auth'd
    callback = fake.find_calls("callback")[0]
    assert callback.query["with_response"] == "1"
    assert bot_up.get_guild(int(fake.guild_id)) is not None


async def test_heartbeats_are_answered() -> None:
    async with FakeDiscord(heartbeat_interval=200) as fake:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(discord.http.Route, "BASE", fake.api_base)
            mp.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
            async with running_bot(fake) as bot:
                await fake.wait_ready()
                beats = await fake.wait_for_heartbeats(4, timeout=5)
                gaps = [b - a for a, b in itertools.pairwise(beats[1:])]
                assert all(0.1 < g < 0.5 for g in gaps), gaps
                await fake.wait_until(lambda: bot.latency < 1.0, timeout=2)


@pytest.mark.parametrize("code", [None, 4000, 1001])
async def test_dropped_connection_resumes(
    fake: FakeDiscord, bot_up: commands.Bot, code: int | None
) -> None:
    first = fake.connections[-1]
    session_id = first.session.session_id if first.session else None
    await fake.drop_connection(code)
    conn = await fake.wait_for_connection(after=first.id, timeout=10)
    assert conn.kind == "resume"
    assert conn.path == "/resume-gateway"  # discord.py used READY's resume_gateway_url
    assert conn.session is not None
    assert conn.session.session_id == session_id
    await ping_roundtrip(fake, f"after drop {code}")


async def test_reconnect_opcode_resumes(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    first = fake.connections[-1]
    await fake.request_reconnect()
    conn = await fake.wait_for_connection(after=first.id, timeout=10)
    assert conn.kind == "resume"
    await ping_roundtrip(fake, "after op 7")


async def test_invalid_session_reidentifies(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    first = fake.connections[-1]
    await fake.invalidate_session(resumable=False)
    conn = await fake.wait_for_connection(after=first.id, timeout=10)
    assert conn.kind == "identify"
    assert conn.path == "/gateway"  # DiscordWebSocket.DEFAULT_GATEWAY is used here
    assert len(fake.sessions) == 2
    await ping_roundtrip(fake, "after re-identify")


async def test_followup_429_then_success(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    fault = fake.rate_limit("followup", count=1, retry_after=0.3)
    await ping_roundtrip(fake, "limited")
    calls = fake.find_calls("followup")
    assert [c.status for c in calls] == [429, 200]
    assert fault.exhausted
    assert calls[0].response["retry_after"] == 0.3
    assert calls[1].time - calls[0].time >= 0.3


async def test_callback_500_is_retried(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    fake.server_error("callback", count=1)
    inter = await fake.dispatch_interaction("ping", {"text": "x"})
    await fake.wait_for_reply(inter, timeout=5)
    assert [c.status for c in fake.find_calls("callback")] == [500, 200]


async def test_late_ack_is_rejected(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    fake.ack_deadline = 0.2
    inter = await fake.dispatch_interaction("slow", {"seconds": 0.4})
    callback = await fake.wait_for_callback(inter)
    assert callback.status == 404
    assert callback.response["code"] == 10062
    assert inter.expired
    assert fake.reply_for(inter) is None


async def test_button_click_updates_message(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    inter = await fake.dispatch_interaction("buttons")
    reply = await fake.wait_for_reply(inter)
    assert reply.content == "press it"
    assert reply.flags & MSG_FLAG_EPHEMERAL
    button = reply.components[0]["components"][0]
    assert button["custom_id"] == "more"

    click = await fake.dispatch_component("more", reply.message["id"])
    callback = await fake.wait_for_callback(click)
    assert callback.status == 200
    assert callback.json["type"] == CB_UPDATE_MESSAGE
    updated = await fake.wait_for_reply(click)
    assert updated.content == "clicked"
    assert updated.components == []
    assert fake.reply_for(inter).content == "clicked"  # same message


async def test_autocomplete(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    inter = await fake.dispatch_autocomplete("pick", {"fruit": "ap"}, focused="fruit")
    callback = await fake.wait_for_callback(inter)
    assert callback.json["type"] == CB_AUTOCOMPLETE_RESULT
    assert [c["value"] for c in inter.choices or []] == ["apple", "apricot"]
    chosen = await fake.dispatch_interaction("pick", {"fruit": "apple"})
    assert (await fake.wait_for_reply(chosen)).content == "you picked apple"


async def test_multipart_attachment(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    inter = await fake.dispatch_interaction("file")
    reply = await fake.wait_for_reply(inter)
    assert reply.content == "see file"
    assert reply.message["attachments"][0]["filename"] == "a.txt"
    edit = fake.find_calls("edit_original")[0]
    assert edit.files[0]["data"] == b"hello world"
    assert edit.json["content"] == "see file"


async def test_unregistered_command_is_refused(fake: FakeDiscord, bot_up: commands.Bot) -> None:
    with pytest.raises(LookupError):
        await fake.dispatch_interaction("nope", wait_registered=0.1)


async def test_two_shards(point_discord_at: Callable[[FakeDiscord], None]) -> None:
    async with FakeDiscord(shards=2) as fake:
        point_discord_at(fake)
        async with running_bot(fake):
            await fake.wait_ready(shards=2)
            assert sorted(s.shard for s in fake.sessions.values()) == [(0, 2), (1, 2)]
            await ping_roundtrip(fake, "sharded")


async def test_gateway_frames_are_zlib_stream(fake: FakeDiscord) -> None:
    """Raw client: HELLO arrives as a zlib-stream frame; bad token closes with 4004."""
    fake.rejected_tokens.add("bad")
    url = f"{fake.gateway_url}?v=10&encoding=json&compress=zlib-stream"
    inflate = zlib.decompressobj()
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
        msg = await asyncio.wait_for(ws.receive(), 5)
        assert msg.type is aiohttp.WSMsgType.BINARY
        assert msg.data.endswith(b"\x00\x00\xff\xff")
        hello = json.loads(inflate.decompress(msg.data))
        assert hello["op"] == 10
        assert hello["d"]["heartbeat_interval"] == fake.heartbeat_interval
        await ws.send_json({"op": 1, "d": None})
        ack = json.loads(inflate.decompress((await asyncio.wait_for(ws.receive(), 5)).data))
        assert ack["op"] == 11
        await ws.send_json({"op": 2, "d": {"token": "bad", "properties": {}, "intents": 1}})
        closing = await asyncio.wait_for(ws.receive(), 5)
        assert closing.type is aiohttp.WSMsgType.CLOSE
        assert closing.data == 4004
    assert len(fake.connections[0].heartbeats) == 1


async def test_events_missed_while_down_are_replayed_on_resume(
    fake: FakeDiscord, bot_up: commands.Bot
) -> None:
    first = fake.connections[-1]
    await fake.drop_connection()
    inter = await fake.dispatch_interaction("ping", {"text": "queued"}, live=False)
    reply = await fake.wait_for_reply(inter, timeout=10)
    assert reply.embeds[0]["description"] == "queued"
    resumed = await fake.wait_for_connection(after=first.id, kind="resume")
    sent = [
        f
        for f in fake.gateway_log
        if f.direction == "send" and f.t == "INTERACTION_CREATE" and f.d["id"] == inter.id
    ]
    assert [f.conn_id for f in sent] == [resumed.id]


async def test_options_are_checked_against_the_registered_command(
    fake: FakeDiscord, bot_up: commands.Bot
) -> None:
    with pytest.raises(ValueError, match="no option"):
        await fake.dispatch_interaction("ping", {"txt": "typo"})
    with pytest.raises(ValueError, match="requires"):
        await fake.dispatch_interaction("slow", {})
    assert not fake.interactions


async def test_liveness_check_fails_waits_fast(fake: FakeDiscord) -> None:
    fake.liveness_check = lambda: "bot exited with code 1"
    with pytest.raises(RuntimeError, match="bot exited"):
        await fake.wait_ready(timeout=30)


async def test_cli_serves() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.fake_discord",
        cwd=str(Path(__file__).resolve().parents[2]),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        line = (await asyncio.wait_for(proc.stdout.readline(), 10)).decode().strip()
        assert line.startswith("DISCORD_API_BASE=http://127.0.0.1:")
        api_base = line.split("=", 1)[1]
        async with aiohttp.ClientSession() as http, http.get(f"{api_base}/gateway") as resp:
            assert (await resp.json())["url"].startswith("ws://127.0.0.1:")
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 10)
