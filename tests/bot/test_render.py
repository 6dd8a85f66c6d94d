"""Rendering of results to embeds: verbatim text, escaping, highlight, limits and pages."""

from __future__ import annotations

import re

import discord
from hypothesis import given
from hypothesis import strategies as st

from bot.render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    ArticleLabels,
    attribution,
    echo,
    fit_literal,
    highlighted,
    literal,
    paginate,
    quote_in_sentence,
    render_answer,
    render_articles,
    render_help,
    render_quotes,
    render_speakers,
    truncate,
)
from retrieval.models import (
    Answer,
    ArticleInfo,
    ParagraphKind,
    Passage,
    Quote,
    QuoteResult,
    Speaker,
)

LABELS = ArticleLabels({"a1": "Council approves bridge budget"})


def passage(
    text: str,
    *,
    start: int = 1000,
    highlight: tuple[int, int] | None = None,
    paragraph: int = 4,
    **kwargs: object,
) -> Passage:
    return Passage(
        text=text,
        article="a1",
        paragraph=paragraph,
        start=start,
        end=start + len(text),
        score=0.8,
        highlight=highlight,
        **kwargs,  # type: ignore[arg-type]
    )


def unescape(text: str) -> str:
    """What Discord displays for escaped text (backslash escapes removed, ZWSP dropped)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u200b", "")


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= TITLE_LIMIT
    assert len(embed.description or "") <= DESCRIPTION_LIMIT
    assert len(embed.fields) <= FIELD_LIMIT
    for f in embed.fields:
        assert len(f.name or "") <= FIELD_NAME_LIMIT
        assert len(f.value or "") <= FIELD_VALUE_LIMIT
    assert len(embed.footer.text or "") <= FOOTER_LIMIT
    assert len(embed) <= EMBED_TOTAL_LIMIT


# ------------------------------------------------------------------------------- truncate


def test_truncate_keeps_short_text() -> None:
    assert truncate("hello world", 11) == "hello world"


def test_truncate_cuts_at_word_boundary_with_ellipsis() -> None:
    assert truncate("the quick brown fox", 12) == "the quick…"
    assert truncate("the quick brown fox", 16) == "the quick brown…"


def test_truncate_single_long_word_is_cut_with_ellipsis() -> None:
    assert truncate("abcdefghij", 5) == "abcd…"


def test_truncate_tiny_limits() -> None:
    assert truncate("hello", 1) == "…"
    assert truncate("hello", 0) == ""


@given(st.text(max_size=300), st.integers(min_value=1, max_value=320))
def test_truncate_properties(text: str, limit: int) -> None:
    out = truncate(text, limit)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text
    else:
        assert out.endswith("…")
        kept = out[:-1]
        assert text.startswith(kept)
        # never mid-word unless the kept part is a single word
        nxt = text[len(kept)] if len(kept) < len(text) else " "
        assert nxt.isspace() or not any(c.isspace() for c in kept.strip()) or kept == ""


# ------------------------------------------------------------------------------- escaping


def test_literal_escapes_markdown_and_mentions() -> None:
    raw = "a *bold* _claim_ ~~x~~ `code` || @everyone <@123456789012345678> <@&1> > q"
    out = literal(raw)
    assert "\\*bold\\*" in out and "\\_claim\\_" in out and "\\`code\\`" in out
    assert "@everyone" not in out and "<@1" not in out and "<@&" not in out
    assert unescape(out) == raw


def test_echo_is_one_line_escaped_and_bounded() -> None:
    out = echo("**hi**\n@here <@&5>", 50)
    assert "\n" not in out and "@here" not in out and "<@&" not in out
    assert "\\*\\*hi\\*\\*" in out


@given(st.text(max_size=400), st.integers(min_value=1, max_value=400))
def test_fit_literal_fits(text: str, limit: int) -> None:
    assert len(fit_literal(text, limit)) <= limit


# ------------------------------------------------------------------------------ highlight


def test_highlight_bolds_only_the_best_sentence_and_keeps_text_verbatim() -> None:
    text = "The council met on Monday. It approved *40 million* for repairs. Work starts soon."
    a = text.index("It approved")
    b = text.index(" Work")
    p = passage(text, start=500, highlight=(500 + a, 500 + b))
    out = highlighted(p, 1000)
    assert out.count("**") == 2
    bold = out[out.index("**") + 2 : out.rindex("**")]
    assert unescape(bold) == "It approved *40 million* for repairs."
    assert unescape(out.replace("**", "")) == text


def test_highlight_whitespace_is_kept_outside_the_markers() -> None:
    text = "First. Second one. Third."
    a, b = text.index(" Second"), text.index(" Third")  # span includes the leading space
    out = highlighted(passage(text, start=0, highlight=(a, b)), 500)
    assert "** Second" not in out and "**Second one.**" in out


def test_highlight_outside_passage_is_clipped_or_ignored() -> None:
    text = "Only sentence here."
    assert highlighted(passage(text, start=10, highlight=(0, 5)), 100) == literal(text)
    out = highlighted(passage(text, start=10, highlight=(10, 10_000)), 100)
    assert out == f"**{literal(text)}**"


def test_long_passage_keeps_the_highlight_visible() -> None:
    filler = "word " * 400
    best = "The answer is here."
    text = filler + best + " " + filler
    a = text.index(best)
    out = highlighted(passage(text, start=0, highlight=(a, a + len(best))), 300)
    assert len(out) <= 300
    assert "**The answer is here.**" in out
    assert out.startswith("… ") and out.endswith("…")


@given(
    st.text(min_size=1, max_size=600),
    st.integers(0, 600),
    st.integers(0, 600),
    st.integers(20, 700),
)
def test_highlighted_always_fits(text: str, a: int, b: int, limit: int) -> None:
    lo, hi = sorted((a, b))
    out = highlighted(passage(text, start=0, highlight=(lo, hi)), limit)
    assert len(out) <= limit


# ---------------------------------------------------------------------------------- pages


def test_paginate_packs_blocks_in_order() -> None:
    pages = paginate(["a" * 40, "b" * 40, "c" * 40], limit=90)
    assert pages == ["a" * 40 + "\n\n" + "b" * 40, "c" * 40]


def test_paginate_empty_gives_one_empty_page() -> None:
    assert paginate([]) == [""]


# -------------------------------------------------------------------------------- answers


def test_answer_shows_passages_with_attribution() -> None:
    text = "“We will start the repairs in spring,” Mayor Jane Doe told reporters."
    p = passage(
        text,
        highlight=(1000, 1000 + len(text)),
        speaker="Jane Doe",
        source="told reporters",
        heading="Budget vote",
    )
    [embed] = render_answer(Answer("when do repairs start", False, (p,)), LABELS)
    assert embed.title == "Q: when do repairs start"
    desc = embed.description or ""
    assert "**1.**" in desc
    assert (
        "Jane Doe (told reporters) · ¶4 · under “Budget vote” · Council approves bridge budget"
        in (unescape(desc))
    )
    assert "doesn't say" not in desc
    assert_within_limits(embed)


def test_key_point_attribution() -> None:
    text = attribution(
        speaker=None,
        source=None,
        paragraph=1,
        kind=ParagraphKind.KEY_POINT,
        heading=None,
        article="A",
    )
    assert text == "key point · A"


def test_abstention_says_so_and_offers_closest_passages_not_as_answer() -> None:
    p = passage("The council met on Monday.", highlight=(1000, 1010))
    [embed] = render_answer(Answer("who won the match", True, (p,)), LABELS)
    desc = embed.description or ""
    assert "The article doesn't say" in desc
    assert "Closest passages" in desc and "not" in desc
    assert "The council met on Monday." in unescape(desc)
    assert desc.count("**") == 6  # "doesn't say", "not" and the number, but no highlight
    assert embed.colour == discord.Colour.light_grey()


def test_abstention_gives_its_reason_escaped() -> None:
    answer = Answer("what did the Pope say", True, (), reason="The article doesn't mention *Pope*.")
    [embed] = render_answer(answer, LABELS)
    assert "The article doesn't mention \\*Pope\\*." in (embed.description or "")


def test_abstention_without_passages() -> None:
    [embed] = render_answer(Answer("who won", True, ()), LABELS)
    assert "doesn't say" in (embed.description or "")
    assert "Closest" not in (embed.description or "")


def test_question_in_title_is_escaped() -> None:
    [embed] = render_answer(Answer("**@everyone** <@&1> pls", True, ()), LABELS)
    assert "@everyone" not in (embed.title or "") and "<@&" not in (embed.title or "")
    assert "\\*\\*" in (embed.title or "")


def test_long_answers_are_paged_within_limits() -> None:
    long_text = ("The bridge repairs will take many months and cost a lot. " * 40).strip()
    passages = tuple(
        passage(long_text, start=i * 10_000, paragraph=i, highlight=(i * 10_000, i * 10_000 + 30))
        for i in range(1, 6)
    )
    pages = render_answer(Answer("how long", False, passages), LABELS)
    assert len(pages) > 1
    for i, embed in enumerate(pages, start=1):
        assert_within_limits(embed)
        assert f"Page {i}/{len(pages)}" in (embed.footer.text or "")
    text = "\n".join(e.description or "" for e in pages)
    for n in range(1, 6):
        assert f"**{n}.**" in text


def test_passage_text_with_markdown_renders_literally() -> None:
    text = "Smith said the bridge is *still* standing_ok > fine `x` ||y|| @everyone"
    [embed] = render_answer(Answer("q", False, (passage(text),)), LABELS)
    desc = embed.description or ""
    assert "@everyone" not in desc
    assert text in unescape(desc)


# --------------------------------------------------------------------------------- quotes


def quote(text: str, paragraph: int, source: str | None = "said") -> Quote:
    return Quote(
        text, "a1", paragraph, paragraph * 100, paragraph * 100 + len(text), "Jane Doe", source
    )


def test_quotes_in_given_order_with_source_and_paragraph() -> None:
    result = QuoteResult(
        "jane",
        "Jane Doe",
        (quote("We will start in spring", 5, "told reporters"), quote("It is *safe*", 9)),
    )
    speakers = (Speaker("Jane Doe", "mayor", "person", 2),)
    [embed] = render_quotes(result, LABELS, speakers)
    assert embed.title == "Quotes from Jane Doe, mayor"
    desc = unescape(embed.description or "")
    assert desc.index("We will start in spring") < desc.index("It is *safe*")
    assert "told reporters · ¶5" in desc and "said · ¶9" in desc
    assert "2 quotations" in (embed.footer.text or "")


def test_unknown_speaker_lists_who_is_quoted() -> None:
    result = QuoteResult("Nobody", None, (), (), ("Jane Doe", "John Smith"))
    [embed] = render_quotes(result, LABELS)
    desc = embed.description or ""
    assert "Nobody called “Nobody” is quoted" in desc
    assert "Jane Doe" in desc and "John Smith" in desc


def test_ambiguous_speaker_lists_choices() -> None:
    result = QuoteResult("J", None, (), ("Jane Doe", "John Smith"), ("Jane Doe", "John Smith"))
    [embed] = render_quotes(result, LABELS)
    assert embed.title == "Which speaker?"
    assert "• Jane Doe" in (embed.description or "")
    assert "/quote speaker: Jane Doe" in (embed.description or "")


def test_many_speakers_are_paged() -> None:
    names = tuple(f"Speaker number {i} with a long name" for i in range(400))
    pages = render_quotes(QuoteResult("x", None, (), (), names), LABELS)
    assert len(pages) > 1
    for e in pages:
        assert_within_limits(e)


# ----------------------------------------------------------------------- speakers/articles


def test_speakers_with_roles_and_counts() -> None:
    [embed] = render_speakers(
        (
            Speaker("Jane Doe", "mayor", "person", 3),
            Speaker("City Council", None, "organization", 1),
        )
    )
    desc = embed.description or ""
    assert "**Jane Doe** — mayor · 3 quotes" in desc
    assert "**City Council** (organisation) · 1 quote" in desc
    assert "2 speakers, 4 quotations" in (embed.footer.text or "")


def test_no_speakers() -> None:
    [embed] = render_speakers(())
    assert "nobody" in (embed.description or "")


def test_articles_use_title_or_first_key_point() -> None:
    articles = (
        ArticleInfo("a1", "Bridge budget", ("Council approves", "Mayor pleased"), 12, 4),
        ArticleInfo("a2", None, ("Putin and Trump agree on a ceasefire", "Talks next week"), 30, 9),
    )
    [embed] = render_articles(articles, unreadable=1)
    desc = embed.description or ""
    assert "**Bridge budget**" in desc and "• Council approves" in desc
    assert "**Putin and Trump agree on a ceasefire**" in desc and "• Talks next week" in desc
    assert "12 paragraphs · 4 quotations" in desc and "30 paragraphs · 9 quotations" in desc
    assert embed.title == "What I know: 2 articles"
    assert "1 file could not be read" in (embed.footer.text or "")


def test_help_lists_every_command_with_examples() -> None:
    embed = render_help(5, 30)
    names = [f.name for f in embed.fields]
    for cmd in ("/ask", "/quote", "/speakers", "/article", "/help"):
        assert any(n.startswith(cmd) for n in names)
    assert "Example" in embed.fields[0].value
    assert "5 questions every 30 seconds" in (embed.footer.text or "")
    assert_within_limits(embed)


def _partial_quote(sentence: str, words: str, offset: int = 100) -> Quote:
    at = offset + sentence.index(words)
    return Quote(
        text=words,
        article="a",
        paragraph=3,
        start=at,
        end=at + len(words),
        speaker="Ana Lind",
        sentence_start=offset,
        sentence_end=offset + len(sentence),
        sentence=sentence,
    )


def test_a_partial_quote_is_shown_in_its_sentence_with_the_words_in_bold() -> None:
    sentence = "Lind called the plan “reckless” in a statement on Monday."
    shown = quote_in_sentence(_partial_quote(sentence, "reckless"), 500)
    assert shown == "Lind called the plan “**reckless**” in a statement on Monday."


def test_a_long_sentence_is_trimmed_at_word_boundaries_around_the_quote() -> None:
    sentence = (
        "After a morning of long and often heated exchanges about the budget, the timetable and "
        "the contractors, Lind called the plan “reckless” and said the council would need "
        "several more weeks of hearings before any vote could be scheduled for the spring."
    )
    shown = quote_in_sentence(_partial_quote(sentence, "reckless"), 500, context=40)
    assert "**reckless**" in shown
    assert shown.startswith("…") and shown.endswith("…")
    before, after = shown.split("**reckless**")
    assert len(before) <= 40 and len(after) <= 40
    for part in (before.strip("…"), after.strip("…")):  # whole words only
        assert part.strip() in sentence


def test_markdown_in_the_sentence_is_shown_literally() -> None:
    sentence = "She wrote *never* about “the **plan**” again."
    shown = quote_in_sentence(_partial_quote(sentence, "the **plan**"), 500)
    assert unescape(shown) == "She wrote *never* about “**the **plan****” again."
    assert "\\*never\\*" in shown


def test_an_article_that_looks_malformed_says_why() -> None:
    info = ArticleInfo("a1", "Bridge", (), 12, 0, warnings=("almost no sentence punctuation",))
    [embed] = render_articles([info])
    assert "⚠ almost no sentence punctuation" in (embed.description or "")
