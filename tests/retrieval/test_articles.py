"""Reading articles: paragraphs, key points, headings, offsets, metadata and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.articles import load_article, load_seeds, split_paragraphs
from retrieval.errors import ArticleLoadError, NoArticles
from retrieval.models import ParagraphKind
from tests.conftest import SEEDS

ARTICLE = (
    "- First key point of the story.\n"
    "- Second key point, with “curly quotes.”\n"
    "\n"
    "The body starts here and goes on for a while.\r\n"
    "Market reaction\n"
    "Stocks fell sharply after the announcement, traders said.\n"
    "   Indented paragraph with trailing spaces.   \n"
)


def test_paragraphs_keep_line_numbers_kinds_and_exact_offsets() -> None:
    paras = split_paragraphs("a", ARTICLE)
    assert [p.number for p in paras] == [1, 2, 4, 5, 6, 7]
    assert [p.kind for p in paras] == [
        ParagraphKind.KEY_POINT,
        ParagraphKind.KEY_POINT,
        ParagraphKind.BODY,
        ParagraphKind.HEADING,
        ParagraphKind.BODY,
        ParagraphKind.BODY,
    ]
    for p in paras:
        assert ARTICLE[p.start : p.end] == p.text
        assert p.text == p.text.strip()
    assert paras[0].text == "First key point of the story."
    assert paras[4].heading == "Market reaction"
    assert paras[2].heading is None


def test_only_newlines_end_a_paragraph() -> None:
    text = "First line with a\u2028line separator and a \x0c form feed.\r\nSecond line.\n"
    paras = split_paragraphs("a", text)
    assert [p.number for p in paras] == [1, 2]
    assert paras[0].text == "First line with a\u2028line separator and a \x0c form feed."
    assert paras[1].text == "Second line."


def test_bullets_after_the_body_are_not_key_points() -> None:
    paras = split_paragraphs("a", "Body first.\n- a later dash line\n")
    assert paras[1].kind is ParagraphKind.BODY


def test_seed_article_loads_unchanged() -> None:
    [article] = load_seeds(SEEDS).articles
    raw = next(SEEDS.glob("*.txt")).read_bytes().decode("utf-8")
    assert article.text == raw
    kinds = {p.kind for p in article.paragraphs}
    assert kinds == {ParagraphKind.KEY_POINT, ParagraphKind.BODY, ParagraphKind.HEADING}
    for p in article.paragraphs:
        assert raw[p.start : p.end] == p.text


def test_metadata_sidecar_is_read_and_never_invented(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some body text here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other body text here.\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "A title", "url": "https://example.org/a", "junk": "x"}),
        encoding="utf-8",
    )
    a, b = load_seeds(tmp_path).articles
    assert a.metadata == {"title": "A title", "url": "https://example.org/a"}
    assert b.metadata == {}
    assert b.title is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n \n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("caf\u00e9".encode("latin-1"), "UTF-8"),
    ],
)
def test_bad_files_are_named_and_skipped(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "good.txt").write_text("A good article body.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    report = load_seeds(tmp_path)
    assert [a.id for a in report.articles] == ["good"]
    [error] = report.errors
    assert "bad.txt" in str(error)
    assert reason in str(error)


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("retrieval.articles.MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "huge.txt"
    path.write_text("word " * 50, encoding="utf-8")
    with pytest.raises(ArticleLoadError, match="too large"):
        load_article(path)


def test_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHello world, said the article.\n".encode())
    article = load_article(path)
    assert article.paragraphs[0].text == "Hello world, said the article."
    assert article.text[article.paragraphs[0].start :].startswith("Hello")


def test_missing_or_empty_folder_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NoArticles, match="does not exist"):
        load_seeds(tmp_path / "nope")
    with pytest.raises(NoArticles, match="No readable article"):
        load_seeds(tmp_path)
    (tmp_path / "x.txt").write_bytes(b"")
    with pytest.raises(NoArticles, match=r"x\.txt"):
        load_seeds(tmp_path)
