"""The speaker directory: who is quoted, and matching user queries to one canonical speaker."""

from __future__ import annotations

import json

import pytest

from retrieval.articles import Article, load_article
from retrieval.errors import InvalidSpeakerQuery
from retrieval.quotes import extract_quotes
from retrieval.speakers import SpeakerDirectory, SpeakerMatch
from tests.conftest import SEEDS, SHARED_EVAL, TEST_ARTICLES, make_article

DATA = TEST_ARTICLES
SEED = next(SEEDS.glob("*.txt"))
DEV_QUOTES = SHARED_EVAL / "dev_quotes.json"


def directory_of(*articles: Article) -> SpeakerDirectory:
    return SpeakerDirectory.build([(a, extract_quotes(a)) for a in articles])


@pytest.fixture(scope="module")
def seed_directory() -> SpeakerDirectory:
    return directory_of(load_article(SEED))


@pytest.fixture(scope="module")
def all_directory() -> SpeakerDirectory:
    articles = [load_article(SEED)] + [load_article(p) for p in sorted(DATA.glob("*.txt"))]
    return directory_of(*articles)


def test_seed_speakers_are_exactly_the_quoted_ones(seed_directory: SpeakerDirectory) -> None:
    names = {s.name for s in seed_directory.speakers}
    if DEV_QUOTES.is_file():
        gold = json.loads(DEV_QUOTES.read_text(encoding="utf-8"))
        assert names == {g["speaker"] for g in gold}
    assert "NBC News" not in names and "Bloomberg" not in names  # mentioned, never quoted
    by_name = {s.name: s for s in seed_directory.speakers}
    assert by_name["Alexander Grushko"].role == "Russian Deputy Foreign Minister"
    assert by_name["Volodymyr Zelenskyy"].role == "Ukrainian President"
    assert by_name["White House"].kind == "organization"
    assert by_name["Vladimir Putin"].kind == "person"
    assert by_name["Vladimir Putin"].quote_count == 6
    assert "Putin" in by_name["Vladimir Putin"].aliases
    assert sum(s.quote_count for s in seed_directory.speakers) == 24


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Putin", "Vladimir Putin"),
        ("putin", "Vladimir Putin"),
        ("PUTIN", "Vladimir Putin"),
        ("Vladimir Putin", "Vladimir Putin"),
        ("President Putin", "Vladimir Putin"),
        ("putn", "Vladimir Putin"),
        ("Zelenskyy", "Volodymyr Zelenskyy"),
        ("zelensky", "Volodymyr Zelenskyy"),
        ("Zelenskiy", "Volodymyr Zelenskyy"),
        ("ZELENSKYY", "Volodymyr Zelenskyy"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
        ("volodymyr zelensky", "Volodymyr Zelenskyy"),
        ("Grushko", "Alexander Grushko"),
        ("grushk", "Alexander Grushko"),
        ("Alexander Grushko", "Alexander Grushko"),
        ("Trump", "Donald Trump"),
        ("Donald Trump", "Donald Trump"),
        ("Mr. Trump", "Donald Trump"),
        ("white house", "White House"),
        ("the White House", "White House"),
        ("Kremlin", "Kremlin"),
        ("  kremlin ", "Kremlin"),
    ],
)
def test_seed_match_finds_exactly_that_speaker(
    seed_directory: SpeakerDirectory, query: str, expected: str
) -> None:
    assert seed_directory.match(query) == SpeakerMatch(expected, ())


@pytest.mark.parametrize("query", ["Biden", "Macron", "xyzzy", "Northwind"])
def test_match_nobody(seed_directory: SpeakerDirectory, query: str) -> None:
    assert seed_directory.match(query) == SpeakerMatch(None, ())


@pytest.mark.parametrize("query", ["", "   ", "\n", "???", "--", "x" * 500])
def test_unusable_queries_raise_a_friendly_error(
    seed_directory: SpeakerDirectory, query: str
) -> None:
    with pytest.raises(InvalidSpeakerQuery) as info:
        seed_directory.match(query)
    assert str(info.value) and "\n" not in str(info.value)


def test_same_surname_different_gender_resolved_by_honorific_then_ambiguous() -> None:
    article = make_article(
        "Helen Varga and her brother, Peter Varga, run rival bakeries.\n"
        "“We agree on nothing, except this,” Ms. Varga said.\n"
        "“It’s a disaster,” Mr. Varga said.\n"
    )
    assert [q.speaker for q in extract_quotes(article)] == ["Helen Varga", "Peter Varga"]
    directory = directory_of(article)
    result = directory.match("Varga")
    assert result.speaker is None
    assert set(result.choices) == {"Helen Varga", "Peter Varga"}
    assert directory.match("Helen Varga") == SpeakerMatch("Helen Varga", ())
    assert directory.match("peter varga") == SpeakerMatch("Peter Varga", ())


