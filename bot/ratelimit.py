"""A small per-user rate limiter (sliding window): at most `rate` uses per `per` seconds."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """Count each user's recent uses; `hit` says how long to wait when over the limit.

    `rate` 0 disables the limit. The clock is injectable for tests.
    """

    def __init__(
        self, rate: int, per: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.per = per
        self._clock = clock
        self._uses: dict[int, deque[float]] = {}

    def hit(self, key: int) -> float | None:
        """Record a use by `key` and return None, or return the seconds to wait (not recorded)."""
        if self.rate <= 0:
            return None
        now = self._clock()
        uses = self._uses.setdefault(key, deque())
        while uses and now - uses[0] >= self.per:
            uses.popleft()
        if len(uses) >= self.rate:
            return max(self.per - (now - uses[0]), 0.0)
        uses.append(now)
        self._forget_idle(now)
        return None

    def _forget_idle(self, now: float) -> None:
        """Drop users with no recent use so the table does not grow without bound."""
        if len(self._uses) < 1024:
            return
        for key in [k for k, v in self._uses.items() if not v or now - v[-1] >= self.per]:
            del self._uses[key]
