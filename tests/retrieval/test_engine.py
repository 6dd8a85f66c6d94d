"""The engine end to end with the real model: answers, attribution, abstention, speakers."""

from __future__ import annotations

import pytest

from retrieval.engine import asked_offices
from retrieval.errors import InvalidQuestion, InvalidSpeakerQuery

pytestmark = pytest.mark.model


def _article_text(engine, article_id: str) -> str:
    return next(a.text for a in engine.article_list if a.id == article_id)


def _engine_over(tmp_path, name: str, text: str, encoder=None):
    """An engine over one article we write (`encoder`: the real model; default, hashing)."""
    from retrieval.config import Settings
    from retrieval.embedding import HashingEncoder
    from retrieval.engine import Engine

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(text, encoding="utf-8")
    return Engine.load(
        Settings(seeds_dir=seeds, cache_dir=tmp_path / "cache"),
        encoder=encoder or HashingEncoder(),
    )


def test_answers_are_whole_verbatim_paragraphs(seed_engine) -> None:
    answer = seed_engine.ask("What did the leaders agree on?", top_k=5)
    assert not answer.abstained
    assert len(answer.passages) == 5
    scores = [p.score for p in answer.passages]
    assert scores == sorted(scores, reverse=True)
    for p in answer.passages:
        text = _article_text(seed_engine, p.article)
        assert text[p.start : p.end] == p.text
        assert p.text in text.split("\n")[p.paragraph - 1]
        if p.highlight is not None:
            assert p.start <= p.highlight[0] < p.highlight[1] <= p.end


def test_off_topic_questions_abstain_but_still_offer_nearest_passages(seed_engine) -> None:
    for question in ("How do I change a bicycle tyre?", "Who painted the Sistine Chapel?"):
        answer = seed_engine.ask(question)
        assert answer.abstained, question
        assert len(answer.passages) == 3


def test_top_k_is_clamped(seed_engine) -> None:
    assert len(seed_engine.ask("ceasefire", top_k=0).passages) == 1
    assert len(seed_engine.ask("ceasefire", top_k=99).passages) == 10


@pytest.mark.parametrize("question", ["", "   ", "\u200b\u200f", "?!…", "x" * 501])
def test_unusable_questions_raise_a_friendly_error(seed_engine, question: str) -> None:
    with pytest.raises(InvalidQuestion) as info:
        seed_engine.ask(question)
    assert str(info.value)


def test_quote_finds_every_quotation_of_a_speaker_verbatim(corpus_engine) -> None:
    for speaker in corpus_engine.speakers():
        result = corpus_engine.quote(speaker.name)
        assert result.speaker == speaker.name
        assert len(result.quotes) == speaker.quote_count
        for q in result.quotes:
            text = _article_text(corpus_engine, q.article)
            assert text[q.start : q.end] == q.text


def test_ask_passages_carry_the_speaker_that_quote_finds(corpus_engine) -> None:
    """Asking what someone said about one of their quotations returns that paragraph under
    their name, with the source `quote` gives for their words there."""
    checked = total = 0
    for speaker in corpus_engine.speakers():
        for q in corpus_engine.quote(speaker.name).quotes:
            total += 1
            question = f"What did {speaker.name} say about {q.text[:150]}"
            answer = corpus_engine.ask(question, top_k=10)
            where = (q.article, q.paragraph)
            passage = next((p for p in answer.passages if (p.article, p.paragraph) == where), None)
            if passage is None:
                continue
            checked += 1
            assert passage.speaker == speaker.name, (question, passage)
            first = next(
                x
                for x in corpus_engine.quote(speaker.name).quotes
                if x.paragraph == q.paragraph and x.article == q.article
            )
            assert passage.source == first.source, (question, passage)
    assert checked >= 0.9 * total, (checked, total)


def test_a_question_naming_a_speaker_prefers_their_passages(corpus_engine) -> None:
    """For each quoted person, "what did <surname> say" ranks first a passage where that person
    speaks or is named, and most of the top three are theirs."""
    people = [s for s in corpus_engine.speakers() if s.kind == "person" and s.quote_count >= 2]
    assert people, "the test articles quote several people"
    for speaker in people:
        words = [w for w in speaker.name.split() if w.lower().rstrip(".") not in {"jr", "sr"}]
        surname = words[-1]  # "Aron Velde Jr." is asked for as Velde
        answer = corpus_engine.ask(f"what did {surname} say")
        top = answer.passages[0]
        assert top.speaker == speaker.name or surname in top.text, (surname, top)
        spoken_in = {(q.article, q.paragraph) for q in corpus_engine.quote(speaker.name).quotes}
        theirs = [p for p in answer.passages if p.speaker == speaker.name]
        assert len(theirs) >= min(2, len(spoken_in)), (surname, answer.passages)


