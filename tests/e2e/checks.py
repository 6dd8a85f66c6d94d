"""Assertions shared by the end-to-end tests: Discord's limits, no pings, verbatim article text.

The bot escapes article text with ``discord.utils.escape_markdown`` (a backslash before each
markdown character), neutralises mentions with a zero-width space after ``<`` / ``@`` and bolds the
best sentence with ``**`` (see ``bot/render.py``). :func:`unmarkdown` undoes exactly that, so a
passage shown to the user can be compared with the seed file character for character.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from tests.e2e.conftest import SEEDS
from tests.e2e.fake_discord import (
    CB_CHANNEL_MESSAGE,
    CB_UPDATE_MESSAGE,
    FakeDiscord,
    InteractionRecord,
    RecordedCall,
    Reply,
)

ACK_DEADLINE = 3.0  # Discord's: an interaction must be acknowledged within 3 seconds
ZWSP = "\u200b"
ELLIPSIS = "…"

# Discord's message and embed limits
LIMITS = {
    "content": 2000,
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field.name": 256,
    "field.value": 1024,
    "footer": 2048,
    "author": 256,
    "embed_total": 6000,
    "embeds": 10,
}

ARTICLE_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))

_PASSAGE_START = re.compile(r"^\*\*\d+\.\*\* ", re.M)
_RAW_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>", re.IGNORECASE)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def unmarkdown(text: str) -> str:
    """Undo the bot's rendering: drop ``**`` bold markers, unescape ``\\x``, remove ZWSPs."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif text.startswith("**", i):
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out).replace(ZWSP, "")


def assert_verbatim(shown: str, source: str = ARTICLE_TEXT) -> str:
    """Every piece of `shown` (rendered text, possibly cut with "…") is in the article as is."""
    plain = unmarkdown(shown).strip()
    pieces = [p.strip() for p in plain.split(ELLIPSIS) if p.strip()]
    assert pieces, f"nothing to compare in {shown!r}"
    for piece in pieces:
        assert piece in source, f"not verbatim from the article: {piece!r}"
    return plain


def numbered_blocks(description: str) -> list[tuple[str, str]]:
    """(body, attribution line) for each "**N.** body\\n— credit" block of a description."""
    starts = [m.start() for m in _PASSAGE_START.finditer(description)]
    blocks = []
    for a, b in zip(starts, [*starts[1:], len(description)], strict=True):
        block = description[a:b].strip()
        body, sep, credit = block.rpartition("\n— ")
        assert sep, f"no attribution line in block {block!r}"
        body = _PASSAGE_START.sub("", body, count=1)
        blocks.append((body, credit))
    return blocks


def assert_passages_verbatim(reply: Reply, *, quotes: bool = False) -> list[tuple[str, str]]:
    """The reply's numbered passages (or quotations) are verbatim and attributed; returns them."""
    assert reply.embeds, f"no embed in {reply.content!r}"
    blocks = numbered_blocks(reply.embeds[0].get("description") or "")
    assert blocks, f"no numbered passage in {reply.embeds[0]!r}"
    for body, credit in blocks:
        shown = body
        if quotes:  # each quotation stands in its sentence, the quoted words in bold
            assert re.search(r"\*\*.+?\*\*", shown), shown
        assert_verbatim(shown)
        assert "¶" in credit or "key point" in credit, f"no paragraph in attribution {credit!r}"
    return blocks


# ------------------------------------------------------------------------------- limits


def embed_total(embed: Mapping[str, Any]) -> int:
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    return total


