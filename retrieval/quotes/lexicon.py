"""The word tables of quotation extraction, loaded once at import from ``data/*.txt`` and ``*.tsv``.

A ``.txt`` table is a list of words separated by whitespace or newlines; a ``.tsv`` table maps a key
to a value, one ``key<TAB>value`` pair a line. In both, ``#`` starts a comment that runs to the end
of the line, and each file opens with a comment saying what its list is for.
"""

from __future__ import annotations

from importlib import resources

_DATA = resources.files(__package__).joinpath("data")


def _lines(name: str) -> list[str]:
    text = _DATA.joinpath(name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0] for line in text.splitlines()]


def word_list(name: str) -> tuple[str, ...]:
    """The words of a ``.txt`` table, in file order."""
    return tuple(word for line in _lines(name) for word in line.split())


def word_set(name: str) -> frozenset[str]:
    """The words of a ``.txt`` table."""
    return frozenset(word_list(name))


def word_map(name: str) -> dict[str, str]:
    """The ``key<TAB>value`` pairs of a ``.tsv`` table, in file order."""
    pairs: dict[str, str] = {}
    for line in _lines(name):
        if not line.strip():
            continue
        key, value = line.split("\t")
        pairs[key.strip()] = value.strip()
    return pairs


# Speech verbs and what may stand around them.
SPEECH_VERBS = word_set("speech_verbs.txt")
INVERTIBLE = word_set("invertible_verbs.txt")
PASSIVE_AUX = word_set("passive_auxiliaries.txt")
CLAUSE_VERBS = word_set("clause_verbs.txt")
WEEKDAYS = word_set("weekdays.txt")
MONTHS = word_set("months.txt")
SKIP_BEFORE_VERB = word_set("skip_before_verb.txt") | WEEKDAYS | MONTHS
TIME_WORDS = word_set("time_words.txt") | WEEKDAYS | MONTHS

# Phrase structure.
CLAUSE_BOUNDARY = word_set("clause_boundary.txt")
SOURCE_STOP = word_set("source_stop.txt")
LEADING_FUNCTION = word_set("leading_function.txt")
CONNECTORS = word_set("connectors.txt")
NAME_PARTICLES = word_set("name_particles.txt")
PREPOSITIONS = word_set("prepositions.txt")
MENTION_PREPOSITIONS = word_set("mention_prepositions.txt")
RELATIVE = word_set("relative_pronouns.txt")
ADVERB_ASIDE = word_set("adverb_asides.txt")
APPOSITIVE_START = word_set("appositive_start.txt")
ABBREVIATIONS = word_list("abbreviations.txt")

# Pronouns and gender.
PRONOUNS = word_map("pronouns.tsv")
MALE_PRONOUNS = word_set("male_pronouns.txt")
FEMALE_PRONOUNS = word_set("female_pronouns.txt")
TITLE_WORDS = word_set("title_words.txt")
HONORIFICS = word_set("honorifics.txt")
MALE_TITLES = word_set("male_titles.txt")
FEMALE_TITLES = word_set("female_titles.txt")
MALE_NAMES = word_set("male_names.txt")
FEMALE_NAMES = word_set("female_names.txt")
# Any given name, of either gender or of both: marks a capitalised run as a person's name.
GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES | word_set("unisex_names.txt")

# Who and what speaks.
DOC_NOUNS = word_set("doc_nouns.txt")
MEDIUM_ONLY = word_set("medium_only.txt")
OWNED_DOC_NOUNS = word_set("owned_doc_nouns.txt")
WORK_NOUNS = word_set("work_nouns.txt")
GROUP_WORDS = word_set("group_nouns.txt")
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
MEDIUM_NOUNS = word_set("medium_nouns.txt")
ORG_NOUNS = word_set("org_nouns.txt")
PERSON_NOUNS = word_set("person_nouns.txt")
ANONYMOUS = word_set("anonymous.txt")
PLACE_PREFIXES = word_set("place_prefixes.txt")
NAMING_CUES = word_set("naming_cues.txt")
COUNTRY_WORDS = word_set("country_words.txt")
ORG_KEYWORDS = word_set("org_keywords.txt")
THING_HEADS = word_set("thing_heads.txt")
GOVERNMENT_ORGS = word_map("government_orgs.tsv")


def _role_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for line in _lines("role_classes.txt"):
        words = line.split()
        for word in words:
            classes.setdefault(word, set()).add(words[0])
    return {word: frozenset(heads) for word, heads in classes.items()}


# role word -> the classes it belongs to, each named by its first word ("ceo" -> {"chief"};
# "boss" -> {"chief", "coach"}: a company's or a team's)
ROLE_CLASSES = _role_classes()
ROLE_CLASS = frozenset(ROLE_CLASSES)  # every role word
