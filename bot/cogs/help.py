"""`/help`: what each command does, with examples."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import render_help
from bot.replies import NO_MENTIONS, command_log

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)


class HelpCog(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What each command does, with examples")
    async def help(self, interaction: discord.Interaction) -> None:
        """Send the help embed, with the configured rate limit."""
        with command_log("help", interaction):
            config = self.bot.config
            await interaction.response.send_message(
                embed=render_help(config.rate, config.per), allowed_mentions=NO_MENTIONS
            )
