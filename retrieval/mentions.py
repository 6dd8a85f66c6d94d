"""Which names a question uses, and whether an article mentions them.

A question that asks about a person, place or organisation the article never mentions ("what did
the Pope say", "the price of gold in Geneva") cannot be answered from it, however close some
passage sounds. `question_names` picks the capitalised names out of a question (leading titles
dropped: "Senator Elizabeth Warren" is "Elizabeth Warren"); `ArticleNames.mentions` says whether an
article names it: every capitalised word of the name among the article's capitalised words, or an
acronym of one of its names (accents, case and spelling variants folded: Zelensky = Zelenskyy).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.quotes import name_key
from retrieval.quotes.entities import is_country_word
from retrieval.quotes.lexicon import MONTHS, WEEKDAYS
from retrieval.quotes.phrases import is_title
from retrieval.text import fold

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-.]*[^\W_])?")
_CONNECTORS = frozenset("of de da del der van von la le al bin the and for".split())
# Capitalised words a question may start with that are not names.
_QUESTION_WORDS = frozenset(
    """what who whom whose which when where why how did does do is are was were has have had
    can could would will should may might tell give list name show explain describe according
    in on at for from about after before during if so and but or please""".split()
)
_DATE_WORDS = MONTHS | WEEKDAYS
# Acronyms of common nouns ("TV", "GDP", "CEO"): capitalised, but no one's name.
_COMMON_ACRONYMS = frozenset(
    """tv tvs pc pcs dvd dvds cd cds gdp ceo cfo coo cto ipo vat sms gps dna mp mps mep meps
    pm""".split()
)
_PARTY_WORDS = frozenset("lib dem dems liberal democrat democrats".split())
# Party names and their everyday equivalents ("the Conservative leader" = "Tory leader").
_EQUIVALENTS = (
    frozenset("conservative conservatives tory tories".split()),
    frozenset("republican republicans gop".split()),
    frozenset("academy award awards oscar oscars".split()),  # "Academy Award" for "Oscar"
    frozenset("number downing".split()),  # "Number 10" for "Downing Street"
    # The UK for its nations: an article set in England or Scotland is set in the UK.
    frozenset("uk britain british england english scotland scottish wales welsh".split()),
)
_ORG_WORDS = frozenset(
    """union party council committee ministry department agency association federation court
    university institute foundation bank reserve commission organization organisation office
    board group company corporation inc watch league society service authority""".split()
)


def _bare(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word)


# Country words whose country is not spelled from them by the rule in `mentions_country`.
_COUNTRY_GROUPS = tuple(
    frozenset(group.split())
    for group in (
        "france french", "spain spanish", "switzerland swiss", "netherlands holland dutch",
        "britain british uk briton britons", "ireland irish", "wales welsh",
        "scotland scottish scots", "england english", "greece greek", "turkey turkish",
        "poland polish", "denmark danish", "sweden swedish", "finland finnish",
        "norway norwegian", "thailand thai", "philippines filipino", "portugal portuguese",
        "us usa america american americans", "eu european",
    )
)  # fmt: skip
# Countries written in several words, and the word of their group above ("United States" is
# "US" in an article that never spells it out).
_LONG_COUNTRIES = {
    "united states": "us", "united states of america": "us", "united kingdom": "uk",
    "great britain": "britain", "european union": "eu", "south korea": "korea",
    "north korea": "korea",
}  # fmt: skip
# Capitals a question may name for their country's government ("How much has Seoul set aside",
# "objections from Brussels"): the article naming the country in any form answers for them.
_CAPITALS = {
    "seoul": "korea", "pyongyang": "korea", "washington": "us", "brussels": "eu",
    "moscow": "russia", "kremlin": "russia", "beijing": "china", "tokyo": "japan",
    "paris": "france", "berlin": "germany", "london": "uk", "whitehall": "uk",
    "westminster": "uk", "downing": "uk", "rome": "italy", "madrid": "spain",
    "kabul": "afghanistan", "tehran": "iran", "baghdad": "iraq", "kyiv": "ukraine",
    "kiev": "ukraine", "delhi": "india", "islamabad": "pakistan", "jerusalem": "israel",
    "cairo": "egypt", "ankara": "turkey", "canberra": "australia", "ottawa": "canada",
    "damascus": "syria", "riyadh": "saudi", "athens": "greece", "dublin": "ireland",
    "lisbon": "portugal", "warsaw": "poland", "stockholm": "sweden", "oslo": "norway",
    "copenhagen": "denmark", "helsinki": "finland", "vienna": "austria", "bern": "switzerland",
    "hague": "netherlands", "amsterdam": "netherlands", "mexico city": "mexico",
    "brasilia": "brazil", "buenos aires": "argentina", "pretoria": "africa", "nairobi": "kenya",
    "abuja": "nigeria", "jakarta": "indonesia", "manila": "philippines", "bangkok": "thailand",
    "hanoi": "vietnam", "taipei": "taiwan", "beirut": "lebanon", "amman": "jordan",
}  # fmt: skip
_ROLE_AFTER_COUNTRY = 3  # lower-case words a role may stand after its country's word
# Offices of a country's state: an article that never names the country cannot report them.
# A player's or a club's nationality ("the Dutch striker", "the Italian club") is only a
# description, which the article may well leave out.
_STATE_ROLES = frozenset(
    """president vice prime minister ministers ministry secretary chancellor premier government
    ambassador envoy embassy king queen monarch senator senators mp mps parliament lawmakers
    leader officials official authorities regulator regulators police army military navy
    spokesman spokeswoman spokesperson diplomat diplomats foreign defence defense interior
    finance treasury executive commission""".split()
)


_PLACE_PREPOSITIONS = frozenset("in across throughout inside".split())


def located_countries(question: str) -> list[str]:
    """The countries, nations and capitals a question places itself in ("sold in Belgium",
    "hunts in Scotland", "in the UK", "the GDP of Brazil"): a name after "in" or a common
    noun's "of", not an adjective elsewhere ("the Dutch striker", a description the article may
    leave out) nor part of a longer name ("the Bank of England")."""
    words = re.findall(r"[\w’'\-.]+", question)
    found: list[str] = []
    for i, word in enumerate(words):
        bare = _bare(word)
        if not bare[:1].isupper() or i == 0:
            continue
        k = i - 2 if words[i - 1].lower() == "the" else i - 1
        before = words[k].lower() if k >= 0 else ""
        if before == "of" and k >= 1 and (words[k - 1].islower() or words[k - 1].isupper()):
            before = "in"  # "the GDP of Brazil" (not "the Bank of England")
        if before not in _PLACE_PREPOSITIONS:
            continue
        nxt = _bare(words[i + 1]) if i + 1 < len(words) else ""
        if nxt[:1].isupper():
            continue  # "in Hong Kong", "in New Zealand", "in the UK Parliament": a longer name
        if fold(bare) in _CAPITALS or is_country_word(bare):
            found.append(bare)
    return found


def country_roles(question: str) -> list[tuple[str, str]]:
    """The countries a question ties to a role: "the Australian prime minister", "the Scotland
    coach", "Britain's foreign secretary" give (country word, "an Australian prime minister").
    An article that never names the country cannot answer for its office holder."""
    words = re.findall(r"[\w’'\-.]+", question)
    found: list[tuple[str, str]] = []
    for i, word in enumerate(words):
        bare = _bare(word)
        if not bare[:1].isupper() or not is_country_word(bare):
            continue
        end = None
        for j in range(i + 1, min(len(words), i + 1 + _ROLE_AFTER_COUNTRY)):
            if not words[j].islower():
                break
            follower = words[j].rstrip(".,?!")
            if follower in _STATE_ROLES:
                end = j + 1  # "prime minister": the role's last title word
            elif end is not None:
                break
        if end is not None and end < len(words) and _bare(words[end])[:1].isupper():
            end = None  # "the American historian Bruce Gilley": the name is checked itself
        if end is not None:
            phrase = " ".join(words[i:end]).rstrip(".,?!")
            if bare == word:  # not "Britain's foreign secretary"
                vowel = phrase[0] in "AEIO" or (phrase[0] == "U" and not word.isupper())
                phrase = ("an " if vowel else "a ") + phrase  # "a US senator", "an Irish MP"
            found.append((bare, phrase))
    return found


def question_names(question: str) -> list[str]:
    """The capitalised names in a question, each as written, titles and country words dropped
    (an article about "American sisters" answers a question about US congregations)."""
    tokens = list(_TOKEN.finditer(question))
    names: list[str] = []
    run: list[str] = []

    def close() -> None:
        """End the current capitalised run: add the names it holds to `names`, then clear it."""
        # "Goldman Sachs CEO Lloyd Blankfein": a title inside a run separates two names;
        # titles before a person's name are dropped (not inside an organisation's name).
        while run and run[0].lower() in _CONNECTORS:  # "The Pope said": not "The"
            run.pop(0)
        # "the June NBC/WSJ poll", "on Monday": a date is not part of a name.
        run[:] = [w for w in run if _bare(w).lower().rstrip(".") not in _DATE_WORDS]
        # "Lib Dem", "Liberal Democrats": party words, read as titles elsewhere, name the party.
        organisation = any(w.lower() in _ORG_WORDS for w in run) or (
            bool(run) and all(fold(_bare(w)) in _PARTY_WORDS for w in run)
        )
        parts: list[list[str]] = [[]]
        for word in run:
            if not organisation and is_title(_bare(word)):
                parts.append([])
            else:
                parts[-1].append(word)
        if run and not any(parts):  # "the Pope", "the Chancellor": a title alone names someone
            titles = [w for w in run if w.lower() not in _CONNECTORS]
            parts = [titles[-1:]]
        for part in parts:
            while part and part[-1].lower() in _CONNECTORS:
                part.pop()
            while part and part[0].lower() in _CONNECTORS:
                part.pop(0)
            if part and not (
                len(part) == 1 and all(is_country_word(w) for w in _bare(part[0]).split("-") if w)
            ):  # "Israeli", "British-Asian": country words, not names
                names.append(" ".join(_bare(w) for w in part))
        run.clear()

    for index, match in enumerate(tokens):
        word = match.group()
        first = index == 0 or question[: match.start()].rstrip().endswith((".", "?", "!", ":"))
        following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
        if first and not following[:1].isupper() and not word.endswith(("’s", "'s")):
            # A sentence's first word alone ("Roughly how many…", "By what margin…") is
            # capitalised as a sentence start, not as a name.
            continue
        if word.lower() in _COMMON_ACRONYMS:
            close()
        elif word[0].isupper() and not (first and word.lower() in _QUESTION_WORDS):
            run.append(word)
            if word.endswith(("’s", "'s")):
                close()
        elif run and word.lower() in _CONNECTORS:
            run.append(word)
        else:
            close()
    close()
    return names


_CAPITAL = "A-ZÀ-ÖØ-Þ"
_CAP_RUN = re.compile(
    rf"[{_CAPITAL}][\w’'\-.]*(?:\s+(?:(?:of|de|da|del|der|van|von|la|le|al|for|and|the)\s+)?"
    rf"[{_CAPITAL}][\w’'\-.]*)*"
)


_ABBREVIATION = 4  # longest article word read as the abbreviation of a question's word
_PREFIX = 3  # letters of each word an abbreviated run keeps ("Lib Dem")


def word_heads(keys: Iterable[str]) -> frozenset[str]:
    """The first three and four letters of longer capitalised words: a question's "the Fed"
    abbreviates the article's "Federal Reserve"."""
    return frozenset(k[:n] for k in keys for n in (3, 4) if len(k) > n + 1)


