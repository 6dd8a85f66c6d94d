"""Turn core results into Discord embeds: pure functions, no I/O, unit-testable.

Article text is shown verbatim: markdown characters are escaped so that they render literally and
mention syntax is neutralised; only the best sentence of a passage is bolded. Everything is cut to
Discord's limits at word boundaries with an ellipsis, and long results are split into pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import discord

from bot.validation import ASK_EXAMPLE, QUOTE_EXAMPLE
from retrieval.claims import Verdict
from retrieval.models import (
    Answer,
    ArticleInfo,
    ParagraphKind,
    Passage,
    Quote,
    QuoteResult,
    Speaker,
)

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000
CHOICE_NAME_LIMIT = 100

# A page holds at most this much description text, so that a long result is paged rather than
# shown as one wall of text (and title + footer always fit in the 6000-character total).
PAGE_CHARS = 3500
QUOTE_CONTEXT_CHARS = 160  # characters of the sentence shown on each side of a quotation
PASSAGE_CHARS = 1500  # one passage never takes more than this on a page
ELLIPSIS = "…"

COLOR_ANSWER = discord.Colour.green()
COLOR_ABSTAIN = discord.Colour.light_grey()
COLOR_INFO = discord.Colour.blurple()
COLOR_ERROR = discord.Colour.red()

_ZWSP = "\u200b"
_MENTION = re.compile(r"<(?=[@#/]|a?:|t:)")
_AT_EVERYONE = re.compile(r"@(?=everyone|here)", re.IGNORECASE)


# --------------------------------------------------------------------------------------- text


def truncate(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else cut at a word boundary and end with "…".

    A single word longer than the limit is cut inside the word (the ellipsis marks the cut).
    """
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    if limit == 1:
        return ELLIPSIS
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: back off to its start
        boundary = next((i for i in range(len(cut) - 1, 0, -1) if cut[i].isspace()), 0)
        if boundary > 0:
            cut = cut[:boundary]
    return cut.rstrip() + ELLIPSIS


def neutralise_mentions(text: str) -> str:
    """Make @everyone, @here and <@id>/<@&id>/<#id> render as text (a zero-width space)."""
    return _MENTION.sub("<" + _ZWSP, _AT_EVERYONE.sub("@" + _ZWSP, text))


def literal(text: str) -> str:
    """Text that Discord renders literally: markdown escaped, mentions neutralised."""
    return neutralise_mentions(discord.utils.escape_markdown(text))


def echo(user_text: str, limit: int) -> str:
    """The user's own text, safe to show back to them (escaped, one line, cut to `limit`)."""
    return fit_literal(" ".join(user_text.split()), limit)


def fit_literal(text: str, limit: int) -> str:
    """`literal(text)` cut so that the escaped result fits in `limit` characters."""
    out = literal(text)
    raw_limit = len(text)
    while len(out) > limit and raw_limit > 0:
        raw_limit = min(raw_limit - 1, raw_limit - (len(out) - limit))
        out = literal(truncate(text, max(raw_limit, 0)))
    return out


def _bold(text: str, limit: int) -> str:
    """Bold `text` (escaped), keeping surrounding whitespace outside the markers."""
    core = text.strip()
    if not core:
        return fit_literal(text, limit)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    if len(lead) + len(trail) + 4 >= limit:
        return "**" + fit_literal(core, max(limit - 4, 1)) + "**"
    return lead + "**" + fit_literal(core, limit - 4 - len(lead) - len(trail)) + "**" + trail


