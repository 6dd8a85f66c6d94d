"""Noun phrases of narration: a speech tag's subject, parsed from the words around the verb.

A subject is a name (with its role: "Russian Deputy Foreign Minister Alexander Grushko"), a
pronoun, a common noun ("the company"), a document ("the Kremlin's readout"), an anonymous source
("officials") or several people. Used by the tag grammar (`retrieval.quotes.tags`) and, for
documents, by the resolution of their owners.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.quotes.lexicon import (
    ANONYMOUS,
    CLAUSE_BOUNDARY,
    CONNECTORS,
    COUNTRY_WORDS,
    DOC_NOUNS,
    GIVEN_NAMES,
    HONORIFICS,
    LEADING_FUNCTION,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_KEYWORDS,
    ORG_NOUNS,
    OWNED_DOC_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    TIME_WORDS,
    TITLE_WORDS,
)
from retrieval.quotes.tokens import Token, join
from retrieval.text import fold


@dataclass(slots=True)
class Subject:
    """The parsed subject of a speech tag."""

    kind: str  # name | pronoun | noun | doc | anon | multi
    tokens: tuple[Token, ...] = ()
    role: str | None = None
    head: str = ""  # pronoun, noun head, or doc noun
    owner: tuple[Token, ...] = ()  # document owner / noun modifiers
    phrase: str | None = None
    the_hint: bool = False
    pos: int = 0  # absolute offset
    honorific: str = ""  # "Mr.", "Ms." dropped from the role: still a gender hint


# --------------------------------------------------------------------------- subject parsing


def is_boundary(tok: Token) -> bool:
    """Whether a token ends a phrase: a quotation, punctuation or a clause word."""
    return tok.is_quote or (not tok.is_word and tok.text not in "-&") or tok.low in CLAUSE_BOUNDARY


def _cap_run_end(tokens: Sequence[Token]) -> int:
    """Index where the trailing run of capitalised words (with connectors) starts."""
    k = len(tokens)
    while k > 0:
        t = tokens[k - 1]
        if t.is_cap and t.is_word:
            owner = t.possessive or (len(t.text) > 2 and t.text.endswith(("’", "'")))
            if owner and _person_after(tokens[k:]):
                break  # "Fox TV's Bill O'Reilly", "Sky Networks' Sophie Turner Laing"
            k -= 1
            continue
        if (
            t.low in CONNECTORS
            and t.low not in {"the", "and"}
            and k < len(tokens)
            and k - 1 > 0
            and tokens[k - 2].is_cap
        ):
            k -= 1
            continue
        break
    return k


_ISSUING = frozenset("released issued published posted sent put gave made".split())


def _issuer(tokens: Sequence[Token]) -> list[Token]:
    """The name that opens "Amazon released a separate statement": who issued the document."""
    k = 0
    while k < len(tokens) and tokens[k].is_cap and tokens[k].is_word:
        k += 1
    if 0 < k < len(tokens) and tokens[k].low in _ISSUING:
        return list(tokens[:k])
    return []


def _person_after(tokens: Sequence[Token]) -> bool:
    """Whether the capitalised words after an owner's possessive name a person ("Fox TV's Bill
    O'Reilly") rather than continue an organisation's name ("Moody's Analytics Inc.")."""
    words = [t.bare.lower() for t in tokens]
    return (
        2 <= len(words) <= 3 and all(t.is_cap for t in tokens) and not (set(words) & ORG_KEYWORDS)
    )


_GIVEN_NAMES = GIVEN_NAMES
_OCCUPATION_SUFFIXES = ("master", "ologist", "ist", "ician", "eer", "grapher", "naut")
_ADJECTIVE_SUFFIXES = ("-nominated", "-winning", "-born", "-based", "-backed", "-owned", "-led")


def is_title(word: str) -> bool:
    """A word of a role or title: a known one ("President", "Sen.") or one shaped like an
    occupation ("Dockmaster", "epidemiologist"), first names excepted. ("-er" is not enough:
    Gallagher, Fischer and Spencer are names.)"""
    low = word.lower().rstrip(".")
    if low in TITLE_WORDS or low in COUNTRY_WORDS:
        return True  # a title, or a nationality ("Spaniard Guillermo Garcia-Lopez")
    if low.endswith(_ADJECTIVE_SUFFIXES):
        return True  # "the Oscar-nominated Owen", "Liverpool-born singer X"
    if dash_title(low) != low:
        return True  # "co-chairman", "vice-president", "ex-minister"
    parts = word.split("-")
    if len(parts) >= 3 and any(p.islower() and p not in NAME_PARTICLES for p in parts[1:]):
        return True  # "Man-of-the-match Duff": a description, not a given name
    if not low.isalpha() or low in GIVEN_NAMES:
        return False
    return low.endswith(_OCCUPATION_SUFFIXES)


def dash_title(low: str) -> str:
    """The title after the dash of a lower-case "co-chairman", "vice-president" ("chairman"),
    "great-grandfather" ("grandfather"); any other word unchanged."""
    head, dash, last = low.rpartition("-")
    known = last in TITLE_WORDS or last in PERSON_NOUNS
    if dash and head in TITLE_WORDS and last in _RANK_SHORT:
        return head  # "Major-Gen", "Lt-Col": a military rank, shortened after the dash
    return last if dash and head.isalpha() and last.isalpha() and known else low


def split_role(run: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """Split "Russian Deputy Foreign Minister Alexander Grushko" into role and name tokens."""
    if len(run) > 2 and run[-1].bare.lower() in NAME_SUFFIXES:
        # "Martin Luther King Jr.": the suffix ends the name split before it
        role, name = split_role(run[:-1])
        return role, [*name, run[-1]]
    last_title = -1
    for idx, tok in enumerate(run[:-1]):  # the last word is the name's, whatever it looks like
        if is_title(tok.bare):
            last_title = idx
    if last_title < 0 and len(run) >= 3:
        # "to the Treasury Paul Boateng", "Wolves Rick Hayward": no title, but a first name
        # inside the run, after words that are not one, begins the person's name.
        for idx in range(1, len(run) - 1):
            low, before = run[idx].bare.lower(), run[idx - 1].bare.lower()
            if low in _GIVEN_NAMES and before not in _GIVEN_NAMES:
                if len(run) - idx <= 3 and all(t.bare[:1].isupper() for t in run[idx:]):
                    last_title = idx - 1
                break
    if last_title < 0 and len(run) >= 3 and _compound_noun(run[0].bare):
        last_title = 0  # "Fly-half Charlie Hodgson", "Co-founder Jane Roe": a role's words
    role = list(run[: last_title + 1])
    name = list(run[last_title + 1 :])
    # "of", "the" or a particle left after the role ("Minister of ...") belong to the role, but
    # never the last word: "said Della", "said Van" name a person whose surname is that word.
    while len(name) > 1 and name[0].low in NAME_PARTICLES | {"of", "for", "the", "and"}:
        role.append(name.pop(0))
    return role, name


def _plural_title(word: str) -> bool:
    """A plural of a role word ("Dems", "Republicans", "Tories"): a group, never a surname."""
    low = word.lower()
    if not word[:1].isupper() or not low.endswith("s") or len(low) < 4:
        return False
    return low[:-1] in TITLE_WORDS or (low.endswith("ies") and f"{low[:-3]}y" in TITLE_WORDS)


def _compound_noun(word: str) -> bool:
    """ "Fly-half", "Co-founder", "Ex-minister": a capitalised word whose hyphenated part is in
    lower case is a noun, never part of a name ("Jean-Pierre", "Smith-Jones" are)."""
    head, _sep, rest = word.partition("-")
    return bool(head and rest and rest[:1].islower())


# Words that may follow a document noun inside the document's own phrase.
_AFTER_DOC = frozenset(
    "of from by on about to issued released posted published sent seen obtained".split()
)
_INDEFINITE = frozenset("a an one another".split())
_PERSON_AFFILIATION = frozenset("of at from with".split())


def analyse_chunk(chunk: list[Token], text: str, base: int) -> Subject | None:
    """Parse a subject noun phrase (already cut at clause boundaries)."""
    indefinite = bool(chunk) and chunk[0].low in _INDEFINITE
    while chunk and chunk[0].low in LEADING_FUNCTION and chunk[0].low != "the" and len(chunk) > 1:
        chunk = chunk[1:]
    if not chunk:
        return None
    the_hint = False
    if chunk[0].low in {"the", "a", "an"}:
        the_hint = chunk[0].low == "the"
    pos = base + chunk[0].start
    phrase = join(chunk, text)
    # A document: "The White House's summary of the call", "a statement from the company".
    for idx, tok in enumerate(chunk):
        owned_only = tok.bare.lower() in OWNED_DOC_NOUNS
        if tok.bare.lower() in DOC_NOUNS or owned_only:
            if (
                idx + 1 < len(chunk)
                and chunk[idx + 1].low not in _AFTER_DOC
                and (chunk[idx + 1].is_cap or idx == 0 or not chunk[idx - 1].possessive)
            ):
                # "in an annotation to his letter Mrs Thatcher": the name speaks (but "a Moody's
                # Analytics' forecast in June" is the firm's)
                continue
            owner: list[Token] = []
            k = idx
            while (
                k > 0
                and chunk[k - 1].low not in {"the", "a", "an"}
                and (
                    chunk[k - 1].is_cap
                    or chunk[k - 1].bare.lower() in {"administration", "government"} | ORG_NOUNS
                )
            ):
                k -= 1
            owner = list(chunk[k:idx])
            if all(fold(t.bare).rstrip(".") in TIME_WORDS for t in owner):
                owner = []  # "Tuesday’s report": a date, not an owner
            if tok.is_cap and owner and not owner[-1].possessive:
                owner = []  # "An Open Letter", "the White Paper": a title, not an owner
            if k > 0 and chunk[k - 1].low in {"its", "their"}:
                owner = [chunk[k - 1]]
            if not owner and idx + 2 < len(chunk) and chunk[idx + 1].low in {"from", "by"}:
                rest = [t for t in chunk[idx + 2 :] if t.low not in {"the", "a", "an"}]
                owner = rest
            if not owner:
                owner = _issuer(chunk[:idx])  # "Amazon released a separate statement saying"
            if owned_only and not owner and not (the_hint and idx == len(chunk) - 1):
                continue  # "a report", "his study": nobody named; "the report": the one before
            return Subject(
                "doc",
                head=tok.bare.lower(),
                owner=tuple(owner),
                phrase=phrase,
                pos=pos,
                the_hint=the_hint,
            )
    last = chunk[-1]
    if last.low in {"let's", "let’s"}:
        return None  # "Let's say ...": the writer's aside, nobody's speech
    if last.low in PRONOUNS and len(chunk) == 1:
        return Subject("pronoun", head=last.low, pos=pos)
    if (
        last.is_cap
        and len(chunk) == 2
        and chunk[0].low == "the"
        and last.bare.lower() in TITLE_WORDS
        and last.bare.lower() not in ORG_KEYWORDS
    ):
        # "the Bishop said", "the Chancellor told MPs": a title written capitalised.
        return Subject("noun", head=last.bare.lower(), phrase=phrase, pos=pos)
    if last.is_cap and len(chunk) == 3 and chunk[0].low == "the" and is_age_noun(chunk[1].low):
        # "the 25-year-old Dubliner underlined": a person described by age and origin.
        return Subject("noun", head="year-old", phrase=phrase, pos=pos)
    if 3 <= len(chunk) <= 4 and chunk[0].low == "the" and _TIMES.fullmatch(chunk[1].low):
        # "the three-time NFL MVP said", "the two-time champion": a person described by their
        # record, the one the narration is about.
        return Subject("noun", head="year-old", phrase=phrase, pos=pos)
    if last.is_cap and len(chunk) == 2 and chunk[0].low == "the" and _nationality(last.bare):
        # "The Spaniard believed", "the Brazilian said": a person described by nationality.
        return Subject("noun", head=last.bare.lower(), phrase=phrase, pos=pos)
    if last.is_cap:
        k = _cap_run_end(chunk)
        run = chunk[k:]
        at = k - 1 if k >= 3 and chunk[k - 1].low == "the" else k  # "a spokesman for the UK ..."
        if (
            at >= 2
            and chunk[at - 1].low in {"of", "for", "at", "from"}
            and (is_title(chunk[at - 2].bare) or chunk[at - 2].bare.lower() in PERSON_NOUNS)
        ):
            # "the MP for Ealing North", "a spokesman for Acme", "the mayor of Surabaya": the
            # role speaks; the name after it is a place or an organisation.
            given = next(
                (g for g in range(1, len(run) - 1) if run[g].bare.lower() in _GIVEN_NAMES), None
            )
            if given is not None and len(run) - given <= 3:
                # "Shadow leader of the Commons Oliver Heald said": the post, then its holder
                return Subject(
                    "name",
                    tokens=tuple(run[given:]),
                    role=join(list(chunk[: k + given]), text),
                    pos=base + run[given].start,
                )
            head = chunk[at - 2].bare.lower()
            return Subject("noun", head=head, owner=tuple(run), phrase=phrase, pos=pos)
        of_at = next((idx for idx, t in enumerate(run) if t.low == "of"), 0)
        lead = 0  # "Senator John Kerry of Massachusetts": the title goes before the name
        while lead < of_at - 2 and is_title(run[lead].bare) and run[lead].is_cap:
            lead += 1
        named = run[lead:of_at]
        if (
            2 <= len(named) <= 4
            and of_at + 1 < len(run)
            # "Yonca Brunini of Yahoo": a given name the lists don't know, then a short name
            and (
                named[0].bare.lower() in _GIVEN_NAMES
                or (sum(t.low not in NAME_PARTICLES for t in named) == 2 and len(run) - of_at <= 3)
            )
            # "Nick Van den Brul of BNP Paribas": a particle may stand inside the name
            and all(
                t.is_word and (t.is_cap or (t.low in NAME_PARTICLES and 0 < i < len(named) - 1))
                for i, t in enumerate(named)
            )
            and len(named) - sum(t.low in NAME_PARTICLES for t in named) <= 3
            and not {t.bare.lower() for t in named} & (ORG_KEYWORDS | TITLE_WORDS)
        ):
            # "Nicolas Sarkozy of France said": a person, and where they come from.
            return Subject(
                "name",
                tokens=tuple(named),
                role=join(run[:lead] if lead else run[of_at:], text),
                pos=base + named[0].start,
            )
        link = k - 2 if k >= 2 and chunk[k - 1].low == "the" else k - 1
        if link >= 2 and chunk[link].bare.lower() in ORG_NOUNS:
            # "Cara Diemont of IT firm Dimension Data": a described organisation
            m = link - 1
            while m > 1 and link - m < 3 and chunk[m].low not in _PERSON_AFFILIATION:
                m -= 1
            if m > 1 and chunk[m - 1].low == "the":
                m -= 1
            if chunk[m].low in _PERSON_AFFILIATION:
                link = m
        if link >= 2 and chunk[link].low in _PERSON_AFFILIATION and chunk[link - 1].is_cap:
            # "Anne Thompson of the Hollywood Reporter said": the person, with an affiliation.
            person = analyse_chunk(list(chunk[:link]), text, base)
            if (
                person is not None
                and person.kind == "name"
                and not person.the_hint
                and len(person.tokens) >= 2
            ):
                person.role = person.role or join(chunk[link:], text)
                return person
        if k > 0 and chunk[k - 1].low == "the":
            the_hint = True
        titled_name = any(is_title(t.bare) for t in split_role(run)[0]) and len(run) >= 3
        if k > 1 and chunk[k - 1].low == "and" and chunk[k - 2].is_cap and not titled_name:
            # (not "Culture, Media and Sport Secretary Tessa Jowell": a title's words)
            j = k - 2
            while j > 0 and chunk[j - 1].is_cap and chunk[j - 1].is_word:
                j -= 1
            if j > 0 and chunk[j - 1].low == "the" and run[-1].bare.lower() in ORG_KEYWORDS:
                # "the Finance and Economy Ministry", "the Food and Drug Administration": one
                # body whose name has an "and".
                run, k, the_hint = chunk[j:], j, True
            elif (
                j >= 2
                and chunk[j - 1].low in {"of", "for"}
                and not chunk[j - 2].is_cap
                and (is_title(chunk[j - 2].bare) or chunk[j - 2].bare.lower() in _STAR_NOUNS)
            ):
                # "The star of Rain Man and Tootsie said": one person, described by a role
                return Subject("noun", head=chunk[j - 2].bare.lower(), phrase=phrase, pos=pos)
            elif j > 0 and chunk[j - 1].low in _CLAUSE_PREPOSITIONS:
                pass  # "after a tie at Old Trafford and Ancelotti said": "and" joins clauses
            else:
                return Subject("multi", pos=pos)
        role, name = split_role(run)
        if name and all(t.low in LEADING_FUNCTION for t in name):
            return None  # "The reference to ...": a capitalised function word names nobody
        if (
            (not name or (len(name) == 1 and name[0].bare.lower() in ORG_KEYWORDS))
            or (  # "the UK Film Council", "the British Chamber of Commerce": the country is
                # part of the body's name
                any(t.bare.lower() in COUNTRY_WORDS for t in role)
                and all(t.bare.lower() in COUNTRY_WORDS or t.low == "the" for t in role)
                and any(t.bare.lower() in ORG_KEYWORDS for t in name)
            )
        ) and any(t.bare.lower() in ORG_KEYWORDS for t in run):
            role, name = [], list(run)  # "The Health Ministry", "Ministry of Foreign Affairs"
            the_hint = True
        elif role and len(name) == 1 and _plural_title(name[0].bare):
            role, name = [], list(run)  # "The Lib Dems", "Senate Republicans": a party, a group
            the_hint = True
        # Lower-case role words before the run: "company spokeswoman Jane Roe".
        j = k
        while j > 0 and (
            is_title(chunk[j - 1].text) or chunk[j - 1].low in ORG_NOUNS or chunk[j - 1].is_cap
        ):
            j -= 1
        role = list(chunk[j:k]) + role
        honorific = ""
        while role and role[-1].bare.lower().rstrip(".") in HONORIFICS:
            honorific = role.pop().bare
        role_text = join(role, text) or None
        if not name:
            if role:
                return Subject("noun", head=role[-1].bare.lower(), owner=tuple(role[:-1]), pos=pos)
            return None
        return Subject(
            "name",
            tokens=tuple(name),
            role=role_text,
            the_hint=the_hint,
            pos=base + name[0].start,
            honorific=honorific,
        )
    head = last.bare.lower()
    head = dash_title(head)  # "the Tory co-chairman": a chairman
    if head in ANONYMOUS:
        return Subject("anon", head=head, phrase=phrase, pos=pos)
    if is_age_noun(head) and chunk[0].low == "the":
        # "the 21-year-old told Cadena Cope": the person the narration is about.
        return Subject("noun", head="year-old", phrase=phrase, pos=pos)
    if head in ORG_NOUNS or head in PERSON_NOUNS or head in TITLE_WORDS or is_plural_person(head):
        mods = [t for t in chunk[:-1] if t.low not in {"the", "a", "an"}]
        # "one London-based broker": a place the person works in does not name them.
        naming = [t for t in mods if t.is_cap and not is_based(t.low)]
        if indefinite and head not in ORG_NOUNS and not naming:
            return Subject("anon", head=head, phrase=phrase, pos=pos)  # "a nurse", "an aide"
        return Subject("noun", head=head, owner=tuple(mods), phrase=phrase, pos=pos)
    if indefinite and last.is_word and len(chunk) <= 4:
        return Subject("anon", head=head, phrase=phrase, pos=pos)  # "a doctor from Hebron"
    return None


_RANK_SHORT = frozenset("gen col brig cmdr adm".split())
_STAR_NOUNS = frozenset("star creator".split())
_CLAUSE_PREPOSITIONS = frozenset("at in on from against over to with into".split())


def is_based(word: str) -> bool:
    """ "Chennai-based", "London–based": where a firm or a person works, never a name."""
    return word.lower().endswith(("-based", "–based"))


_AGE_NOUN = re.compile(r"\d+-year-old")
_TIMES = re.compile(
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|multiple)[-‑]time"
)


def is_age_noun(word: str) -> bool:
    """ "21-year-old": a person described by age."""
    return _AGE_NOUN.fullmatch(word) is not None


_DEMONYM_ENDINGS = (
    "an",
    "ard",
    "man",
    "woman",
    "ese",
    "ot",
    "i",
    "ede",
    "ole",
    "urk",
    "oat",
    "erb",
)


def _nationality(word: str) -> bool:
    """A nationality noun or adjective ("Spaniard", "Brazilian", "Frenchman"), not a
    country's name."""
    low = word.lower()
    return low in COUNTRY_WORDS and low.endswith(_DEMONYM_ENDINGS) and len(low) > 3


def is_plural_person(noun: str) -> bool:
    """ "Her lawyers said", "the officials said": several people, none of them named."""
    if not noun.endswith("s") or noun in ORG_NOUNS:
        return False
    return any(n in PERSON_NOUNS or n in TITLE_WORDS for n in (noun[:-1], noun[:-2]))


def chunk_back(tokens: list[Token], j: int, limit: int = 12) -> list[Token]:
    """The tokens ending at `j`, back to the previous boundary (at most `limit`)."""
    k = j
    while k >= 0 and j - k < limit and not is_boundary(tokens[k]):
        k -= 1
    return tokens[k + 1 : j + 1]