def test_two_trumps_are_ambiguous() -> None:
    article = make_article(
        "U.S. President Donald Trump and his son Eric Trump spoke on Monday.\n"
        "“We will win,” Donald Trump said.\n"
        "“We are ready,” Eric Trump said.\n"
    )
    directory = directory_of(article)
    assert {s.name for s in directory.speakers} == {"Donald Trump", "Eric Trump"}
    result = directory.match("Trump")
    assert result.speaker is None and set(result.choices) == {"Donald Trump", "Eric Trump"}
    assert directory.match("eric trump").speaker == "Eric Trump"


def test_accents_fold_in_queries() -> None:
    article = make_article("“Nous sommes prêts,” said Hélène Lefèvre, the minister.\n")
    directory = directory_of(article)
    assert directory.match("Helene Lefevre").speaker == "Hélène Lefèvre"
    assert directory.match("lefevre").speaker == "Hélène Lefèvre"


def test_own_articles_speakers_and_roles(all_directory: SpeakerDirectory) -> None:
    by_name = {s.name: s for s in all_directory.speakers}
    assert by_name["Andrei Sokolovsky"].role == "Velorian Foreign Minister"
    assert {"Sokolovskiy", "Sokolovsky"} <= set(by_name["Andrei Sokolovsky"].aliases)
    assert by_name["Jonas Whitfield"].role == "chairman"
    assert by_name["Northwind Energy"].kind == "organization"
    assert all_directory.match("sokolovskyy").speaker == "Andrei Sokolovsky"
    assert all_directory.match("Governor Reilly").speaker == "Thomas Reilly"
    assert all_directory.match("whitfeld").speaker == "Jonas Whitfield"


def test_suggest(seed_directory: SpeakerDirectory) -> None:
    everyone = seed_directory.suggest("")
    assert set(everyone) == {s.name for s in seed_directory.speakers}
    assert everyone[0] == "White House"  # most quoted first
    assert seed_directory.suggest("", limit=2) == everyone[:2]
    assert seed_directory.suggest("pu")[0] == "Vladimir Putin"
    assert seed_directory.suggest("zel")[0] == "Volodymyr Zelenskyy"
    assert seed_directory.suggest("grushk")[0] == "Alexander Grushko"
    assert seed_directory.suggest("kre") == ["Kremlin"]
    assert seed_directory.suggest("qqqqq") == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what did grushko say about nato", {"Alexander Grushko"}),
        ("What did Zelensky say about Putin?", {"Volodymyr Zelenskyy", "Vladimir Putin"}),
        ("what does the white house readout say", {"White House"}),
        ("Putin's view of the ceasefire", {"Vladimir Putin"}),
        ("how long will the ceasefire last", set()),
        ("", set()),
    ],
)
def test_named_in(seed_directory: SpeakerDirectory, question: str, expected: set[str]) -> None:
    assert seed_directory.named_in(question) == expected


def test_empty_directory() -> None:
    directory = SpeakerDirectory.build([])
    assert directory.speakers == ()
    assert directory.match("Putin") == SpeakerMatch(None, ())
    assert directory.suggest("") == []
    assert directory.named_in("what did putin say") == set()


def test_a_question_can_name_a_speaker_by_role() -> None:
    article = make_article(
        "Judge Arthur Engoron warned the lawyer, Chris Kise, on Monday.\n"
        "“Control your client,” Engoron said.\n"
        "Lions coach Jim Caldwell and Packers coach Mike McCarthy disagreed.\n"
        "“He did not mean it,” Caldwell said. “It was ridiculous,” McCarthy said.\n"
    )
    directory = directory_of(article)
    assert directory.named_in("what did the judge say to the lawyer") == {"Arthur Engoron"}
    assert directory.named_in("what did the Lions coach say") == {"Jim Caldwell"}
    assert directory.named_in("what did the coach say") == set()  # two coaches: nobody


def test_a_question_may_name_a_speaker_by_a_description_the_article_gives() -> None:
    directory = directory_of(
        make_article(
            "Harbour Bank chief executive Ana Lind defended the merger on Monday.\n"
            "“We will keep every branch open,” Lind said.\n"
            "“The deal is unlawful,” said Tom Ilves, a lawyer for the Dravik Dockers Union.\n"
            "Shanna Okafor, coordinator of the Redonda Restoration Programme, was cautious.\n"
            "“Nature comes back slowly,” Okafor said.\n"
        )
    )
    # Synonyms of the article's own role words, with the organisation to tell them apart.
    assert directory.named_in("What did the bank's CEO say about branches?") == {"Ana Lind"}
    assert directory.named_in("What did the union's attorney say?") == {"Tom Ilves"}
    assert directory.named_in("What did the restoration programme coordinator say?") == {
        "Shanna Okafor"
    }
    # A role nobody here has names nobody; by_role=False looks at names only.
    assert directory.named_in("What did the mayor say about the merger?") == set()
    assert directory.named_in("What did the bank's CEO say?", by_role=False) == set()


