"""`/quote speaker:<name>`: everything a speaker is quoted as saying, with autocomplete."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import CHOICE_NAME_LIMIT, render_quotes, truncate
from bot.replies import command_log, retry_message, send_error, send_result
from bot.validation import MAX_SPEAKER_CHARS, clean_speaker, strip_invisible
from bot.views import PagedView
from retrieval.errors import ArticlebotError

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)

MAX_CHOICES = 25


class QuoteCog(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="quote", description="Everything a person is quoted as saying")
    @app_commands.describe(speaker="Who — start typing for suggestions, e.g. Putin")
    async def quote(
        self,
        interaction: discord.Interaction,
        speaker: app_commands.Range[str, 1, MAX_SPEAKER_CHARS],
    ) -> None:
        with command_log("quote", interaction) as run:
            try:
                name = clean_speaker(speaker)
            except ArticlebotError as exc:
                run.outcome = "invalid"
                await send_error(interaction, str(exc))
                return
            retry_after = self.bot.limiter.hit(interaction.user.id)
            if retry_after is not None:
                run.outcome = "cooldown"
                await send_error(interaction, retry_message(interaction, retry_after))
                return
            await interaction.response.defer(thinking=True)
            engine = self.bot.engine
            try:
                result, speakers = await asyncio.to_thread(
                    lambda: (engine.quote(name), engine.speakers())
                )
            except ArticlebotError as exc:
                run.outcome = "invalid"
                await send_error(interaction, str(exc))
                return
            pages = render_quotes(result, self.bot.labels, speakers)
            await send_result(interaction, PagedView(pages, interaction.user.id))
            if result.speaker:
                run.outcome = f"quotes:{len(result.quotes)}"
            else:
                run.outcome = "ambiguous" if result.choices else "unknown"

    @quote.autocomplete("speaker")
    async def speaker_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        text = " ".join(strip_invisible(current or "").split())[:MAX_SPEAKER_CHARS]
        try:
            names = await asyncio.to_thread(self.bot.engine.suggest_speakers, text, MAX_CHOICES)
        except ArticlebotError:
            return []
        return [
            app_commands.Choice(
                name=truncate(name, CHOICE_NAME_LIMIT), value=name[:MAX_SPEAKER_CHARS]
            )
            for name in names[:MAX_CHOICES]
            if name.strip()
        ]