def _singular(key: str) -> str:
    """A name key without a plural "s" ("dems" -> "dem"); short keys stay as they are."""
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """What one article names: the keys of its capitalised words and the initials of its
    capitalised runs (for acronyms: NYPD, SG). Built once per article; a question's names are
    then checked with set lookups only, however many articles are loaded."""

    capitalised: frozenset[str]
    initials: frozenset[str]
    stems: frozenset[str] = frozenset()  # plural capitalised words without their "s"
    short_runs: frozenset[str] = frozenset()  # runs of short capitalised words: "lib dem"
    prefix_runs: frozenset[str] = frozenset()  # runs' words cut to 3 letters: "Liberal Democrat"
    heads: frozenset[str] = frozenset()  # see `word_heads`: "Fed" for "Federal"

    @classmethod
    def of(cls, text: str) -> ArticleNames:
        """Index an article's text."""
        keys: set[str] = set()
        initials: set[str] = set()
        short_runs: set[str] = set()
        prefix_runs: set[str] = set()
        for match in _CAP_RUN.finditer(text):
            caps = [w for w in match.group().split() if w[0].isupper()]
            for word in caps:
                keys.update(name_key(_bare(part)) for part in word.split("-") if part)
            # Every stretch of two to six words: "Wall Street Journal Poll" holds WSJ, "The New
            # York Times" NYT.
            # "Lib Dem": two or three short words in a row may abbreviate a longer name.
            short = [_singular(name_key(_bare(w))) for w in caps]
            for i in range(len(short) - 1):
                for j in (i + 2, i + 3):
                    window = short[i:j]
                    if j <= len(short) and all(3 <= len(k) <= _ABBREVIATION for k in window):
                        short_runs.add(" ".join(window))
                    # ... and "Lib Dem" in a question may abbreviate the article's longer name.
                    if j <= len(short) and all(len(k) >= 3 for k in window):
                        prefix_runs.add(" ".join(k[:_PREFIX] for k in window))
            heads = [w[0].upper() for w in caps]
            for i in range(len(heads)):
                for j in range(i + 2, min(len(heads), i + 6) + 1):
                    initials.add("".join(heads[i:j]))
        stems = frozenset(stem for stem in map(_singular, keys) if stem not in keys)
        return cls(
            frozenset(keys),
            frozenset(initials),
            stems,
            frozenset(short_runs),
            frozenset(prefix_runs),
            word_heads(keys),
        )

    def mentions(self, name: str) -> bool:
        """Whether the article names `name`: every capitalised word of it (hyphenated parts
        alone: "Trump-era") among the article's capitalised words, or an acronym of one of its
        names."""
        words = [p for w in name.split() for p in w.split("-") if p[:1].isupper()]
        words = [w for w in words if len(w.rstrip(".")) > 1]  # initials ("J.") say little
        if all(self._word(w) for w in words) or self._abbreviated(words):
            return True
        folded = fold(name).removeprefix("the ")
        country = _LONG_COUNTRIES.get(folded) or _CAPITALS.get(folded)
        return country is not None and self.mentions_country(country)

    def mentions_country(self, word: str) -> bool:
        """Whether the article names the country of a country's word, in any form ("Australian"
        for "Australia", "French" for "France", "Scotland" itself)."""
        key = name_key(word)
        if key in self.capitalised:
            return True
        # Australian, Japanese, Chinese, Canadian, German, Italian, Mexican, Ukrainian:
        forms = {key[:-1], key[:-3], key[:-3] + "a", key + "y", key[:-3] + "y", key[:-2] + "o"}
        forms.add(key[:-3] + "e")
        for group in _COUNTRY_GROUPS:
            if key in group:
                forms |= group
        return any(len(f) >= 2 and f in self.capitalised for f in forms)

    def _abbreviated(self, words: list[str]) -> bool:
        """ "Liberal Democrats" where the article writes "Lib Dems": each word begins with the
        article's short word in the same place; and "Lib Dem" where it writes "Liberal
        Democrat"."""
        if not 2 <= len(words) <= 3:
            return False
        keys = [_singular(name_key(w)) for w in words]
        if all(3 <= len(k) <= _ABBREVIATION for k in keys) and (
            " ".join(k[:_PREFIX] for k in keys) in self.prefix_runs
        ):
            return True
        if not self.short_runs:
            return False
        choices = [[k[:n] for n in range(3, _ABBREVIATION + 1) if n <= len(k)] for k in keys]
        return any(" ".join(combo) in self.short_runs for combo in itertools.product(*choices))

    def _word(self, word: str) -> bool:
        key = name_key(word)
        if key in self.capitalised:
            return True
        for group in _EQUIVALENTS:
            if key in group and group & self.capitalised:
                return True  # "Conservative" where the article writes "Tory"
        stem = _singular(key)
        if stem in self.stems or stem in self.capitalised:
            return True  # "Lib Dems" for "Lib Dem", "Democrat" for "Democrats"
        if 3 <= len(key) <= 4 and word[:1].isupper() and not word.isupper() and key in self.heads:
            return True  # "the Fed" for "the Federal Reserve"
        letters = word.replace(".", "")
        return letters.isupper() and 2 <= len(letters) <= 6 and letters in self.initials