def assert_within_limits(message: Mapping[str, Any]) -> None:
    """A message payload (or message object) respects Discord's content and embed limits."""
    assert len(message.get("content") or "") <= LIMITS["content"]
    embeds = message.get("embeds") or []
    assert len(embeds) <= LIMITS["embeds"]
    for embed in embeds:
        assert len(embed.get("title") or "") <= LIMITS["title"], embed.get("title")
        assert len(embed.get("description") or "") <= LIMITS["description"]
        fields = embed.get("fields") or []
        assert len(fields) <= LIMITS["fields"]
        for f in fields:
            assert 0 < len(f.get("name") or "") <= LIMITS["field.name"], f
            assert 0 < len(f.get("value") or "") <= LIMITS["field.value"], f
        assert len((embed.get("footer") or {}).get("text") or "") <= LIMITS["footer"]
        assert len((embed.get("author") or {}).get("name") or "") <= LIMITS["author"]
        assert embed_total(embed) <= LIMITS["embed_total"]
    # components: at most 5 rows of at most 5 buttons
    rows = message.get("components") or []
    assert len(rows) <= 5
    for row in rows:
        assert len(row.get("components") or []) <= 5


# ------------------------------------------------------------------------------ mentions


def message_payloads(calls: Iterable[RecordedCall]) -> list[tuple[RecordedCall, dict[str, Any]]]:
    """Every message-creating or -editing payload the bot sent, with its call."""
    out = []
    for call in calls:
        body = call.json if isinstance(call.json, dict) else None
        if body is None:
            continue
        route = call.route
        if route.startswith("POST /interactions/"):
            if body.get("type") in (CB_CHANNEL_MESSAGE, CB_UPDATE_MESSAGE):
                out.append((call, body.get("data") or {}))
        elif re.match(r"^(POST|PATCH) /(webhooks|channels)/", route):
            out.append((call, body))
    return out


def assert_no_mentions_allowed(calls: Iterable[RecordedCall]) -> int:
    """Each message payload disables mentions as ``AllowedMentions.none()`` does.

    discord.py serialises ``AllowedMentions.none()`` as ``{"parse": []}``: no ``users`` or
    ``roles`` lists, no ``replied_user``. Returns how many payloads were checked.
    """
    payloads = message_payloads(calls)
    for call, data in payloads:
        allowed = data.get("allowed_mentions")
        assert allowed is not None, f"{call.route} sent no allowed_mentions: {json.dumps(data)}"
        assert allowed.get("parse") == [], f"{call.route} allows {allowed}"
        assert not allowed.get("users"), allowed
        assert not allowed.get("roles"), allowed
        assert not allowed.get("replied_user"), allowed
        assert_within_limits(data)
    return len(payloads)


def assert_nothing_pings(reply: Reply) -> None:
    """No live @everyone/@here or user/role/channel mention syntax anywhere in the reply."""
    for message in reply.messages:
        text = message.get("content") or ""
        for embed in message.get("embeds") or []:
            text += "\n" + json.dumps(embed, ensure_ascii=False)
        match = _RAW_MENTION.search(text)
        assert match is None, f"raw mention {match.group(0)!r} in {text!r}"
        assert not message.get("mentions") and not message.get("mention_roles")
        assert not message.get("mention_everyone")


# ------------------------------------------------------------------------------ timing


def assert_acked_in_time(rec: InteractionRecord) -> float:
    assert rec.acked, f"interaction {rec.name} not acknowledged (expired={rec.expired})"
    latency = rec.ack_latency
    assert latency is not None
    assert latency <= ACK_DEADLINE, f"/{rec.name} acknowledged after {latency:.2f}s"
    return latency


async def roundtrip(
    fake: FakeDiscord, name: str, options: Mapping[str, Any] | None = None, **kwargs: Any
) -> tuple[InteractionRecord, Reply]:
    """Dispatch /name, check the first response came within 3 s, return the final reply."""
    timeout = kwargs.pop("timeout", 20.0)
    rec = await fake.dispatch_interaction(name, options or {}, **kwargs)
    callback = await fake.wait_for_callback(rec, timeout=ACK_DEADLINE + 2)
    assert callback.status == 200, (callback.status, callback.response)
    assert_acked_in_time(rec)
    reply = await fake.wait_for_reply(rec, timeout=timeout)
    for message in reply.messages:
        assert_within_limits(message)
    return rec, reply
