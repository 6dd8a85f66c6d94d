"""`/article`: what the bot knows — titles, key points, paragraph and quotation counts."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import render_articles
from bot.replies import command_log, send_result
from bot.views import PagedView

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)


class ArticleCog(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="article", description="What I know: the articles and key points")
    async def article(self, interaction: discord.Interaction) -> None:
        with command_log("article", interaction) as run:
            await interaction.response.defer(thinking=True)
            engine = self.bot.engine
            articles = await asyncio.to_thread(engine.articles)
            pages = render_articles(articles, unreadable=len(engine.load_errors))
            await send_result(interaction, PagedView(pages, interaction.user.id))
            run.outcome = f"articles:{len(articles)}"
