"""Read articles from a seeds folder and split them into paragraphs with exact offsets.

An article is any ``*.txt`` file in the seeds folder: one paragraph per line, blank lines ignored;
hard-wrapped text, Windows line ends, a byte-order mark and markdown headings are normalised on
load (`retrieval.textshape`), and an article that looks malformed is logged with the reason.
Lines starting with ``- `` (or ``* ``/``• ``) at the top of an article are its "key points". A short
line without closing punctuation that is followed by body text is a section heading: it is not a
passage of its own but context for the paragraphs under it.

Optional metadata sits in a sidecar ``<stem>.json`` next to the article (title, outlet, date, url);
nothing is invented when it is absent.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.errors import ArticleLoadError, NoArticles
from retrieval.models import Paragraph, ParagraphKind
from retrieval.textshape import normalise
from retrieval.textshape import warnings as shape_warnings

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
_BULLET = re.compile(r"^[ \t]*(?:[-*•–])[ \t]+")
_HEADING_MAX_WORDS = 8
_METADATA_KEYS = ("title", "outlet", "date", "url", "author")


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its id (file stem), full text, paragraphs and optional metadata."""

    id: str
    path: Path
    text: str
    paragraphs: tuple[Paragraph, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # why the text looks malformed, if it does

    @property
    def digest(self) -> str:
        """The SHA-256 hex digest of the article's text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def title(self) -> str | None:
        """The article's title from its metadata, if it has one."""
        return self.metadata.get("title")

    def paragraph(self, number: int) -> Paragraph | None:
        """The paragraph numbered `number`, or None when there is none."""
        for p in self.paragraphs:
            if p.number == number:
                return p
        return None

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """Paragraphs that are passages (key points and body text, not headings)."""
        return tuple(p for p in self.paragraphs if p.kind is not ParagraphKind.HEADING)


def _is_heading(line: str, next_line: str | None) -> bool:
    stripped = line.strip()
    if not stripped or next_line is None or not next_line.strip():
        return False
    if len(stripped.split()) > _HEADING_MAX_WORDS or len(stripped) > 80:
        return False
    if stripped[-1] in ".!?,;:\"”’'»)]" or _BULLET.match(line):
        return False
    # Headings start with a capital or digit and the next line is longer prose.
    return (stripped[0].isupper() or stripped[0].isdigit()) and len(next_line.strip()) > len(
        stripped
    )


def split_paragraphs(article_id: str, text: str) -> tuple[Paragraph, ...]:
    """Split an article's text into paragraphs with 1-based line numbers and exact offsets."""
    # Lines end at "\n" only (a "\r" before it is stripped): str.splitlines would also split at
    # U+2028, form feeds and other separators, and shift every later paragraph number.
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    # Line texts without their line ending, with their start offsets.
    entries: list[tuple[int, int, str]] = []  # (number, start, content)
    offset = 0
    for number, raw in enumerate(lines, start=1):
        content = raw.rstrip("\r\n")
        entries.append((number, offset, content))
        offset += len(raw)
    non_blank = [e for e in entries if e[2].strip()]
    paragraphs: list[Paragraph] = []
    heading: str | None = None
    in_key_points = True
    for i, (number, start, content) in enumerate(non_blank):
        nxt = non_blank[i + 1][2] if i + 1 < len(non_blank) else None
        lead = len(content) - len(content.lstrip())
        trail = len(content) - len(content.rstrip())
        bullet = _BULLET.match(content)
        if bullet and in_key_points:
            kind = ParagraphKind.KEY_POINT
            lead = bullet.end()
        elif _is_heading(content, nxt):
            kind = ParagraphKind.HEADING
            in_key_points = False
        else:
            kind = ParagraphKind.BODY
            in_key_points = False
        p_start, p_end = start + lead, start + len(content) - trail
        para = Paragraph(
            article=article_id,
            number=number,
            start=p_start,
            end=p_end,
            text=text[p_start:p_end],
            kind=kind,
            heading=heading if kind is ParagraphKind.BODY else None,
        )
        if kind is ParagraphKind.HEADING:
            heading = para.text
        paragraphs.append(para)
    return tuple(paragraphs)


def _read_metadata(path: Path) -> dict[str, str]:
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignoring unreadable metadata %s: %s", sidecar, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("ignoring metadata %s: not a JSON object", sidecar)
        return {}
    return {k: str(data[k]).strip() for k in _METADATA_KEYS if data.get(k)}


def load_article(path: Path) -> Article:
    """Read one article file; raise ArticleLoadError naming the file when it is unusable."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleLoadError(
                str(path), f"too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleLoadError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    if b"\x00" in raw:
        raise ArticleLoadError(str(path), "looks like a binary file, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleLoadError(str(path), f"is not valid UTF-8 (byte {exc.start})") from exc
    # The article's text is the file's, made one paragraph per line (line ends, byte-order mark,
    # hard wrapping, markdown headings): every offset and quotation refers to this text.
    text = normalise(text)
    paragraphs = split_paragraphs(path.stem, text)
    if not any(p.kind is not ParagraphKind.HEADING for p in paragraphs):
        raise ArticleLoadError(str(path), "is empty")
    problems = tuple(shape_warnings([p.text for p in paragraphs]))
    for problem in problems:
        log.warning("%s looks malformed: %s", path.name, problem)
    return Article(
        id=path.stem,
        path=path,
        text=text,
        paragraphs=paragraphs,
        metadata=_read_metadata(path),
        warnings=problems,
    )


@dataclass(frozen=True, slots=True)
class LoadReport:
    articles: tuple[Article, ...]
    errors: tuple[ArticleLoadError, ...]


def load_seeds(folder: Path) -> LoadReport:
    """Load every ``*.txt`` article in `folder` (sorted by name); bad files are reported, skipped.

    Raises NoArticles when the folder is missing or no article in it could be read.
    """
    if not folder.is_dir():
        raise NoArticles(f"The seeds folder {folder} does not exist.")
    articles: list[Article] = []
    errors: list[ArticleLoadError] = []
    for path in sorted(folder.glob("*.txt")):
        try:
            articles.append(load_article(path))
        except ArticleLoadError as exc:
            log.warning("skipping article: %s", exc)
            errors.append(exc)
    if not articles:
        detail = f" ({'; '.join(str(e) for e in errors)})" if errors else ""
        raise NoArticles(f"No readable article (*.txt) in {folder}{detail}.")
    return LoadReport(tuple(articles), tuple(errors))