def test_a_description_without_a_role_word_is_matched_by_its_own_words() -> None:
    directory = directory_of(
        make_article(
            "Carl Embry, from the Institute for Harbour Studies, told BBC News: “It will come"
            " out in the wash.”\n"
            "“We are not convinced,” said Rita Moss of the Dockers Union.\n"
        )
    )
    assert directory.named_in(
        "What did the economist from the Institute for Harbour Studies think?"
    ) == {"Carl Embry"}
    # One shared word is not enough to tell who is meant.
    assert directory.named_in("What did the economist from the institute think?") == set()


def test_two_letter_surnames_are_names_when_capitalised() -> None:
    directory = directory_of(
        make_article(
            "“Forests store carbon,” said John Fa, a scientist.\n“He knows,” Ana Lind said.\n"
        )
    )
    assert directory.named_in("What did Fa say about carbon?") == {"John Fa"}
    assert directory.named_in("He said what about the fa chord?") == set()


def test_role_nouns_the_narration_uses_for_a_person_name_them_in_questions() -> None:
    directory = directory_of(
        make_article(
            "Jose Luis Ortega has fuelled talk of a move after a radio prank.\n"
            "The striker believed he was talking to City sporting director Emilio Varga."
            " “I wish I was playing for City,” he said.\n"
            "Top seed Lena Dorn won in an hour. She will now meet Sarah Hart.\n"
            "“I played well,” Dorn said. “She is tough,” Hart said.\n"
        )
    )
    assert directory.named_in("What did the striker say about City?") == {"Jose Luis Ortega"}
    assert directory.named_in("What did the top seed say?") == {"Lena Dorn"}
    # "She will now meet" before Hart's name is no description of her.
    hart = next(s for s in directory.speakers if s.name == "Sarah Hart")
    assert "meet" not in hart.description


def test_a_role_word_of_two_classes_and_titles_in_appositives_name_speakers() -> None:
    directory = directory_of(
        make_article(
            "Former Rovers assistant boss Phil Thorn has urged the captain to stay.\n"
            "“He should stay,” said Thorn. “The fans want it,” said Rovers winger Al Reed.\n"
            "“No change is correct,” said David Frost, Director General of the Chambers of"
            " Commerce. “Rates must hold,” said Steve Radford, chief economist at the EEF.\n"
            "Best actress winner Mary Stanton wore green. “I am thrilled,” she said.\n"
            "Actress Sienna Mills wore red. “It is cold,” she said.\n"
        )
    )
    # "boss" is a company's chief and a team's manager.
    assert directory.named_in("What did the former Rovers assistant manager urge?") == {
        "Phil Thorn"
    }
    # A capitalised title set off after the name describes them.
    assert directory.named_in("What did the head of the Chambers of Commerce say?") == {
        "David Frost"
    }
    # The fuller description wins over a bare role both share.
    assert directory.named_in("What did the best actress winner say?") == {"Mary Stanton"}


def test_a_list_of_names_is_no_description_of_the_next_name() -> None:
    directory = directory_of(
        make_article(
            "Morgan Freeman beat actors including Clive Owen, Jamie Foxe and Alan Alder.\n"
            "“You took a chance,” Foxe said. “It was deserved,” Freeman said.\n"
            "The head of the rescue agency, Bambang Sulis, said the search was hard."
            " “The waves are high,” Sulis said.\n"
        )
    )
    foxe = next(s for s in directory.speakers if s.name == "Jamie Foxe")
    assert "actors" not in foxe.description
    assert directory.named_in("What did the head of the rescue agency say?") == {"Bambang Sulis"}


def test_a_surname_that_is_also_a_title_word_is_found_after_a_title() -> None:
    directory = directory_of(
        make_article(
            "Foreign Secretary Robin Cook resigned. “I cannot support this war,” Mr Cook said.\n"
            "“We will not be bullied,” said Baroness Greenfield of the institute.\n"
        )
    )
    for query in ("Robin Cook", "Cook", "Mr Cook", "Secretary Cook", "Foreign Secretary Cook"):
        assert directory.match(query) == SpeakerMatch("Robin Cook"), query
    assert directory.match("Tom Cook").speaker is None  # another first name: someone else
    # The article never gives her first name: a query that does still finds her.
    assert directory.match("Susan Greenfield").speaker == "Baroness Greenfield"
