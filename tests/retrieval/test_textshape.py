"""Articles in other plain-text shapes give the same paragraphs, quotations and answers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval.articles import load_article
from retrieval.embedding import HashingEncoder
from retrieval.engine import Engine
from retrieval.library import Library
from retrieval.textshape import is_hard_wrapped, normalise, warnings
from tests.conftest import SEEDS, TEST_ARTICLES

OURS = sorted(TEST_ARTICLES.glob("*.txt"))
QUESTIONS = ("What did the minister say?", "Who was quoted about prices?", "What was decided?")


def _wrapped(text: str, width: int) -> str:
    """Every paragraph cut into lines of `width` columns, a blank line between paragraphs."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        out.append(textwrap.fill(line, width=width, break_on_hyphens=False, break_long_words=False))
    return "\n\n".join(out) + "\n"


def _markdown(text: str) -> str:
    """Headings marked with '## ', Windows line ends and a byte-order mark."""
    article = load_article(next(p for p in OURS if p.read_text(encoding="utf-8") == text))
    headings = {p.text for p in article.paragraphs if p.kind.value == "heading"}
    lines = [f"## {line}" if line in headings else line for line in text.splitlines()]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def _shape(path: Path, text: str, tmp: Path):
    folder = tmp / path.stem
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    target.write_text(text, encoding="utf-8", newline="")
    article = load_article(target)
    library = Library.from_articles([article])
    engine = Engine.from_library(library, HashingEncoder(), None)
    return (
        [(p.kind, p.text) for p in article.paragraphs],
        [(q.text, q.speaker, q.source) for q in library.quotes],
        [[p.text for p in engine.ask(q).passages] for q in QUESTIONS],
    )


@settings(
    max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(OURS), st.integers(min_value=40, max_value=100))
def test_hard_wrapped_and_markdown_versions_match_the_one_line_version(
    tmp_path: Path, path: Path, width: int
) -> None:
    original = path.read_text(encoding="utf-8")
    expected = _shape(path, original, tmp_path / "one")
    wrapped = _wrapped(original, width)
    assert is_hard_wrapped(wrapped) or all(len(line) <= width for line in original.splitlines())
    assert _shape(path, wrapped, tmp_path / f"wrapped{width}") == expected
    assert _shape(path, _markdown(original), tmp_path / "markdown") == expected


@pytest.mark.parametrize("path", [*OURS, *SEEDS.glob("*.txt")], ids=lambda p: p.name)
def test_one_paragraph_per_line_articles_are_left_as_they_are(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not is_hard_wrapped(text)
    assert normalise(text) == text


def test_a_blank_line_between_one_line_paragraphs_is_not_wrapping() -> None:
    text = "First paragraph ends here.\n\nSecond paragraph, also whole.\n"
    assert not is_hard_wrapped(text) and normalise(text) == text


def test_list_items_and_headings_inside_a_wrapped_block_start_new_paragraphs() -> None:
    text = (
        "# Council votes\n\n"
        "The council voted on Monday to close the\nold bridge for repairs.\n\n"
        "- The vote was 7 to 2\n- Work starts in May\n\n"
        "Mayor Ana Lind said the repairs were\n“long overdue” and would take a year.\n"
    )
    assert normalise(text).splitlines() == [
        "Council votes",
        "The council voted on Monday to close the old bridge for repairs.",
        "- The vote was 7 to 2",
        "- Work starts in May",
        "Mayor Ana Lind said the repairs were “long overdue” and would take a year.",
    ]


def test_malformed_text_is_named() -> None:
    cut = ["He said “this is", "not closed and", "neither “is this", "nor “that", "or “the"]
    assert any("unpaired quotation mark" in w for w in warnings(cut))
    listing = ["apples", "pears", "plums", "figs"]
    assert any("sentence punctuation" in w for w in warnings(listing))
    assert warnings(["A normal sentence.", "Another one.", "“Quoted,” she said."]) == []


def test_the_warnings_reach_the_article_list(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("apples\npears\nplums\nfigs and dates\n", encoding="utf-8")
    from retrieval.config import Settings

    [info] = Library.load(Settings(seeds_dir=tmp_path, cache_dir=None)).infos()
    assert any("sentence punctuation" in w for w in info.warnings)
