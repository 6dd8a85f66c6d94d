"""Logging set-up: discord.py's handler, with every secret redacted from every record."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable

import discord

REDACTED = "[redacted]"


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with each non-empty secret replaced by "[redacted]"."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (and traceback) so that no secret reaches a handler."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the secrets in the record's message, traceback and stack; keep the record."""
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler to report
            return True
        record.msg, record.args = redact(message, self.secrets), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def setup_logging(level: int, secrets: Iterable[str] = ()) -> None:
    """discord.py's default logging on stderr at `level`, with secrets redacted."""
    discord.utils.setup_logging(level=level, root=True)
    redactor = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
        # Filter at the handler too: some libraries (bm25s) set their own loggers to DEBUG when
        # they are imported, which may be after this runs.
        handler.setLevel(level)
