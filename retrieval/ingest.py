"""Add an article to the seeds folder from a link, a saved page or a text file.

`add_article(source, seeds_dir)` fetches an http(s) URL (or reads a local ``.html``/``.txt``
file), extracts the main text and its metadata with trafilatura (for a page) or normalises plain
text (`retrieval.textshape`), and writes ``<slug>.txt`` (one paragraph per line) and the
``<slug>.json`` sidecar (title, outlet, author, date, url). It refuses, with a message a user can
act on: a page with no article text, an article already in the folder, a response that is not
text, one over the size limit, a fetch that times out, a redirect loop, and addresses on private,
loopback or link-local networks (unless the settings allow them, as tests on 127.0.0.1 do).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import os
import re
import socket
import tempfile
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from retrieval.articles import load_article
from retrieval.errors import ArticlebotError
from retrieval.textshape import normalise

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 5_000_000
FETCH_TIMEOUT_S = 15.0
MAX_REDIRECTS = 5
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_USER_AGENT = "articlebot/0.1 (+https://github.com/) quote-bot article fetcher"


class AddError(ArticlebotError):
    """An article could not be added (the message says why)."""


@dataclass(frozen=True, slots=True)
class AddedArticle:
    """An article written to the seeds folder."""

    id: str
    path: Path
    title: str | None
    paragraphs: int


# --------------------------------------------------------------------------- fetching


def _check_host(url: str, allow_private: bool) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise AddError("Only http:// and https:// links can be added.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise AddError(f"Cannot find the site {parts.hostname} ({exc.strerror}).") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local:
            raise AddError("That link points to a private or local network address: refused.")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, checks each target, and names a loop as such."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.seen: list[str] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        """Follow a redirect once its target is checked; refuse loops and long chains."""
        if newurl in self.seen or newurl == req.full_url:
            raise AddError("The link redirects in a loop: refused.")
        self.seen.append(newurl)
        if len(self.seen) > MAX_REDIRECTS:
            raise AddError(f"The link redirects more than {MAX_REDIRECTS} times: refused.")
        _check_host(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = MAX_PAGE_BYTES,
    timeout: float = FETCH_TIMEOUT_S,
    progress: Callable[[int, int | None], None] | None = None,
) -> tuple[bytes, str, str]:
    """The body, content type and final URL of a page. Raises AddError with the reason."""
    _check_host(url, allow_private)
    opener = urllib.request.build_opener(_Redirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            ctype = response.headers.get_content_type()
            if ctype not in _TEXT_TYPES:
                raise AddError(f"That link is not a web page or text (it is {ctype}).")
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > max_bytes:
                raise AddError(f"That page is too large ({total:,} bytes; at most {max_bytes:,}).")
            body = bytearray()
            while chunk := response.read(65536):
                body += chunk
                if len(body) > max_bytes:
                    raise AddError(f"That page is too large (over {max_bytes:,} bytes).")
                if progress is not None:
                    progress(len(body), total)
            return bytes(body), ctype, response.geturl()
    except AddError:
        raise
    except TimeoutError as exc:
        raise AddError(f"The site did not answer within {timeout:.0f} s.") from exc
    except urllib.error.HTTPError as exc:
        raise AddError(f"The site answered {exc.code} ({exc.reason}).") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise AddError(f"The site did not answer within {timeout:.0f} s.") from exc
        raise AddError(f"Cannot fetch that link ({reason}).") from exc


# --------------------------------------------------------------------------- extracting


def _decode(body: bytes) -> str:
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return body.decode("utf-8", errors="replace")


def extract(body: bytes, content_type: str, url: str | None = None) -> tuple[str, dict[str, str]]:
    """The article's text (one paragraph per line) and its metadata, from a page or plain text."""
    text = _decode(body)
    if content_type == "text/plain":
        return normalise(text), ({"url": url} if url else {})
    import trafilatura  # imported here: only adding an article needs it

    document = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    data = document.as_dict() if document is not None else {}
    lines = [ln.strip() for ln in (data.get("text") or "").split("\n") if ln.strip()]
    title = (data.get("title") or "").strip()
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the headline is metadata, not a paragraph
    if sum(len(ln.split()) for ln in lines) < 30:
        raise AddError("No article text found on that page (is it a front page or a paywall?).")
    meta = {
        "title": title,
        "outlet": data.get("sitename") or "",
        "author": data.get("author") or "",
        "date": data.get("date") or "",
        "url": url or data.get("url") or "",
    }
    return "\n".join(lines) + "\n", {k: v for k, v in meta.items() if v}


# --------------------------------------------------------------------------- writing


def slug(title: str, fallback: str = "article") -> str:
    """A file name for an article: lower-case ASCII words joined by hyphens, at most 60 chars."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = "-".join(words)[:60].strip("-")
    return out or fallback


def _digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".adding-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_article(
    source: str,
    seeds_dir: Path,
    *,
    allow_private: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    timeout: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_PAGE_BYTES,
) -> AddedArticle:
    """Fetch or read `source` (URL, .html or .txt file) and write it to the seeds folder."""
    seeds_dir = Path(seeds_dir)
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.IGNORECASE):
        body, ctype, final = fetch(
            source,
            allow_private=allow_private,
            max_bytes=max_bytes,
            timeout=timeout,
            progress=progress,
        )
        text, meta = extract(body, ctype, final)
        name = meta.get("title") or urllib.parse.urlsplit(final).path.rsplit("/", 1)[-1]
    else:
        path = Path(source)
        if not path.is_file():
            raise AddError(f"No file {source}.")
        if path.stat().st_size > max_bytes:
            raise AddError(f"That file is too large (at most {max_bytes:,} bytes).")
        ctype = "text/plain" if path.suffix.lower() in {".txt", ".text", ".md"} else "text/html"
        text, meta = extract(path.read_bytes(), ctype)
        name = meta.get("title") or path.stem
    digest = _digest(text)
    seeds_dir.mkdir(parents=True, exist_ok=True)
    for existing in sorted(seeds_dir.glob("*.txt")):
        if _digest(existing.read_text(encoding="utf-8", errors="replace")) == digest:
            raise AddError(f"That article is already loaded, as “{existing.stem}”.")
    base = slug(name)
    article_id, n = base, 2
    while (seeds_dir / f"{article_id}.txt").exists():
        article_id, n = f"{base}-{n}", n + 1
    target = seeds_dir / f"{article_id}.txt"
    if meta:
        _write_atomic(target.with_suffix(".json"), json.dumps(meta, ensure_ascii=False, indent=1))
    _write_atomic(target, text)  # the article last: a watcher never sees it without its sidecar
    article = load_article(target)
    log.info("added %s (%d paragraphs) from %s", article_id, len(article.paragraphs), source)
    return AddedArticle(article_id, target, meta.get("title"), len(article.body))
