"""`/quote speaker:<name>`: everything a speaker is quoted as saying, with autocomplete."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import CHOICE_NAME_LIMIT, render_quotes, truncate
from bot.replies import admit, command_log, off_loop, send_result
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
        """Show every quote of a speaker, or the choices when the name is ambiguous."""
        with command_log("quote", interaction) as run:
            name = await admit(interaction, run, speaker, clean_speaker, self.bot.limiter)
            if name is None:
                return
            engine = self.bot.engine
            found = await off_loop(
                interaction, run, lambda: (engine.quote(name), engine.speakers())
            )
            if found is None:
                return
            result, speakers = found
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
        """Suggest quoted speakers whose names match what has been typed."""
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
