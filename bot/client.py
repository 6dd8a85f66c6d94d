"""The bot: an AutoShardedBot with the retrieval engine injected, one cog per command.

The engine is built by the entry point before the bot connects and handed in; the bot never loads
models or articles itself. The command tree turns any unexpected error into a friendly ephemeral
message and logs it with its traceback.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import BotConfig
from bot.defaults import ArticleDefaults
from bot.feedback import FeedbackLog
from bot.ratelimit import RateLimiter
from bot.render import ArticleLabels
from bot.replies import NO_MENTIONS, send_error
from bot.transport import route_gateway
from bot.views import SOMETHING_WRONG
from retrieval.errors import ArticlebotError

if TYPE_CHECKING:
    from retrieval.engine import Engine

log = logging.getLogger(__name__)


def seeds_fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What the seeds folder holds now: each article and sidecar with its size and time."""
    try:
        files = [p for p in folder.iterdir() if p.suffix in {".txt", ".json"}]
    except OSError:
        return ()
    out = []
    for path in sorted(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(out)


OUT_OF_DATE = (
    "This command has changed since Discord last heard about it — please try again in a minute."
)


def bot_intents() -> discord.Intents:
    """Slash commands need no privileged intent: guild events only."""
    intents = discord.Intents.none()
    intents.guilds = True
    return intents


class ArticleTree(app_commands.CommandTree["ArticleBot"]):
    """Command tree whose error handler never shows a traceback to users."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Answer a failed command with a message the user can act on, logging the cause."""
        original = getattr(error, "original", error)
        name = getattr(interaction.command, "qualified_name", None) or "?"
        if isinstance(original, ArticlebotError):
            log.info("command /%s: user error: %s", name, type(original).__name__)
            message = str(original)
        elif isinstance(error, app_commands.CommandOnCooldown):
            message = f"Slow down a little — try again in {error.retry_after:.0f} seconds."
        elif isinstance(error, app_commands.CheckFailure):
            message = "You can't use this command here."
        elif isinstance(
            error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch
        ):
            log.warning("command /%s is out of sync with Discord: %s", name, error)
            message = OUT_OF_DATE
        else:
            log.error("unexpected error in command /%s", name, exc_info=original)
            message = SOMETHING_WRONG
        await send_error(interaction, message)


class ArticleBot(commands.AutoShardedBot):
    """The Discord bot. `engine` may be None only for `python -m bot sync` (no command runs)."""

    def __init__(
        self,
        config: BotConfig,
        engine: Engine | None,
        *,
        sync_dev_guild: bool = True,
        feedback_log: FeedbackLog | None = None,
        limiter: RateLimiter | None = None,
        defaults: ArticleDefaults | None = None,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=bot_intents(),
            allowed_mentions=NO_MENTIONS,
            tree_cls=ArticleTree,
            # Installable on servers and on a user's own account, usable in servers, in DMs with
            # the bot and in private channels (a user install works wherever its user talks).
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            shard_count=config.shard_count,
            shard_ids=list(config.shard_ids) if config.shard_ids else None,
        )
        self.config = config
        self._engine = engine
        self.sync_dev_guild = sync_dev_guild
        self.feedback_log = feedback_log or FeedbackLog(config.feedback_file)
        self.limiter = limiter or RateLimiter(config.rate, config.per)
        self.defaults = defaults or ArticleDefaults(config.db_file)
        self._labels: tuple[Engine, ArticleLabels] | None = None
        self._reload_lock = asyncio.Lock()
        self._seeds_fingerprint = (
            seeds_fingerprint(Path(config.retrieval.seeds_dir)) if engine is not None else None
        )
        self.adding: set[int] = set()  # servers with an /article add under way
        if config.gateway_url:
            route_gateway(self.http, config.gateway_url)

    @property
    def engine(self) -> Engine:
        """The current engine. A handler takes it once: a reload swaps in a new one, and a
        question in flight finishes on the engine it started with."""
        if self._engine is None:
            raise RuntimeError("this bot was started without a retrieval engine")
        return self._engine

    @property
    def labels(self) -> ArticleLabels:
        """How articles are named in attributions (computed once per engine)."""
        engine = self.engine
        if self._labels is None or self._labels[0] is not engine:
            self._labels = (engine, ArticleLabels.from_articles(engine.articles()))
        return self._labels[1]

    async def reload_articles(self, *, force: bool = False) -> bool:
        """Load the seeds folder again if it changed (only new articles are encoded) and swap
        the new engine in at once. True when the articles changed."""
        async with self._reload_lock:
            folder = Path(self.config.retrieval.seeds_dir)
            fingerprint = await asyncio.to_thread(seeds_fingerprint, folder)
            if not force and fingerprint == self._seeds_fingerprint:
                return False
            from retrieval.engine import Engine

            current = self.engine
            engine = await asyncio.to_thread(
                Engine.load, self.config.retrieval, encoder=current.encoder, params=current.params
            )
            self._engine = engine  # one assignment: every later question sees the new articles
            self._seeds_fingerprint = fingerprint
            log.info("articles reloaded: %d article(s)", len(engine.article_list))
            return True

    async def _watch_seeds(self) -> None:
        """Pick up articles another process added or removed (all processes share the folder)."""
        while not self.is_closed():
            await asyncio.sleep(self.config.reload_seconds)
            try:
                await self.reload_articles()
            except Exception:
                log.exception("could not reload the articles; keeping the current ones")

    async def add_cogs(self) -> None:
        """Add every cog listed in `bot.cogs.COGS`."""
        from bot.cogs import COGS

        for cog in COGS:
            await self.add_cog(cog(self))

    async def setup_hook(self) -> None:
        """Add the cogs, start the seeds watcher and register the commands in the dev guild."""
        await self.add_cogs()
        if self._engine is not None and self.config.reload_seconds > 0:
            self._watcher = asyncio.create_task(self._watch_seeds(), name="articlebot-seeds")
        guild_id = self.config.guild_id
        if self.sync_dev_guild and guild_id is not None:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.Forbidden:
                log.error(
                    "could not register commands in guild %s: invite the bot there with the "
                    "'bot applications.commands' scopes",
                    guild_id,
                )
            except discord.HTTPException as exc:
                log.error("could not register commands in guild %s: %s", guild_id, exc)
            else:
                log.info(
                    "registered %d commands in dev guild %s: %s",
                    len(synced),
                    guild_id,
                    ", ".join(f"/{c.name}" for c in synced),
                )

    async def close(self) -> None:
        """Stop the seeds watcher, then close the client."""
        watcher = getattr(self, "_watcher", None)
        if watcher is not None:
            watcher.cancel()
        await super().close()

    async def on_ready(self) -> None:
        """Log the bot's user, guild count and shards once it is ready."""
        user = self.user
        log.info(
            "ready as %s (id %s) in %d guild(s), shards %s",
            user,
            user.id if user else "?",
            len(self.guilds),
            sorted(self.shards),
        )
