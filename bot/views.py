"""Interactive message components: ◀ ▶ paging (asker only) and 👍/👎 feedback buttons."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from bot.feedback import FeedbackLog, FeedbackTarget
from bot.replies import NO_MENTIONS, send_error

log = logging.getLogger(__name__)

VIEW_TIMEOUT = 15 * 60.0
ONLY_ASKER = "Only the person who asked can page through these results."
SOMETHING_WRONG = "Something went wrong on my side — please try again in a moment."


class PagedView(discord.ui.View):
    """Pages of embeds with ◀ ▶ buttons (only the asker may page) and optional feedback buttons.

    Buttons are only added when they are useful: no paging for one page, no feedback unless a
    `FeedbackTarget` and log are given.
    """

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        owner_id: int,
        *,
        feedback: FeedbackTarget | None = None,
        feedback_log: FeedbackLog | None = None,
        timeout: float | None = VIEW_TIMEOUT,
    ) -> None:
        super().__init__(timeout=timeout)
        if not pages:
            raise ValueError("a PagedView needs at least one page")
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | discord.WebhookMessage | None = None
        self.feedback = feedback
        self.feedback_log = feedback_log
        self.votes: dict[int, str] = {}
        self.previous = PageButton(self, -1, "◀")
        self.next = PageButton(self, 1, "▶")
        if len(self.pages) > 1:
            self.add_item(self.previous)
            self.add_item(self.next)
        if feedback is not None and feedback_log is not None:
            self.add_item(VoteButton(self, "up", "👍"))
            self.add_item(VoteButton(self, "down", "👎"))
        self._sync_buttons()

    @property
    def page(self) -> discord.Embed:
        """The embed of the current page."""
        return self.pages[self.index]

    def has_components(self) -> bool:
        """Whether the view holds any buttons."""
        return bool(self.children)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def turn(self, interaction: discord.Interaction, step: int) -> None:
        """Turn `step` pages and redraw the message (the asker only)."""
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                ONLY_ASKER, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        self.index = min(max(self.index + step, 0), len(self.pages) - 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.page, view=self)

    async def vote(self, interaction: discord.Interaction, vote: str) -> None:
        """Record the user's vote on the answer and thank them (a repeat vote is not re-saved)."""
        assert self.feedback is not None and self.feedback_log is not None
        user_id = interaction.user.id
        if self.votes.get(user_id) == vote:
            await interaction.response.send_message(
                "Your vote is already recorded — thanks!",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        try:
            await self.feedback_log.record(self.feedback, user_id=user_id, vote=vote)
        except OSError:
            log.exception("could not write feedback to %s", self.feedback_log.path)
            await interaction.response.send_message(
                "Thanks — but your vote could not be saved right now.",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        changed = user_id in self.votes
        self.votes[user_id] = vote
        thanks = "Thanks, glad it helped!" if vote == "up" else "Thanks — noted, we'll improve."
        if changed:
            thanks = "Vote changed. " + thanks
        await interaction.response.send_message(
            thanks, ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def on_timeout(self) -> None:
        """Disable the buttons once the view expires."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:
                log.debug("could not disable the buttons of an expired view", exc_info=True)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        """Log a failed button callback and tell the user something went wrong."""
        log.error("error in a button callback (%s)", type(item).__name__, exc_info=error)
        await send_error(interaction, SOMETHING_WRONG)


class PageButton(discord.ui.Button["PagedView"]):
    def __init__(self, paged: PagedView, step: int, label: str) -> None:
        super().__init__(style=discord.ButtonStyle.secondary, label=label, row=0)
        self.paged = paged
        self.step = step

    async def callback(self, interaction: discord.Interaction) -> None:
        """Turn the page by this button's step."""
        await self.paged.turn(interaction, self.step)


class VoteButton(discord.ui.Button["PagedView"]):
    def __init__(self, paged: PagedView, vote: str, label: str) -> None:
        super().__init__(style=discord.ButtonStyle.secondary, label=label, row=1)
        self.paged = paged
        self.vote = vote

    async def callback(self, interaction: discord.Interaction) -> None:
        """Cast this button's vote."""
        await self.paged.vote(interaction, self.vote)
