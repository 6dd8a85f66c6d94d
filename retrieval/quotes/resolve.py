"""Who a speech tag's subject is: names, pronouns, nouns, documents and governments resolved.

Tags are resolved in article order against the entity table (`retrieval.quotes.entities`):

* a name is the person or organisation it belongs to;
* a pronoun is the nearest earlier person of a compatible gender ("it" the latest organisation),
  unless an unnamed speaker ("says a doctor from Hebron") came in between;
* "the company", "the spokeswoman" is the latest fitting organisation or titled person; "the then
  prime minister" with nobody of that title is the person the narration was just about;
* a document speaks for its owner: ``a White House readout`` is the White House, a bare
  ``the readout`` is the most recent readout's owner, and a country's or a leader's document
  ("the U.S. readout", "the Trump administration's readout") is the earlier documents' owner that
  the article names most often beside that country or leader (no table of governments is used).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from retrieval.articles import Article
from retrieval.quotes.entities import (
    Cluster,
    EntityTable,
    gender_hint,
    holds_title,
    is_country_word,
)
from retrieval.quotes.lexicon import (
    CLAUSE_BOUNDARY,
    DOC_NOUNS,
    GOVERNMENT_ORGS,
    HONORIFICS,
    MENTION_PREPOSITIONS,
    ORG_NOUNS,
    OWNED_DOC_NOUNS,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    TITLE_WORDS,
)
from retrieval.quotes.phrases import (
    Subject,
    analyse_chunk,
    chunk_back,
    is_age_noun,
    is_boundary,
    is_plural_person,
    is_title,
)
from retrieval.quotes.tags import ParsedParagraph, Tag
from retrieval.quotes.tokens import Token, sentence_of, strip_possessive
from retrieval.text import fold

# Lower-case words after a role that are not its verb ("The Tory leader of ...").
_NOT_VERBS = frozenset("of for at in on and or to from with by".split())
_LEADING_CONJUNCTIONS = frozenset("but and yet so".split())
_CLUB_NOUNS = frozenset("club team side squad".split())
_KIN_GENDER = {
    **dict.fromkeys("mom mum mother daughter sister wife grandmother aunt niece".split(), "f"),
    **dict.fromkeys("dad father son brother husband grandfather uncle nephew".split(), "m"),
}
_SPOKES_NOUNS = frozenset("spokesman spokeswoman spokesperson representative".split())
_QUESTION_AUX = frozenset("was is were are did does do has have had will would could can".split())
_DETERMINERS = frozenset("the a an my your his her its our their this that".split())
_UNNAMED_BY_CHOICE = re.compile(
    r"\s*,\s*who\s+(?:did\s*n[o'’]t|would\s*n[o'’]t|declined|asked|refused|spoke|requested)"
    r"\b[^.]{0,40}?\b(?:name|named|identified|anonymity)\b",
    re.IGNORECASE,
)
_OPENING_REACH = 40  # characters from a sentence's start to a subject that opens it
_DESCRIBED_WINDOW = 600  # characters back to the person a definite role noun stands for
# A party's member, singular: "the California Republican said" describes a person just named.
_PARTY_MEMBERS = frozenset("republican democrat conservative liberal socialist tory".split())


def _name_surface(tokens: Sequence[Token]) -> str:
    """A name as written, only its last word's possessive off: "Moody’s Analytics’" is
    "Moody’s Analytics"."""
    return " ".join([*(t.text for t in tokens[:-1]), tokens[-1].bare])


class Resolver:
    """Gives every tag of an article its speaker and the speaker's kind (person, organization)."""

    def __init__(
        self, article: Article, paragraphs: list[ParsedParagraph], table: EntityTable
    ) -> None:
        self.paragraphs = paragraphs
        self.table = table
        self.docs: list[tuple[int, str, str]] = []  # (abs pos, owner canonical, document noun)
        self._sentences: list[tuple[str, set[int]]] | None = None  # folded text, cluster ids
        self.folded_text = fold(article.text)
        self._last_speaker: tuple[int, str] | None = None  # (abs pos, canonical) of the last tag
        self._paragraph_start = 0  # where the paragraph whose tags are being resolved starts
        self._last_org: tuple[int, str] | None = None  # the last organisation named as speaker
        self._last_spokes: str | None = None  # the organisation a spokesperson last spoke for
        self._spans: list[tuple[int, int, ParsedParagraph, int]] | None = None

    def resolve_tags(self) -> None:
        """Resolve every tag's subject in article order (documents' owners first)."""
        self._collect_docs()
        # The last tag with a person speaking, and its sentence's index in the paragraph being
        # resolved (-1: the previous paragraph's last sentence).
        previous: tuple[Tag, int] | None = None
        for p in self.paragraphs:
            self._paragraph_start = p.para.start
            anonymous_at: int | None = None  # "says a doctor from Hebron": an unnamed speaker
            answering = self.interviewee(p)
            quotation_sentences = {pc.sentence for pc in p.pieces}
            described = self._described_subjects(p)
            for tag in p.tags:
                while described and described[0].pos < tag.pos:
                    self._record_described(described.pop(0), p)
                if previous is not None and (
                    any(k not in quotation_sentences for k in range(previous[1] + 1, tag.sentence))
                    or self._other_subject_between(previous[0], tag.pos)
                ):
                    # Narration between (quotations alone keep the speaker), or someone else
                    # made the subject ("Peter Bradshaw felt there “might well be” a sweep").
                    previous = None
                if tag.subject is None:
                    shared = self._shared_subject(tag, p)
                    if shared is not None:
                        # "The Fed did not rule out raising rates but noted that ...": two
                        # verbs, one subject
                        tag.speaker, tag.kind = shared.canonical, shared.kind
                    continue
                if answering and tag.subject.kind == "pronoun" and tag.subject.head == "i":
                    tag.speaker, tag.kind = answering, "person"  # "I said" in an answer
                    continue
                if _unnamed_by_choice(tag.subject, p):
                    # "said the great-grandfather, who didn't share his name": nobody named
                    anonymous_at = tag.pos
                    tag.kind = "anonymous"
                    continue
                if tag.subject.kind == "anon":
                    org = self._org_of_anonymous(tag.subject) or self._spoken_for(tag)
                    if org is not None:  # "said a member of GreatFire.org": the organisation
                        tag.speaker, tag.kind = org, "organization"
                        continue
                    anonymous_at = tag.pos
                    tag.kind = "anonymous"  # "an official said": nobody the article names
                    continue
                group_org = self._group_of_org(tag.subject)
                if group_org is not None:
                    # "Department of Health legal advisers replied": they speak for the body.
                    tag.speaker, tag.kind = group_org, "organization"
                    continue
                if (
                    tag.subject.kind in {"multi"}
                    or (tag.subject.kind == "pronoun" and PRONOUNS.get(tag.subject.head) == "p")
                    or (tag.subject.kind == "noun" and is_plural_person(tag.subject.head))
                ):
                    tag.kind = "joint"  # "they said", "Lomba-Ferreira and Maasland said"
                    continue
                if (
                    tag.subject.kind == "pronoun"
                    and anonymous_at is not None
                    and not self._person_named_between(anonymous_at, tag.pos)
                ):
                    tag.kind = "anonymous"  # "he says" after the unnamed speaker is them again
                    continue
                speaker, kind = self._tag_speaker(
                    previous[0] if previous else None, tag.subject, tag.pos
                )
                if speaker is None:
                    speaker, kind = self._resolve_subject(tag.subject, tag.pos, p)
                tag.speaker, tag.kind = speaker, kind
                if (
                    speaker
                    and (kind == "person" or _spokesperson(tag.subject))
                    and (previous is None or previous[1] != tag.sentence or tag.inverted)
                ):
                    # The sentence's first speaker: "Weitz said he had visited Pullman, who had
                    # told him ...": Weitz, not the one his clause reports; but the speaker of a
                    # tag set after the words ("It was no good Mr Blair claiming ..., argued
                    # Mr Howard") is the sentence's own.
                    previous = (tag, tag.sentence)
                if speaker and kind == "person":
                    self._last_speaker = (tag.pos, speaker)
                    if tag.subject.kind == "noun":
                        self.table.add_subject_mention(tag.subject.pos, speaker, tag.subject.phrase)
                elif speaker and kind == "organization" and tag.subject.kind in {"name", "noun"}:
                    self._last_org = (tag.pos, speaker)  # "Google said", "the club said"
                if speaker and kind == "organization" and _spokesperson(tag.subject):
                    self._last_spokes = speaker
                if speaker and tag.subject.kind == "name" and tag.subject.role and kind == "person":
                    cluster = self.table.person_for([t.text for t in tag.subject.tokens], tag.pos)
                    if cluster is not None:
                        quoted = any(pc.sentence == tag.sentence for pc in p.pieces)
                        cluster.roles.append((quoted, tag.subject.role))
            for subject in described:
                self._record_described(subject, p)
            last_sentence = len(p.sentences) - 1
            if previous is not None and previous[0] in p.tags and previous[1] == last_sentence:
                previous = (previous[0], -1)  # "Hoenig added that ... ¶ “...,” he said."
            else:
                previous = None

    def _other_subject_between(self, previous: Tag, pos: int) -> bool:
        """Whether a sentence between `previous` and `pos` opens on a person other than its
        speaker, before any quotation ("The Guardian's critic Peter Bradshaw felt that there
        “might well be” a sweep"): the narration has moved on to them."""
        own = self._sentence_at(previous.pos)
        mentions = self.table.mentions  # sorted by position
        lo = bisect.bisect_left(mentions, previous.end, key=_position)
        hi = bisect.bisect_left(mentions, pos, key=_position)
        for i in range(lo, hi):
            mpos, cluster, subj = mentions[i]
            if not subj or cluster.kind != "person":
                continue
            k = self._sentence_at(mpos)
            if k is None or k == own:
                continue  # "He said Mr Blair had spoken with ..., adding": still his sentence
            start, _end, p, index = self._spans[k]
            tokens = p.sentence_tokens(index)
            opening = [t for t in tokens if p.para.start + t.start < mpos]
            if any(t.is_quote for t in opening) or len(opening) > 5:
                continue
            rest = [t for t in tokens if p.para.start + t.start >= mpos]
            verb = next((t for t in rest if not t.is_cap), None)
            if verb is None or not verb.is_word:
                continue  # "Mr Sullivan “made accounting decisions,” he told": his words' subject
            first = bisect.bisect_left(mentions, start, key=_position)
            if any(c.kind == "person" for _other, c, _s in mentions[first:i]):
                continue  # not the sentence's first person
            if cluster.canonical != previous.speaker:
                return True
        return False

    @staticmethod
    def _described_subjects(p: ParsedParagraph) -> list[Subject]:
        """Sentences whose subject is a person described by a role and no speech verb follows
        ("The Tory leader was asked to respond", "The striker joined the Gunners"), in order;
        subjects of tags are resolved with their tags."""
        tagged = {t.subject.pos for t in p.tags if t.subject is not None}
        found: list[Subject] = []
        for index in range(len(p.sentences)):
            tokens = p.sentence_tokens(index)
            if tokens and tokens[0].low in _LEADING_CONJUNCTIONS:
                tokens = tokens[1:]  # "But the 25-year-old Dubliner underlined ..."
            if len(tokens) < 3 or tokens[0].low != "the":
                continue
            for at in range(1, min(len(tokens) - 1, 5)):
                if tokens[at].is_quote or not tokens[at].is_word:
                    break
                head = tokens[at].bare.lower()
                k = at
                if is_age_noun(head) and tokens[at + 1].is_cap and at + 2 < len(tokens):
                    k = at + 1  # "the 25-year-old Dubliner": described by age and origin
                elif not (head in PERSON_NOUNS | TITLE_WORDS or is_age_noun(head)):
                    continue
                nxt = tokens[k + 1]
                if nxt.is_word and not nxt.is_cap and nxt.low not in _NOT_VERBS | TITLE_WORDS:
                    subject = analyse_chunk(tokens[: k + 1], p.masked, p.para.start)
                    if (
                        subject is not None
                        and subject.kind == "noun"
                        and subject.pos not in tagged
                        and subject.head not in ORG_NOUNS
                    ):
                        found.append(subject)
                    break
        return found

    def _record_described(self, subject: Subject, p: ParsedParagraph) -> None:
        """Record the person a described subject stands for as a subject-like mention."""
        speaker, kind = self._resolve_subject(subject, subject.pos, p)
        if speaker and kind == "person":
            self.table.add_subject_mention(subject.pos, speaker, subject.phrase)

    def _tag_speaker(
        self, previous: Tag | None, s: Subject, pos: int
    ) -> tuple[str | None, str | None]:
        """He/she in the sentence right after one whose speech verb has a person speaking:
        that person, when the gender fits ("Hayward revealed that Hoddle was approached first.
        “...,” he explained."; "Moxey defended the decision to give Hoddle a contract. “...,”
        he said.": the speaker, not the person spoken about)."""
        want = PRONOUNS.get(s.head) if s.kind == "pronoun" else None
        if previous is None or previous.speaker is None:
            return None, None
        if want == "o" or (s.kind == "noun" and s.head in _COMPANY_NOUNS and not s.owner):
            # "In a statement Google said ... It said: “...”", "Google said ... and that the
            # company welcomed feedback": a one-word name that "it" or "the company" takes up is
            # the organisation speaking on.
            cluster = self.table.person_named(previous.speaker)
            if (
                previous.kind == "person"
                and cluster is not None
                and cluster.gender is None
                and _bare_word(cluster)
            ):
                return previous.speaker, "organization"
            return None, None
        if want not in {"m", "f"}:
            return None, None
        if previous.kind == "organization":
            # "A spokesman for the UK Film Council said: “...” He added: “...”"
            return previous.speaker, "organization"
        cluster = self.table.person_named(previous.speaker)
        if cluster is None or cluster.gender not in {want, None}:
            return None, None
        return cluster.canonical, "person"

    def interviewee(self, p: ParsedParagraph) -> str | None:
        """Who answers in an interview paragraph that opens with a person's initials ("OW I did
        it every time." for Oprah Winfrey), when exactly one person of the article has them."""
        if not p.tokens or not re.fullmatch(r"[A-Z]{2,3}", p.tokens[0].text):
            return None
        initials = p.tokens[0].text
        fits = [
            c.canonical
            for c in self.table.persons
            if "".join(w[0] for w in c.canonical.split() if w[0].isupper()) == initials
        ]
        return fits[0] if len(fits) == 1 else None

    def _group_of_org(self, s: Subject) -> str | None:
        """The organisation that people described by a plural role belong to, when the role's
        own words name it ("Department of Health legal advisers", "Microsoft engineers")."""
        if s.kind != "noun" or not is_plural_person(s.head) or not s.owner:
            return None
        words = list(s.owner)
        while words and not words[-1].is_cap:
            words.pop()  # "legal": the role's own modifier
        if not words or not all(t.is_cap or t.low in {"of", "for", "and"} for t in words):
            return None
        if any(t.possessive for t in words):
            return None
        return self._body_named(" ".join(t.text for t in words), False)

    def _org_of_anonymous(self, s: Subject) -> str | None:
        """The organisation an unnamed speaker belongs to, when the tag names one ("a member
        of GreatFire.org"); None for a person ("a friend of Smith") or no name."""
        if not s.tokens:
            return None
        return self._body_named(_name_surface(s.tokens), s.the_hint)

    def _body_named(self, surface: str, the_hint: bool) -> str | None:
        """The organisation `surface` names (known or new), or None for a country's word or a
        name that does not read as an organisation's."""
        if is_country_word(surface) or not self.table.org_like(surface, the_hint):
            return None
        return (self.table.find_org(surface) or self.table.add_org(surface)).canonical

    def _spoken_for(self, tag: Tag) -> str | None:
        """For "A spokeswoman said" with no organisation named: the organisation that is the
        subject of the sentence just before ("The Department for Education and Skills would
        not comment. A spokeswoman said: ...")."""
        if tag.subject is None or tag.subject.head not in _SPOKES_NOUNS:
            return None
        k = self._sentence_at(tag.pos)
        if not k:
            return None
        start, end, _p, _index = self._spans[k - 1]
        first = next(
            ((mpos, c) for mpos, c, _subj in self.table.mentions if start <= mpos < end), None
        )
        if first is None or first[1].kind != "organization":
            return None
        opening = self.folded_text[start : first[0]].split()  # the sentence opens with it
        return first[1].canonical if opening in ([], ["the"]) else None

    def _collect_docs(self) -> None:
        for p in self.paragraphs:
            tokens = p.tokens
            for idx, tok in enumerate(tokens):
                if tok.bare.lower() not in DOC_NOUNS | OWNED_DOC_NOUNS:
                    continue
                chunk = list(chunk_back(tokens, idx))
                if idx + 2 < len(tokens) and tokens[idx + 1].low in {"from", "by"}:
                    # "a 2014 report from the World Bank": the owner follows the noun.
                    end = idx + 1
                    while (
                        end < len(tokens)
                        and end - idx <= 8
                        and not is_boundary(tokens[end])
                        # "A report by the Fraser of Allander Institute says": not its verb
                        and (
                            end <= idx + 2
                            or tokens[end].is_cap
                            or tokens[end].low in _OWNER_LINKS
                            or is_title(tokens[end].text)  # "from chief executive Sidney Taurel"
                        )
                    ):
                        end += 1
                    chunk += tokens[idx + 1 : end]
                subject = analyse_chunk(chunk, p.masked, p.para.start)
                if subject is None or subject.kind != "doc" or not subject.owner:
                    continue
                noun = tok.bare.lower()
                pos = p.para.start + tok.start
                owner = self._resolve_owner(subject.owner, p.masked, pos, noun)
                if owner:
                    self.docs.append((pos, owner, noun))

    def _resolve_owner(self, owner: Sequence[Token], text: str, pos: int, noun: str) -> str | None:
        # Only the last word's possessive goes: "Moody’s Analytics’ forecast" is Moody’s Analytics.
        words = [t.text for t in owner[:-1]] + [strip_possessive(t.text) for t in owner[-1:]]
        if not words:
            return None
        if len(words) == 1 and words[0].lower() in {"its", "their"}:
            return self._recent_org(pos)
        last = words[-1].lower()
        if last in {"administration", "government"}:
            return self._seat_of(words[:-1], noun, pos) or self._government_of(
                words[:-1], pos, last
            )
        if is_country_word(" ".join(words)):
            seat = self._seat_of(words, noun, pos)
            if seat:
                return seat
        if last in ORG_NOUNS:
            return self._org_noun(last, words[:-1], pos)
        surface = " ".join(words)
        org = self.table.find_org(surface)
        if org is not None:
            return org.canonical
        person = self.table.person_for(words, pos)
        if person is not None:
            return person.canonical
        return self.table.add_org(surface).canonical

    def _seat_of(self, words: Sequence[str], noun: str, pos: int) -> str | None:
        """The organisation that speaks for a country or a leader's government here ("the U.S.
        readout", "the Trump administration's readout"): among the owners of earlier documents,
        the one the article names most often in the same sentences as that country or leader.
        None when no single one stands out (the article gives no evidence)."""
        candidates = {owner for dpos, owner, _noun in self.docs if dpos < pos}
        orgs = {o.canonical: id(o) for o in self.table.orgs if o.canonical in candidates}
        if not orgs or not words:
            return None
        person = self.table.person_for(words, pos)
        needle = fold(" ".join(words))
        scores = dict.fromkeys(orgs, 0)
        for folded, clusters in self._sentence_index():
            if person is not None:
                present = id(person) in clusters
            else:
                present = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded) is not None
            if present:
                for name, ident in orgs.items():
                    scores[name] += ident in clusters
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def _sentence_index(self) -> list[tuple[str, set[int]]]:
        """Each sentence's folded text and the entities mentioned in it (built once)."""
        if self._sentences is None:
            self._sentences = []
            for p in self.paragraphs:
                for start, end in p.sentences:
                    a, b = p.para.start + start, p.para.start + end
                    clusters = {id(c) for mpos, c, _s in self.table.mentions if a <= mpos < b}
                    self._sentences.append((fold(p.para.text[start:end]), clusters))
        return self._sentences

    def _government_of(self, words: Sequence[str], pos: int, noun: str) -> str | None:
        """ "the Lula government", "the Trump administration": an organisation of its own."""
        if not words:
            return self._recent_org(pos)
        return self.table.add_org(f"{' '.join(words)} {noun}").canonical

    def _recent_org(self, pos: int) -> str | None:
        """The organisation "it" stands for: the latest one that was a subject or spoke (not
        "TCI's opposition"), else the latest named."""
        best: tuple[int, str] | None = None
        named: str | None = None
        for mpos, cluster, subj in self.table.mentions:
            if mpos < pos and cluster.kind == "organization":
                named = cluster.canonical
                if subj:
                    best = (mpos, cluster.canonical)
        last = self._last_org
        if last is not None and last[0] < pos and (best is None or last[0] > best[0]):
            best = last
        return best[1] if best else named

    def _org_noun(self, noun: str, modifiers: Sequence[str], pos: int) -> str | None:
        if modifiers:
            surface = " ".join(modifiers)
            if noun in {"administration", "government"}:
                return self._government_of(modifiers, pos, noun)
            org = self.table.find_org(f"{surface} {noun}")
            lower = [m for m in modifiers[1:] if m[:1].islower()]
            if (
                org is None
                and modifiers[0][:1].isupper()
                and lower
                and all(m == "and" or m not in _NOT_VERBS | _DETERMINERS for m in lower)
                and not any(strip_possessive(m) != m for m in modifiers)
                and not is_country_word(strip_possessive(modifiers[0]))
                # (not when a body whose name says the noun is known: "Valdenia's economy
                # ministry" is the "Ministry of Economy")
                and not any(noun in fold(o.canonical) for o in self.table.orgs)
                and len(modifiers) <= 6
            ):
                # "the Commons work and pensions committee": a body named partly in lower case;
                # "the committee" and "it" later are that body.
                org = self.table.add_org(f"{surface} {noun}")
                bisect.insort(self.table.mentions, (pos, org, True), key=_position)
            org = org or self.table.find_org(surface)
            if org is not None:
                return org.canonical
        # "the company", "the ministry": the most recent organisation whose name fits the noun,
        # else the most recent organisation.
        fitting = None
        fitting_subject = None  # "KLD said", not "a strategist at Nollen Capital"
        later = None
        anyorg = None
        for mpos, cluster, subj in self.table.mentions:
            if cluster.kind != "organization":
                continue
            fits = noun in fold(cluster.canonical) or (
                noun in {"company", "firm", "group", "corporation", "maker", "giant"}
                and fold(cluster.canonical) not in GOVERNMENT_ORGS
            )
            if mpos >= pos:
                if fits and later is None:
                    later = cluster  # a key point can name an organisation introduced below
                continue
            anyorg = cluster
            if fits:
                fitting = cluster
                if subj:
                    fitting_subject = cluster
        if fitting is None and anyorg is not None and noun in _CLUB_NOUNS:
            # "the club said" in a story about one club that names others: the club the article
            # names most up to here, the latest on a tie ("Rival local club Manchester City has
            # pleaded ..." does not make City "the club" of a Manchester United story).
            counts: dict[int, int] = {}
            for mpos, cluster, _subj in self.table.mentions:
                if mpos < pos and cluster.kind == "organization":
                    counts[id(cluster)] = counts.get(id(cluster), 0) + 1
            top = max(counts.values())
            anyorg = next(
                c
                for mpos, c, _s in reversed(self.table.mentions)
                if mpos < pos and c.kind == "organization" and counts[id(c)] == top
            )
        # A name that only comes later is a last resort (a key point before the body).
        chosen = fitting_subject or fitting or anyorg or later
        return chosen.canonical if chosen else None

    def _resolve_subject(
        self, s: Subject, pos: int, p: ParsedParagraph
    ) -> tuple[str | None, str | None]:
        if s.kind == "pronoun":
            start = self._reported_clause_start(s, p)
            if start is not None:
                speaker, kind = self._resolve_pronoun(s.head, start)
                if speaker is not None:
                    return speaker, kind
            return self._resolve_pronoun(s.head, pos)
        if s.kind == "doc":
            if s.owner:
                owner = self._resolve_owner(s.owner, p.masked, pos, s.head)
                kind = "organization" if owner and self.table.find_org(owner) else "person"
                return owner, kind if owner else None
            if not s.the_hint:
                # "Ban Ki-moon is “deeply concerned ...,” according to a statement": a
                # statement nobody is said to own is the sentence's subject's.
                opening = self._sentence_opening_subject(p, pos)
                if opening is not None:
                    return opening.canonical, opening.kind
            for t in reversed(p.tags):
                if t.pos < pos and t.speaker and t.source and s.head in t.source.lower():
                    # "the club said in its statement ... “...,” the statement said": the
                    # statement just given as a source is that speaker's.
                    return t.speaker, t.kind
            for dpos, owner, noun in reversed(self.docs):
                # "the report" is the report named before; a statement, any document before.
                if dpos < pos and (s.head not in OWNED_DOC_NOUNS or noun == s.head):
                    return owner, "organization"
            return None, None
        if s.kind == "noun":
            described = s.head == "year-old" or is_country_word(s.head)  # "the Spaniard"
            if (s.head in PERSON_NOUNS | TITLE_WORDS or described) and s.head not in ORG_NOUNS:
                mods = [t.bare for t in s.owner if t.is_cap and t.low not in _DETERMINERS]
                definite = (s.phrase or "").lower().startswith("the ")
                owner = _owner_word(s)
                if s.head in _SPOKES_NOUNS and owner in ORG_NOUNS:
                    # "the council's spokesperson said": the council named before.
                    org = self._org_noun(owner, [], pos)
                    if org is not None:
                        return org, "organization"
                if s.head in _SPOKES_NOUNS and definite and not s.owner and self._last_spokes:
                    # "said a Vodafone spokesman" ... "the spokesman said": the same one.
                    return self._last_spokes, "organization"
                represented = self._represented(s, pos)
                if represented is not None:
                    return represented.canonical, "person"  # "the rapper's spokesman said"
                if s.head in _KIN_GENDER and mods:
                    # "Donna Kelce has praised the album ... Travis Kelce's mom confirmed": the
                    # person just named, when not the one whose relative this is
                    kin = self._person_just_before(min(pos, s.pos), subject_only=True)
                    owner_words = {fold(strip_possessive(w)) for w in mods}
                    if (
                        kin is not None
                        and kin.gender in {_KIN_GENDER[s.head], None}
                        and not owner_words & {fold(w) for w in kin.canonical.split()[:1]}
                    ):
                        return kin.canonical, "person"
                    return None, None
                if mods and definite and s.head in _PLAIN_PERSON:
                    # "says the Waterford man": a person described by where they come from
                    return self._described_person(pos, described=True)
                if mods and definite and s.head not in _SPOKES_NOUNS:
                    # "said the Spurs sporting director": the person of that title, if any.
                    titled = self._titled_person(s.head, pos)
                    if titled is not None:
                        return titled.canonical, "person"
                if mods and definite and s.head in _LEADER_NOUNS:
                    # "the Pentagon chief said", "the Microsoft boss": the person the narration
                    # is about, not the organisation that modifies the role.
                    about = self._person_just_before(pos, subject_only=True)
                    if about is not None:
                        return about.canonical, "person"
                if mods:
                    caps = [
                        k for k, t in enumerate(s.owner) if t.is_cap and t.low not in _DETERMINERS
                    ]
                    # "A Department for Constitutional Affairs spokeswoman": connectors inside
                    owner = list(s.owner[caps[0] : caps[-1] + 1])
                    surface = _name_surface(owner)
                    org = self.table.find_org(surface)
                    named = [t.bare for t in owner if fold(t.bare).rstrip(".") not in HONORIFICS]
                    speaks_for = (
                        None
                        if org is not None or self.table.org_like(surface, False)
                        else self.table.person_for(named, pos)
                    )
                    if speaks_for is not None and fold(" ".join(named)) not in {
                        fold(x) for x in speaks_for.surfaces
                    }:
                        speaks_for = None  # "Human Rights Watch" is not a person called Watch
                    if s.head in _SPOKES_NOUNS and speaks_for is not None:
                        return speaks_for.canonical, "person"  # "Mr Blair's spokesman said"
                    if org is None and (
                        s.head in _SPOKES_NOUNS
                        or (not definite and self.table.org_like(surface, False))
                    ):
                        # "a spokesman for Google", "said an IMF official"
                        org = self.table.add_org(surface)
                    if org is not None:
                        return org.canonical, "organization"
                # "the president said": the most recent person with that title.
                titled = self._titled_person(s.head, pos)
                if titled is not None:
                    return titled.canonical, "person"
                if definite:
                    # (a fan, a resident, a star: a description, not a post someone holds)
                    plain = s.head == "star" or (
                        s.head in PERSON_NOUNS and s.head not in TITLE_WORDS
                    )
                    return self._described_person(pos, described=described or plain)
                return None, None
            org = self._org_noun(s.head, [t.bare for t in s.owner], pos)
            return (org, "organization") if org else (None, None)
        if s.kind == "name":
            if s.the_hint and s.tokens[-1].bare.lower() in _PARTY_MEMBERS:
                # "the California Republican said": the member of Congress just named.
                return self._named_person_before(pos)
            # Only the last word's possessive goes: "Moody’s Analytics" keeps its own.
            surface = _name_surface(s.tokens)
            if self.table.org_like(surface, s.the_hint) or (
                # "And Australia said it was “...”": a country speaks as its government does
                # (not "Americans said", "the Chinese say": its people)
                len(s.tokens) == 1
                and not s.tokens[0].possessive
                and surface[:1].isupper()
                and is_country_word(surface)
                and not fold(surface).endswith(("ans", "is", "ese", "ish"))
            ):
                org = self.table.find_org(surface) or self.table.add_org(surface)
                return org.canonical, "organization"
            hint = gender_hint(s.role) or gender_hint(s.honorific)
            person = self.table.person_for([t.text for t in s.tokens], pos, hint)
            if person is not None:
                return person.canonical, "person"
            owned = next((k for k, t in enumerate(s.tokens[:-1]) if t.possessive), None)
            if owned is not None:
                # "said NYU's Donefer": a person known by name, after where they work
                words = [t.text for t in s.tokens[owned + 1 :]]
                person = self.table.person_for(words, pos, hint)
                if person is not None:
                    return person.canonical, "person"
            if not self.table.could_be_person([t.bare for t in s.tokens]):
                words = [t.bare for t in s.tokens]
                if len(words) > 1 and (is_country_word(words[0]) or self.table.is_place(words)):
                    # "Indonesia AirAsia said"; "an investor in Deutsche Boerse ... Deutsche
                    # Boerse said": a company or a body, not a person, not a place.
                    org = self.table.find_org(surface) or self.table.add_org(surface)
                    return org.canonical, "organization"
                return None, None
            return surface, "person"
        return None, None

    def _represented(self, s: Subject, pos: int) -> Cluster | None:
        """For "the rapper's spokesman", "the star's publicist": the person of that role the
        spokesperson speaks for, when one fits."""
        owner = _owner_word(s)
        if s.head not in _SPOKES_NOUNS | {"publicist", "agent"} or owner is None:
            return None
        return self._titled_person(owner, pos)

    def _titled_person(self, title: str, pos: int) -> Cluster | None:
        """The person mentioned last before `pos` whose role has the word `title`."""
        for mpos, cluster, _subj in reversed(self.table.mentions):
            if (
                mpos < pos
                and cluster.kind == "person"
                and any(holds_title(role, title) for _quoted, role in cluster.roles)
            ):
                return cluster  # any role on record: "Tory co-chairman" as well as "Dr"
        return None

    def _described_person(
        self, pos: int, *, described: bool = False
    ) -> tuple[str | None, str | None]:
        """ "the then prime minister said" when no one holds that title by name: the person the
        narration was just about (the latest subject-like mention close before, with no other
        role on record). `described`: by age, origin or fame, not by a post ("the 25-year-old
        Dubliner", "the pop star"), which a singer's role does not contradict; right after
        someone heading a named body ("Newcastle boss Graeme Souness"), the person mentioned
        close by whom the article is most about."""
        cluster = self._person_just_before(pos, subject_only=True)
        if described and cluster is not None and self._leads_a_body(cluster):
            near = [
                c
                for mpos, c, _subj in self.table.mentions
                if mpos < pos and pos - mpos <= _DESCRIBED_WINDOW and c.kind == "person"
            ]
            counts = {c.canonical: 0 for c in near}
            for _mpos, c, _subj in self.table.mentions:
                if c.canonical in counts:
                    counts[c.canonical] += 1
            # the story's own person over one with a post passing through it
            best = max(reversed(near), key=lambda c: counts[c.canonical])
            return best.canonical, "person"
        if cluster is None:
            cluster = self._first_person_after(pos)  # "The attorney general has denied ..."
            return (cluster.canonical, "person") if cluster is not None else (None, None)
        if self._holds_post(cluster) and not described:
            return None, None  # someone with another post on record is not "the secretary"
        return cluster.canonical, "person"

    def _shared_subject(self, tag: Tag, p: ParsedParagraph) -> Cluster | None:
        """For a speech verb right after "but" or "and" with no subject of its own, the subject
        that opens its sentence."""
        if tag.inverted or tag.according:
            return None
        before = p.masked[: tag.pos - p.para.start].rstrip().rsplit(None, 1)
        if len(before) < 2 or before[-1].lower() not in {"but", "and"}:
            return None
        return self._sentence_opening_subject(p, tag.pos)

    def _sentence_opening_subject(self, p: ParsedParagraph, pos: int) -> Cluster | None:
        """The person or organisation named as the subject at the start of the sentence that
        `pos` is in, if any."""
        if not p.sentences:
            return None
        index = sentence_of(p.sentences, pos - p.para.start)
        start = p.sentences[index][0] + p.para.start
        for mpos, cluster, subj in self.table.mentions:
            if start <= mpos < pos:
                # ("The Fed did not ...": "the" before a body's name leaves it the subject)
                opening = subj or (cluster.kind != "person" and mpos - start <= 4)
                if opening and mpos - start <= _OPENING_REACH:
                    return cluster
                return None
        # "The Fed did not ...": an organisation's name opening the sentence
        tokens = p.sentence_tokens(index)
        k = 1 if tokens and tokens[0].low == "the" else 0
        run = []
        while k < len(tokens) and tokens[k].is_cap and tokens[k].is_word:
            run.append(tokens[k].bare)
            k += 1
        if not run or k >= len(tokens) or tokens[k].is_cap or not tokens[k].is_word:
            return None
        return self.table.find_org(" ".join(run))

    @staticmethod
    def _holds_post(cluster: Cluster) -> bool:
        return any(_names_a_post(role) for _quoted, role in cluster.roles)

    @staticmethod
    def _leads_a_body(cluster: Cluster) -> bool:
        """Whether a role on record heads a named body ("Newcastle boss", "Acme chairman")."""
        for _quoted, role in cluster.roles:
            words = role.split()
            if (
                len(words) > 1
                and fold(words[-1]) in _LEADER_NOUNS | {"manager", "coach"}
                and any(w[:1].isupper() for w in words[:-1])
            ):
                return True
        return False

    def _first_person_after(self, pos: int, gender: str | None = None) -> Cluster | None:
        """When nobody is named before `pos` (an article's lead: "The attorney general has
        denied ...; he insisted"), the first person named after it as a subject, close by."""
        if any(mpos < pos and c.kind == "person" for mpos, c, _s in self.table.mentions):
            return None
        for mpos, cluster, subj in self.table.mentions:
            if mpos <= pos or cluster.kind != "person" or not subj:
                continue
            if mpos - pos > _DESCRIBED_WINDOW:
                return None
            if gender is None or cluster.gender in {gender, None}:
                return cluster
        return None

    def _named_person_before(self, pos: int) -> tuple[str | None, str | None]:
        """The person named last, close before `pos`."""
        cluster = self._person_just_before(pos, subject_only=False)
        return (cluster.canonical, "person") if cluster is not None else (None, None)

    def _person_just_before(self, pos: int, *, subject_only: bool) -> Cluster | None:
        """The latest person mentioned (as a subject, with `subject_only`) within a short window
        before `pos`."""
        for mpos, cluster, subj in reversed(self.table.mentions):
            if mpos >= pos:
                continue
            if pos - mpos > _DESCRIBED_WINDOW:
                break
            if cluster.kind == "person" and (subj or not subject_only):
                return cluster
        return None

    def _person_named_between(self, start: int, end: int) -> bool:
        return any(
            start < mpos < end and cluster.kind == "person"
            for mpos, cluster, _subj in self.table.mentions
        )

    def subject_of_question(self, p: ParsedParagraph) -> str | None:
        """The person a narrated question is about: its first named person, else its he/she."""
        start, end = p.para.start, p.para.end
        tokens = p.tokens
        if (
            len(tokens) > 1
            and tokens[0].low in _QUESTION_AUX
            and PRONOUNS.get(tokens[1].low)
            in {
                "m",
                "f",
            }
        ):
            # "Was she a fan of Fey's?": the pronoun is the subject, Fey the object.
            speaker, _kind = self._resolve_pronoun(tokens[1].low, start + tokens[1].start)
            return speaker
        for mpos, cluster, _subj in self.table.mentions:
            if start <= mpos < end and cluster.kind == "person":
                return cluster.canonical
        for tok in p.tokens:
            if PRONOUNS.get(tok.low) in {"m", "f"}:
                speaker, _kind = self._resolve_pronoun(tok.low, start + tok.start)
                return speaker
        return None

    def _speaker_fitting(self, gender: str, since: int) -> str | None:
        """The person who spoke last (by the tags resolved so far), when their gender is `gender`
        and they spoke after `since`."""
        if self._last_speaker is None or self._last_speaker[0] < since:
            return None
        name = self._last_speaker[1]
        cluster = self.table.person_named(name)
        return name if cluster is not None and cluster.gender == gender else None

    def _resolve_pronoun(self, pronoun: str, pos: int) -> tuple[str | None, str | None]:
        want = PRONOUNS.get(pronoun)
        if want == "o":
            org = self._recent_org(pos)
            return (org, "organization") if org else (None, None)
        if want not in {"m", "f"}:
            return None, None
        window_start = pos - 4000
        bare_word: Cluster | None = None
        for subject_only in (True, False):
            # "Moen met Greaves. She rejected it": a later mention whose gender is known to fit
            # beats an earlier subject whose gender the article never tells.
            fitting_object: Cluster | None = None
            for mpos, cluster, subj in reversed(self.table.mentions):
                if mpos >= pos or mpos < window_start:
                    continue
                if cluster.kind != "person":
                    continue
                gender = cluster.gender
                if subject_only and not subj:
                    if gender == want and fitting_object is None:
                        fitting_object = cluster
                    continue
                if gender == want:
                    opening = self._opening_pronoun(mpos, want) if subject_only else None
                    if opening is not None:
                        # "She thanked the woman she played, Katharine Hepburn, ... “...,” she
                        # said": the sentence's subject is a pronoun, and the same pronoun
                        # after it goes on to mean whom that one meant, not the named object.
                        return self._resolve_pronoun(opening[1], opening[0])
                    return cluster.canonical, "person"
                if gender is None:
                    if fitting_object is None and _bare_word(cluster):
                        # "when Chelsea take on Barcelona": one capitalised word, never given
                        # a full name, a role or a gender, may be a team or a firm; a person of
                        # the right gender named before is likelier.
                        bare_word = bare_word or cluster
                        continue
                    chosen = fitting_object or cluster
                    if chosen.gender is None:
                        # "Anne Thompson said that Million Dollar Baby was “...”. “...,” she
                        # said": the last speaker, whose gender fits, before an unknown name.
                        last = self._speaker_fitting(want, self._paragraph_start)
                        if last is not None:
                            return last, "person"
                    return chosen.canonical, "person"
        if bare_word:
            return bare_word.canonical, "person"
        ahead = self._first_person_after(pos, want)
        return (ahead.canonical, "person") if ahead is not None else (None, None)

    def _reported_clause_start(self, s: Subject, p: ParsedParagraph) -> int | None:
        """Where the sentence starts, when its he/she speaks in a tag set off after the words it
        reports and those words name a person of that gender ("Mr Blair has failed to tackle
        these problems, he claimed"): the speaker is then someone named before, not that person.
        None otherwise, and after a subordinate clause ("When Blair arrived, he said")."""
        local = s.pos - p.para.start
        if not p.sentences:
            return None
        index = sentence_of(p.sentences, local)
        tokens = p.sentence_tokens(index)
        at = next((j for j, t in enumerate(tokens) if t.start == local), None)
        if at is None or at < 2 or tokens[at - 1].text != ",":
            return None
        first = tokens[0]
        if first.low in _SUBORDINATORS or first.low.endswith("ing") or first.is_quote:
            return None
        start = p.para.start + p.sentences[index][0]
        want = PRONOUNS.get(s.head)
        named = any(
            start <= mpos < s.pos and cluster.kind == "person" and cluster.gender == want
            for mpos, cluster, _subj in self.table.mentions
        )
        return start if named else None

    def _opening_pronoun(self, pos: int, gender: str) -> tuple[int, str] | None:
        """(position, word) of the he/she of that gender opening the sentence around `pos`, when
        the name at `pos` is set off by commas after it: the sentence's subject is then that
        pronoun, and the name an apposition in its object."""
        k = self._sentence_at(pos)
        if k is None:
            return None
        _start, _end, p, index = self._spans[k]
        tokens = p.sentence_tokens(index)
        at = next((j for j, t in enumerate(tokens) if p.para.start + t.start >= pos), 0)
        after = next((t for t in tokens[at:] if not t.is_cap), None)
        set_off = at > 0 and tokens[at - 1].text == "," and after is not None and after.text == ","
        # "He sees Owen as the ideal replacement": a name after the opening pronoun's verb
        verb_object = (
            at > 1
            and tokens[at - 1].is_word
            and not tokens[at - 1].is_cap
            and tokens[at - 1].low not in PREPOSITIONS | MENTION_PREPOSITIONS | _DETERMINERS
            and tokens[at - 1].low not in CLAUSE_BOUNDARY | {"and", "or", "nor"}
        )
        if not set_off and not verb_object:
            return None  # not a clause's own subject ("He said Smith would ...")
        words = [t for t in tokens if t.is_word][:2]
        if words and words[0].low in {"and", "but", "then"}:
            words = words[1:]  # "But she thanked ..."
        if (
            words
            and PRONOUNS.get(words[0].low) == gender
            and words[0].low in {"he", "she"}
            and p.para.start + words[0].start < pos
        ):
            return p.para.start + words[0].start, words[0].low
        return None

    def _sentence_at(self, pos: int) -> int | None:
        """The index in `_spans` of the sentence holding absolute position `pos`."""
        if self._spans is None:  # every sentence's absolute span, built once
            self._spans = [
                (p.para.start + a, p.para.start + b, p, index)
                for p in self.paragraphs
                for index, (a, b) in enumerate(p.sentences)
            ]
        k = bisect.bisect_right(self._spans, pos, key=_span_start) - 1  # spans are in order
        return k if k >= 0 and pos < self._spans[k][1] else None


