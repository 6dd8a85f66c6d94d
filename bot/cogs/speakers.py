"""`/speakers`: who is quoted, with roles and how many quotations."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import render_speakers
from bot.replies import command_log, send_result
from bot.views import PagedView

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)


class SpeakersCog(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="speakers", description="Who is quoted, with roles and counts")
    async def speakers(self, interaction: discord.Interaction) -> None:
        """Show every quoted speaker with role and quote count, a page at a time."""
        with command_log("speakers", interaction) as run:
            await interaction.response.defer(thinking=True)
            speakers = self.bot.engine.speakers()  # precomputed by the engine: no work here
            await send_result(
                interaction, PagedView(render_speakers(speakers), interaction.user.id)
            )
            run.outcome = f"speakers:{len(speakers)}"