def highlighted(passage: Passage, limit: int, *, highlight: bool = True) -> str:
    """The passage's verbatim text, escaped, with its best sentence in bold, within `limit`."""
    text = passage.text
    span = _relative_span(passage) if highlight else None
    if span is None:
        return fit_literal(text, limit)
    a, b = span
    before, mid, after = text[:a], text[a:b], text[b:]
    head, core, tail = literal(before), _bold(mid, limit), literal(after)
    if len(head) + len(core) + len(tail) <= limit:
        return head + core + tail
    if len(head) + len(core) < limit:  # drop the end of the passage
        return head + core + fit_literal(after, limit - len(head) - len(core))
    lead = ELLIPSIS + " " if before else ""
    if len(lead) + len(core) < limit:  # drop the start too, keep the best sentence
        return lead + core + fit_literal(after, limit - len(lead) - len(core))
    return lead + _bold(mid, limit - len(lead))


def _relative_span(passage: Passage) -> tuple[int, int] | None:
    if passage.highlight is None:
        return None
    a = max(passage.highlight[0] - passage.start, 0)
    b = min(passage.highlight[1] - passage.start, len(passage.text))
    return (a, b) if b > a else None


# ------------------------------------------------------------------------------------- pages


def paginate(blocks: Iterable[str], limit: int = PAGE_CHARS, sep: str = "\n\n") -> list[str]:
    """Pack text blocks into as few pages as fit in `limit` characters, in order.

    A block longer than a page is cut to fit (callers keep blocks shorter than that).
    """
    pages: list[str] = []
    current = ""
    for raw in blocks:
        block = raw if len(raw) <= limit else truncate(raw, limit)
        if current and len(current) + len(sep) + len(block) > limit:
            pages.append(current)
            current = block
        else:
            current = f"{current}{sep}{block}" if current else block
    if current or not pages:
        pages.append(current)
    return pages


def build_pages(
    title: str,
    descriptions: Sequence[str],
    *,
    colour: discord.Colour,
    footer: str | None = None,
) -> list[discord.Embed]:
    """One embed per description; titles and footers cut to their limits, "Page i/n" added."""
    total = len(descriptions)
    embeds: list[discord.Embed] = []
    for i, description in enumerate(descriptions, start=1):
        embed = discord.Embed(
            title=truncate(title, TITLE_LIMIT),
            description=truncate(description, DESCRIPTION_LIMIT),
            colour=colour,
        )
        parts = [footer] if footer else []
        if total > 1:
            parts.append(f"Page {i}/{total}")
        if parts:
            embed.set_footer(text=truncate(" · ".join(parts), FOOTER_LIMIT))
        embeds.append(embed)
    return embeds


# ---------------------------------------------------------------------------------- answers


@dataclass(frozen=True, slots=True)
class ArticleLabels:
    """How to name each article in attributions: its title, else its first key point, else id."""

    labels: Mapping[str, str]

    @classmethod
    def from_articles(cls, articles: Iterable[ArticleInfo]) -> ArticleLabels:
        """The labels of `articles`, keyed by article id."""
        return cls({a.id: article_label(a) for a in articles})

    def __call__(self, article_id: str) -> str:
        return self.labels.get(article_id, article_id)


def article_label(article: ArticleInfo, limit: int = 80) -> str:
    """The article's title, or its first key point when it has no title, or its id."""
    name = article.title or (article.key_points[0] if article.key_points else article.id)
    return truncate(name, limit)


def attribution(
    *,
    speaker: str | None,
    source: str | None,
    paragraph: int,
    kind: ParagraphKind | str,
    heading: str | None,
    article: str,
) -> str:
    """ "Speaker (source) · ¶12 · under “Heading” · Article" — literal text, no markdown."""
    parts: list[str] = []
    who = speaker or ""
    if source and source != speaker:
        who = f"{who} ({source})" if who else source
    if who:
        parts.append(who)
    parts.append("key point" if kind == ParagraphKind.KEY_POINT else f"¶{paragraph}")
    if heading:
        parts.append(f"under “{heading}”")
    parts.append(article)
    return " · ".join(parts)


