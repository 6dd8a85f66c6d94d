"""A fake Discord (REST + gateway) on 127.0.0.1 for end-to-end tests of the real bot.

One ``aiohttp.web.Application`` serves both:

* REST under ``/api/v10`` (``FakeDiscord.api_base``) — login, application info, gateway
  discovery, application-command registration, interaction callbacks, webhook follow-ups /
  edits, a few channel/guild reads.  Every call is recorded (:class:`RecordedCall`) and can
  be answered by an injected fault instead (429 with ``Retry-After``, 5xx, delays).
* The gateway websocket at ``/gateway`` (``FakeDiscord.gateway_url``) and, for RESUME,
  ``/resume-gateway`` (the ``resume_gateway_url`` given in READY).  HELLO, heartbeat/ACK,
  IDENTIFY -> READY + GUILD_CREATE, RESUME -> replay of missed events + RESUMED,
  INVALID_SESSION, RECONNECT, member chunk requests, zlib-stream compression.

Everything is written against discord.py 2.7's wire expectations (see ``tests/e2e/README.md``):

* discord.py parses a REST body as JSON only when ``Content-Type`` is *exactly*
  ``application/json`` (``http.json_or_text``), so responses never carry a charset.
* discord.py retries a 429 only when the response has a ``Via`` header (otherwise it assumes a
  Cloudflare ban and raises), and it sleeps for the body's ``retry_after``.
* ``POST /interactions/{id}/{token}/callback`` is always sent with ``?with_response=1`` and the
  body must be an "interaction callback response" ``{"interaction": {...}, "resource": {...}}``.
* The client always asks for ``compress=zlib-stream`` (or ``zstd-stream`` when a zstd module is
  importable) but also accepts plain text frames; the fake honours zlib-stream and falls back
  to text frames otherwise.

Usage::

    async with FakeDiscord() as fake:
        # start the bot with DISCORD_API_BASE=fake.api_base, DISCORD_GATEWAY_URL=fake.gateway_url
        await fake.wait_ready()
        await fake.wait_for_commands(["ask"], guild_id=fake.guild_id)
        inter = await fake.dispatch_interaction("ask", {"question": "Who?"})
        await fake.wait_for_callback(inter)
        reply = await fake.wait_for_reply(inter)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import json
import logging
import math
import re
import secrets
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

__all__ = [
    "API_PREFIX",
    "CT_MESSAGE",
    "FakeDiscord",
    "Fault",
    "GatewayConnection",
    "GatewaySession",
    "InteractionRecord",
    "RecordedCall",
    "Reply",
    "snowflake",
]

_log = logging.getLogger("tests.e2e.fake_discord")

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1420070400000
JSON_CT = "application/json"

# Gateway opcodes
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_VOICE_STATE = 4
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Interaction types / callback types
IT_PING = 1
IT_APPLICATION_COMMAND = 2
IT_COMPONENT = 3
IT_AUTOCOMPLETE = 4
IT_MODAL_SUBMIT = 5

# Application command types (data.type of an APPLICATION_COMMAND interaction)
CT_CHAT_INPUT = 1
CT_USER = 2
CT_MESSAGE = 3

# Interaction contexts and installation types (``context`` / ``authorizing_integration_owners``)
CTX_GUILD = 0
CTX_BOT_DM = 1
CTX_PRIVATE_CHANNEL = 2
INSTALL_GUILD = "0"
INSTALL_USER = "1"

CB_PONG = 1
CB_CHANNEL_MESSAGE = 4
CB_DEFERRED_CHANNEL_MESSAGE = 5
CB_DEFERRED_UPDATE_MESSAGE = 6
CB_UPDATE_MESSAGE = 7
CB_AUTOCOMPLETE_RESULT = 8
CB_MODAL = 9

MSG_FLAG_EPHEMERAL = 1 << 6
MSG_FLAG_LOADING = 1 << 7

PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message_content
ALL_PERMISSIONS = str((1 << 51) - 1)
EVERYONE_PERMISSIONS = "1071698660929"  # Discord's default @everyone set

_counter = itertools.count(1)


def snowflake() -> str:
    """A fresh, unique, time-ordered Discord snowflake (as a string, like on the wire)."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((ms << 22) | (1 << 17) | (next(_counter) & 0x1FFFF))


def _blank_message(
    mid: str, msg_type: int, channel_id: str, author: dict[str, Any]
) -> dict[str, Any]:
    """A message object with every field Discord sends, empty."""
    return {
        "id": mid,
        "type": msg_type,
        "channel_id": channel_id,
        "author": author,
        "content": "",
        "embeds": [],
        "components": [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": _iso_now(),
        "edited_timestamp": None,
        "flags": 0,
        "sticker_items": [],
    }


def _iso_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class HTTPError(Exception):
    """Raised by REST handlers to answer with a Discord-style JSON error."""

    def __init__(self, status: int, message: str, code: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"message": message, "code": code}


# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------


@dataclass
class RecordedCall:
    """One REST request as received by the fake (and how it was answered)."""

    method: str
    path: str  # relative to /api/v10, e.g. "/interactions/123/tok/callback"
    query: dict[str, str]
    json: Any  # parsed JSON body, or payload_json of a multipart body, or None
    headers: dict[str, str]
    time: float  # time.monotonic() when received
    files: list[dict[str, Any]] = field(default_factory=list)  # multipart file parts
    status: int | None = None  # filled in when answered
    response: Any = None
    fault: Fault | None = None  # the injected fault that answered it, if any
    answered_at: float | None = None

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def token(self) -> str | None:
        auth = self.headers.get("Authorization", "")
        return auth[4:] if auth.startswith("Bot ") else None

    def __repr__(self) -> str:
        return f"<RecordedCall {self.route} status={self.status} t={self.time:.3f}>"


@dataclass
class Fault:
    """An injected answer for the next ``remaining`` calls matching ``matcher``.

    With ``passthrough=True`` the call is only delayed by ``delay`` seconds and then handled
    normally; otherwise it is answered with ``status``/``body``/``headers`` (after ``delay``).
    """

    matcher: Callable[[RecordedCall], bool]
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    remaining: int = 1
    delay: float = 0.0
    passthrough: bool = False
    description: str = ""
    hits: list[RecordedCall] = field(default_factory=list)

    @property
    def exhausted(self) -> bool:
        return self.remaining <= 0


@dataclass
class GatewayFrame:
    time: float
    conn_id: int
    direction: str  # "recv" (from the bot) or "send" (to the bot)
    op: int | None
    t: str | None
    s: int | None
    d: Any


@dataclass
class GatewaySession:
    session_id: str
    shard: tuple[int, int]
    token: str
    intents: int | None
    identify: dict[str, Any]
    created_at: float
    seq: int = 0
    conn: GatewayConnection | None = None
    backlog: list[dict[str, Any]] = field(default_factory=list)
    resumes: int = 0
    invalidated: bool = False

    @property
    def live(self) -> bool:
        return self.conn is not None and not self.conn.closed


@dataclass
class GatewayConnection:
    id: int
    path: str
    query: dict[str, str]
    opened_at: float
    ws: web.WebSocketResponse = field(repr=False)
    request: web.Request = field(repr=False)
    compress: str | None = None
    heartbeats: list[float] = field(default_factory=list)
    received_ops: list[tuple[float, int]] = field(default_factory=list)
    session: GatewaySession | None = None
    kind: str | None = None  # "identify" | "resume" once the client said which
    resumed: bool = False  # RESUME accepted on this connection
    closed_at: float | None = None
    close_code: int | None = None
    closed_by_server: str | None = None  # how the fake closed it, if it did
    _zlib: Any = field(default=None, repr=False)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None or self.ws.closed


@dataclass
class InteractionRecord:
    """An interaction the fake dispatched, and everything the bot did with it."""

    id: str
    token: str
    type: int
    name: str | None  # command name (types 2/4) or custom_id (type 3/5)
    payload: dict[str, Any]
    dispatched_at: float
    channel_id: str
    source_message_id: str | None = None  # the message a component was clicked on
    callback: RecordedCall | None = None
    callback_type: int | None = None
    callback_data: dict[str, Any] | None = None
    acked_at: float | None = None
    expired: bool = False
    original_id: str | None = None
    followup_ids: list[str] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None  # autocomplete result
    modal: dict[str, Any] | None = None
    # (time, kind, message_id) with kind in create/edit/delete
    events: list[tuple[float, str, str]] = field(default_factory=list)

    @property
    def acked(self) -> bool:
        return self.acked_at is not None

    @property
    def ack_latency(self) -> float | None:
        return None if self.acked_at is None else self.acked_at - self.dispatched_at


@dataclass
class Reply:
    """What a user would see as the answer to an interaction."""

    content: str
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]
    flags: int
    message: dict[str, Any]  # the final message object
    messages: list[dict[str, Any]]  # all non-deleted response messages, creation order
    callback_type: int | None

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MSG_FLAG_EPHEMERAL)

    @property
    def loading(self) -> bool:
        """True while only a deferred "thinking..." message exists."""
        return bool(self.flags & MSG_FLAG_LOADING)

    @property
    def text(self) -> str:
        """Content plus all embed titles/descriptions/fields/footers, for easy assertions."""
        parts = [self.content] if self.content else []
        for emb in self.embeds:
            for key in ("title", "description"):
                if emb.get(key):
                    parts.append(str(emb[key]))
            for fld in emb.get("fields", []) or []:
                parts.extend(str(fld.get(k, "")) for k in ("name", "value"))
            footer = emb.get("footer") or {}
            if footer.get("text"):
                parts.append(str(footer["text"]))
            author = emb.get("author") or {}
            if author.get("name"):
                parts.append(str(author["name"]))
        return "\n".join(parts)


