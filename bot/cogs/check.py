""" "Check against the article" (right-click a message → Apps): the passages that bear on the
claim a message makes, and a plain verdict of what the article does and does not cover of it.

Private to the caller; a button posts it to the channel. A message with no text (only links,
images or embeds) gets a note instead.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render import render_verdict
from bot.replies import NO_MENTIONS, admit, command_log, off_loop, send_private
from bot.views import PagedView
from retrieval.claims import check_claim, claim_text

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)

CHECK_NAME = "Check against the article"
POST_LABEL = "Post to channel"


class PostButton(discord.ui.Button["PagedView"]):
    """Posts the private check, as it stands, to the channel for everyone (the caller only)."""

    def __init__(self, view: PagedView) -> None:
        super().__init__(label=POST_LABEL, style=discord.ButtonStyle.primary)
        self.pages = view

    async def callback(self, interaction: discord.Interaction) -> None:
        """Post the private check to the channel and disable this button (asker only)."""
        if interaction.user.id != self.pages.owner_id:
            await send_private(interaction, "Only the person who asked can post this check.")
            return
        self.disabled = True  # posted once: the private copy's button is switched off
        await interaction.response.send_message(embed=self.pages.page, allowed_mentions=NO_MENTIONS)
        if self.pages.message is not None:
            try:
                await self.pages.message.edit(view=self.pages)
            except discord.HTTPException:
                log.debug("could not disable the post button", exc_info=True)


class CheckCog(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name=CHECK_NAME, callback=self.check_message)

    async def cog_load(self) -> None:
        """Register the check context menu with the command tree."""
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        """Remove the check context menu from the command tree."""
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def check_message(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        """Check a message's claim against the articles and reply privately with the verdict."""
        with command_log("check", interaction) as run:
            claim = await admit(
                interaction, run, message.content or "", claim_text, self.bot.limiter, private=True
            )
            if claim is None:
                return
            engine = self.bot.engine
            verdict = await off_loop(interaction, run, lambda: check_claim(engine, claim))
            if verdict is None:
                return
            view = PagedView(render_verdict(verdict, self.bot.labels), interaction.user.id)
            view.add_item(PostButton(view))
            sent = await interaction.followup.send(
                embed=view.page, view=view, ephemeral=True, allowed_mentions=NO_MENTIONS, wait=True
            )
            view.message = sent
            run.outcome = "covered" if verdict.covered else "not covered"
