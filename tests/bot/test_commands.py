"""Every slash command through discord.py's CommandTree, with the real engine and fake
interactions: replies, abstention, paging, feedback, cooldown, autocomplete, errors, mentions."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands

from bot.render import EMBED_TOTAL_LIMIT
from bot.views import ONLY_ASKER, SOMETHING_WRONG, PagedView
from retrieval.errors import InvalidQuestion
from tests.bot.conftest import make_bot
from tests.bot.fakes import (
    FakeInteraction,
    FakeUser,
    Sent,
    autocomplete,
    click,
    invoke,
    message_command,
    message_payload,
)

ASKER = FakeUser(42, "asker")
OTHER = FakeUser(77, "someone-else")
ARTICLE = (Path(__file__).parent / "data" / "articles" / "bridge.txt").read_text("utf-8")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("\u200b", "")


def assert_no_mentions(interaction: FakeInteraction) -> None:
    for sent in interaction.sent:
        if sent.kind in ("autocomplete", "edit"):
            continue
        mentions = sent.allowed_mentions
        assert mentions is not None, sent
        assert not mentions.everyone and not mentions.users and not mentions.roles, sent
        assert not mentions.replied_user


def result(interaction: FakeInteraction) -> Sent:
    """The deferred command's public result."""
    assert interaction.response.deferred == {"ephemeral": False, "thinking": True}
    sent = interaction.last
    assert sent.kind == "followup" and not sent.ephemeral
    assert sent.embed is not None and len(sent.embed) <= EMBED_TOTAL_LIMIT
    assert_no_mentions(interaction)
    return sent


def error(interaction: FakeInteraction) -> str:
    """The single ephemeral error the user saw."""
    sent = interaction.last
    assert sent.ephemeral, sent
    assert sent.content and "Traceback" not in sent.content
    assert_no_mentions(interaction)
    return sent.content


def buttons(view: discord.ui.View | None) -> dict[str, discord.ui.Button[Any]]:
    assert view is not None
    return {b.label or "": b for b in view.children if isinstance(b, discord.ui.Button)}


# ------------------------------------------------------------------------------ the tree


def test_commands_and_option_names(bot: Any) -> None:
    commands = {c.name: c for c in bot.tree.get_commands()}
    assert set(commands) == {
        "ask",
        "quote",
        "speakers",
        "article",
        "help",
        "Check against the article",
    }
    payload = {name: c.to_dict(bot.tree) for name, c in commands.items()}  # what Discord gets
    ask = {o["name"]: o for o in payload["ask"]["options"]}
    assert list(ask) == ["question", "count", "article"]
    assert ask["article"]["autocomplete"] is True
    assert ask["article"].get("required", False) is False
    assert ask["question"]["required"] is True
    assert (ask["question"]["min_length"], ask["question"]["max_length"]) == (1, 500)
    assert ask["count"].get("required", False) is False
    assert (ask["count"]["min_value"], ask["count"]["max_value"]) == (1, 5)
    [speaker] = payload["quote"]["options"]
    assert speaker["name"] == "speaker" and speaker["autocomplete"] is True
    assert speaker["max_length"] == 100
    for command in payload.values():
        if command.get("type", 1) == 1:  # slash commands; a context menu has no description
            assert command["description"]
    menu = payload["Check against the article"]
    assert menu["type"] == 3  # a message command: right-click a message → Apps
    for command in payload.values():  # installable on servers and accounts, usable anywhere
        assert command["integration_types"] == [0, 1]
        assert command["contexts"] == [0, 1, 2]


def test_bot_defaults(bot: Any) -> None:
    mentions = bot.allowed_mentions
    assert not mentions.everyone and not mentions.users and not mentions.roles
    intents = bot.intents
    assert intents.guilds and not intents.message_content
    assert not intents.members and not intents.presences
    assert isinstance(bot, discord.AutoShardedClient)


async def test_sharding_from_config(engine: Any, tmp_path: Path) -> None:
    sharded = await make_bot(engine, tmp_path, shard_count=4, shard_ids=(1, 3))
    assert sharded.shard_count == 4 and sharded.shard_ids == [1, 3]


