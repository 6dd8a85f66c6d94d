"""`/article show` (what the bot knows: titles, key points, counts) and `/article use` (the
article this server's questions come from, kept across restarts)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import CHOICE_NAME_LIMIT, render_articles, truncate
from bot.replies import command_log, send_error, send_private, send_result
from bot.validation import strip_invisible
from bot.views import PagedView
from retrieval.text import fold

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)

ALL = "all"  # `/article use article:all`: answer from every article again
MAX_ARTICLE_CHARS = 100
MAX_CHOICES = 25


def article_choices(bot: ArticleBot, current: str) -> list[app_commands.Choice[str]]:
    """The loaded articles whose title or id contains what was typed (at most 25)."""
    typed = fold(" ".join(strip_invisible(current or "").split()))
    choices = []
    for item in bot.engine.article_list:
        label = bot.labels(item.id)
        if typed in fold(label) or typed in fold(item.id):
            name = truncate(label, CHOICE_NAME_LIMIT)
            choices.append(app_commands.Choice(name=name, value=item.id[:MAX_ARTICLE_CHARS]))
    return choices[:MAX_CHOICES]


class ArticleCog(commands.GroupCog, group_name="article"):
    """The articles: what they are, and which one this server asks about."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="show", description="What I know: the articles and key points")
    async def show(self, interaction: discord.Interaction) -> None:
        with command_log("article show", interaction) as run:
            await interaction.response.defer(thinking=True)
            engine = self.bot.engine
            articles = await asyncio.to_thread(engine.articles)
            default = await asyncio.to_thread(self.bot.defaults.get, interaction.guild_id)
            pages = render_articles(
                articles,
                unreadable=len(engine.load_errors),
                default=self.bot.labels(default) if default else None,
            )
            await send_result(interaction, PagedView(pages, interaction.user.id))
            run.outcome = f"articles:{len(articles)}"

    @app_commands.command(
        name="use", description="Answer this server's questions from one article (Manage Server)"
    )
    @app_commands.describe(article="The article to answer from, or “all” for every article")
    async def use(
        self,
        interaction: discord.Interaction,
        article: app_commands.Range[str, 1, MAX_ARTICLE_CHARS],
    ) -> None:
        with command_log("article use", interaction) as run:
            if interaction.guild_id is None:
                run.outcome = "refused:dm"
                await send_error(
                    interaction, "A default article is set per server: use this in a server."
                )
                return
            permissions = interaction.permissions
            if not (permissions.manage_guild or permissions.administrator):
                run.outcome = "refused:permission"
                await send_error(
                    interaction, "Only members who can manage this server can choose its article."
                )
                return
            wanted = article.strip()
            defaults = self.bot.defaults
            if fold(wanted) == ALL:
                await asyncio.to_thread(defaults.clear, interaction.guild_id)
                run.outcome = "cleared"
                await send_private(
                    interaction, "Questions in this server now search every article."
                )
                return
            known = {a.id for a in self.bot.engine.article_list}
            if wanted not in known:
                run.outcome = "unknown"
                await send_error(
                    interaction,
                    f"No article called “{truncate(wanted, 80)}” is loaded: pick one of the"
                    " suggestions as you type.",
                )
                return
            await asyncio.to_thread(defaults.set, interaction.guild_id, wanted, interaction.user.id)
            run.outcome = "set"
            label = truncate(self.bot.labels(wanted), 150)
            await send_private(
                interaction,
                f"Questions in this server now come from “{label}”. `/ask … article:` still"
                " picks another one for a single question.",
            )

    @use.autocomplete("article")
    async def use_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        choices = article_choices(self.bot, current)
        every = app_commands.Choice(name="All articles", value=ALL)
        return [every, *choices][:MAX_CHOICES]
