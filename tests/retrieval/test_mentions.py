"""Which names a question uses, and whether an article mentions them (no model)."""

from __future__ import annotations

from retrieval.engine import asks_for_words
from retrieval.mentions import ArticleNames, question_names


def test_titles_and_dates_are_not_part_of_a_name() -> None:
    assert question_names("What did Senator Elizabeth Warren say on Monday?") == [
        "Elizabeth Warren"
    ]
    assert question_names("What share of people in the June NBC/WSJ poll were worried?") == [
        "NBC WSJ"
    ]


def test_an_acronym_may_stand_for_any_stretch_of_a_name() -> None:
    names = ArticleNames.of(
        "An NBC News/ Wall Street Journal Poll from June showed it. The New York Times agreed."
    )
    assert names.mentions("NBC WSJ")
    assert names.mentions("NYT")
    assert not names.mentions("BBC")
    assert not names.mentions("Fox News")


def test_a_capitalised_name_is_not_a_speech_word() -> None:
    assert not asks_for_words("Which bowl game will Ohio State play in?")
    assert asks_for_words("What did the governor state about the budget?")
    assert asks_for_words("Describe what the mayor promised.")


def test_plurals_and_abbreviated_party_names_are_the_same_name() -> None:
    names = ArticleNames.of("The Lib Dem leader spoke first. The Theatre Royal closed early.")
    assert names.mentions("Lib Dems")  # a plural
    assert names.mentions("Liberal Democrats")  # written out in full
    assert names.mentions("Theatres")
    assert not names.mentions("Theresa May")  # "The" begins "Theresa" but abbreviates nothing
    assert not names.mentions("Labour")


def test_a_party_abbreviated_in_the_question_or_called_by_its_nickname() -> None:
    names = ArticleNames.of("Liberal Democrat leader Ann Vale spoke. Tory leader Tom Roe replied.")
    assert question_names("What did the Lib Dem leader say?") == ["Lib Dem"]
    assert names.mentions("Lib Dem")  # the article writes it out in full
    assert names.mentions("Conservative")  # the article says "Tory"
    assert not names.mentions("Labour")
    assert not names.mentions("Lib Con")
    assert not ArticleNames.of("The Conservative MP spoke.").mentions("Republican")


def test_acronyms_of_common_nouns_are_not_names() -> None:
    assert question_names("Did the Nokia manager say Visual Radio is like TV?") == [
        "Nokia",
        "Visual Radio",
    ]
    assert question_names("What did the CEO say about GDP?") == []


def test_a_role_tied_to_a_country_the_article_never_names() -> None:
    from retrieval.mentions import country_roles

    assert country_roles("What did the Australian prime minister say about aid?") == [
        ("Australian", "an Australian prime minister")
    ]
    assert country_roles("How did Britain's foreign secretary respond?") == [
        ("Britain", "Britain's foreign secretary")
    ]
    assert country_roles("What did the US president say?") == [("US", "a US president")]
    # A named person is checked by name, not by the country before their role.
    assert country_roles("What did the American historian Ann Vale argue?") == []
    # A player's or a club's nationality is a description the article may leave out.
    assert country_roles("What is the dilemma over the Dutch striker's return?") == []
    assert country_roles("What did the England forward say about the Italian club?") == []
    names = ArticleNames.of(
        "Prime Minister Tom Reed of Britain met U.S. envoys and German and Ukrainian officials."
    )
    for word in ("British", "UK", "American", "US", "German", "Ukrainian"):
        assert names.mentions_country(word), word
    for word in ("Australian", "French", "Irish", "Japanese"):
        assert not names.mentions_country(word), word


def test_the_countries_a_question_is_set_in() -> None:
    from retrieval.mentions import located_countries

    assert located_countries("How many boxes have been sold in Belgium?") == ["Belgium"]
    assert located_countries("What did the film take in the UK on its first weekend?") == ["UK"]
    assert located_countries("How did shares react in Seoul on Monday?") == ["Seoul"]
    assert located_countries("What is the GDP of Brazil?") == ["Brazil"]
    assert located_countries("What did the Bank of England decide?") == []
    # A longer name, a description or a country word not after "in" is not a setting.
    assert located_countries("What did he say about studying in Hong Kong?") == []
    assert located_countries("What is the dilemma over the Dutch striker's return?") == []
    assert located_countries("Which French club did he join?") == []


def test_a_capital_or_a_long_country_name_stands_for_its_country() -> None:
    names = ArticleNames.of(
        "South Korea will boost spending. The European Commission wrote to Vodafone and O2."
        " There are 300,000 software patents in the US."
    )
    assert names.mentions("Seoul")  # "How much has Seoul set aside?"
    assert names.mentions("Brussels")  # "objections from Brussels"
    assert names.mentions("United States")
    assert not names.mentions("Tokyo")  # Japan is never named
    assert not names.mentions("United Kingdom")
    # "the EU's executive body" is the Commission of a European article.
    from retrieval.mentions import country_roles

    (country, _phrase), *_ = country_roles("Why does the EU's executive body object?")
    assert names.mentions_country(country)
    # "MPs" is a role, not a name the article must use.
    assert question_names("Why did the former foreign secretary think MPs were misled?") == []


def test_a_short_capitalised_abbreviation_of_a_longer_name() -> None:
    names = ArticleNames.of("Federal Reserve chairman Alan Greenspan praised Adam Smith.")
    assert names.mentions("Fed")  # "the Fed chief"
    assert not names.mentions("Feds")  # no word begins "feds"
    assert not names.mentions("Gov")
    assert not names.mentions("FED")  # an acronym is checked as one


def test_a_hyphenated_pair_of_country_words_and_pm_are_not_names() -> None:
    assert question_names("Why was the rival British-Asian bank caught off guard?") == []
    assert question_names("How did the PM describe his relationship with voters?") == []
    assert question_names("What did the Anglo-Dutch firm Shell say?") == ["Anglo-Dutch", "Shell"]


def test_common_other_names_for_an_award_an_office_and_the_uk() -> None:
    names = ArticleNames.of(
        "The designer won an Oscar for the film. Downing Street said the law would apply in"
        " England and Scotland."
    )
    assert names.mentions("Academy Award")
    assert names.mentions("Number")  # "Number 10"
    assert names.mentions("UK")
    assert not names.mentions("Golden Globe")
    assert not ArticleNames.of("The minister spoke in Paris.").mentions("UK")