def render_passage(
    number: int,
    passage: Passage,
    labels: ArticleLabels,
    *,
    highlight: bool = True,
    limit: int = PASSAGE_CHARS,
) -> str:
    """A numbered passage: quoted verbatim text, then its attribution on its own line."""
    credit = attribution(
        speaker=passage.speaker,
        source=passage.source,
        paragraph=passage.paragraph,
        kind=passage.kind,
        heading=passage.heading,
        article=labels(passage.article),
    )
    credit_line = "— " + fit_literal(credit, 300)
    prefix = f"**{number}.** "
    body = highlighted(passage, limit - len(prefix) - len(credit_line) - 1, highlight=highlight)
    return f"{prefix}{body}\n{credit_line}"


def render_answer(answer: Answer, labels: ArticleLabels) -> list[discord.Embed]:
    """Pages for `/ask`: the best passages, or "The article doesn't say" with the closest ones."""
    question = echo(answer.question, TITLE_LIMIT - 4)
    if not answer.abstained and answer.passages:
        blocks = [render_passage(i, p, labels) for i, p in enumerate(answer.passages, start=1)]
        return build_pages(
            f"Q: {question}",
            paginate(blocks),
            colour=COLOR_ANSWER,
            footer="Verbatim from the article; the best-matching sentence is in bold",
        )
    intro = (
        "**The article doesn't say.** Nothing in it answers this question, so there is no "
        "answer to quote."
    )
    if answer.reason:
        intro += f"\n{fit_literal(answer.reason, 300)}"
    if answer.passages:
        intro += "\nClosest passages — shown as they are, **not** as an answer:"
        blocks = [intro] + [
            render_passage(i, p, labels, highlight=False)
            for i, p in enumerate(answer.passages, start=1)
        ]
    else:
        blocks = [intro]
    return build_pages(
        f"Q: {question}",
        paginate(blocks),
        colour=COLOR_ABSTAIN,
        footer="Try rephrasing with names or words the article uses",
    )


# ----------------------------------------------------------------------------------- claims

COLOR_CAUTION = discord.Colour.orange()


def render_verdict(verdict: Verdict, labels: ArticleLabels) -> list[discord.Embed]:
    """Pages for "Check against the article": the plain verdict, then the passages that bear on
    the claim, verbatim with attribution. Never "true" or "false"."""
    title = f"Check: {echo(verdict.claim, TITLE_LIMIT - 10)}"
    notes = "\n".join(f"• {fit_literal(n, 400)}" for n in verdict.notes)
    if not verdict.covered:
        colour = COLOR_ABSTAIN
        if verdict.passages:
            notes += "\nClosest passages — shown as they are, **not** as support:"
    elif verdict.unknown_names or verdict.numbers:
        colour = COLOR_CAUTION
    else:
        colour = COLOR_ANSWER
    blocks = [notes] + [
        render_passage(i, p, labels, highlight=verdict.covered)
        for i, p in enumerate(verdict.passages, start=1)
    ]
    return build_pages(
        title,
        paginate(blocks),
        colour=colour,
        footer="Verbatim from the article · what it covers, not a ruling on the claim",
    )


# ----------------------------------------------------------------------------------- quotes


def render_quote(number: int, quote: Quote, labels: ArticleLabels) -> str:
    """A numbered quotation in curly quotes, with its source phrase and paragraph."""
    credit = attribution(
        speaker=None,
        source=quote.source,
        paragraph=quote.paragraph,
        kind=ParagraphKind.BODY,
        heading=None,
        article=labels(quote.article),
    )
    credit_line = "— " + fit_literal(credit, 300)
    prefix = f"**{number}.** "
    budget = PASSAGE_CHARS - len(prefix) - len(credit_line) - 2
    return f"{prefix}{quote_in_sentence(quote, budget)}\n{credit_line}"


