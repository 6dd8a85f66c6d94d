"""Each server's default article, kept in an embedded SQLite database so it survives restarts.

`/article use` stores the article a server's questions are answered from; `/ask` without an
`article` option reads it. One small table in one file (`ARTICLEBOT_DB`); every call opens its own
short connection, so worker threads and several bot processes (shards) can share the file: SQLite
serialises the writes, and a write is one statement in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from contextlib import closing
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS guild_article (
    guild_id INTEGER PRIMARY KEY,
    article TEXT NOT NULL,
    set_by INTEGER NOT NULL,
    set_at TEXT NOT NULL
)
"""
_TIMEOUT_S = 5.0


class ArticleDefaults:
    """Server id -> the article its questions default to."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=_TIMEOUT_S)

    def get(self, guild_id: int | None) -> str | None:
        """The server's default article id, or None (no server, or none chosen)."""
        if guild_id is None:
            return None
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT article FROM guild_article WHERE guild_id = ?", (guild_id,)
            ).fetchone()
        return row[0] if row else None

    def set(self, guild_id: int, article: str, user_id: int) -> None:
        """Make `article` the server's default (replacing any earlier choice)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT INTO guild_article (guild_id, article, set_by, set_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(guild_id) DO UPDATE SET article = excluded.article,"
                " set_by = excluded.set_by, set_at = excluded.set_at",
                (guild_id, article, user_id, now),
            )
        log.info("server %s now defaults to article %s (set by %s)", guild_id, article, user_id)

    def clear(self, guild_id: int) -> None:
        """Forget the server's default: questions search every article again."""
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM guild_article WHERE guild_id = ?", (guild_id,))
