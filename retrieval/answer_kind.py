"""What kind of answer a question asks for, and whether a passage holds one.

"How much did the wall cost?" wants an amount of money, "how many people were aboard?" a number.
A passage that answers such a question contains one; when none of the best passages does, the
article most likely does not give that figure, and the engine says so instead of offering the
nearest paragraph about the topic.
"""

from __future__ import annotations

import re

__all__ = ["AMOUNT", "DURATION", "MONEY", "NUMBER", "TIME", "answer_kind", "holds"]

MONEY = "money"  # how much did it cost / were they paid / was the fine
NUMBER = "number"  # how many
DURATION = "duration"  # how long did it last / will it run: a span of time (or a length)
TIME = "time"  # when did it happen / will it start: a date, a day, a season, a moment
AMOUNT = "amount"  # how old, how far, what share: a number helps, not a must

_MONEY_WORDS = (
    r"money|cost|costs|costing|pay|pays|paid|paying|earn\w*|worth|price\w*|spend\w*|spent|"
    r"fund|funds|funding|funded|fine|fined|fines|salary|salaries|budget\w*|revenue\w*|damages|"
    r"compensation|profit\w*|invest\w*|owe|owed|owes|fee|fees|wage\w*|box\s+office|loan\w*|"
    r"debt\w*|donat\w*|gross\w*"
)
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
_MONEY_HINT = re.compile(rf"\b(?:{_MONEY_WORDS})\b", re.IGNORECASE)
_PRICE_QUESTION = re.compile(
    r"\bwhat\s+(?:was|is|were|are|will\s+be)?\s*(?:the\s+)?(?:price|cost|fee|fine|salary)\b",
    re.IGNORECASE,
)
_HOW_MANY = re.compile(r"\bhow\s+many\b", re.IGNORECASE)
_AMOUNT_QUESTION = re.compile(
    r"\b(?:how\s+(?:much|long|old|far|big|large|fast|high|tall|deep|often)"
    r"|what\s+(?:percentage|percent|share|proportion|fraction))\b",
    re.IGNORECASE,
)

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|"
    r"a\s+third|a\s+quarter|single|double|twice|triple|tens\s+of"
)
_HAS_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_HAS_MONEY = re.compile(
    r"[$€£¥₹₩]|\b(?:US|C|A|HK|NZ)\$|\b(?:dollars?|euros?|pounds?|pence|cents?|yen|yuan|"
    r"renminbi|rupees?|rubles?|roubles?|francs?|pesos?|reais|shekels?|dirhams?|riyals?|"
    r"lira|krona|kronor|krone|kroner|koruna|crowns?|naira|bitcoins?)\b|\b\d[\d,.]*\s*(?:USD|EUR|GBP|JPY|CNY)\b",
    re.IGNORECASE,
)


_CHANGE = re.compile(
    r"\b(?:by\s+how\s+much|ris\w*|rose|raise\w*|fall\w*|fell|drop\w*|increas\w*|decreas\w*|"
    r"cut|cuts|grow\w*|grew|climb\w*|jump\w*|declin\w*|shr[iu]nk\w*|go\s+up|went\s+up)\b",
    re.IGNORECASE,
)
# Only as the question's own ask ("How long ...?", "According to X, how long ...?"), not inside a
# topic ("What did she say about how long journeys take?").
_HOW_LONG = re.compile(r"(?:^|[,;:])\W*how\s+long\b(?!\s+ago)", re.IGNORECASE)
_HAS_DURATION = re.compile(
    r"\b(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|"
    r"seasons?|decades?|centuries|century|terms?|innings|laps?|rounds?|sets?|"
    r"metres?|meters?|km|kilometres?|kilometers?|miles?|feet|foot|yards?|inches|cm|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"since|until|till)\b|\b\d+-(?:day|week|month|year|hour|minute|mile|metre)\b",
    re.IGNORECASE,
)

# "When will ...?", "On what date ...", "In which year ...": the question's own ask ("When do
# people develop courage?" asks in what circumstances, not for a date).
_WHEN = re.compile(
    r"(?:^|[,;:])\W*(?:when\s+(?:is|was|will|did|are|were|would|could|should|can|has|"
    r"have|had|must|might)\b|(?:on|in|by)\s+(?:what|which)\s+(?:date|day|weekend|week|month|"
    r"year|season)\b|what\s+(?:date|day|year|month|time)\s+(?:is|was|will|did|does|do|are|"
    r"were|would)\b)",
    re.IGNORECASE,
)
_HAS_TIME = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|weekend|today|tonight|yesterday|tomorrow|morning|"
    r"afternoon|evening|night|overnight|spring|summer|autumn|fall|winter|christmas|easter|"
    r"now|soon|recently|earlier|later|ago|since|until|till|before|after|during|once|"
    r"day|days|hours?|week|weeks|fortnight|month|months|year|years|season|decade|century|date|time|"
    r"(?:1[5-9]|20)\d\d|\d{1,2}(?:st|nd|rd|th)|\d{1,2}[:.]\d\d|\d+\s*(?:am|pm|gmt|bst))\b"
    r"|\b\d{4}s\b",
    re.IGNORECASE,
)


def answer_kind(question: str) -> str | None:
    """MONEY, NUMBER, DURATION or AMOUNT when the question asks for one, else None."""
    if _HOW_MUCH.search(question) and _CHANGE.search(question):
        return NUMBER  # "by how much will prices rise": a percentage or an amount, a number
    if (_HOW_MUCH.search(question) and _MONEY_HINT.search(question)) or _PRICE_QUESTION.search(
        question
    ):
        return MONEY
    if _HOW_MANY.search(question):
        return NUMBER
    if _HOW_LONG.search(question):
        return DURATION
    if _AMOUNT_QUESTION.search(question):
        return AMOUNT
    if _WHEN.search(question):
        return TIME
    return None


def holds(text: str, kind: str) -> bool:
    """Whether `text` contains an answer of that kind (an amount of money, a number, a span
    of time)."""
    if kind == MONEY:
        return _HAS_MONEY.search(text) is not None
    if kind == DURATION:
        return _HAS_DURATION.search(text) is not None
    if kind == TIME:
        return _HAS_TIME.search(text) is not None
    return _HAS_NUMBER.search(text) is not None