_PLAIN_PERSON = frozenset("man woman lad native".split())


def _position(mention: tuple[int, Cluster, bool]) -> int:
    return mention[0]


def _span_start(span: tuple[int, int, ParsedParagraph, int]) -> int:
    return span[0]


# Words opening a subordinate clause or an adverbial phrase: the he/she after its comma may well
# be the person it names ("When Blair arrived, he said").
_SUBORDINATORS = PREPOSITIONS | frozenset(
    "when while as if although though because since once until unless whereas".split()
)

# Role nouns for whoever runs an organisation ("the Pentagon chief").
_LEADER_NOUNS = frozenset("chief boss head leader chairman chairwoman chair".split())

# Nouns that take up a company just named ("the company welcomed feedback").
_COMPANY_NOUNS = frozenset("company firm group corporation giant".split())

# Lower-case words inside an organisation's name after "a report by": "the Institute of ...".
_OWNER_LINKS = frozenset("the of for and on".split())

# Titles that address a person rather than name a post they hold.
_FORMS_OF_ADDRESS = HONORIFICS | frozenset("dr prof professor lord lady baroness rev".split())


def _unnamed_by_choice(s: Subject, p: ParsedParagraph) -> bool:
    """A person described by a role who the article says chose not to be named ("the
    great-grandfather, who didn't share his name", "a guard, who asked not to be
    identified")."""
    if s.kind not in {"noun", "anon"} or not s.phrase or s.pos < p.para.start:
        return False
    after = s.pos - p.para.start + len(s.phrase)
    return _UNNAMED_BY_CHOICE.match(p.masked, after) is not None