def test_unknown_and_empty_speaker_queries(corpus_engine) -> None:
    result = corpus_engine.quote("Nobody Atall Zzyzx")
    assert result.speaker is None and result.quotes == ()
    assert set(result.available) == {s.name for s in corpus_engine.speakers()}
    with pytest.raises(InvalidSpeakerQuery):
        corpus_engine.quote("   ")


def test_article_summaries(seed_engine) -> None:
    [info] = seed_engine.articles()
    assert info.paragraphs > 10
    assert info.quotes > 0
    assert all(point for point in info.key_points)


def test_a_question_for_a_figure_the_article_never_gives_abstains(corpus_engine) -> None:
    answered = corpus_engine.ask("How much will the wall cost?", article="flood_wall_vote")
    assert not answered.abstained
    assert "$40 million" in answered.passages[0].text
    # The nurse article has no amount of money anywhere: saying so beats the nearest paragraph.
    unanswered = corpus_engine.ask(
        "How much are the visiting nurses paid?", article="nurse_shortage"
    )
    assert unanswered.abstained
    assert unanswered.reason is not None and "amount of money" in unanswered.reason
    assert unanswered.passages  # the closest passages still follow


def test_a_question_for_an_office_the_article_never_mentions_abstains(corpus_engine) -> None:
    # The flood wall article has a mayor but no judge; an answer from the mayor would bluff.
    answered = corpus_engine.ask(
        "What did the mayor say about the vote?", article="flood_wall_vote"
    )
    assert not answered.abstained
    unanswered = corpus_engine.ask(
        "What did the judge say about the flood wall?", article="flood_wall_vote"
    )
    assert unanswered.abstained
    assert unanswered.reason == "The article doesn't mention a judge."
    assert unanswered.passages  # the closest passages still follow
    # An office followed by a name is checked as the name: the mayor is named here.
    named = corpus_engine.ask(
        "What did mayor Elena Brandt say about the vote?", article="flood_wall_vote"
    )
    assert not named.abstained


def test_offices_asked_for_are_read_from_the_question_subject() -> None:
    assert asked_offices("What did the mayor of Mammoth say about the hoax?") == ["mayor"]
    assert asked_offices("How did Pakistan's foreign ministry respond?") == ["ministry"]
    assert asked_offices("What did state senator Scott Beason say?") == []
    assert asked_offices("What did the columnist say about agents?") == []
    assert asked_offices("When did the judge rule?") == []


def test_the_figure_asked_for_must_be_in_the_closest_sentence(model_encoder, tmp_path) -> None:
    engine = _engine_over(
        tmp_path,
        "ferry.txt",
        "Dravik ferry back in service\n"
        "The Dravik ferry returned to service on Monday after repairs to its engine.\n"
        "The ferry carries 300 cars a day across the strait. Its captain, Ana Lind, has sailed"
        " the route for many years and knows every rock on it.\n"
        "Passengers praised the crew for keeping them informed during the closure.\n",
        model_encoder,
    )
    answered = engine.ask("How many cars does the ferry carry each day?")
    assert not answered.abstained and "300 cars" in answered.passages[0].text
    # The same paragraph holds a number, but not in the sentence about the captain's years.
    unanswered = engine.ask("How many years has the captain sailed the route?")
    assert unanswered.abstained
    assert unanswered.reason == "The article gives no number for this; the closest passages follow."


def test_a_span_of_time_asked_for_must_be_given(model_encoder, tmp_path) -> None:
    engine = _engine_over(
        tmp_path,
        "bridge.txt",
        "Harbour bridge reopens\n"
        "The harbour bridge reopened to traffic after engineers replaced its cables.\n"
        "The bridge was closed for six weeks, which cost the city £2m, the council said.\n"
        "The Dravik ferry company laid on extra sailings while the bridge was shut and said"
        " passengers had been patient.\n"
        "The ferry company will now return to its usual timetable, its manager Ana Lind said.\n",
        model_encoder,
    )
    answered = engine.ask("How long was the bridge closed?")
    assert not answered.abstained and "six weeks" in answered.passages[0].text
    unsaid = engine.ask("How long has Ana Lind managed the ferry company?")
    assert unsaid.abstained
    assert unsaid.reason == (
        "The article gives no length of time for this; the closest passages follow."
    )


