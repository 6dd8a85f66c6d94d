"""One cog per command.

Each handler validates, defers, calls the core in a thread, renders and sends.
"""

from __future__ import annotations

from bot.cogs.article import ArticleCog
from bot.cogs.ask import AskCog
from bot.cogs.check import CheckCog
from bot.cogs.help import HelpCog
from bot.cogs.quote import QuoteCog
from bot.cogs.speakers import SpeakersCog

COGS = (AskCog, QuoteCog, SpeakersCog, ArticleCog, HelpCog, CheckCog)

__all__ = ["COGS", "ArticleCog", "AskCog", "CheckCog", "HelpCog", "QuoteCog", "SpeakersCog"]
