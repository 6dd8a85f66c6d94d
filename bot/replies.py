"""Sending replies to interactions: results with their view, errors, and per-command logging.

Every message goes out with mentions disabled. Errors are ephemeral: before deferring they are
the response itself; after deferring, the public "thinking…" placeholder is deleted first so that
the error can be sent privately.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

import discord

from retrieval.errors import ArticlebotError

if TYPE_CHECKING:
    from bot.ratelimit import RateLimiter
    from bot.views import PagedView

T = TypeVar("T")

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
_ANSWERED = "articlebot.answered"


async def send_result(interaction: discord.Interaction, view: PagedView) -> None:
    """Send the first page of a deferred command's result, with its buttons if it has any."""
    if view.has_components():
        message = await interaction.followup.send(
            embed=view.page, view=view, allowed_mentions=NO_MENTIONS, wait=True
        )
        view.message = message
    else:
        await interaction.followup.send(embed=view.page, allowed_mentions=NO_MENTIONS)
    interaction.extras[_ANSWERED] = True


async def send_error(interaction: discord.Interaction, message: str) -> None:
    """Tell the user privately what went wrong, whatever state the interaction is in."""
    await send_private(interaction, message)


async def send_private(interaction: discord.Interaction, message: str) -> None:
    """A message only the user sees (an error, a confirmation), whatever the interaction's state."""
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        if not interaction.extras.get(_ANSWERED):
            # Deferred publicly and nothing sent yet: the first follow-up would replace the
            # public placeholder, so remove it to keep the error private.
            try:
                await interaction.delete_original_response()
            except discord.HTTPException:
                log.debug("could not delete the deferred response", exc_info=True)
        await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        log.warning("could not send an error message to the user", exc_info=True)


def retry_message(interaction: discord.Interaction, retry_after: float) -> str:
    """The friendly cooldown note, with the time the user may ask again."""
    seconds = max(int(retry_after + 0.999), 1)
    when = discord.utils.format_dt(interaction.created_at + timedelta(seconds=seconds), "R")
    return (
        f"You're asking quickly — please wait a moment. You can ask again {when} "
        f"(in {seconds} second{'s' if seconds != 1 else ''})."
    )


@dataclass(slots=True)
class CommandRun:
    """The outcome of one command; logged with its latency when the command ends."""

    name: str
    user_id: int
    outcome: str = "ok"


@contextmanager
def command_log(name: str, interaction: discord.Interaction) -> Iterator[CommandRun]:
    """Log `/name` with its outcome and latency in ms (never the user's text or any secret)."""
    run = CommandRun(name=name, user_id=interaction.user.id)
    started = time.perf_counter()
    try:
        yield run
    except BaseException:
        run.outcome = "error"
        raise
    finally:
        elapsed = (time.perf_counter() - started) * 1000
        log.info(
            "command /%s user=%s outcome=%s latency_ms=%.0f",
            run.name,
            run.user_id,
            run.outcome,
            elapsed,
        )


async def admit(
    interaction: discord.Interaction,
    run: CommandRun,
    text: str,
    clean: Callable[[str], str],
    limiter: RateLimiter,
    *,
    private: bool = False,
) -> str | None:
    """Validate the user's text and apply the per-user limit, then defer (privately when the
    result is only for the user).

    Returns the cleaned text, or None after telling the user privately why it was refused.
    """
    try:
        cleaned = clean(text)
    except ArticlebotError as exc:
        run.outcome = "invalid"
        await send_error(interaction, str(exc))
        return None
    retry_after = limiter.hit(interaction.user.id)
    if retry_after is not None:
        run.outcome = "cooldown"
        await send_error(interaction, retry_message(interaction, retry_after))
        return None
    await interaction.response.defer(thinking=True, ephemeral=private)
    return cleaned


async def off_loop(
    interaction: discord.Interaction, run: CommandRun, call: Callable[[], T]
) -> T | None:
    """Run a core call in a worker thread; on a user-displayable error, say so privately and
    return None."""
    try:
        return await asyncio.to_thread(call)
    except ArticlebotError as exc:
        run.outcome = "invalid"
        await send_error(interaction, str(exc))
        return None