def quote_in_sentence(quote: Quote, limit: int, context: int = QUOTE_CONTEXT_CHARS) -> str:
    """The quotation inside its sentence, the quoted words in bold, the sentence trimmed at word
    boundaries on either side when long ("…called the plan “**reckless**” in a statement.")."""
    if quote.sentence is None or quote.sentence_start is None:
        return "“" + fit_literal(quote.text, limit - 2) + "”"
    at = quote.start - quote.sentence_start
    before = quote.sentence[:at]
    after = quote.sentence[at + len(quote.text) :]
    before = literal(truncate_left(before, context)) if before else ""
    after = literal(truncate(after, context)) if after else ""
    words = fit_literal(quote.text, max(limit - len(before) - len(after) - 4, 40))
    return f"{before}**{words}**{after}"


def truncate_left(text: str, limit: int) -> str:
    """`text` if it fits, else its end cut at a word boundary and opened with "…"."""
    if len(text) <= limit:
        return text
    reversed_cut = truncate(text[::-1], limit)
    return reversed_cut[::-1]


def render_quotes(
    result: QuoteResult, labels: ArticleLabels, speakers: Sequence[Speaker] = ()
) -> list[discord.Embed]:
    """Pages for `/quote`: the speaker's quotations in article order, or why there are none."""
    query = echo(result.query, 80)
    if result.speaker is None and result.choices:
        names = "\n".join(f"• {literal(name)}" for name in result.choices[:FIELD_LIMIT])
        text = (
            f"“{query}” matches several people. Which one did you mean?\n{names}\n\n"
            f"Try for example `/quote speaker: {result.choices[0][:80].replace('`', '')}`."
        )
        return build_pages("Which speaker?", paginate([text]), colour=COLOR_INFO)
    if result.speaker is None:
        return _unknown_speaker(query, result.available)
    speaker = next((s for s in speakers if s.name == result.speaker), None)
    title = f"Quotes from {result.speaker}"
    if speaker and speaker.role:
        title += f", {speaker.role}"
    if not result.quotes:
        text = (
            f"The article mentions {literal(result.speaker)} but quotes no words of theirs "
            "directly."
        )
        return build_pages(title, [text], colour=COLOR_INFO)
    blocks = [render_quote(i, q, labels) for i, q in enumerate(result.quotes, start=1)]
    count = len(result.quotes)
    footer = f"{count} quotation{'s' if count != 1 else ''}, in article order"
    return build_pages(title, paginate(blocks), colour=COLOR_ANSWER, footer=footer)


def _unknown_speaker(query: str, available: Sequence[str]) -> list[discord.Embed]:
    if not available:
        return build_pages(
            "Nobody is quoted",
            [f"Nobody called “{query}” is quoted — in fact the articles quote nobody."],
            colour=COLOR_INFO,
        )
    names = [f"• {literal(name)}" for name in available]
    intro = f"Nobody called “{query}” is quoted. These people and organisations are:"
    pages = paginate([intro, *names], sep="\n")
    return build_pages(
        "Unknown speaker",
        pages,
        colour=COLOR_INFO,
        footer=f"Try {QUOTE_EXAMPLE.strip('`')}",
    )


# ------------------------------------------------------------------------- speakers/articles


def render_speakers(speakers: Sequence[Speaker]) -> list[discord.Embed]:
    """Pages for `/speakers`: who is quoted, with role and number of quotations."""
    if not speakers:
        return build_pages(
            "Who is quoted", ["The articles quote nobody directly."], colour=COLOR_INFO
        )
    lines = []
    for s in speakers:
        line = f"• **{literal(truncate(s.name, 100))}**"
        if s.role:
            line += f" — {literal(truncate(s.role, 200))}"
        if s.kind == "organization":
            line += " (organisation)"
        line += f" · {s.quote_count} quote{'s' if s.quote_count != 1 else ''}"
        lines.append(line)
    total = sum(s.quote_count for s in speakers)
    return build_pages(
        "Who is quoted",
        paginate(lines, sep="\n"),
        colour=COLOR_INFO,
        footer=f"{len(speakers)} speakers, {total} quotations · /quote speaker:<name> lists them",
    )