async def test_dev_guild_sync_at_start(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.client import ArticleBot
    from tests.bot.conftest import make_config

    synced: list[Any] = []
    for guild_id in (None, 987654321098765432):
        instance = ArticleBot(make_config(tmp_path, guild_id=guild_id), engine)

        async def fake_sync(*, guild: discord.abc.Snowflake | None = None, _bot: Any = instance):
            synced.append(guild.id if guild else "global")
            return _bot.tree.get_commands(guild=guild)

        monkeypatch.setattr(instance.tree, "sync", fake_sync)
        await instance.setup_hook()
        if guild_id:
            names = {c.name for c in instance.tree.get_commands(guild=discord.Object(guild_id))}
            assert names == {
                "ask",
                "quote",
                "speakers",
                "article",
                "help",
                "Check against the article",
            }
        await instance.http.close()
    assert synced == [987654321098765432]  # only the dev guild; never global at start


# -------------------------------------------------------------------------------- /ask


async def test_ask_answers_verbatim_with_attribution_and_highlight(bot: Any) -> None:
    interaction = await invoke(bot, "ask", user=ASKER, question="When will the repairs start?")
    sent = result(interaction)
    embed = sent.embed
    assert embed is not None
    assert embed.title == "Q: When will the repairs start?"
    desc = embed.description or ""
    assert "doesn't say" not in desc
    plain = unescape(desc.replace("**", ""))
    quote = "“We will start the repairs in spring and finish before winter,” Mayor Jane Doe told"
    assert quote in plain  # verbatim
    assert "Jane Doe" in plain and "¶6" in plain
    assert "Council approves harbour bridge repairs" in plain  # article title in attribution
    bold = re.findall(r"\*\*(.+?)\*\*", re.sub(r"\*\*\d+\.\*\*", "", desc))
    assert bold and all(unescape(b) in ARTICLE for b in bold)  # only verbatim spans in bold
    assert desc.count("**1.**") == 1 and "**3.**" in desc  # default count 3
    assert set(buttons(sent.view)) == {"👍", "👎"}  # one page: no paging buttons


async def test_ask_bolds_the_best_sentence_of_a_long_passage(bot: Any) -> None:
    interaction = await invoke(bot, "ask", question="Will the bridge stay open to cyclists?")
    desc = result(interaction).embed.description or ""  # type: ignore[union-attr]
    assert "**The bridge will stay open to cyclists on weekends.**" in desc
    assert "The repairs will begin in March. Crews will work at night" in desc  # not bold


async def test_ask_count(bot: Any) -> None:
    interaction = await invoke(bot, "ask", question="bridge repairs budget", count=5)
    desc = result(interaction).embed.description or ""  # type: ignore[union-attr]
    assert "**5.**" in desc
    one = await invoke(bot, "ask", question="bridge repairs budget", count=1)
    assert "**2.**" not in (result(one).embed.description or "")  # type: ignore[union-attr]


async def test_ask_abstains_with_closest_passages(bot: Any) -> None:
    interaction = await invoke(bot, "ask", question="Who painted the Sistine Chapel ceiling?")
    embed = result(interaction).embed
    assert embed is not None
    desc = embed.description or ""
    assert "The article doesn't say" in desc
    assert "The article doesn't mention Sistine Chapel." in unescape(desc)  # the reason
    assert "Closest passages" in desc and "**not** as an answer" in desc
    assert "**1.**" in desc
    assert embed.colour == discord.Colour.light_grey()


async def test_ask_escapes_article_markdown_and_mentions(bot: Any) -> None:
    interaction = await invoke(bot, "ask", question="Did Smith say everyone knows it?", count=5)
    desc = result(interaction).embed.description or ""  # type: ignore[union-attr]
    assert "is \\*still\\* standing" in desc
    assert "@everyone" not in desc and "@\u200beveryone" in desc


async def test_ask_normalises_markdown_and_mentions_in_the_question(bot: Any) -> None:
    interaction = await invoke(
        bot,
        "ask",
        question="**When** will <@123456789012345678> the `repairs` ~~start~~ @everyone?",
    )
    embed = result(interaction).embed
    assert embed is not None and embed.title == "Q: When will the repairs start everyone?"


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("   ", "is empty"),
        ("\u200b\u200d\u2060", "invisible characters"),
        ("\u200e\u202e\u2067", "invisible characters"),
        ("🌉🚗🚗", "no words to search for"),
        ("** __ ~~ || ``` >", "no words to search for"),
        ("<@123456789012345678>", "only formatting or mentions"),
        ("why " * 126, "too long"),
    ],
)
async def test_ask_rejects_unusable_questions_privately(
    bot: Any, question: str, fragment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: Any) -> None:
        raise AssertionError("the core must not be called")

    monkeypatch.setattr(bot.engine, "ask", never)
    interaction = await invoke(bot, "ask", question=question)
    assert interaction.response.deferred is None  # answered before deferring
    assert interaction.last.kind == "response"
    assert fragment in error(interaction)


