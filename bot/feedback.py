"""Append 👍/👎 feedback on answers to a JSON-lines file, one object per vote."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedbackTarget:
    """What was answered, so that a vote can be logged with it."""

    question: str
    passages: tuple[tuple[str, int], ...]  # (article id, paragraph number)
    abstained: bool


class FeedbackLog:
    """A JSON-lines file; writes are serialised by a lock and run off the event loop."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(self, record: dict[str, Any]) -> None:
        """Append `record` to the file as one JSON line (thread-safe)."""
        line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)

    async def record(
        self, target: FeedbackTarget, *, user_id: int, vote: str, when: datetime | None = None
    ) -> dict[str, Any]:
        """Write one vote ("up" or "down") and return the record written."""
        record = {
            "timestamp": (when or datetime.now(UTC)).isoformat(),
            "user_id": user_id,
            "question": target.question,
            "passages": [{"article": a, "paragraph": p} for a, p in target.passages],
            "abstained": target.abstained,
            "vote": vote,
        }
        await asyncio.to_thread(self.append, record)
        log.info("feedback vote=%s user=%s abstained=%s", vote, user_id, target.abstained)
        return record
