"""`/ask question:<text> [count:<1-5>] [article:<id>]`: the best verbatim passages (of one
article, when chosen), or an honest abstention with its reason."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.article import MAX_ARTICLE_CHARS, article_choices
from bot.feedback import FeedbackTarget
from bot.render import render_answer
from bot.replies import admit, command_log, off_loop, send_result
from bot.validation import MAX_QUESTION_CHARS, clean_question
from bot.views import PagedView

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)

DEFAULT_COUNT = 3
MAX_COUNT = 5


class AskCog(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question; I answer by quoting the article")
    @app_commands.describe(
        question="What you want to know, e.g. what did the president agree to",
        count=f"How many passages to show (1-{MAX_COUNT}, default {DEFAULT_COUNT})",
        article="Which article to answer from (start typing; default: all of them)",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
        count: app_commands.Range[int, 1, MAX_COUNT] = DEFAULT_COUNT,
        article: app_commands.Range[str, 1, MAX_ARTICLE_CHARS] | None = None,
    ) -> None:
        """Answer a question with the best passages of the chosen or default article."""
        with command_log("ask", interaction) as run:
            cleaned = await admit(interaction, run, question, clean_question, self.bot.limiter)
            if cleaned is None:
                return
            top_k = min(max(int(count), 1), MAX_COUNT)
            engine = self.bot.engine
            scope = article.strip() if article and article.strip() else None
            if scope is None:  # the server's default article, if one is set and still loaded
                default = await asyncio.to_thread(self.bot.defaults.get, interaction.guild_id)
                if default in {a.id for a in self.bot.engine.article_list}:
                    scope = default
            answer = await off_loop(
                interaction, run, lambda: engine.ask(cleaned, top_k, article=scope)
            )
            if answer is None:
                return
            pages = render_answer(answer, self.bot.labels)
            target = FeedbackTarget(
                question=answer.question,
                passages=tuple((p.article, p.paragraph) for p in answer.passages),
                abstained=answer.abstained,
            )
            view = PagedView(
                pages,
                interaction.user.id,
                feedback=target,
                feedback_log=self.bot.feedback_log,
            )
            await send_result(interaction, view)
            run.outcome = "abstained" if answer.abstained else f"answered:{len(answer.passages)}"

    @ask.autocomplete("article")
    async def article_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The loaded articles whose title or id contains what was typed (up to 25)."""
        return article_choices(self.bot, current)
