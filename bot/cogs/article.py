"""`/article show` (what the bot knows: titles, key points, counts), `/article use` (the article
this server's questions come from, kept across restarts), and `/article add` / `/article remove`
(members with Manage Server change the articles; every bot process picks the change up)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import CHOICE_NAME_LIMIT, render_articles, truncate
from bot.replies import command_log, send_error, send_private, send_result
from bot.validation import strip_invisible
from bot.views import PagedView
from retrieval.ingest import AddError, add_article
from retrieval.text import fold

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)

ALL = "all"  # `/article use article:all`: answer from every article again
MAX_ARTICLE_CHARS = 100
MAX_URL_CHARS = 2000
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
        """Show the loaded articles and their key points, a page at a time."""
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
        """Set this server's default article, or clear it with “all” (managers only)."""
        with command_log("article use", interaction) as run:
            if not await self._manager(interaction, "choose its article"):
                run.outcome = "refused"
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

    async def _manager(self, interaction: discord.Interaction, action: str) -> bool:
        """Whether the member may `action` for this server (else say why, privately): a server's
        articles are chosen, added and removed by members who can manage it, in the server."""
        if interaction.guild_id is None:
            await send_error(interaction, f"Use this in a server: only its managers {action}.")
            return False
        permissions = interaction.permissions
        if not (permissions.manage_guild or permissions.administrator):
            await send_error(interaction, f"Only members who can manage this server {action}.")
            return False
        return True

    @app_commands.command(name="add", description="Add a news article by its link (Manage Server)")
    @app_commands.describe(url="The article's link (http or https)")
    async def add(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 1, MAX_URL_CHARS]
    ) -> None:
        """Fetch an article from a link into the seeds folder and load it (managers only)."""
        with command_log("article add", interaction) as run:
            if not await self._manager(interaction, "add articles"):
                run.outcome = "refused"
                return
            guild = interaction.guild_id
            if guild in self.bot.adding:
                run.outcome = "busy"
                await send_error(
                    interaction, "An article is already being added here: try again in a moment."
                )
                return
            self.bot.adding.add(guild)
            try:
                await interaction.response.defer(thinking=True, ephemeral=True)
                config = self.bot.config
                try:
                    added = await asyncio.to_thread(
                        add_article,
                        url.strip(),
                        Path(config.retrieval.seeds_dir),
                        allow_private=config.allow_private_urls,
                    )
                except AddError as exc:
                    run.outcome = "refused:" + type(exc).__name__
                    await send_error(interaction, str(exc))
                    return
                await self.bot.reload_articles()
            finally:
                self.bot.adding.discard(guild)
            run.outcome = "added"
            title = truncate(added.title or added.id, 150)
            await send_private(
                interaction,
                f"Added “{title}” ({added.paragraphs} paragraphs). Ask about it with"
                f" `/ask article:{added.id}`, or make it this server's article with"
                " `/article use`.",
            )

    @app_commands.command(name="remove", description="Remove an article (Manage Server)")
    @app_commands.describe(article="The article to remove")
    async def remove(
        self,
        interaction: discord.Interaction,
        article: app_commands.Range[str, 1, MAX_ARTICLE_CHARS],
    ) -> None:
        """Delete an article's files and reload the articles (managers only)."""
        with command_log("article remove", interaction) as run:
            if not await self._manager(interaction, "remove articles"):
                run.outcome = "refused"
                return
            wanted = article.strip()
            if wanted not in {a.id for a in self.bot.engine.article_list}:
                run.outcome = "unknown"
                await send_error(interaction, f"No article called “{truncate(wanted, 80)}”.")
                return
            if len(self.bot.engine.article_list) == 1:
                run.outcome = "last"
                await send_error(interaction, "That is the only article: add another one first.")
                return
            await interaction.response.defer(thinking=True, ephemeral=True)
            label = truncate(self.bot.labels(wanted), 150)
            folder = Path(self.bot.config.retrieval.seeds_dir)
            for suffix in (".txt", ".json"):
                (folder / f"{wanted}{suffix}").unlink(missing_ok=True)
            await self.bot.reload_articles()
            run.outcome = "removed"
            await send_private(interaction, f"Removed “{label}”.")

    @remove.autocomplete("article")
    async def remove_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest the loaded articles matching what has been typed."""
        return article_choices(self.bot, current)

    @use.autocomplete("article")
    async def use_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest “All articles”, then the loaded articles matching what has been typed."""
        choices = article_choices(self.bot, current)
        every = app_commands.Choice(name="All articles", value=ALL)
        return [every, *choices][:MAX_CHOICES]
