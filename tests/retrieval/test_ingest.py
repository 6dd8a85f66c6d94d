"""Adding articles by link, saved page or text file, against pages we wrote, served on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from retrieval.articles import load_article
from retrieval.cli import main
from retrieval.ingest import AddError, add_article, slug

ARTICLE_HTML = """<!doctype html><html><head>
<title>Harbour bridge to close for repairs | The Test Gazette</title>
<meta name="author" content="Ana Lind">
<meta property="og:site_name" content="The Test Gazette">
<meta property="article:published_time" content="2026-03-01">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge to close for repairs</h1>
<p>The city council voted on Monday to close the old harbour bridge for a year of repairs,
after engineers found rust on its main cables.</p>
<p>“We looked at every option,” Mayor Jane Doe said. “The repairs are the only one we can
afford.”</p>
<p>Councillor Piet Maasland voted against the plan. “Closing the bridge for a year will hurt
every shop on the waterfront,” Maasland said.</p>
<p>Work starts in May, the council said in a statement, and ferries will run every 20 minutes
while the bridge is closed.</p>
</article>
<footer>Subscribe to The Test Gazette for more local news.</footer>
</body></html>"""

FRONT_PAGE = """<!doctype html><html><head><title>The Test Gazette</title></head><body>
<nav><a href="/a">Bridge</a> <a href="/b">Sport</a> <a href="/c">Weather</a></nav>
<ul><li><a href="/a">Bridge to close</a></li><li><a href="/b">Cup final</a></li></ul>
</body></html>"""


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/article": ("text/html; charset=utf-8", ARTICLE_HTML.encode()),
            "/front": ("text/html", FRONT_PAGE.encode()),
            "/image": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
            "/big": ("text/html", b"<p>" + b"word " * 400_000 + b"</p>"),
            "/plain": ("text/plain", ARTICLE_PLAIN.encode()),
        }
        if self.path == "/slow":
            time.sleep(3)
        if self.path in ("/loop-a", "/loop-b"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if self.path == "/loop-a" else "/loop-a")
            self.end_headers()
            return
        ctype, body = routes.get(self.path, ("text/html", ARTICLE_HTML.encode()))
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


ARTICLE_PLAIN = (
    "The harbour ferry will run all night from May,\nthe port authority said on Tuesday, "
    "after a\nyear of complaints from shift workers.\n\n"
    "“People finish at two in the morning and\nhave no way home,” said Rosa Aldana, who "
    "leads\nthe workers’ association.\n"
)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_page_becomes_an_article_with_its_metadata(site: str, tmp_path: Path) -> None:
    added = add_article(f"{site}/article", tmp_path, allow_private=True)
    assert added.id == "harbour-bridge-to-close-for-repairs"
    article = load_article(added.path)
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("The city council voted on Monday")
    assert any(t.startswith("“We looked at every option,” Mayor Jane Doe said.") for t in texts)
    assert not any("Subscribe" in t or "Home" in t for t in texts)  # no navigation or footer
    meta = json.loads(added.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["title"] == "Harbour bridge to close for repairs"
    assert meta["date"] == "2026-03-01" and meta["author"] == "Ana Lind"
    assert meta["url"].endswith("/article")


def test_refusals_say_why(site: str, tmp_path: Path) -> None:
    cases = {
        "/front": "No article text",
        "/image": "not a web page",
        "/loop-a": "redirects in a loop",
    }
    for path, message in cases.items():
        with pytest.raises(AddError, match=message):
            add_article(f"{site}{path}", tmp_path, allow_private=True)
    with pytest.raises(AddError, match="too large"):
        add_article(f"{site}/big", tmp_path, allow_private=True, max_bytes=100_000)
    with pytest.raises(AddError, match="did not answer within"):
        add_article(f"{site}/slow", tmp_path, allow_private=True, timeout=0.5)
    with pytest.raises(AddError, match="private or local network"):
        add_article(f"{site}/article", tmp_path)  # loopback, without the test allowance
    with pytest.raises(AddError, match="Only http"):
        add_article("ftp://example.com/story", tmp_path)
    assert list(tmp_path.glob("*.txt")) == []  # nothing half-written


def test_the_same_article_twice_is_refused(site: str, tmp_path: Path) -> None:
    add_article(f"{site}/article", tmp_path, allow_private=True)
    with pytest.raises(AddError, match="already loaded"):
        add_article(f"{site}/article?again=1", tmp_path, allow_private=True)


def test_plain_text_hard_wrapped_is_normalised(site: str, tmp_path: Path) -> None:
    added = add_article(f"{site}/plain", tmp_path, allow_private=True)
    texts = [p.text for p in load_article(added.path).paragraphs]
    assert texts == [
        "The harbour ferry will run all night from May, the port authority said on Tuesday, "
        "after a year of complaints from shift workers.",
        "“People finish at two in the morning and have no way home,” said Rosa Aldana, who "
        "leads the workers’ association.",
    ]


def test_saved_page_and_text_file(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    seeds = tmp_path / "seeds"
    assert add_article(str(page), seeds).id == "harbour-bridge-to-close-for-repairs"
    note = tmp_path / "ferry.txt"
    note.write_text(ARTICLE_PLAIN, encoding="utf-8")
    assert add_article(str(note), seeds).id == "ferry"
    with pytest.raises(AddError, match="No file"):
        add_article(str(tmp_path / "missing.html"), seeds)


def test_slugs() -> None:
    assert slug("Zelenskyy: “We won’t give up” — Kyiv") == "zelenskyy-we-wont-give-up-kyiv"
    assert slug("???") == "article"


@pytest.mark.model
def test_add_then_ask_then_quote_from_the_cli(
    site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, cache_dir, model_encoder
) -> None:
    seeds = tmp_path / "seeds"
    monkeypatch.setenv("ARTICLEBOT_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("ARTICLEBOT_CACHE_DIR", str(cache_dir))
    assert main(["add", f"{site}/article", "--seeds", str(seeds), "--json"]) == 0
    added = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert added["id"] == "harbour-bridge-to-close-for-repairs"
    assert main(["ask", "Who voted against the plan?", "--json", "--seeds", str(seeds)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert not answer["abstained"] and "Maasland" in answer["passages"][0]["text"]
    assert main(["quote", "Maasland", "--json", "--seeds", str(seeds)]) == 0
    quotes = json.loads(capsys.readouterr().out)
    assert quotes["speaker"] == "Piet Maasland"
    assert quotes["quotes"][0]["text"].startswith("Closing the bridge for a year")