# --------------------------------------------------------------------------------------
# Route aliases for fault injection / waiting
# --------------------------------------------------------------------------------------

ROUTE_ALIASES: dict[str, str] = {
    "callback": r"^POST /interactions/\d+/[^/]+/callback$",
    "followup": r"^POST /webhooks/\d+/[^/]+$",
    "original": r"^(GET|PATCH|DELETE) /webhooks/\d+/[^/]+/messages/@original$",
    "edit_original": r"^PATCH /webhooks/\d+/[^/]+/messages/@original$",
    "webhook": r"^[A-Z]+ /webhooks/\d+/[^/]+(/.*)?$",
    "interaction": r"^[A-Z]+ /(interactions/\d+/[^/]+/callback|webhooks/\d+/[^/]+(/.*)?)$",
    "commands": r"^[A-Z]+ /applications/\d+(/guilds/\d+)?/commands(/\d+)?$",
    "sync": r"^PUT /applications/\d+(/guilds/\d+)?/commands$",
    "users_me": r"^GET /users/@me$",
    "application": r"^GET /oauth2/applications/@me$",
    "gateway": r"^GET /gateway(/bot)?$",
    "channel_message": r"^POST /channels/\d+/messages$",
}


def route_matcher(route: str | Callable[[RecordedCall], bool]) -> Callable[[RecordedCall], bool]:
    """A predicate on :class:`RecordedCall` from an alias, a regex or a callable.

    ``route`` is a key of :data:`ROUTE_ALIASES`, or a regex searched in ``"METHOD /path"``
    (path relative to ``/api/v10``, without the query string), or a predicate.
    """
    if callable(route):
        return route
    pattern = re.compile(ROUTE_ALIASES.get(route, route))
    return lambda call: pattern.search(call.route) is not None


# --------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------