async def test_ask_runs_the_core_off_the_event_loop_after_deferring(
    bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = bot.engine.ask

    def spy(question: str, top_k: int = 3, article: str | None = None) -> Any:
        seen.append(threading.current_thread() is threading.main_thread())
        return real(question, top_k, article=article)

    monkeypatch.setattr(bot.engine, "ask", spy)
    result(await invoke(bot, "ask", question="bridge budget"))
    assert seen == [False]


async def test_ask_cooldown_says_when_to_retry(engine: Any, tmp_path: Path) -> None:
    limited = await make_bot(engine, tmp_path, rate=2, per=30.0)
    now = dt.datetime(2025, 3, 18, 12, 0, tzinfo=dt.UTC)
    for _ in range(2):
        result(await invoke(limited, "ask", user=ASKER, question="bridge", created_at=now))
    blocked = await invoke(limited, "ask", user=ASKER, question="bridge", created_at=now)
    assert blocked.response.deferred is None
    message = error(blocked)
    assert "You can ask again" in message
    stamp = int(re.search(r"<t:(\d+):R>", message).group(1))  # type: ignore[union-attr]
    assert 0 < stamp - int(now.timestamp()) <= 30
    result(await invoke(limited, "ask", user=OTHER, question="bridge", created_at=now))  # per user
    await limited.http.close()


async def test_core_error_after_deferring_is_private(
    bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(question: str, top_k: int = 3, article: str | None = None) -> Any:
        raise InvalidQuestion("That question is not something I can search for.")

    monkeypatch.setattr(bot.engine, "ask", refuse)
    interaction = await invoke(bot, "ask", question="bridge")
    assert interaction.deleted_original  # the public "thinking…" placeholder is removed
    assert error(interaction) == "That question is not something I can search for."


async def test_unexpected_error_is_friendly_and_logged(
    bot: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def crash(question: str, top_k: int = 3, article: str | None = None) -> Any:
        raise RuntimeError("index exploded")

    monkeypatch.setattr(bot.engine, "ask", crash)
    with caplog.at_level(logging.INFO):
        interaction = await invoke(bot, "ask", question="bridge")
    assert error(interaction) == SOMETHING_WRONG
    assert interaction.deleted_original
    records = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert records and records[0].exc_info and "index exploded" in str(records[0].exc_info[1])
    assert any(
        "command /ask" in r.getMessage() and "outcome=error" in r.getMessage()
        for r in caplog.records
    )


async def test_commands_log_latency_and_outcome(bot: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="bot"):
        await invoke(bot, "ask", question="When will the repairs start?")
    [line] = [r.getMessage() for r in caplog.records if "command /ask" in r.getMessage()]
    assert re.search(r"outcome=answered:3 latency_ms=\d+", line)
    assert "repairs" not in line and "test-token" not in line


# ------------------------------------------------------------------ paging and feedback


async def test_long_answers_page_and_only_the_asker_may_page(
    long_engine: Any, tmp_path: Path
) -> None:
    paged_bot = await make_bot(long_engine, tmp_path)
    interaction = await invoke(
        paged_bot, "ask", user=ASKER, question="harbour bridge repairs", count=5
    )
    sent = result(interaction)
    view = sent.view
    assert isinstance(view, PagedView) and len(view.pages) > 1
    assert interaction.messages[-1] is view.message
    controls = buttons(view)
    assert set(controls) == {"◀", "▶", "👍", "👎"}
    assert controls["◀"].disabled and not controls["▶"].disabled
    assert f"Page 1/{len(view.pages)}" in (sent.embed.footer.text or "")  # type: ignore[union-attr]

    stranger = await click(view, "▶", OTHER, paged_bot)
    assert stranger.last.content == ONLY_ASKER and stranger.last.ephemeral
    assert view.index == 0

    turned = await click(view, "▶", ASKER, paged_bot)
    edit = turned.last
    assert edit.kind == "edit" and edit.embed is view.pages[1]
    assert "Page 2/" in (edit.embed.footer.text or "")
    assert not buttons(view)["◀"].disabled
    for _ in range(len(view.pages)):
        await click(view, "▶", ASKER, paged_bot)
    assert view.index == len(view.pages) - 1 and buttons(view)["▶"].disabled
    await click(view, "◀", ASKER, paged_bot)
    assert view.index == len(view.pages) - 2
    await paged_bot.http.close()


async def test_feedback_buttons_log_json_lines(bot: Any, tmp_path: Path) -> None:
    interaction = await invoke(bot, "ask", user=ASKER, question="When will the repairs start?")
    view = result(interaction).view
    assert view is not None
    up = await click(view, "👍", ASKER, bot)
    assert up.last.ephemeral and "Thanks" in (up.last.content or "")
    again = await click(view, "👍", ASKER, bot)
    assert "already recorded" in (again.last.content or "")
    down = await click(view, "👎", OTHER, bot)  # anyone may vote
    assert down.last.ephemeral
    lines = (tmp_path / "feedback.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["user_id"], r["vote"]) for r in records] == [(42, "up"), (77, "down")]
    first = records[0]
    assert first["question"] == "When will the repairs start?"
    assert first["abstained"] is False
    assert len(first["passages"]) == 3
    assert {"article", "paragraph"} == set(first["passages"][0])
    dt.datetime.fromisoformat(first["timestamp"])


async def test_feedback_write_failure_is_friendly(bot: Any, tmp_path: Path) -> None:
    (tmp_path / "feedback.jsonl").mkdir()  # a directory: writing fails
    view = result(await invoke(bot, "ask", question="bridge")).view
    assert view is not None
    clicked = await click(view, "👍", ASKER, bot)
    assert "could not be saved" in (clicked.last.content or "")


async def test_expired_view_disables_its_buttons(bot: Any) -> None:
    interaction = await invoke(bot, "ask", question="bridge")
    view = result(interaction).view
    assert isinstance(view, PagedView)
    await view.on_timeout()
    assert all(b.disabled for b in buttons(view).values())
    assert interaction.messages[-1].edits == [{"view": view}]


async def test_button_errors_are_friendly(bot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    view = result(await invoke(bot, "ask", question="bridge")).view
    assert isinstance(view, PagedView)

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(view.feedback_log, "record", broken)
    clicked = await click(view, "👍", ASKER, bot)
    assert error(clicked) == SOMETHING_WRONG


# -------------------------------------------------------------------------------- /quote


async def test_quote_lists_quotations_in_article_order(bot: Any) -> None:
    interaction = await invoke(bot, "quote", speaker="Jane Doe")
    embed = result(interaction).embed
    assert embed is not None and (embed.title or "").startswith("Quotes from Jane Doe")
    desc = unescape(embed.description or "")
    # The quotation stands in its sentence, the quoted words in bold.
    assert (
        "“**We will start the repairs in spring and finish before winter**,” Mayor Jane Doe told"
        " reporters after the vote." in desc
    )
    assert "¶6" in desc


async def test_quote_escapes_markdown_and_mentions_in_quotations(bot: Any) -> None:
    by_text = {
        q.text: q.speaker for s in bot.engine.speakers() for q in bot.engine.quote(s.name).quotes
    }
    for fragment, expected in (("*still*", "\\*still\\*"), ("@everyone", "@\u200beveryone")):
        speaker = next(sp for text, sp in by_text.items() if fragment in text)
        embed = result(await invoke(bot, "quote", speaker=speaker)).embed
        assert embed is not None
        desc = embed.description or ""
        assert expected in desc and f" {fragment}" not in desc


async def test_quote_in_article_order(bot: Any) -> None:
    speaker = max(bot.engine.speakers(), key=lambda s: s.quote_count)
    assert speaker.quote_count >= 2
    embed = result(await invoke(bot, "quote", speaker=speaker.name)).embed
    desc = unescape(embed.description or "")  # type: ignore[union-attr]
    positions = [desc.index(q.text) for q in bot.engine.quote(speaker.name).quotes]
    assert positions == sorted(positions)
    assert f"{speaker.quote_count} quotations, in article order" in (embed.footer.text or "")  # type: ignore[union-attr]


async def test_quote_unknown_speaker_lists_who_is_quoted(bot: Any) -> None:
    interaction = await invoke(bot, "quote", speaker="Zyzzyva Nobody")
    desc = result(interaction).embed.description or ""  # type: ignore[union-attr]
    assert "Nobody called “Zyzzyva Nobody” is quoted" in desc
    for name in ("Jane Doe", "John Smith"):
        assert name in desc


async def test_quote_ambiguous_name_lists_choices(bot: Any) -> None:
    quote = bot.engine.quote("Lopez")
    assert set(quote.choices) == {"Carlos Lopez", "Maria Lopez"}
    interaction = await invoke(bot, "quote", speaker="Lopez")
    embed = result(interaction).embed
    assert embed is not None and embed.title == "Which speaker?"
    for name in quote.choices:
        assert name in (embed.description or "")


async def test_quote_rejects_unusable_names(bot: Any) -> None:
    interaction = await invoke(bot, "quote", speaker="\u200b")
    assert "invisible" in error(interaction)


async def test_quote_autocomplete(bot: Any) -> None:
    choices = await autocomplete(bot, "quote", "speaker", "jan")
    assert choices and choices[0].name == "Jane Doe"
    assert len(choices) <= 25
    assert all(len(c.name) <= 100 and len(str(c.value)) <= 100 for c in choices)
    everyone = await autocomplete(bot, "quote", "speaker", "")
    assert {c.name for c in everyone} >= {"Jane Doe", "John Smith"}


async def test_autocomplete_caps_choices_and_lengths(
    bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        bot.engine,
        "suggest_speakers",
        lambda text, limit=25: [f"{'N' * 150} {i}" for i in range(40)],
    )
    choices = await autocomplete(bot, "quote", "speaker", "n")
    assert len(choices) == 25
    assert all(len(c.name) <= 100 and c.name.endswith("…") for c in choices)
    assert all(len(str(c.value)) <= 100 for c in choices)


# --------------------------------------------------------------------- /speakers /article


async def test_speakers(bot: Any) -> None:
    embed = result(await invoke(bot, "speakers")).embed
    assert embed is not None and embed.title == "Who is quoted"
    desc = embed.description or ""
    for speaker in bot.engine.speakers():
        assert speaker.name in desc
    assert re.search(r"\*\*Jane Doe\*\*.*· \d+ quotes?", desc)


async def test_article(bot: Any) -> None:
    embed = result(await invoke(bot, "article show")).embed
    assert embed is not None and embed.title == "What I know: 1 article"
    desc = unescape(embed.description or "")
    assert "Council approves harbour bridge repairs" in desc
    assert "The Test Gazette" in desc
    assert "• Mayor Jane Doe said the repairs would start in spring." in desc
    assert re.search(r"\d+ paragraphs · \d+ quotations", desc)


async def test_article_without_title_uses_first_key_point(long_engine: Any, tmp_path: Path) -> None:
    other = await make_bot(long_engine, tmp_path)
    embed = result(await invoke(other, "article show")).embed
    assert "**Harbour bridge repairs will take months.**" in (embed.description or "")  # type: ignore[union-attr]
    await other.http.close()


async def test_help(bot: Any) -> None:
    interaction = await invoke(bot, "help")
    sent = interaction.last
    assert sent.kind == "response" and not sent.ephemeral and sent.embed is not None
    names = " ".join(f.name for f in sent.embed.fields)
    for command in ("/ask", "/quote", "/speakers", "/article", "/help"):
        assert command in names
    assert_no_mentions(interaction)


# ------------------------------------------------------------------------- tree errors


async def test_unknown_command_is_friendly(bot: Any) -> None:
    interaction = FakeInteraction(bot, ASKER, data={"id": "1", "name": "gone", "type": 1})
    from tests.bot.fakes import _run_tree

    await _run_tree(bot.tree, interaction)
    assert "try again" in error(interaction)


async def test_tree_on_error_after_an_answer_does_not_delete_it(bot: Any) -> None:
    interaction = await invoke(bot, "ask", question="bridge")
    error_ = app_commands.CommandInvokeError(bot.tree.get_command("ask"), RuntimeError("late"))
    await bot.tree.on_error(interaction, error_)
    assert not interaction.deleted_original
    assert error(interaction) == SOMETHING_WRONG


async def test_ask_scoped_to_an_article(bot: Any) -> None:
    interaction = await invoke(
        bot, "ask", question="When will the repairs start?", article="bridge"
    )
    embed = result(interaction).embed
    assert embed is not None and "**1.**" in (embed.description or "")


async def test_ask_about_an_unknown_article_is_a_private_error(bot: Any) -> None:
    interaction = await invoke(bot, "ask", question="When will the repairs start?", article="nope")
    assert "No article called “nope”" in error(interaction)


async def test_article_autocomplete_offers_the_loaded_articles(bot: Any) -> None:
    choices = await autocomplete(bot, "ask", "article", "")
    assert [c.value for c in choices] == [a.id for a in bot.engine.article_list]
    assert await autocomplete(bot, "ask", "article", "zzzz-no-such") == []


MANAGER = discord.Permissions(manage_guild=True)


async def test_article_group_has_show_and_use(bot: Any) -> None:
    [group] = [c for c in bot.tree.get_commands() if c.name == "article"]
    payload = group.to_dict(bot.tree)
    subs = {o["name"]: o for o in payload["options"]}
    assert set(subs) == {"show", "use", "add", "remove"}
    [option] = subs["use"]["options"]
    assert option["name"] == "article" and option["autocomplete"] is True


async def test_article_use_sets_the_server_default_that_ask_then_uses(
    bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = await invoke(bot, "article use", article="bridge", permissions=MANAGER)
    assert "now come from" in error(done)  # a private confirmation
    assert bot.defaults.get(1234) == "bridge"
    scopes: list[str | None] = []
    real = bot.engine.ask

    def spy(question: str, top_k: int = 3, article: str | None = None) -> Any:
        scopes.append(article)
        return real(question, top_k, article=article)

    monkeypatch.setattr(bot.engine, "ask", spy)
    result(await invoke(bot, "ask", question="When will the repairs start?"))
    result(await invoke(bot, "ask", question="When will the repairs start?", guild_id=999))
    assert scopes == ["bridge", None]  # this server's default; another server has none
    cleared = await invoke(bot, "article use", article="all", permissions=MANAGER)
    assert "every article" in error(cleared)
    assert bot.defaults.get(1234) is None


async def test_the_default_survives_a_restart(engine: Any, tmp_path: Path) -> None:
    first = await make_bot(engine, tmp_path)
    await invoke(first, "article use", article="bridge", permissions=MANAGER)
    await first.http.close()
    second = await make_bot(engine, tmp_path)  # a new process would open the same file
    assert second.defaults.get(1234) == "bridge"
    await second.http.close()


async def test_article_use_needs_manage_server_a_server_and_a_known_article(bot: Any) -> None:
    member = await invoke(bot, "article use", article="bridge")
    assert "manage this server" in error(member)
    in_dm = await invoke(bot, "article use", article="bridge", guild_id=None, permissions=MANAGER)
    assert "in a server" in error(in_dm)
    unknown = await invoke(bot, "article use", article="nope", permissions=MANAGER)
    assert "No article called “nope”" in error(unknown)
    assert bot.defaults.get(1234) is None


async def test_article_use_autocomplete_offers_all_and_the_articles(bot: Any) -> None:
    choices = await autocomplete(bot, "article use", "article", "")
    assert [c.value for c in choices] == ["all", "bridge"]


CHECK = "Check against the article"


async def test_check_against_the_article_replies_privately_with_passages_and_a_post_button(
    bot: Any,
) -> None:
    message = message_payload("Mayor Jane Doe said the repairs start in spring")
    interaction = await message_command(bot, CHECK, message)
    assert interaction.response.deferred == {"ephemeral": True, "thinking": True}
    sent = interaction.last
    assert sent.kind == "followup" and sent.ephemeral
    assert sent.embed is not None and (sent.embed.title or "").startswith("Check: Mayor Jane Doe")
    desc = unescape(sent.embed.description or "")
    assert "**1.**" in (sent.embed.description or "") and "not a ruling" in desc
    assert_no_mentions(interaction)
    assert sent.view is not None
    post = await click(sent.view, "Post to channel", FakeUser(42), bot)
    assert post.last.kind == "response" and not post.last.ephemeral
    assert post.last.embed is not None and post.last.embed.title == sent.embed.title
    [button] = [i for i in sent.view.children if getattr(i, "label", None) == "Post to channel"]
    assert button.disabled  # posted once; the private copy's button is off
    stranger = await click(sent.view, "Post to channel", FakeUser(7), bot)
    assert stranger.last.ephemeral and "Only the person who asked" in (stranger.last.content or "")


async def test_check_a_message_with_no_text_gets_a_note(bot: Any) -> None:
    for message in (
        message_payload("https://example.com/story"),
        message_payload("", embeds=[{"type": "rich", "title": "A link preview"}]),
    ):
        interaction = await message_command(bot, CHECK, message)
        assert "no text to check" in error(interaction)


async def test_check_names_what_the_article_never_mentions(bot: Any) -> None:
    message = message_payload("Governor Lars Okafor said the bridge repairs were cancelled")
    sent = (await message_command(bot, CHECK, message)).last
    assert sent.embed is not None
    assert "The article never mentions Lars Okafor." in unescape(sent.embed.description or "")
