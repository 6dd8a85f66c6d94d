"""Test doubles of discord.py's Interaction, recording what the bot sends.

`invoke` and `autocomplete` drive a command through the bot's real `CommandTree` exactly as
`CommandTree._from_interaction` does for a gateway INTERACTION_CREATE (option parsing into a
`Namespace`, cog checks, argument transformers, error dispatch to `on_error`), only awaited
instead of scheduled, so that tests can look at the replies right away.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands

_ids = itertools.count(1_100_000_000_000_000_000)


@dataclass
class FakeUser:
    id: int
    name: str = "tester"

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def __str__(self) -> str:
        return self.name


@dataclass
class Sent:
    """One message (or edit) the bot produced."""

    kind: str  # "response", "followup", "edit", "edit_original", "autocomplete"
    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    ephemeral: bool = False
    allowed_mentions: discord.AllowedMentions | None = None
    choices: list[app_commands.Choice[Any]] | None = None


class FakeMessage:
    def __init__(self, interaction: FakeInteraction, sent: Sent) -> None:
        self.id = next(_ids)
        self.interaction = interaction
        self.sent = sent
        self.edits: list[dict[str, Any]] = []

    async def edit(self, **kwargs: Any) -> FakeMessage:
        self.edits.append(kwargs)
        return self


class FakeResponse:
    def __init__(self, interaction: FakeInteraction) -> None:
        self._interaction = interaction
        self._done = False
        self.deferred: dict[str, Any] | None = None

    def is_done(self) -> bool:
        return self._done

    def _finish(self) -> None:
        if self._done:
            raise discord.InteractionResponded(self._interaction)  # type: ignore[arg-type]
        self._done = True

    async def defer(self, *, ephemeral: bool = False, thinking: bool = False) -> None:
        self._finish()
        self.deferred = {"ephemeral": ephemeral, "thinking": thinking}

    async def send_message(
        self,
        content: str | None = None,
        *,
        embed: discord.Embed | None = None,
        view: discord.ui.View | None = None,
        ephemeral: bool = False,
        allowed_mentions: discord.AllowedMentions | None = None,
        **_: Any,
    ) -> None:
        self._finish()
        self._interaction.record(
            Sent("response", content, embed, view, ephemeral, allowed_mentions)
        )

    async def edit_message(
        self,
        *,
        content: str | None = None,
        embed: discord.Embed | None = None,
        view: discord.ui.View | None = None,
        allowed_mentions: discord.AllowedMentions | None = None,
        **_: Any,
    ) -> None:
        self._finish()
        self._interaction.record(
            Sent("edit", content, embed, view, allowed_mentions=allowed_mentions)
        )

    async def autocomplete(self, choices: list[app_commands.Choice[Any]]) -> None:
        self._finish()
        self._interaction.record(Sent("autocomplete", choices=list(choices)))


class FakeFollowup:
    def __init__(self, interaction: FakeInteraction) -> None:
        self._interaction = interaction

    async def send(
        self,
        content: str | None = None,
        *,
        embed: discord.Embed | None = None,
        view: discord.ui.View | None = None,
        ephemeral: bool = False,
        allowed_mentions: discord.AllowedMentions | None = None,
        wait: bool = False,
        **_: Any,
    ) -> FakeMessage | None:
        if not self._interaction.response.is_done():
            raise AssertionError("followup.send before the interaction was answered or deferred")
        sent = Sent("followup", content, embed, view, ephemeral, allowed_mentions)
        message = self._interaction.record(sent)
        return message if wait else None


class FakeInteraction:
    """The parts of `discord.Interaction` the bot (and the command tree) use."""

    def __init__(
        self,
        client: discord.Client,
        user: FakeUser,
        *,
        data: dict[str, Any] | None = None,
        type: discord.InteractionType = discord.InteractionType.application_command,
        created_at: dt.datetime | None = None,
    ) -> None:
        self.id = next(_ids)
        self.client = client
        self.user = user
        self.data = data or {}
        self.type = type
        self.created_at = created_at or dt.datetime.now(dt.UTC)
        self.guild_id: int | None = 1234
        self.guild = None
        self.channel_id = 5678
        self._state = getattr(client, "_connection", None)
        self.extras: dict[Any, Any] = {}
        self.command_failed = False
        self.response = FakeResponse(self)
        self.followup = FakeFollowup(self)
        self.sent: list[Sent] = []
        self.messages: list[FakeMessage] = []
        self.deleted_original = False

    @property
    def command(self) -> app_commands.Command[Any, ..., Any] | None:
        return getattr(self, "_cs_command", None)

    def record(self, sent: Sent) -> FakeMessage:
        self.sent.append(sent)
        message = FakeMessage(self, sent)
        self.messages.append(message)
        return message

    async def edit_original_response(self, **kwargs: Any) -> FakeMessage:
        return self.record(Sent("edit_original", kwargs.get("content"), kwargs.get("embed")))

    async def delete_original_response(self) -> None:
        self.deleted_original = True

    @property
    def last(self) -> Sent:
        assert self.sent, "the bot sent nothing"
        return self.sent[-1]


def _option(name: str, value: Any, focused: bool = False) -> dict[str, Any]:
    kind = 4 if isinstance(value, int) and not isinstance(value, bool) else 3
    option: dict[str, Any] = {"name": name, "type": kind, "value": value}
    if focused:
        option["focused"] = True
    return option


def _command_data(command: str, options: list[dict[str, Any]]) -> dict[str, Any]:
    """The interaction data's name and options; "group sub" nests the options in a subcommand."""
    name, _, sub = command.partition(" ")
    if sub:
        options = [{"name": sub, "type": 1, "options": options}]
    return {"name": name, "options": options}