def _names_a_post(role: str) -> bool:
    """A role with a title or a person noun in it ("Countryside Alliance chairman"), not only
    whom the person belongs to ("The Fabian Society's")."""
    return any(
        is_title(w) or fold(w).strip(".,") in PERSON_NOUNS
        for w in role.split()
        if not w.endswith(("'s", "’s", "'", "’")) and fold(w).strip(".,") not in _FORMS_OF_ADDRESS
    )


def _owner_word(s: Subject) -> str | None:
    """The lower-case possessive a role noun belongs to ("the rapper's spokesman": "rapper",
    "the council's spokesperson": "council"), folded; None without one."""
    owner = s.owner[-1] if s.owner else None
    if owner is None or owner.is_cap or not owner.possessive:
        return None
    return fold(owner.bare)


def _spokesperson(s: Subject) -> bool:
    """ "A spokesman for the UK Film Council", "a member of GreatFire.org": someone unnamed who
    speaks for an organisation (a later he/she is them)."""
    return s.kind == "anon" or (s.kind == "noun" and s.head in _SPOKES_NOUNS)


def _bare_word(cluster: Cluster) -> bool:
    """A "person" the article only ever names with one word, with no role and no gender."""
    return not cluster.roles and all(len(s.split()) == 1 for s in cluster.surfaces)