def test_a_date_asked_for_must_be_given(model_encoder, tmp_path) -> None:
    engine = _engine_over(
        tmp_path,
        "stadium.txt",
        "New stadium approved\n"
        "Councillors approved plans for a new football stadium in Dravik.\n"
        "The club's chairman, Ana Lind, said the new stadium would hold 30,000 supporters.\n"
        "Fans have long campaigned for a bigger ground with better views of the pitch.\n"
        "Local residents who objected to the plans will hold a public meeting on 12 March.\n",
        model_encoder,
    )
    answered = engine.ask("When will the residents hold their public meeting?")
    assert not answered.abstained and "12 March" in answered.passages[0].text
    unsaid = engine.ask("When will the new stadium open to fans?")
    assert unsaid.abstained
    assert unsaid.reason == (
        "The article gives no date or time for this; the closest passages follow."
    )


def test_a_question_naming_someone_by_role_hears_the_role_holder(corpus_engine) -> None:
    # "the union's branch chair" is Tamsin Greaves; "the port's chief executive" is Ivar Moen.
    answer = corpus_engine.ask(
        "What did the port's boss say about the offer?", article="harbour_strike"
    )
    assert not answer.abstained
    assert answer.passages[0].speaker == "Ivar Moen"


def test_a_role_of_a_named_owner_asks_the_role_holder() -> None:
    from retrieval.engine import _possessed_role

    assert _possessed_role("Trump's defense lawyer")
    assert _possessed_role("Microsoft's president")
    assert not _possessed_role("Trump")
    assert not _possessed_role("Microsoft's blog")


def test_a_voice_whose_name_has_no_letters_does_not_break_asking(tmp_path) -> None:
    engine = _engine_over(
        tmp_path, "a.txt", "Ana Lind met Bo Berg on Monday.\n“We will appeal,” Lind said.\n"
    )
    engine._passage_speakers[0] = engine._passage_speakers[0] | {"—", "The"}
    answer = engine.ask("What did Bo Berg say about the appeal?")
    assert answer.abstained  # named, never quoted: and no IndexError on the voice "—"
    assert answer.reason == "The article names Bo Berg but reports nothing they said."


def test_the_name_asked_to_hear_from_is_whole_and_not_an_owner() -> None:
    from retrieval.engine import _asked_name

    assert _asked_name("What did Robert De Niro say about the film?") == "Robert De Niro"
    assert _asked_name("What did Euronext say about the bid?") == "Euronext"
    # A title cut short is no name; an owner is not who speaks.
    assert _asked_name("What does The Da Vinci Code claim about Mary Magdalene?") is None
    assert _asked_name("What did Gordon Brown's former adviser say about spending?") is None
    assert _asked_name("What did Meta Group's Steve Kleynhans say about chips?") is None
    # A team and a role before the name: the person named after the role is asked for.
    assert _asked_name("What did Great Britain captain Ana Lind say about the cup?") == "Ana Lind"


def test_an_adviser_of_a_named_person_is_asked_for_not_the_person(tmp_path) -> None:
    engine = _engine_over(
        tmp_path,
        "a.txt",
        "Finance minister Ana Lind will publish her budget next week.\n"
        "“There will be no spending spree before the election,” said Bo Berg, a former adviser"
        " to Ms Lind.\n",
    )
    answer = engine.ask("What did Ana Lind's former adviser say about a spending spree?")
    assert not answer.abstained
    assert answer.passages[0].paragraph == 2


def test_a_named_owner_of_a_role_is_not_the_speaker_asked_for() -> None:
    from retrieval.engine import _PERSON_SUBJECT, _owner_of_role

    owner = "What did Florida's Republican Party chairman say about the new seats?"
    assert _owner_of_role(owner, _PERSON_SUBJECT.search(owner))
    person = "What did Robert De Niro say about the film?"
    assert not _owner_of_role(person, _PERSON_SUBJECT.search(person))


def test_a_band_owning_a_frontman_is_not_the_speaker_asked_for() -> None:
    from retrieval.engine import _PERSON_SUBJECT, _owner_of_role

    owner = "How did Linkin Park's frontman describe the award?"
    assert _owner_of_role(owner, _PERSON_SUBJECT.search(owner))