async def _run_tree(tree: app_commands.CommandTree[Any], interaction: FakeInteraction) -> None:
    # What CommandTree._from_interaction schedules as a task, awaited here.
    try:
        await tree._call(interaction)  # type: ignore[arg-type]
    except app_commands.AppCommandError as exc:
        await tree._dispatch_error(interaction, exc)  # type: ignore[arg-type]


async def invoke(
    bot: discord.Client,
    command: str,
    *,
    user: FakeUser | None = None,
    created_at: dt.datetime | None = None,
    **options: Any,
) -> FakeInteraction:
    """Run `/command option=value …` (or `/group sub option=value …`, with `command` written
    "group sub") through the bot's command tree; return the interaction. `guild_id=None` runs it
    outside a server; `permissions` sets the member's permissions there."""
    guild_id = options.pop("guild_id", 1234)
    permissions = options.pop("permissions", discord.Permissions.none())
    data = {
        "id": str(next(_ids)),
        "type": 1,
        **_command_data(command, [_option(k, v) for k, v in options.items()]),
    }
    interaction = FakeInteraction(bot, user or FakeUser(42), data=data, created_at=created_at)
    interaction.guild_id = guild_id
    interaction.permissions = permissions
    await _run_tree(bot.tree, interaction)  # type: ignore[attr-defined]
    return interaction


async def autocomplete(
    bot: discord.Client, command: str, option: str, current: str, *, user: FakeUser | None = None
) -> list[app_commands.Choice[Any]]:
    """Ask the tree for autocomplete choices of `option` while the user has typed `current`."""
    data = {
        "id": str(next(_ids)),
        "type": 1,
        **_command_data(command, [_option(option, current, focused=True)]),
    }
    interaction = FakeInteraction(
        bot, user or FakeUser(42), data=data, type=discord.InteractionType.autocomplete
    )
    await _run_tree(bot.tree, interaction)  # type: ignore[attr-defined]
    sent = interaction.last
    assert sent.kind == "autocomplete" and sent.choices is not None
    return sent.choices


async def click(
    view: discord.ui.View, label: str, user: FakeUser, client: discord.Client
) -> FakeInteraction:
    """Press the button labelled `label` of `view` as `user`, the way the view would dispatch it."""
    for item in view.children:
        if isinstance(item, discord.ui.Button) and item.label == label:
            data = {"custom_id": item.custom_id, "component_type": 2}
            interaction = FakeInteraction(
                client, user, data=data, type=discord.InteractionType.component
            )
            # As the view store dispatches a click: checks, callback, errors to View.on_error.
            await view._scheduled_task(item, interaction)  # type: ignore[arg-type]
            return interaction
    labels = [getattr(i, "label", None) for i in view.children]
    raise AssertionError(f"no button {label!r} in {labels}")


def message_payload(content: str, *, embeds: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A message as Discord resolves it for a message command."""
    return {
        "id": "777",
        "channel_id": "5678",
        "content": content,
        "author": {"id": "99", "username": "someone", "discriminator": "0", "avatar": None},
        "attachments": [],
        "embeds": embeds or [],
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        "timestamp": "2026-12-01T00:00:00+00:00",
        "edited_timestamp": None,
        "type": 0,
        "flags": 0,
    }


async def message_command(
    bot: discord.Client, name: str, message: dict[str, Any], *, user: FakeUser | None = None
) -> FakeInteraction:
    """Right-click `message` → Apps → `name`, through the bot's command tree."""
    data = {
        "id": str(next(_ids)),
        "name": name,
        "type": 3,
        "target_id": message["id"],
        "resolved": {"messages": {message["id"]: message}},
    }
    interaction = FakeInteraction(bot, user or FakeUser(42), data=data)
    await _run_tree(bot.tree, interaction)  # type: ignore[attr-defined]
    return interaction