def render_articles(
    articles: Sequence[ArticleInfo], unreadable: int = 0, default: str | None = None
) -> list[discord.Embed]:
    """Pages for `/article show`: each article's title, key points, paragraph and quote counts,
    and the article this server's questions come from (`default`, its label), if one is set."""
    notes = []
    if default:
        notes.append(f"This server asks about: {truncate(default, 120)}")
    if unreadable:
        notes.append(f"{unreadable} file{'s' if unreadable != 1 else ''} could not be read")
    footer = " · ".join(notes) or None
    if not articles:
        return build_pages(
            "What I know", ["No article is loaded."], colour=COLOR_INFO, footer=footer
        )
    blocks = []
    for a in articles:
        lines = [f"**{literal(article_label(a, 200))}**"]
        meta = [a.metadata[k] for k in ("outlet", "date", "author") if a.metadata.get(k)]
        if meta:
            lines.append(literal(" · ".join(meta)))
        if a.metadata.get("url"):
            lines.append(a.metadata["url"][:300])
        points = a.key_points if a.title else a.key_points[1:]
        if points:
            lines.append("Key points:")
            lines.extend(f"• {fit_literal(p, 400)}" for p in points)
        lines.append(
            f"{a.paragraphs} paragraph{'s' if a.paragraphs != 1 else ''} · "
            f"{a.quotes} quotation{'s' if a.quotes != 1 else ''}"
        )
        lines.extend(f"⚠ {fit_literal(w, 300)}" for w in a.warnings)
        blocks.append(truncate("\n".join(lines), PAGE_CHARS))
    count = len(articles)
    title = "What I know: 1 article" if count == 1 else f"What I know: {count} articles"
    return build_pages(title, paginate(blocks), colour=COLOR_INFO, footer=footer)


HELP_TEXT: tuple[tuple[str, str], ...] = (
    (
        "/ask question:<text> [count:1-5] [article]",
        "Answers from the article by quoting it word for word, with who said it, where "
        "(paragraph ¶) and in which article. The best sentence is in bold. If the article "
        "doesn't say, I tell you so and why, and show the closest passages instead. `article` "
        "picks one article (start typing for suggestions).\n"
        f"Example: {ASK_EXAMPLE}",
    ),
    (
        "/quote speaker:<name>",
        "Everything a person or organisation is quoted as saying, in article order, with how "
        "the words reached the article. Start typing a name for suggestions.\n"
        f"Example: {QUOTE_EXAMPLE}",
    ),
    ("/speakers", "Who is quoted, with their role and how many quotations.\nExample: `/speakers`"),
    (
        "Check against the article (right-click a message → Apps)",
        "Checks a claim someone posted: the passages that bear on it, and what the article does "
        "and doesn't cover (names it never mentions, numbers it gives differently). Only you "
        "see it, until you press “Post to channel”.",
    ),
    (
        "/article show · use · add · remove",
        "What I know: each article's title, key points, paragraph and quotation counts. "
        "Members who can manage the server choose which article its questions come from with "
        "`/article use` (`all` for every article), add one by its link with `/article add` and "
        "remove one with `/article remove`.\n"
        "Example: `/article show`",
    ),
    ("/help", "This message."),
)


def render_help(rate: int = 0, per: float = 0) -> discord.Embed:
    """The `/help` embed: each command with an example."""
    embed = discord.Embed(
        title="articlebot — answers quoted straight from the article",
        description=(
            "I never paraphrase: every answer is a verbatim passage with its attribution. "
            "Use ◀ ▶ to page through long results and 👍/👎 to tell us if an answer helped."
        ),
        colour=COLOR_INFO,
    )
    for name, value in HELP_TEXT:
        embed.add_field(name=name, value=value, inline=False)
    if rate:
        embed.set_footer(text=f"Up to {rate} questions every {per:g} seconds per person.")
    return embed


def error_embed(message: str) -> discord.Embed:
    """A short red embed for errors shown after deferring (the message is already friendly)."""
    return discord.Embed(description=truncate(message, DESCRIPTION_LIMIT), colour=COLOR_ERROR)