def test_a_speaker_asked_about_a_topic_none_of_their_sentences_touches_abstains(
    tmp_path, model_encoder
) -> None:
    engine = _engine_over(
        tmp_path,
        "tram.txt",
        "Mayor Ana Lind opened the new tram line across the city on Monday.\n"
        "“The trams will cut journey times across the city by a third,” Lind said. “Every"
        " district gets a stop within ten minutes’ walk.”\n"
        "Transport chief Bo Berg said fares would rise by five percent in the spring.\n",
        model_encoder,
    )
    # "city" is one of her words, but nothing she said is about a housing budget.
    off = engine.ask("What did Ana Lind say about the city's housing budget?")
    assert off.abstained
    assert off.reason == (
        "The article quotes Ana Lind, but not on this; the closest passages follow."
    )
    on = engine.ask("What did Ana Lind say about how long journeys across the city will take?")
    assert not on.abstained
    assert on.passages[0].paragraph == 2 and on.passages[0].speaker == "Ana Lind"
    # Bo Berg is only reported, never quoted: asked all the same.
    reported = engine.ask("What did Bo Berg say about hospital waiting lists?")
    assert reported.abstained
    assert reported.reason == (
        "The article reports Bo Berg, but not on this; the closest passages follow."
    )
    fares = engine.ask("What did Bo Berg say about ticket prices?")
    assert not fares.abstained and fares.passages[0].paragraph == 3


def test_the_office_of_a_country_the_article_never_names_abstains_with_the_reason(
    tmp_path,
) -> None:
    engine = _engine_over(
        tmp_path,
        "aid.txt",
        "Prime Minister Tom Reed said Britain would double its flood aid.\n"
        "“We will not stand by,” Reed told parliament on Monday.\n",
    )
    other = engine.ask("What did the Australian prime minister say about flood aid?")
    assert other.abstained
    assert other.reason == "The article doesn't mention an Australian prime minister."
    own = engine.ask("What did the British prime minister say about flood aid?")
    assert "mention" not in (own.reason or "")  # the article names Britain


def test_a_country_the_question_is_set_in_that_the_article_never_names_abstains(
    tmp_path,
) -> None:
    engine = _engine_over(
        tmp_path,
        "boxes.txt",
        "Sales of Freebox digital TV boxes passed five million in Britain last year.\n"
        "“Demand is still growing,” said Freebox chief Ana Lind.\n",
    )
    other = engine.ask("How many Freebox boxes have been sold in Belgium?")
    assert other.abstained
    assert other.reason == "The article doesn't mention Belgium."
    own = engine.ask("How many Freebox boxes have been sold in the UK?")
    assert "mention" not in (own.reason or "")  # the article names Britain


def test_a_company_named_in_one_word_that_never_speaks_abstains(tmp_path) -> None:
    engine = _engine_over(
        tmp_path,
        "tv.txt",
        "Norvia is launching a live TV app for tablets, in a market where Telmax also sells"
        " boxes.\n“The app is ready,” said Norvia chief Ana Lind.\n",
    )
    answer = engine.ask("What did Telmax say about the tablet app?")
    assert answer.abstained
    assert answer.reason == "The article names Telmax but reports nothing they said."
    # Declining to comment is a response: "how did X respond" is not asked of their words.
    (tmp_path / "declined").mkdir()
    declined = _engine_over(
        tmp_path / "declined",
        "tv.txt",
        "Norvia is launching a live TV app for tablets.\n“The app is ready,” said Norvia chief"
        " Ana Lind.\nRival Telmax did not want to comment, referring questions to its trade"
        " body.\n",
    )
    response = declined.ask("How did Telmax respond when asked about the tablet app?")
    assert "reports nothing" not in (response.reason or "")


def test_a_clause_topic_about_why_is_no_reason_to_call_a_speaker_silent(
    tmp_path, model_encoder
) -> None:
    engine = _engine_over(
        tmp_path,
        "farm.txt",
        "Farmer Rick Dale runs a landscaping business outside Tuscaloosa.\n"
        "“They were scared. Nobody wants to be stopped on the road and sent away,” Dale said of"
        " the crew that quit on Monday.\n"
        "The county board will meet on Thursday to discuss the new road budget.\n",
        model_encoder,
    )
    answer = engine.ask("What did Rick Dale say about why his legal workers left?")
    assert not answer.abstained
    assert answer.passages[0].paragraph == 2


def test_a_speaker_named_after_the_speech_verb_is_spoken_of_and_not_called_silent(
    tmp_path, model_encoder
) -> None:
    engine = _engine_over(
        tmp_path,
        "party.txt",
        "Two Labour council leaders, Ana Lind and Rob Hale, have called on party leader Keir"
        " Starmer to resign over his stance on the war.\n"
        "“I recognise the hurt,” Starmer said when asked about the dispute.\n"
        "The council meets again next month to set its budget.\n",
        model_encoder,
    )
    answer = engine.ask("Which two Labour council leaders called on Keir Starmer to resign?")
    assert not answer.abstained
    assert answer.passages[0].paragraph == 1
    silent = engine.ask("What did Keir Starmer say about the council budget?")
    assert silent.abstained
