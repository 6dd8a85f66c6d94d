"""Point discord.py at another REST base and gateway (a proxy, or the fake Discord in tests).

- `use_api_base` sets `discord.http.Route.BASE`: every REST call, interaction responses and
  follow-ups included, is built from it.
- `route_gateway` makes *every* gateway connection of one client go to the given URL: the first
  IDENTIFY, reconnects, RESUMEs (which discord.py would otherwise send to the READY payload's
  `resume_gateway_url`) and re-IDENTIFYs after an invalidated session (which would otherwise go to
  `DiscordWebSocket.DEFAULT_GATEWAY`). All of these go through `DiscordWebSocket.from_client`, which
  opens the socket with `client.http.ws_connect(url)`; wrapping that one method of the client's own
  HTTP object rewrites the scheme, host, port and path and keeps discord.py's query (API version,
  encoding, compression). Nothing global is patched, and voice connections are left alone.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
import yarl

log = logging.getLogger(__name__)

DEFAULT_API_BASE = discord.http.Route.BASE


def use_api_base(base: str | None) -> None:
    """Send REST calls to `base` (e.g. ``http://127.0.0.1:8080/api/v10``); None restores Discord."""
    discord.http.Route.BASE = base.rstrip("/") if base else DEFAULT_API_BASE


def gateway_target(requested: str, gateway: yarl.URL) -> str:
    """The URL to open instead of `requested`: `gateway` with discord.py's query parameters.

    Only main-gateway URLs (which always carry ``encoding=``) are rewritten; others (voice) pass.
    """
    url = yarl.URL(requested)
    if "encoding" not in url.query:
        return requested
    return str(gateway.with_query({**gateway.query, **url.query}))


def route_gateway(http: discord.http.HTTPClient, gateway_url: str) -> None:
    """Make every gateway connection opened through `http` go to `gateway_url`."""
    gateway = yarl.URL(gateway_url)
    connect = http.ws_connect

    async def ws_connect(url: str, *, compress: int = 0) -> Any:
        """Open `url`, a main-gateway URL going to `gateway` instead."""
        target = gateway_target(url, gateway)
        if target != url:
            log.debug("gateway connection redirected to %s", gateway)
        return await connect(target, compress=compress)

    http.ws_connect = ws_connect  # type: ignore[method-assign]