class FakeDiscord:
    """Fake Discord REST API + gateway bound to 127.0.0.1 (ephemeral port by default)."""

    def __init__(
        self,
        *,
        port: int = 0,
        heartbeat_interval: int = 41250,
        shards: int = 1,
        rejected_tokens: Iterable[str] = (),
        ack_deadline: float | None = 3.0,
        compress: bool = True,
        ack_heartbeats: bool = True,
        privileged_intents: bool = True,
        bot_user_id: str | None = None,
        bot_name: str = "ArticleBot",
        guild_id: str | None = None,
        channel_id: str | None = None,
        user_id: str | None = None,
        application_flags: int = 0,
    ) -> None:
        self.host = "127.0.0.1"
        self._requested_port = port
        self.port: int | None = None
        self.heartbeat_interval = heartbeat_interval  # ms, sent in HELLO
        self.shards = shards
        self.rejected_tokens: set[str] = set(rejected_tokens)
        self.ack_deadline = ack_deadline  # seconds to ack an interaction (Discord: 3)
        self.compress = compress  # honour ?compress=zlib-stream
        self.ack_heartbeats = ack_heartbeats  # set False to simulate a zombie connection
        self.privileged_intents = privileged_intents  # False -> close 4014 when requested

        self.bot_user_id = bot_user_id or snowflake()
        self.application_id = self.bot_user_id
        self.application_flags = application_flags
        self.bot_user: dict[str, Any] = {
            "id": self.bot_user_id,
            "username": bot_name,
            "discriminator": "0001",
            "global_name": None,
            "avatar": None,
            "bot": True,
            "system": False,
            "mfa_enabled": True,
            "verified": True,
            "email": None,
            "flags": 0,
            "public_flags": 0,
            "banner": None,
            "accent_color": None,
            "locale": "en-US",
            "premium_type": 0,
            "avatar_decoration_data": None,
        }
        self.owner_user = self._make_user(snowflake(), "owner")
        self.guild_id = guild_id or snowflake()
        self.channel_id = channel_id or snowflake()
        self.user_id = user_id or snowflake()  # default interaction author
        self.users: dict[str, dict[str, Any]] = {
            self.bot_user_id: self.bot_user,
            self.owner_user["id"]: self.owner_user,
            self.user_id: self._make_user(self.user_id, "tester"),
        }
        self.bot_role_id = snowflake()
        self.guild_joined_at = _iso_now()

        # records
        self.calls: list[RecordedCall] = []
        self.faults: list[Fault] = []
        self.connections: list[GatewayConnection] = []
        self.sessions: dict[str, GatewaySession] = {}
        self.gateway_log: list[GatewayFrame] = []
        self.interactions: dict[str, InteractionRecord] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.deleted_messages: set[str] = set()
        # (guild_id or None) -> {command name -> command object}
        self.commands: dict[str | None, dict[str, dict[str, Any]]] = {}

        # Optional fail-fast hook for waits: returns a reason string when the bot under test
        # is known to be dead (e.g. ``lambda: "bot exited" if proc.returncode is not None
        # else None``); every wait then raises RuntimeError instead of running to its timeout.
        self.liveness_check: Callable[[], str | None] | None = None

        self._changed = asyncio.Event()
        self._conn_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._routes = self._build_routes()

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE`` (e.g. ``http://127.0.0.1:PORT/api/v10``)."""
        return f"{self.base_url}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (also returned by /gateway/bot)."""
        return f"ws://{self.host}:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/resume-gateway"

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._ws_handler)
        app.router.add_get("/resume-gateway", self._ws_handler)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest_handler)
        return app

    async def start(self) -> FakeDiscord:
        self._changed = asyncio.Event()  # bind to the running loop
        self._runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._requested_port))
        self.port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock)
        await site.start()
        _log.info("fake discord on %s (gateway %s)", self.api_base, self.gateway_url)
        return self

    async def stop(self) -> None:
        for conn in self.connections:
            if not conn.closed:
                self._abort(conn, "shutdown")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def env(self) -> dict[str, str]:
        """Environment for ``python -m bot`` pointed at this fake (token not included)."""
        return {
            "DISCORD_API_BASE": self.api_base,
            "DISCORD_GATEWAY_URL": self.gateway_url,
            "DISCORD_GUILD_ID": self.guild_id,
        }

    # ------------------------------------------------------------------ waiting helpers

    def _notify(self) -> None:
        ev, self._changed = self._changed, asyncio.Event()
        ev.set()

    async def wait_until(
        self, predicate: Callable[[], Any], *, timeout: float = 10.0, what: str = "condition"
    ) -> Any:
        """Wait until ``predicate()`` returns something truthy; return it."""
        deadline = time.monotonic() + timeout
        while True:
            ev = self._changed
            result = predicate()
            if result:
                return result
            if self.liveness_check is not None:
                dead = self.liveness_check()
                if dead:
                    raise RuntimeError(f"{dead} while waiting for {what}; {self.summary()}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(
                    f"timed out after {timeout}s waiting for {what}; {self.summary()}"
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ev.wait(), min(remaining, 0.25))

    def summary(self, last: int = 15) -> str:
        calls = ", ".join(f"{c.route}->{c.status}" for c in self.calls[-last:])
        conns = ", ".join(
            f"#{c.id}{c.path}[{c.kind or '-'}{' closed' if c.closed else ''}]"
            for c in self.connections
        )
        return f"last calls: [{calls}]; connections: [{conns}]"

    def find_calls(
        self,
        route: str | Callable[[RecordedCall], bool] | None = None,
        *,
        since: float | None = None,
        status: int | None = None,
    ) -> list[RecordedCall]:
        match = route_matcher(route) if route is not None else (lambda _c: True)
        return [
            c
            for c in self.calls
            if match(c)
            and (since is None or c.time >= since)
            and (status is None or c.status == status)
        ]

    async def wait_for_call(
        self,
        route: str | Callable[[RecordedCall], bool],
        *,
        timeout: float = 10.0,
        since: float | None = None,
        status: int | None = None,
        answered: bool = True,
    ) -> RecordedCall:
        """First call matching ``route`` (alias / regex / predicate), waiting for it.

        By default waits until the call has been answered (``status`` set).
        """

        def check() -> RecordedCall | None:
            for c in self.find_calls(route, since=since, status=status):
                if not answered or c.status is not None:
                    return c
            return None

        return await self.wait_until(check, timeout=timeout, what=f"call {route!r}")

    async def wait_for_calls(
        self,
        route: str | Callable[[RecordedCall], bool],
        count: int,
        *,
        timeout: float = 10.0,
        since: float | None = None,
    ) -> list[RecordedCall]:
        def check() -> list[RecordedCall] | None:
            found = [c for c in self.find_calls(route, since=since) if c.status is not None]
            return found if len(found) >= count else None

        return await self.wait_until(check, timeout=timeout, what=f"{count} calls {route!r}")

    # ------------------------------------------------------------------ fault injection

    def inject_fault(
        self,
        route: str | Callable[[RecordedCall], bool],
        *,
        status: int = 500,
        count: int = 1,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        passthrough: bool = False,
    ) -> Fault:
        """Answer the next ``count`` calls matching ``route`` with ``status``/``body``."""
        if body is None and not passthrough:
            body = {"message": f"{status}: injected fault", "code": 0}
        fault = Fault(
            matcher=route_matcher(route),
            status=status,
            body=body,
            headers=dict(headers or {}),
            remaining=count,
            delay=delay,
            passthrough=passthrough,
            description=f"{status} x{count} on {route!r}",
        )
        self.faults.append(fault)
        return fault

    def rate_limit(
        self,
        route: str | Callable[[RecordedCall], bool],
        *,
        count: int = 1,
        retry_after: float = 0.5,
        is_global: bool = False,
    ) -> Fault:
        """Answer the next ``count`` matching calls with a Discord-shaped 429.

        Includes ``Via`` (discord.py treats a 429 without it as a Cloudflare ban and raises
        instead of retrying), ``Retry-After`` and the ``X-RateLimit-*`` headers.
        """
        headers = {
            "Retry-After": str(max(1, math.ceil(retry_after))),
            "Via": "1.1 google",
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": f"{retry_after:.3f}",
            "X-RateLimit-Scope": "global" if is_global else "user",
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        body = {"message": "You are being rate limited.", "retry_after": retry_after}
        body["global"] = is_global
        return self.inject_fault(route, status=429, count=count, body=body, headers=headers)

    def server_error(
        self, route: str | Callable[[RecordedCall], bool], *, count: int = 1, status: int = 500
    ) -> Fault:
        """Answer with a 5xx (discord.py retries 500/502/504 after 1s, 3s, 5s, ...)."""
        return self.inject_fault(
            route, status=status, count=count, body={"message": "Internal Server Error", "code": 0}
        )

    def delay(
        self, route: str | Callable[[RecordedCall], bool], seconds: float, *, count: int = 1
    ) -> Fault:
        """Delay the next ``count`` matching calls by ``seconds``, then handle them normally."""
        return self.inject_fault(route, count=count, delay=seconds, passthrough=True)

    def clear_faults(self) -> None:
        self.faults.clear()

    def _take_fault(self, call: RecordedCall) -> Fault | None:
        for fault in self.faults:
            if not fault.exhausted and fault.matcher(call):
                fault.remaining -= 1
                fault.hits.append(call)
                return fault
        return None

    # ------------------------------------------------------------------ REST plumbing

    def _build_routes(self) -> list[tuple[str, re.Pattern[str], Callable[..., Any], bool]]:
        """(method, path regex, handler, needs_bot_auth)."""
        sf = r"(\d+)"
        tok = r"([^/]+)"
        table: list[tuple[str, str, Callable[..., Any], bool]] = [
            ("GET", r"/users/@me", self._get_me, True),
            ("GET", rf"/users/{sf}", self._get_user, True),
            ("GET", r"/oauth2/applications/@me", self._get_application, True),
            ("GET", r"/applications/@me", self._get_application, True),
            ("GET", r"/gateway", self._get_gateway, False),
            ("GET", r"/gateway/bot", self._get_gateway_bot, True),
            ("GET", rf"/applications/{sf}/commands", self._list_commands, True),
            ("PUT", rf"/applications/{sf}/commands", self._put_commands, True),
            ("POST", rf"/applications/{sf}/commands", self._post_command, True),
            ("GET", rf"/applications/{sf}/commands/{sf}", self._get_command, True),
            ("PATCH", rf"/applications/{sf}/commands/{sf}", self._patch_command, True),
            ("DELETE", rf"/applications/{sf}/commands/{sf}", self._delete_command, True),
            ("GET", rf"/applications/{sf}/guilds/{sf}/commands", self._list_commands, True),
            ("PUT", rf"/applications/{sf}/guilds/{sf}/commands", self._put_commands, True),
            ("POST", rf"/applications/{sf}/guilds/{sf}/commands", self._post_command, True),
            ("GET", rf"/applications/{sf}/guilds/{sf}/commands/{sf}", self._get_command, True),
            ("PATCH", rf"/applications/{sf}/guilds/{sf}/commands/{sf}", self._patch_command, True),
            (
                "DELETE",
                rf"/applications/{sf}/guilds/{sf}/commands/{sf}",
                self._delete_command,
                True,
            ),
            ("POST", rf"/interactions/{sf}/{tok}/callback", self._interaction_callback, False),
            ("POST", rf"/webhooks/{sf}/{tok}", self._webhook_execute, False),
            ("GET", rf"/webhooks/{sf}/{tok}/messages/{tok}", self._webhook_get_message, False),
            ("PATCH", rf"/webhooks/{sf}/{tok}/messages/{tok}", self._webhook_edit_message, False),
            (
                "DELETE",
                rf"/webhooks/{sf}/{tok}/messages/{tok}",
                self._webhook_delete_message,
                False,
            ),
            ("GET", rf"/guilds/{sf}", self._get_guild, True),
            ("GET", rf"/guilds/{sf}/channels", self._get_guild_channels, True),
            ("GET", rf"/guilds/{sf}/members/{sf}", self._get_guild_member, True),
            ("GET", rf"/channels/{sf}", self._get_channel, True),
            ("POST", rf"/channels/{sf}/messages", self._create_channel_message, True),
            ("GET", rf"/channels/{sf}/messages/{sf}", self._get_channel_message, True),
            ("PATCH", rf"/channels/{sf}/messages/{sf}", self._edit_channel_message, True),
            ("DELETE", rf"/channels/{sf}/messages/{sf}", self._delete_channel_message, True),
            ("POST", rf"/channels/{sf}/typing", self._typing, True),
        ]
        return [(m, re.compile(f"^{p}$"), h, a) for m, p, h, a in table]

    @staticmethod
    def _json_response(status: int, body: Any, headers: Mapping[str, str] | None = None):
        hdrs = dict(headers or {})
        if body is None and status == 204:
            return web.Response(status=204, headers=hdrs)
        hdrs["Content-Type"] = JSON_CT  # exactly; discord.py compares the header verbatim
        return web.Response(status=status, body=json.dumps(body).encode(), headers=hdrs)

    async def _read_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        ctype = request.content_type
        files: list[dict[str, Any]] = []
        if ctype.startswith("multipart/"):
            payload: Any = None
            reader = await request.multipart()
            async for part in reader:
                if part is None:  # pragma: no cover - defensive
                    break
                name = part.name or ""
                data = await part.read(decode=False)  # type: ignore[union-attr]
                if name == "payload_json":
                    payload = json.loads(bytes(data).decode("utf-8"))
                else:
                    files.append(
                        {
                            "field": name,
                            "filename": part.filename,  # type: ignore[union-attr]
                            "content_type": part.headers.get("Content-Type"),
                            "size": len(data),
                            "data": bytes(data),
                        }
                    )
            return payload, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw.decode("utf-8")), files
        except (UnicodeDecodeError, json.JSONDecodeError):
            return raw, files

    async def _rest_handler(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await self._read_body(request)
        call = RecordedCall(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            headers=dict(request.headers),
            time=time.monotonic(),
            files=files,
        )
        self.calls.append(call)
        self._notify()
        try:
            status, resp_body, headers = await self._answer(call)
        except Exception:
            _log.exception("fake discord handler crashed for %s", call.route)
            status, resp_body, headers = 500, {"message": "fake crashed", "code": 0}, {}
        call.status = status
        call.response = resp_body
        call.answered_at = time.monotonic()
        self._notify()
        return self._json_response(status, resp_body, headers)

    async def _answer(self, call: RecordedCall) -> tuple[int, Any, dict[str, str]]:
        fault = self._take_fault(call)
        if fault is not None:
            call.fault = fault
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if not fault.passthrough:
                return fault.status, fault.body, dict(fault.headers)

        for method, pattern, handler, needs_auth in self._routes:
            m = pattern.match(call.path)
            if m is None:
                continue
            if method != call.method:
                continue
            if needs_auth:
                token = call.token
                if token is None or token in self.rejected_tokens:
                    return 401, {"message": "401: Unauthorized", "code": 0}, {}
            try:
                status, body = await handler(call, *m.groups())
            except HTTPError as exc:
                return exc.status, exc.body, {}
            return status, body, {}
        if any(p.match(call.path) for _m, p, _h, _a in self._routes):
            return 405, {"message": "405: Method Not Allowed", "code": 0}, {}
        return 404, {"message": "404: Not Found", "code": 0}, {}

    # ------------------------------------------------------------------ data builders

    @staticmethod
    def _make_user(user_id: str, username: str) -> dict[str, Any]:
        return {
            "id": user_id,
            "username": username,
            "discriminator": "0",
            "global_name": username.title(),
            "avatar": None,
            "bot": False,
            "system": False,
            "public_flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }

    def user(self, user_id: str | int) -> dict[str, Any]:
        uid = str(user_id)
        if uid not in self.users:
            self.users[uid] = self._make_user(uid, f"user{uid[-4:]}")
        return self.users[uid]

    def member(self, user_id: str | int, *, with_permissions: bool = False) -> dict[str, Any]:
        uid = str(user_id)
        roles = [self.bot_role_id] if uid == self.bot_user_id else []
        data: dict[str, Any] = {
            "user": self.user(uid),
            "nick": None,
            "avatar": None,
            "banner": None,
            "roles": roles,
            "joined_at": self.guild_joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
            "avatar_decoration_data": None,
        }
        if with_permissions:
            data["permissions"] = (
                ALL_PERMISSIONS if uid == self.owner_user["id"] else (EVERYONE_PERMISSIONS)
            )
        return data

    def channel(self) -> dict[str, Any]:
        return {
            "id": self.channel_id,
            "type": 0,
            "guild_id": self.guild_id,
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": "news",
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }

    def roles(self) -> list[dict[str, Any]]:
        def role(rid: str, name: str, perms: str, position: int, **extra: Any) -> dict[str, Any]:
            return {
                "id": rid,
                "name": name,
                "color": 0,
                "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
                "hoist": False,
                "icon": None,
                "unicode_emoji": None,
                "position": position,
                "permissions": perms,
                "managed": False,
                "mentionable": False,
                "flags": 0,
                **extra,
            }

        return [
            role(self.guild_id, "@everyone", EVERYONE_PERMISSIONS, 0),
            role(
                self.bot_role_id,
                self.bot_user["username"],
                "277025770560",
                1,
                managed=True,
                tags={"bot_id": self.bot_user_id},
            ),
        ]

    def guild(self) -> dict[str, Any]:
        members = [self.member(self.bot_user_id), self.member(self.owner_user["id"])]
        members.append(self.member(self.user_id))
        return {
            "id": self.guild_id,
            "name": "Test Guild",
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.owner_user["id"],
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": self.roles(),
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": self.channel_id,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "incidents_data": None,
            "joined_at": self.guild_joined_at,
            "large": False,
            "lazy": True,
            "unavailable": False,
            "member_count": len(members),
            "voice_states": [],
            "members": members,
            "channels": [self.channel()],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def application(self) -> dict[str, Any]:
        return {
            "id": self.application_id,
            "name": self.bot_user["username"],
            "icon": None,
            "description": "articlebot under test",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": self.application_flags,
            "owner": self.owner_user,
            "team": None,
            "bot": self.bot_user,
            "hook": True,
            "rpc_origins": [],
            "redirect_uris": [],
            "tags": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "approximate_guild_count": 1,
            "integration_types_config": {"0": {}},
        }

    def _new_message(
        self,
        payload: Mapping[str, Any] | None,
        *,
        channel_id: str,
        msg_type: int = 0,
        files: list[dict[str, Any]] | None = None,
        interaction: InteractionRecord | None = None,
        extra_flags: int = 0,
    ) -> dict[str, Any]:
        payload = payload or {}
        mid = snowflake()
        msg = _blank_message(mid, msg_type, channel_id, dict(self.bot_user))
        msg["guild_id"] = self.guild_id if channel_id == self.channel_id else None
        if interaction is not None:
            msg["webhook_id"] = self.application_id
            msg["application_id"] = self.application_id
            inter_user = _interaction_user(interaction.payload)
            msg["interaction_metadata"] = {
                "id": interaction.id,
                "type": interaction.type,
                "user": inter_user,
                "authorizing_integration_owners": interaction.payload.get(
                    "authorizing_integration_owners", {}
                ),
            }
            if interaction.type == IT_APPLICATION_COMMAND:
                msg["interaction_metadata"]["name"] = interaction.name
                msg["interaction"] = {
                    "id": interaction.id,
                    "type": interaction.type,
                    "name": interaction.name,
                    "user": inter_user,
                }
        self._apply_edit(msg, payload, files or [], creating=True)
        msg["flags"] |= extra_flags
        self.messages[mid] = msg
        return msg

    def _apply_edit(
        self,
        msg: dict[str, Any],
        payload: Mapping[str, Any],
        files: list[dict[str, Any]],
        *,
        creating: bool = False,
    ) -> None:
        if "content" in payload:
            msg["content"] = payload["content"] or ""
        if "embeds" in payload:
            msg["embeds"] = [_normalize_embed(e) for e in payload["embeds"] or []]
        if "components" in payload:
            msg["components"] = _normalize_components(payload["components"] or [])
        if "flags" in payload and payload["flags"] is not None:
            keep = msg["flags"] & MSG_FLAG_EPHEMERAL
            msg["flags"] = int(payload["flags"]) | keep
        if "tts" in payload:
            msg["tts"] = bool(payload["tts"])
        if "attachments" in payload or files:
            kept = [
                a
                for a in msg.get("attachments", [])
                if any(str(x.get("id")) == a["id"] for x in payload.get("attachments") or [])
            ]
            msg["attachments"] = kept + [self._attachment(f) for f in files]
        if not creating:
            msg["edited_timestamp"] = _iso_now()
            msg["flags"] &= ~MSG_FLAG_LOADING

    def _attachment(self, f: dict[str, Any]) -> dict[str, Any]:
        aid = snowflake()
        name = f.get("filename") or "file"
        url = f"https://cdn.discordapp.com/attachments/{self.channel_id}/{aid}/{name}"
        return {
            "id": aid,
            "filename": name,
            "size": f.get("size", 0),
            "url": url,
            "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
            "content_type": f.get("content_type"),
        }

    # ------------------------------------------------------------------ REST handlers

    async def _get_me(self, call: RecordedCall) -> tuple[int, Any]:
        return 200, self.bot_user

    async def _get_user(self, call: RecordedCall, user_id: str) -> tuple[int, Any]:
        if user_id not in self.users:
            raise HTTPError(404, "Unknown User", 10013)
        return 200, self.users[user_id]

    async def _get_application(self, call: RecordedCall) -> tuple[int, Any]:
        return 200, self.application()

    async def _get_gateway(self, call: RecordedCall) -> tuple[int, Any]:
        return 200, {"url": self.gateway_url}

    async def _get_gateway_bot(self, call: RecordedCall) -> tuple[int, Any]:
        return 200, {
            "url": self.gateway_url,
            "shards": self.shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 14_400_000,
                "max_concurrency": 1,
            },
        }

    def _command_scope(self, app_id: str, guild_id: str | None) -> dict[str, dict[str, Any]]:
        if app_id != self.application_id:
            raise HTTPError(403, "Missing Access", 50001)
        if guild_id is not None and guild_id != self.guild_id:
            raise HTTPError(403, "Missing Access", 50001)
        return self.commands.setdefault(guild_id, {})

    def _normalize_command(
        self, body: Mapping[str, Any], guild_id: str | None, existing: dict[str, Any] | None
    ) -> dict[str, Any]:
        name = body.get("name")
        ctype = int(body.get("type", 1) or 1)
        if not name or (ctype == 1 and not re.fullmatch(r"[-_\w]{1,32}", name)):
            raise HTTPError(400, f"Invalid Form Body (name {name!r})", 50035)
        cmd: dict[str, Any] = {
            "id": existing["id"] if existing else snowflake(),
            "application_id": self.application_id,
            "version": snowflake(),
            "type": ctype,
            "name": name,
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description", "") or "",
            "description_localizations": body.get("description_localizations"),
            "options": list(body.get("options") or []),
            "default_member_permissions": body.get("default_member_permissions"),
            "dm_permission": body.get("dm_permission", True),
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types", [0]),
            "nsfw": bool(body.get("nsfw", False)),
        }
        if guild_id is not None:
            cmd["guild_id"] = guild_id
        return cmd

    async def _list_commands(
        self, call: RecordedCall, app_id: str, guild_id: str | None = None
    ) -> tuple[int, Any]:
        return 200, list(self._command_scope(app_id, guild_id).values())

    async def _put_commands(
        self, call: RecordedCall, app_id: str, guild_id: str | None = None
    ) -> tuple[int, Any]:
        scope = self._command_scope(app_id, guild_id)
        if not isinstance(call.json, list):
            raise HTTPError(400, "Invalid Form Body", 50035)
        new = {}
        for body in call.json:
            existing = scope.get(body.get("name"))
            cmd = self._normalize_command(body, guild_id, existing)
            new[cmd["name"]] = cmd
        scope.clear()
        scope.update(new)
        self._notify()
        return 200, list(scope.values())

    async def _post_command(
        self, call: RecordedCall, app_id: str, guild_id: str | None = None
    ) -> tuple[int, Any]:
        scope = self._command_scope(app_id, guild_id)
        body = call.json or {}
        existing = scope.get(body.get("name"))
        cmd = self._normalize_command(body, guild_id, existing)
        scope[cmd["name"]] = cmd
        self._notify()
        return (200 if existing else 201), cmd

    def _find_command(self, scope: dict[str, dict[str, Any]], cmd_id: str) -> dict[str, Any]:
        for cmd in scope.values():
            if cmd["id"] == cmd_id:
                return cmd
        raise HTTPError(404, "Unknown application command", 10063)

    async def _get_command(self, call: RecordedCall, app_id: str, *rest: str) -> tuple[int, Any]:
        guild_id, cmd_id = (rest[0], rest[1]) if len(rest) == 2 else (None, rest[0])
        return 200, self._find_command(self._command_scope(app_id, guild_id), cmd_id)

    async def _patch_command(self, call: RecordedCall, app_id: str, *rest: str) -> tuple[int, Any]:
        guild_id, cmd_id = (rest[0], rest[1]) if len(rest) == 2 else (None, rest[0])
        scope = self._command_scope(app_id, guild_id)
        cmd = self._find_command(scope, cmd_id)
        merged = {**cmd, **(call.json or {})}
        new = self._normalize_command(merged, guild_id, cmd)
        scope.pop(cmd["name"], None)
        scope[new["name"]] = new
        self._notify()
        return 200, new

    async def _delete_command(self, call: RecordedCall, app_id: str, *rest: str) -> tuple[int, Any]:
        guild_id, cmd_id = (rest[0], rest[1]) if len(rest) == 2 else (None, rest[0])
        scope = self._command_scope(app_id, guild_id)
        cmd = self._find_command(scope, cmd_id)
        scope.pop(cmd["name"], None)
        self._notify()
        return 204, None

    def _interaction_for_token(self, app_id: str, token: str) -> InteractionRecord:
        if app_id != self.application_id:
            raise HTTPError(404, "Unknown Webhook", 10015)
        for rec in self.interactions.values():
            if rec.token == token:
                if not rec.acked:
                    # Discord: the follow-up webhook only exists once the interaction is acked.
                    raise HTTPError(404, "Unknown Webhook", 10015)
                return rec
        raise HTTPError(401, "Invalid Webhook Token", 50027)

    async def _interaction_callback(
        self, call: RecordedCall, interaction_id: str, token: str
    ) -> tuple[int, Any]:
        rec = self.interactions.get(interaction_id)
        if rec is None or rec.token != token:
            raise HTTPError(404, "Unknown interaction", 10062)
        if rec.acked:
            raise HTTPError(400, "Interaction has already been acknowledged.", 40060)
        if self.ack_deadline is not None and call.time - rec.dispatched_at > self.ack_deadline:
            rec.expired = True
            raise HTTPError(404, "Unknown interaction", 10062)
        body = call.json if isinstance(call.json, dict) else {}
        cb_type = int(body.get("type", 0))
        data = body.get("data") or {}
        allowed = {
            IT_PING: {CB_PONG},
            IT_APPLICATION_COMMAND: {CB_CHANNEL_MESSAGE, CB_DEFERRED_CHANNEL_MESSAGE, CB_MODAL},
            IT_COMPONENT: {
                CB_CHANNEL_MESSAGE,
                CB_DEFERRED_CHANNEL_MESSAGE,
                CB_DEFERRED_UPDATE_MESSAGE,
                CB_UPDATE_MESSAGE,
                CB_MODAL,
            },
            IT_AUTOCOMPLETE: {CB_AUTOCOMPLETE_RESULT},
            IT_MODAL_SUBMIT: {
                CB_CHANNEL_MESSAGE,
                CB_DEFERRED_CHANNEL_MESSAGE,
                CB_DEFERRED_UPDATE_MESSAGE,
                CB_UPDATE_MESSAGE,
            },
        }
        if cb_type not in allowed.get(rec.type, set()):
            raise HTTPError(400, f"Invalid interaction response type {cb_type}", 50035)

        now = time.monotonic()
        message: dict[str, Any] | None = None
        msg_type = 0
        if rec.type == IT_APPLICATION_COMMAND:
            command_type = (rec.payload.get("data") or {}).get("type", CT_CHAT_INPUT)
            msg_type = 20 if command_type == CT_CHAT_INPUT else 23
        if cb_type == CB_CHANNEL_MESSAGE:
            message = self._new_message(
                data,
                channel_id=rec.channel_id,
                msg_type=msg_type,
                files=call.files,
                interaction=rec,
            )
            rec.original_id = message["id"]
            rec.events.append((now, "create", message["id"]))
        elif cb_type == CB_DEFERRED_CHANNEL_MESSAGE:
            flags = int(data.get("flags") or 0) & MSG_FLAG_EPHEMERAL
            message = self._new_message(
                {"flags": flags},
                channel_id=rec.channel_id,
                msg_type=msg_type,
                interaction=rec,
                extra_flags=MSG_FLAG_LOADING,
            )
            rec.original_id = message["id"]
            rec.events.append((now, "create", message["id"]))
        elif cb_type == CB_DEFERRED_UPDATE_MESSAGE:
            rec.original_id = rec.source_message_id
        elif cb_type == CB_UPDATE_MESSAGE:
            rec.original_id = rec.source_message_id
            if rec.source_message_id in self.messages:
                message = self.messages[rec.source_message_id]
                self._apply_edit(message, data, call.files)
                rec.events.append((now, "edit", message["id"]))
        elif cb_type == CB_AUTOCOMPLETE_RESULT:
            rec.choices = list(data.get("choices") or [])
        elif cb_type == CB_MODAL:
            rec.modal = data

        rec.callback = call
        rec.callback_type = cb_type
        rec.callback_data = data
        rec.acked_at = now
        self._notify()

        if call.query.get("with_response", "").lower() not in ("1", "true"):
            return 204, None
        inter: dict[str, Any] = {"id": rec.id, "type": rec.type}
        if message is not None:
            inter["response_message_id"] = message["id"]
            inter["response_message_loading"] = bool(message["flags"] & MSG_FLAG_LOADING)
            inter["response_message_ephemeral"] = bool(message["flags"] & MSG_FLAG_EPHEMERAL)
        result: dict[str, Any] = {"interaction": inter}
        if cb_type != CB_PONG:
            resource: dict[str, Any] = {"type": cb_type}
            if message is not None:
                resource["message"] = message
            result["resource"] = resource
        return 200, result

    async def _webhook_execute(self, call: RecordedCall, app_id: str, token: str):
        rec = self._interaction_for_token(app_id, token)
        body = call.json if isinstance(call.json, dict) else {}
        if not any(body.get(k) for k in ("content", "embeds", "components")) and not call.files:
            raise HTTPError(400, "Cannot send an empty message", 50006)
        msg = self._new_message(body, channel_id=rec.channel_id, files=call.files, interaction=rec)
        rec.followup_ids.append(msg["id"])
        rec.events.append((time.monotonic(), "create", msg["id"]))
        self._notify()
        if call.query.get("wait", "").lower() in ("1", "true"):
            return 200, msg
        return 204, None

    def _webhook_message(self, rec: InteractionRecord, message_id: str) -> dict[str, Any]:
        mid = rec.original_id if message_id == "@original" else message_id
        owned = {rec.original_id, *rec.followup_ids}
        if mid is None or mid not in owned or mid in self.deleted_messages:
            raise HTTPError(404, "Unknown Message", 10008)
        return self.messages[mid]

    async def _webhook_get_message(self, call: RecordedCall, app_id: str, token: str, mid: str):
        rec = self._interaction_for_token(app_id, token)
        return 200, self._webhook_message(rec, mid)

    async def _webhook_edit_message(self, call: RecordedCall, app_id: str, token: str, mid: str):
        rec = self._interaction_for_token(app_id, token)
        msg = self._webhook_message(rec, mid)
        body = call.json if isinstance(call.json, dict) else {}
        self._apply_edit(msg, body, call.files)
        rec.events.append((time.monotonic(), "edit", msg["id"]))
        self._notify()
        return 200, msg

    async def _webhook_delete_message(self, call: RecordedCall, app_id: str, token: str, mid: str):
        rec = self._interaction_for_token(app_id, token)
        msg = self._webhook_message(rec, mid)
        self.deleted_messages.add(msg["id"])
        rec.events.append((time.monotonic(), "delete", msg["id"]))
        self._notify()
        return 204, None

    def _check_guild(self, guild_id: str) -> None:
        if guild_id != self.guild_id:
            raise HTTPError(404, "Unknown Guild", 10004)

    def _check_channel(self, channel_id: str) -> None:
        if channel_id != self.channel_id:
            raise HTTPError(404, "Unknown Channel", 10003)

    async def _get_guild(self, call: RecordedCall, guild_id: str):
        self._check_guild(guild_id)
        data = self.guild()
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at"):
            data.pop(key, None)
        return 200, data

    async def _get_guild_channels(self, call: RecordedCall, guild_id: str):
        self._check_guild(guild_id)
        return 200, [self.channel()]

    async def _get_guild_member(self, call: RecordedCall, guild_id: str, user_id: str):
        self._check_guild(guild_id)
        if user_id not in self.users:
            raise HTTPError(404, "Unknown Member", 10007)
        return 200, self.member(user_id)

    async def _get_channel(self, call: RecordedCall, channel_id: str):
        self._check_channel(channel_id)
        return 200, self.channel()

    async def _create_channel_message(self, call: RecordedCall, channel_id: str):
        self._check_channel(channel_id)
        body = call.json if isinstance(call.json, dict) else {}
        if not any(body.get(k) for k in ("content", "embeds", "components")) and not call.files:
            raise HTTPError(400, "Cannot send an empty message", 50006)
        msg = self._new_message(body, channel_id=channel_id, files=call.files)
        self._notify()
        return 200, msg

    def _channel_message(self, channel_id: str, message_id: str) -> dict[str, Any]:
        self._check_channel(channel_id)
        msg = self.messages.get(message_id)
        if msg is None or message_id in self.deleted_messages or msg["channel_id"] != channel_id:
            raise HTTPError(404, "Unknown Message", 10008)
        return msg

    async def _get_channel_message(self, call: RecordedCall, channel_id: str, message_id: str):
        return 200, self._channel_message(channel_id, message_id)

    async def _edit_channel_message(self, call: RecordedCall, channel_id: str, message_id: str):
        msg = self._channel_message(channel_id, message_id)
        self._apply_edit(msg, call.json if isinstance(call.json, dict) else {}, call.files)
        self._notify()
        return 200, msg

    async def _delete_channel_message(self, call: RecordedCall, channel_id: str, message_id: str):
        self._channel_message(channel_id, message_id)
        self.deleted_messages.add(message_id)
        self._notify()
        return 204, None

    async def _typing(self, call: RecordedCall, channel_id: str):
        self._check_channel(channel_id)
        return 204, None

    # ------------------------------------------------------------------ gateway plumbing

    async def _ws_handler(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=16 * 1024 * 1024)
        await ws.prepare(request)
        query = dict(request.query)
        compress = query.get("compress") if self.compress else None
        conn = GatewayConnection(
            id=next(self._conn_ids),
            path=request.path,
            query=query,
            opened_at=time.monotonic(),
            ws=ws,
            request=request,
            compress=compress if compress == "zlib-stream" else None,
        )
        if conn.compress == "zlib-stream":
            conn._zlib = zlib.compressobj()
        self.connections.append(conn)
        self._notify()
        try:
            if query.get("encoding", "json") != "json":
                await self._close(conn, 4002, "only json encoding is supported")
                return ws
            await self._send(
                conn,
                {
                    "op": OP_HELLO,
                    "d": {"heartbeat_interval": self.heartbeat_interval, "_trace": ["fake-gw"]},
                    "s": None,
                    "t": None,
                },
            )
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    try:
                        payload = json.loads(msg.data)
                    except json.JSONDecodeError:
                        await self._close(conn, 4002, "decode error")
                        break
                    await self._on_frame(conn, payload)
                elif msg.type is WSMsgType.BINARY:
                    await self._close(conn, 4002, "binary frames are not supported")
                    break
                elif msg.type is WSMsgType.ERROR:
                    break
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            conn.closed_at = conn.closed_at or time.monotonic()
            conn.close_code = conn.close_code or ws.close_code
            sess = conn.session
            if sess is not None and sess.conn is conn:
                sess.conn = None
            self._notify()
        return ws

    async def _send(self, conn: GatewayConnection, payload: dict[str, Any]) -> bool:
        if conn.closed:
            return False
        raw = json.dumps(payload, separators=(",", ":"))
        async with conn._lock:
            try:
                if conn._zlib is not None:
                    data = conn._zlib.compress(raw.encode()) + conn._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await conn.ws.send_bytes(data)
                else:
                    await conn.ws.send_str(raw)
            except (ConnectionResetError, RuntimeError):
                return False
        self.gateway_log.append(
            GatewayFrame(
                time.monotonic(),
                conn.id,
                "send",
                payload.get("op"),
                payload.get("t"),
                payload.get("s"),
                payload.get("d"),
            )
        )
        return True

    async def _close(self, conn: GatewayConnection, code: int, reason: str = "") -> None:
        conn.closed_by_server = f"close {code} {reason}".strip()
        conn.close_code = code
        if not conn.ws.closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.ws.close(code=code, message=reason.encode()), 5.0)
        conn.closed_at = conn.closed_at or time.monotonic()
        self._notify()

    def _abort(self, conn: GatewayConnection, reason: str = "abort") -> None:
        conn.closed_by_server = reason
        transport = conn.request.transport
        if transport is not None:
            transport.abort()
        conn.closed_at = conn.closed_at or time.monotonic()
        self._notify()

    async def _on_frame(self, conn: GatewayConnection, payload: dict[str, Any]) -> None:
        now = time.monotonic()
        op = payload.get("op")
        d = payload.get("d")
        self.gateway_log.append(GatewayFrame(now, conn.id, "recv", op, None, None, d))
        if isinstance(op, int):
            conn.received_ops.append((now, op))
        self._notify()
        if op == OP_HEARTBEAT:
            conn.heartbeats.append(now)
            self._notify()
            if self.ack_heartbeats:
                await self._send(conn, {"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == OP_IDENTIFY:
            await self._on_identify(conn, d or {})
        elif op == OP_RESUME:
            await self._on_resume(conn, d or {})
        elif op in (OP_PRESENCE, OP_VOICE_STATE):
            if conn.session is None:
                await self._close(conn, 4003, "Not authenticated.")
        elif op == OP_REQUEST_MEMBERS:
            if conn.session is None:
                await self._close(conn, 4003, "Not authenticated.")
                return
            await self._on_request_members(conn, d or {})
        else:
            await self._close(conn, 4001, "Unknown opcode.")

    async def _on_identify(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        if conn.session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        token = str(d.get("token") or "")
        token = token.removeprefix("Bot ")
        if not token or token in self.rejected_tokens:
            await self._close(conn, 4004, "Authentication failed.")
            return
        shard = d.get("shard") or [0, 1]
        shard_id, shard_count = int(shard[0]), int(shard[1])
        if shard_count < 1 or not 0 <= shard_id < shard_count:
            await self._close(conn, 4010, "Invalid shard.")
            return
        intents = d.get("intents")
        if intents is not None and not self.privileged_intents and intents & PRIVILEGED_INTENTS:
            await self._close(conn, 4014, "Disallowed intent(s).")
            return
        sess = GatewaySession(
            session_id=secrets.token_hex(16),
            shard=(shard_id, shard_count),
            token=token,
            intents=intents,
            identify=d,
            created_at=time.monotonic(),
            conn=conn,
        )
        self.sessions[sess.session_id] = sess
        conn.session = sess
        conn.kind = "identify"
        self._notify()
        ready = {
            "v": 10,
            "user": self.bot_user,
            "user_settings": {},
            "guilds": [
                {"id": self.guild_id, "unavailable": True}
                for _ in (0,)
                if self._guild_shard(shard_count) == shard_id
            ],
            "session_id": sess.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": self.application_id, "flags": self.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["us-east"],
            "auth": {},
            "_trace": ["fake-gw"],
        }
        await self._dispatch(sess, "READY", ready)
        if self._guild_shard(shard_count) == shard_id:
            await self._dispatch(sess, "GUILD_CREATE", self.guild())

    async def _on_resume(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        if conn.session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        conn.kind = "resume"
        sess = self.sessions.get(str(d.get("session_id")))
        token = str(d.get("token") or "").removeprefix("Bot ")
        if sess is None or sess.invalidated or sess.token != token:
            self._notify()
            await asyncio.sleep(0.05)
            await self._send(conn, {"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        old = sess.conn
        if old is not None and old is not conn and not old.closed:
            self._abort(old, "superseded by resume")
        sess.conn = conn
        sess.resumes += 1
        conn.session = sess
        conn.resumed = True
        self._notify()
        last_seq = d.get("seq") or 0
        for frame in list(sess.backlog):
            if frame["s"] > last_seq:
                await self._send(conn, frame)
        await self._dispatch(sess, "RESUMED", {"_trace": ["fake-gw"]})

    async def _on_request_members(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        sess = conn.session
        assert sess is not None
        user_ids = d.get("user_ids")
        ids = [self.bot_user_id, self.owner_user["id"], self.user_id]
        if user_ids:
            wanted = {str(u) for u in (user_ids if isinstance(user_ids, list) else [user_ids])}
            ids = [u for u in ids if u in wanted]
        query = d.get("query") or ""
        members = [self.member(u) for u in ids]
        members = [m for m in members if m["user"]["username"].startswith(query)]
        chunk: dict[str, Any] = {
            "guild_id": self.guild_id,
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if d.get("nonce") is not None:
            chunk["nonce"] = d["nonce"]
        await self._dispatch(sess, "GUILD_MEMBERS_CHUNK", chunk)

    def _guild_shard(self, shard_count: int) -> int:
        return (int(self.guild_id) >> 22) % shard_count

    async def _dispatch(self, sess: GatewaySession, event: str, data: Any) -> int:
        sess.seq += 1
        frame = {"op": OP_DISPATCH, "t": event, "s": sess.seq, "d": data}
        sess.backlog.append(frame)
        if sess.conn is not None:
            await self._send(sess.conn, frame)
        self._notify()
        return sess.seq

    # ------------------------------------------------------------------ gateway controls

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if s.live and not s.invalidated]

    def session_for_guild(self, guild_id: str | None = None) -> GatewaySession | None:
        """The newest live session whose shard holds ``guild_id`` (default: the test guild)."""
        gid = int(guild_id or self.guild_id)
        for sess in reversed(list(self.sessions.values())):
            if sess.live and not sess.invalidated and (gid >> 22) % sess.shard[1] == sess.shard[0]:
                return sess
        return None

    async def wait_ready(
        self, *, timeout: float = 15.0, shards: int | None = None
    ) -> GatewaySession:
        """Wait until READY (+ GUILD_CREATE) went out on a live connection.

        With ``shards=N`` wait until N distinct shards are live. Returns the session holding
        the test guild.
        """
        want = shards or 1

        def check() -> GatewaySession | None:
            live = {s.shard[0] for s in self.live_sessions()}
            if len(live) < want:
                return None
            return self.session_for_guild()

        return await self.wait_until(check, timeout=timeout, what="gateway READY")

    async def wait_for_connection(
        self,
        *,
        after: int = 0,
        kind: str | None = None,
        established: bool = True,
        timeout: float = 15.0,
    ) -> GatewayConnection:
        """First gateway connection with ``id > after`` (optionally identify/resume kind).

        ``established=True`` waits for READY/RESUMED to have been sent on it.
        """

        def check() -> GatewayConnection | None:
            for c in self.connections:
                if c.id <= after or (kind is not None and c.kind != kind):
                    continue
                if established and not (
                    c.session is not None and (c.resumed or c.kind == "identify")
                ):
                    continue
                return c
            return None

        return await self.wait_until(check, timeout=timeout, what=f"gateway connection {kind}")

    async def wait_for_heartbeats(
        self, count: int, *, conn: GatewayConnection | None = None, timeout: float = 15.0
    ) -> list[float]:
        """Wait until ``count`` heartbeats arrived on ``conn`` (default: newest connection)."""

        def check() -> list[float] | None:
            c = conn or (self.connections[-1] if self.connections else None)
            if c is None or len(c.heartbeats) < count:
                return None
            return list(c.heartbeats)

        return await self.wait_until(check, timeout=timeout, what=f"{count} heartbeats")

    def current_connection(self) -> GatewayConnection | None:
        sess = self.session_for_guild()
        return sess.conn if sess else None

    async def drop_connection(
        self, code: int | None = None, *, shard_id: int | None = None
    ) -> None:
        """Kill the live gateway connection(s) so the bot must reconnect.

        ``code=None`` or ``1006``: abort the TCP connection without a close frame (the client
        sees an abnormal closure).  Any other code (e.g. 4000, 1001): send a close frame with
        that code.  discord.py RESUMEs after either, except for non-resumable codes
        (1000 from its own side, 4004, 4010-4014).
        """
        for sess in self.live_sessions():
            if shard_id is not None and sess.shard[0] != shard_id:
                continue
            conn = sess.conn
            assert conn is not None
            if code is None or code == 1006:
                self._abort(conn, "drop")
            else:
                await self._close(conn, code, "fake drop")

    async def invalidate_session(self, *, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION; with ``resumable=False`` the bot must re-IDENTIFY.

        Note that discord.py then reconnects to ``DiscordWebSocket.DEFAULT_GATEWAY`` (not to
        the URL from /gateway/bot), so the bot must have overridden it.
        """
        for sess in self.live_sessions():
            assert sess.conn is not None
            if not resumable:
                sess.invalidated = True
            await self._send(
                sess.conn, {"op": OP_INVALID_SESSION, "d": resumable, "s": None, "t": None}
            )

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT; the bot should close and RESUME."""
        for sess in self.live_sessions():
            assert sess.conn is not None
            await self._send(sess.conn, {"op": OP_RECONNECT, "d": None, "s": None, "t": None})

    async def request_heartbeat(self) -> None:
        """Send op 1 HEARTBEAT; the bot should answer immediately with a heartbeat."""
        for sess in self.live_sessions():
            assert sess.conn is not None
            await self._send(sess.conn, {"op": OP_HEARTBEAT, "d": None, "s": None, "t": None})

    async def dispatch_event(
        self, event: str, data: Any, *, live: bool = True, timeout: float = 15.0
    ) -> int:
        """Send an arbitrary DISPATCH event on the session holding the test guild."""
        sess = await self._target_session(live=live, timeout=timeout)
        return await self._dispatch(sess, event, data)

    async def _target_session(self, *, live: bool, timeout: float) -> GatewaySession:
        if live:
            return await self.wait_ready(timeout=timeout)
        gid = int(self.guild_id)

        def check() -> GatewaySession | None:
            for sess in reversed(list(self.sessions.values())):
                if not sess.invalidated and (gid >> 22) % sess.shard[1] == sess.shard[0]:
                    return sess
            return None

        return await self.wait_until(check, timeout=timeout, what="a gateway session")

    # ------------------------------------------------------------------ interactions

    def registered_command(self, name: str, guild_id: str | None = None) -> dict[str, Any] | None:
        """The command as registered, preferring the guild's over a global one."""
        gid = guild_id or self.guild_id
        return (self.commands.get(gid) or {}).get(name) or (self.commands.get(None) or {}).get(name)

    async def wait_for_commands(
        self,
        names: Iterable[str],
        *,
        guild_id: str | None = "default",
        timeout: float = 15.0,
    ) -> dict[str, dict[str, Any]]:
        """Wait until all ``names`` are registered (guild scope by default; None = global)."""
        scope_id = self.guild_id if guild_id == "default" else guild_id
        wanted = list(names)

        def check() -> dict[str, dict[str, Any]] | None:
            scope = self.commands.get(scope_id) or {}
            if all(n in scope for n in wanted):
                return {n: scope[n] for n in wanted}
            return None

        return await self.wait_until(check, timeout=timeout, what=f"commands {wanted}")

    def _base_interaction(
        self,
        itype: int,
        *,
        user_id: str | int | None,
        guild_id: str | int | None,
        channel_id: str | int | None,
        dm: bool,
        locale: str,
        user_install: bool = False,
    ) -> dict[str, Any]:
        """The common part of an INTERACTION_CREATE payload.

        Guild: ``guild_id``/``guild``/``member``, context 0.  ``dm``: a DM channel (type 1)
        with the bot, ``user`` instead of ``member``, no guild, context 1.
        ``authorizing_integration_owners`` says which installation authorised it: the guild
        install (``{"0": guild_id}``, or ``{"0": "0"}`` in the bot's DM), or with
        ``user_install`` only the user's own install (``{"1": user_id}``), as Discord sends for
        a user-installed app.
        """
        uid = str(user_id or self.user_id)
        iid = snowflake()
        payload: dict[str, Any] = {
            "id": iid,
            "application_id": self.application_id,
            "type": itype,
            "token": "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48),
            "version": 1,
            "locale": locale,
            "app_permissions": "277025770560",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if dm:
            channel = {"id": str(channel_id or snowflake()), "type": 1, "recipients": []}
            channel["recipients"] = [self.user(uid)]
            payload.update(
                user=self.user(uid),
                channel=channel,
                channel_id=channel["id"],
                context=CTX_BOT_DM,
                authorizing_integration_owners=(
                    {INSTALL_USER: uid} if user_install else {INSTALL_GUILD: "0", INSTALL_USER: uid}
                ),
            )
        else:
            gid = str(guild_id or self.guild_id)
            channel = (
                self.channel()
                if channel_id is None
                else {**self.channel(), "id": str(channel_id), "guild_id": gid}
            )
            payload.update(
                guild_id=gid,
                guild={"id": gid, "locale": "en-US", "features": []},
                guild_locale="en-US",
                channel=channel,
                channel_id=channel["id"],
                member=self.member(uid, with_permissions=True),
                context=CTX_GUILD,
                authorizing_integration_owners=(
                    {INSTALL_USER: uid} if user_install else {INSTALL_GUILD: gid}
                ),
            )
        return payload

    def _build_options(
        self,
        options: Mapping[str, Any] | list[dict[str, Any]] | None,
        command: dict[str, Any] | None,
        focused: str | None = None,
        *,
        validate: bool = True,
    ) -> list[dict[str, Any]]:
        if options is None:
            options = {}
        if isinstance(options, list):
            return options
        declared = {o.get("name"): o for o in (command or {}).get("options", [])}
        if command is not None and validate:
            unknown = set(options) - set(declared)
            if unknown and not any(o.get("type") in (1, 2) for o in declared.values()):
                raise ValueError(f"/{command['name']} has no option(s) {sorted(unknown)}")
            missing = [
                n
                for n, o in declared.items()
                if o.get("required") and n not in options and o.get("type") not in (1, 2)
            ]
            if missing and focused is None:
                raise ValueError(f"/{command['name']} requires option(s) {missing}")
        out = []
        for name, value in options.items():
            opt_type = declared.get(name, {}).get("type") or _infer_option_type(value)
            entry: dict[str, Any] = {"name": name, "type": opt_type, "value": value}
            if focused is not None and name == focused:
                entry["focused"] = True
                entry["value"] = str(value)
            out.append(entry)
        return out

    def _register_interaction(
        self, payload: dict[str, Any], name: str | None, source_message_id: str | None = None
    ) -> InteractionRecord:
        rec = InteractionRecord(
            id=payload["id"],
            token=payload["token"],
            type=payload["type"],
            name=name,
            payload=payload,
            dispatched_at=time.monotonic(),
            channel_id=payload["channel_id"],
            source_message_id=source_message_id,
        )
        self.interactions[rec.id] = rec
        return rec

    async def _command_or_fail(
        self,
        name: str,
        guild_id: str | None,
        wait_registered: float,
        *,
        global_only: bool = False,
        command_type: int | None = None,
    ) -> dict[str, Any]:
        """The registered command ``name`` (guild's first, then global), waiting for it.

        ``global_only``: only a global command (outside a guild, e.g. in DMs, Discord offers
        only global commands).  ``command_type``: it must be of that type (1 slash, 3 message).
        """

        def lookup() -> dict[str, Any] | None:
            if global_only:
                cmd = (self.commands.get(None) or {}).get(name)
            else:
                cmd = self.registered_command(name, guild_id)
            if cmd is not None and command_type is not None and cmd.get("type", 1) != command_type:
                return None
            return cmd

        try:
            return await self.wait_until(
                lookup, timeout=wait_registered, what=f"command /{name} to be registered"
            )
        except TimeoutError:
            known = {str(k): sorted(v) for k, v in self.commands.items()}
            where = "globally " if global_only else ""
            raise LookupError(
                f"/{name} is not registered {where}with the fake (registered: {known}); "
                "the bot must sync its command tree before Discord can send it"
                + (" (outside a guild only global commands exist)" if global_only else "")
            ) from None

    async def dispatch_interaction(
        self,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None = None,
        *,
        user_id: str | int | None = None,
        guild_id: str | int | None = None,
        channel_id: str | int | None = None,
        dm: bool = False,
        user_install: bool = False,
        locale: str = "en-US",
        validate: bool = True,
        live: bool = True,
        wait_registered: float = 10.0,
        timeout: float = 15.0,
    ) -> InteractionRecord:
        """Send an APPLICATION_COMMAND INTERACTION_CREATE for slash command ``name``.

        ``dm=True`` sends it from the user's DM with the bot (no guild, ``user`` instead of
        ``member``, context 1); the command must then be registered *globally*, as Discord only
        offers global commands outside guilds.  ``user_install=True`` makes it come through the
        user's own installation of the app (``authorizing_integration_owners={"1": user_id}``).

        ``options`` is ``{name: value}`` (types taken from the registered command, else
        inferred; with ``validate`` unknown or missing required options raise ValueError, as
        Discord's client would never send them) or a raw list of option objects (e.g. for
        subcommands).  The command must have been registered by the bot (waits up to
        ``wait_registered`` seconds).  With ``live=False`` the event may go to a session whose
        connection is currently down; it is then replayed when the bot RESUMEs (and lost if
        it re-IDENTIFYs), like on Discord.
        """
        gid = None if dm else str(guild_id or self.guild_id)
        command = await self._command_or_fail(name, gid, wait_registered, global_only=dm)
        session = await self._target_session(live=live, timeout=timeout)
        payload = self._base_interaction(
            IT_APPLICATION_COMMAND,
            user_id=user_id,
            guild_id=gid,
            channel_id=channel_id,
            dm=dm,
            locale=locale,
            user_install=user_install,
        )
        built = self._build_options(options, command, validate=validate)
        return await self._dispatch_command(session, payload, command, built)

    async def dispatch_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None,
        focused: str,
        *,
        user_id: str | int | None = None,
        wait_registered: float = 10.0,
        timeout: float = 15.0,
    ) -> InteractionRecord:
        """Send an APPLICATION_COMMAND_AUTOCOMPLETE interaction; ``focused`` names the option."""
        command = await self._command_or_fail(name, self.guild_id, wait_registered)
        session = await self.wait_ready(timeout=timeout)
        payload = self._base_interaction(
            IT_AUTOCOMPLETE,
            user_id=user_id,
            guild_id=None,
            channel_id=None,
            dm=False,
            locale="en-US",
        )
        built = self._build_options(options, command, focused=focused)
        return await self._dispatch_command(session, payload, command, built)

    async def _dispatch_command(
        self,
        session: Any,
        payload: dict[str, Any],
        command: dict[str, Any],
        options: list[dict[str, Any]],
    ) -> InteractionRecord:
        """Attach a registered command's data to an interaction payload and dispatch it."""
        data: dict[str, Any] = {
            "id": command["id"],
            "name": command["name"],
            "type": command.get("type", 1),
            "options": options,
        }
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        payload["data"] = data
        rec = self._register_interaction(payload, command["name"])
        await self._dispatch(session, "INTERACTION_CREATE", payload)
        return rec

    def user_message(
        self,
        content: str,
        *,
        author_id: str | int | None = None,
        channel_id: str | int | None = None,
        embeds: list[dict[str, Any]] | None = None,
        attachments: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """A message a user posted in a channel (default: the test channel), as Discord's
        message object; stored in ``messages`` so that a message command can target it."""
        cid = str(channel_id or self.channel_id)
        mid = snowflake()
        msg = _blank_message(mid, 0, cid, dict(self.user(author_id or self.user_id)))
        msg["content"] = content
        msg["embeds"] = [_normalize_embed(e) for e in embeds or []]
        msg["attachments"] = list(attachments or [])
        self.messages[mid] = msg
        return msg

    async def dispatch_message_command(
        self,
        name: str,
        message: Mapping[str, Any] | str | int,
        *,
        user_id: str | int | None = None,
        guild_id: str | int | None = None,
        dm: bool = False,
        user_install: bool = False,
        locale: str = "en-US",
        live: bool = True,
        wait_registered: float = 10.0,
        timeout: float = 15.0,
    ) -> InteractionRecord:
        """Send a MESSAGE command (right-click a message → Apps → ``name``) on ``message``.

        ``message`` is a message object (e.g. from :meth:`user_message`) or the id of a message
        the fake knows.  Like Discord, the payload carries ``data.type`` 3, ``data.target_id``
        and the target in ``data.resolved.messages``; the interaction comes from the message's
        channel (``dm``/``user_install`` as for :meth:`dispatch_interaction`).
        """
        if not isinstance(message, Mapping):
            mid = str(message)
            if mid not in self.messages:
                raise LookupError(f"message {mid} was never sent through the fake")
            message = self.messages[mid]
        target = dict(message)
        gid = None if dm else str(guild_id or self.guild_id)
        command = await self._command_or_fail(
            name, gid, wait_registered, global_only=dm, command_type=CT_MESSAGE
        )
        session = await self._target_session(live=live, timeout=timeout)
        payload = self._base_interaction(
            IT_APPLICATION_COMMAND,
            user_id=user_id,
            guild_id=gid,
            channel_id=target["channel_id"],
            dm=dm,
            locale=locale,
            user_install=user_install,
        )
        data: dict[str, Any] = {
            "id": command["id"],
            "name": command["name"],
            "type": CT_MESSAGE,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        }
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        payload["data"] = data
        rec = self._register_interaction(payload, command["name"])
        await self._dispatch(session, "INTERACTION_CREATE", payload)
        return rec

    async def dispatch_component(
        self,
        custom_id: str,
        message_id: str | int,
        user_id: str | int | None = None,
        *,
        component_type: int = 2,
        values: list[str] | None = None,
        timeout: float = 15.0,
    ) -> InteractionRecord:
        """Send a MESSAGE_COMPONENT interaction (button click by default) on ``message_id``."""
        session = await self.wait_ready(timeout=timeout)
        mid = str(message_id)
        message = self.messages.get(mid)
        if message is None:
            raise LookupError(f"message {mid} was never sent through the fake")
        payload = self._base_interaction(
            IT_COMPONENT,
            user_id=user_id,
            guild_id=None,
            channel_id=None,
            dm=False,
            locale="en-US",
        )
        payload["channel"]["id"] = payload["channel_id"] = message["channel_id"]
        payload["message"] = message
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = values
        payload["data"] = data
        rec = self._register_interaction(payload, custom_id, source_message_id=mid)
        await self._dispatch(session, "INTERACTION_CREATE", payload)
        return rec

    def _record(self, interaction: InteractionRecord | str | int) -> InteractionRecord:
        if isinstance(interaction, InteractionRecord):
            return interaction
        return self.interactions[str(interaction)]

    async def wait_for_callback(
        self, interaction: InteractionRecord | str | int, *, timeout: float = 10.0
    ) -> RecordedCall:
        """Wait for the first answered callback call for the interaction; returns it.

        The returned call may be an error (e.g. 404 after the ack deadline); check ``status``
        or the record's ``acked``.
        """
        rec = self._record(interaction)
        pattern = re.compile(rf"^POST /interactions/{rec.id}/[^/]+/callback$")

        def check() -> RecordedCall | None:
            for c in self.calls:
                if c.status is not None and c.status != 429 and pattern.match(c.route):
                    return c
            return None

        return await self.wait_until(check, timeout=timeout, what=f"callback for {rec.id}")

    def reply_for(self, interaction: InteractionRecord | str | int) -> Reply | None:
        """The final visible answer: the last created/edited, non-deleted response message."""
        rec = self._record(interaction)
        live = []
        for mid in [rec.original_id, *rec.followup_ids]:
            if (
                mid
                and mid in self.messages
                and mid not in self.deleted_messages
                and mid not in live
            ):
                live.append(mid)
        if not live:
            return None
        last = live[-1]
        for _t, kind, mid in rec.events:
            if kind in ("create", "edit") and mid in live:
                last = mid
        msg = self.messages[last]
        return Reply(
            content=msg.get("content") or "",
            embeds=list(msg.get("embeds") or []),
            components=list(msg.get("components") or []),
            flags=int(msg.get("flags") or 0),
            message=msg,
            messages=[self.messages[m] for m in live],
            callback_type=rec.callback_type,
        )

    async def wait_for_reply(
        self,
        interaction: InteractionRecord | str | int,
        predicate: Callable[[Reply], bool] | None = None,
        *,
        timeout: float = 15.0,
    ) -> Reply:
        """Wait for a reply that is not just "thinking..." (or that satisfies ``predicate``)."""
        rec = self._record(interaction)

        def default(r: Reply) -> bool:
            return not r.loading and bool(r.content or r.embeds or r.components)

        pred = predicate or default

        def check() -> Reply | None:
            reply = self.reply_for(rec)
            return reply if reply is not None and pred(reply) else None

        return await self.wait_until(check, timeout=timeout, what=f"reply to {rec.name}")


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def _interaction_user(payload: Mapping[str, Any]) -> dict[str, Any]:
    if "member" in payload:
        return payload["member"]["user"]
    return payload.get("user") or {}


def _infer_option_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _normalize_embed(embed: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(embed)
    out.setdefault("type", "rich")
    if "fields" in out:
        out["fields"] = [{"inline": False, **f} for f in out["fields"] or []]
    return out


def _normalize_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = itertools.count(1)

    def walk(comp: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(comp)
        out.setdefault("id", next(ids))
        if "components" in out:
            out["components"] = [walk(c) for c in out["components"] or []]
        return out

    return [walk(c) for c in components]


# --------------------------------------------------------------------------------------
# CLI: python -m tests.e2e.fake_discord --port 8765
# --------------------------------------------------------------------------------------


async def _serve(args: argparse.Namespace) -> None:
    fake = FakeDiscord(
        port=args.port,
        heartbeat_interval=args.heartbeat_interval,
        shards=args.shards,
        ack_deadline=None if args.no_deadline else 3.0,
    )
    async with fake:
        print(f"DISCORD_API_BASE={fake.api_base}", flush=True)
        print(f"DISCORD_GATEWAY_URL={fake.gateway_url}", flush=True)
        print(f"DISCORD_GUILD_ID={fake.guild_id}", flush=True)
        print(f"# channel {fake.channel_id}, user {fake.user_id}, app {fake.application_id}")
        seen = 0
        while True:
            await asyncio.sleep(0.5)
            for call in fake.calls[seen:]:
                if call.status is not None:
                    print(f"{call.route} -> {call.status}", flush=True)
                    seen += 1
                else:
                    break


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the fake Discord server on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--heartbeat-interval", type=int, default=41250)
    parser.add_argument("--shards", type=int, default=1)
    parser.add_argument("--no-deadline", action="store_true", help="disable the 3s ack deadline")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
