"""Which facts a summary leads with (summarizer.ranking) and how the summary keeps to them (reconcile)."""

from __future__ import annotations

import asyncio

import pytest

from summarizer.extract import to_claim
from summarizer.ingest import make_article
from summarizer.lang.references import leans_on_person, opens_with_reference, refers_back
from summarizer.models import Article, Claim, Corroboration, SummarySentence
from summarizer.ranking import Fact, _quantities, facts, heading, wording
from summarizer.reconcile import (
    SUMMARY_SENTENCES,
    SUMMARY_WORDS,
    acronyms_as_written,
    capped,
    fitted,
    model_sentences,
    reconcile,
    standing,
)
from summarizer.scripted import Request, ScriptedModel

FILLER = [
    "Lawmakers met on the plan in the Capitol.",
    "Aides spoke about the plan in the hallway.",
    "Lawmakers talked about the plan again later.",
    "Aides said the plan would be studied.",
]


def story(*lines: str, article_id: str = "A") -> tuple[Article, list[Claim]]:
    article = make_article("\n".join(lines), article_id, name=f"{article_id}.txt")
    return article, [to_claim(article, s.id) for s in article.sentences]


def claim_of(claims: list[Claim], words: str) -> Claim:
    (found,) = [c for c in claims if words in c.quote]
    return found


def texts(found: list) -> list[str]:
    return [f.text for f in found]


def summarize_as(a: Article, ca: list[Claim], text: str, citing: str) -> list[SummarySentence]:
    """The summary of one article when the model writes `text` citing the facts whose line says `citing`."""

    def script(request: Request) -> dict[str, object]:
        shown = str(request.messages[1]["content"])
        cited = [line.split(" | ")[0] for line in shown.splitlines() if citing in line]
        return {"summary": [{"text": text, "facts": cited}]}

    summary, _, _ = asyncio.run(
        reconcile(ScriptedModel(script).client(), [a], ca, [], [], [c.id for c in ca])
    )
    return summary


def test_a_fact_every_outlet_carries_comes_before_one_outlet_s_own() -> None:
    a, ca = story("Senators praised the plan.", "Lawmakers said the plan costs little.")
    b, cb = story("Aides doubted the talks.", "The plan costs little, lawmakers said.", article_id="B")
    group = Corroboration(fact="costs little", claim_ids=[ca[1].id, cb[1].id])
    ranked = facts([a, b], ca + cb, [group], [ca[0].id, cb[0].id])
    assert ranked[0].article_ids == ["A", "B"]  # below both headlines, and still first


def test_a_fact_in_the_lead_comes_before_the_same_kind_of_fact_lower_down() -> None:
    a, ca = story("Lawmakers praised the budget deal.", *FILLER, "Governors praised the budget talks.")
    ranked = facts([a], ca, [], [ca[0].id, ca[-1].id])
    assert texts(ranked)[:2] == ["Lawmakers praised the budget deal.", "Governors praised the budget talks."]


def test_a_distinctive_figure_outranks_a_name_the_story_repeats() -> None:
    # "Pelosi" is in five sentences: the story's subject. "234-193" is in one: the news.
    a, ca = story(
        "Pelosi spoke about the plan.",
        "Pelosi met aides about the plan.",
        "Pelosi said aides liked the plan.",
        "Pelosi left the Capitol after the plan talks.",
        "Pelosi praised the aides for the plan.",
        "The House approved the plan 234-193.",
    )
    ranked = facts([a], ca, [], [c.id for c in ca])
    assert ranked[1].text == "The House approved the plan 234-193."  # after the headline, before the rest


def test_a_fact_that_repeats_a_chosen_one_gives_way_to_a_new_one() -> None:
    a, ca = story(
        "A drone operator destroyed a missile system near the border.",
        "The drone operator destroyed the missile system by mistake near the border.",
        "Moscow received more than 100 KN-23 missiles.",
    )
    ranked = facts([a], ca, [], [c.id for c in ca])
    assert texts(ranked)[-1] == "The drone operator destroyed the missile system by mistake near the border."


def _vote_story(b_count: str, *, a_count: str = "234-193") -> list[Fact]:
    """Two outlets lead with the bill's passing; lower down both print a count (B's as `b_count`), each
    sentence sharing most of its words with the lead; A adds an aide's remark of its own."""
    a, ca = story(
        "The House passed the bill on health care.",
        "Aides praised the senators for their work.",
        *FILLER,
        f"The House passed the bill on health care {a_count}.",
    )
    b, cb = story(
        "The House passed the bill on health care.",
        *FILLER,
        f"The House passed the bill on health care {b_count}.",
        article_id="B",
    )
    lead = Corroboration(fact="passed", claim_ids=[ca[0].id, cb[0].id])
    count = Corroboration(fact="count", claim_ids=[ca[-1].id, cb[-1].id])
    single = [c.id for c in ca[1:-1] + cb[1:-1]]
    return facts([a, b], ca + cb, [lead, count], single, limit=2)


def test_a_count_the_outlets_agree_on_is_no_repeat_of_the_fact_it_counts() -> None:
    # Word overlap reads "… 234-193." as the lead again; the count both outlets print is the news.
    assert texts(_vote_story("234-193")) == [
        "The House passed the bill on health care.",
        "The House passed the bill on health care 234-193.",
    ]


def test_a_sum_both_give_is_no_repeat_and_an_age_both_give_is_one() -> None:
    # A quantity by kind and value however written; an age restates who ("Smith, 83," is Smith again).
    assert texts(_vote_story("worth $900 billion", a_count="worth $900 billion"))[1].endswith("billion.")
    a, ca = story(
        "Senator John Smith died on Monday.",
        "Aides praised the senator for his work.",
        *FILLER,
        "Senator John Smith, 83, died on Monday.",
    )
    b, cb = story(
        "Senator John Smith died on Monday.",
        *FILLER,
        "Senator John Smith, 83, died on Monday.",
        article_id="B",
    )
    lead = Corroboration(fact="died", claim_ids=[ca[0].id, cb[0].id])
    age = Corroboration(fact="age", claim_ids=[ca[-1].id, cb[-1].id])
    single = [c.id for c in ca[1:-1] + cb[1:-1]]
    ranked = facts([a, b], ca + cb, [lead, age], single, limit=2)
    assert not any("83" in t for t in texts(ranked))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The House approved the plan 234-193.", {("tally", 234.0, 193.0)}),
        ("It passed 234-190.", {("tally", 234.0, 190.0)}),  # another vote, not the same tally
        ("About 2,000 troops were sent.", {("count", 2000.0, 2000.0)}),  # no year, however near one
        ("It cost $2,000 per family.", {("money:dollar", 2000.0, 2000.0)}),
        ("2009 people attended.", set()),  # a count a year could be
        ("It lasted 1 hour.", set()),  # one of anything
        ("Senator John Smith, 83, died in 2009.", set()),  # an age, a year
    ],
)
def test_the_quantities_a_story_may_turn_on(text: str, found: set[tuple[str, float, float]]) -> None:
    assert _quantities(text) == found


def test_a_count_only_one_outlet_gives_is_still_a_repeat() -> None:
    # B prints no count: the figure is A's alone, and the fact is the lead again with one outlet's number.
    assert texts(_vote_story("in a vote"))[0] == "The House passed the bill on health care."
    assert not any("234-193" in t or "vote" in t for t in texts(_vote_story("in a vote")))


def test_a_fact_that_shares_a_claim_with_a_chosen_one_gives_way_to_a_new_one() -> None:
    # B's lead sits in two groups, with A's lead and with C's: in other words each, one event. Once one
    # is chosen, the other says again what B's sentence said; C's own next fact is new.
    a, ca = story("Trump dropped plans to moderate the Newsmax forum.", *FILLER)
    b, cb = story("Trump is bowing out as host of the December event.", *FILLER, article_id="B")
    c, cc = story(
        "The businessman is pulling out of his own debate.",
        "Gingrich and Santorum had agreed to attend.",
        *FILLER,
        article_id="C",
    )
    first = Corroboration(fact="out", claim_ids=[ca[0].id, cb[0].id])
    second = Corroboration(fact="out again", claim_ids=[cb[0].id, cc[0].id])
    single = [cc[1].id, *(x.id for x in ca[1:] + cb[1:] + cc[2:])]
    ranked = facts([a, b, c], ca + cb + cc, [first, second], single, limit=2)
    assert texts(ranked)[1] == "Gingrich and Santorum had agreed to attend."


def test_a_fact_is_shown_in_the_wording_the_outlets_share_most() -> None:
    _, ca = story("A blundering drone operator destroyed a missile system in Kursk.")
    _, cb = story("A drone operator destroyed a missile system in Kursk, officials said.", article_id="B")
    _, cc = story("The drone operator destroyed a missile system in Kursk.", article_id="C")
    assert wording(ca + cb + cc).article_id == "C"  # "blundering" and "officials said" are one outlet's


def test_the_summary_keeps_the_facts_rank_and_states_a_top_fact_the_model_left_out() -> None:
    a, ca = story("The House approved the plan 234-193.", *FILLER, "Pelosi thanked the aides.")
    summary = summarize_as(a, ca, "Pelosi thanked the aides.", "Pelosi")
    assert summary[0].text == "The House approved the plan 234-193."  # the top fact, first
    assert summary[0].written_by == "source"  # the model left it out: a source's words, checked
    assert "Pelosi thanked the aides." in [s.text for s in summary]


def test_every_shown_fact_the_model_left_out_is_stated_while_the_words_allow() -> None:
    lines = [f"Lawmakers in district {n} backed the plan by {n}0 votes." for n in range(1, 7)]
    a, ca = story(*lines)
    summary = summarize_as(a, ca, lines[0], "district 1 ")
    assert [s.text for s in summary] == lines  # the sixth fact too, not only the top three
    assert [s.written_by for s in summary] == ["model"] + ["source"] * 5


def test_a_sentence_the_model_repeats_takes_one_place_under_the_cap() -> None:
    # The bundled model wrote one sentence four times (576116e5): the repeats took the places of three facts.
    lines = [f"Lawmakers in district {n} backed the plan by {n}0 votes." for n in range(1, 9)]
    a, ca = story(*lines)
    summary = summarize_as(a, ca, " ".join([lines[0]] * 4), "district 1 ")
    assert [s.text for s in summary] == lines


def test_a_sentence_citing_two_facts_states_only_the_one_it_says_something_of() -> None:
    lines = ["The House approved the plan 234-193.", "Pelosi thanked the aides after the vote."]
    a, ca = story(*lines)

    def script(request: Request) -> dict[str, object]:
        shown = str(request.messages[1]["content"])
        cited = [f for line in shown.splitlines() if (f := line.split(" | ")[0])[1:].isdigit()]
        return {"summary": [{"text": "The House approved the plan 234-193.", "facts": cited}]}

    summary, _, _ = asyncio.run(
        reconcile(ScriptedModel(script).client(), [a], ca, [], [], [c.id for c in ca])
    )
    assert [s.text for s in summary] == lines  # the thanks, which it cited and did not say, in A's words
    assert [s.written_by for s in summary] == ["model", "source"]


def test_a_fact_s_sentence_copied_under_another_fact_s_id_cites_the_fact_it_copies() -> None:
    # c21cb217: the bundled model copied one fact's sentence and cited another fact for it.
    lines = ["The House approved the plan 234-193.", "Pelosi thanked the aides after the vote."]
    a, ca = story(*lines)
    summary = summarize_as(a, ca, lines[1], "234-193")
    (thanked,) = [s for s in summary if s.text == lines[1]]
    assert thanked.citations == [claim_of(ca, "Pelosi").id] and thanked.written_by == "model"


def test_a_copied_sentence_in_a_longer_text_stays_with_it_at_the_better_place_citing_its_fact() -> None:
    lines = [
        "The House approved the plan 234-193.",
        "Pelosi thanked the aides after the vote.",
        "Governors in Albany praised the plan.",
    ]
    a, ca = story(*lines)
    text = "The House approved the plan 234-193. It was then praised by governors in Albany."
    summary = summarize_as(a, ca, text, "Albany")
    said = [s.text for s in summary]
    first = said.index(lines[0])
    assert first == 0  # the top fact it copies gives the text its place, not the fact the model cited
    assert said[first + 1] == "It was then praised by governors in Albany."  # "It" still reads as the plan
    assert summary[first].citations == [claim_of(ca, "234-193").id]
    assert summary[first + 1].citations[0] == claim_of(ca, "Albany").id  # what the model cited for the text


def test_a_sentence_citing_one_fact_states_it_in_its_own_words() -> None:
    a, ca = story("Pelosi thanked the aides after the vote.")
    summary = summarize_as(a, ca, "The speaker expressed gratitude to her staff.", "Pelosi")
    assert [s.text for s in summary] == ["The speaker expressed gratitude to her staff."]  # not said twice


def test_a_sentence_written_from_one_fact_does_not_state_another_that_shares_a_claim() -> None:
    a, ca = story("The court appeared divided on the suit.", *FILLER)
    b, cb = story(
        "The court heard the suit on Tuesday.", "The suit may be dismissed, lawyers said.", article_id="B"
    )
    heard = Corroboration(fact="heard", claim_ids=[ca[0].id, cb[0].id])
    dismissed = Corroboration(fact="dismissed", claim_ids=[ca[0].id, cb[1].id])  # A's lead is in both

    def script(request: Request) -> dict[str, object]:
        shown = str(request.messages[1]["content"])
        (cited,) = [line.split(" | ")[0] for line in shown.splitlines() if "heard" in line]
        return {"summary": [{"text": "The court heard the suit on Tuesday.", "facts": [cited]}]}

    summary, _, _ = asyncio.run(
        reconcile(ScriptedModel(script).client(), [a, b], ca + cb, [heard, dismissed], [], [])
    )
    assert "The suit may be dismissed, lawyers said." in [s.text for s in summary]


def test_a_sentence_too_long_for_the_words_left_gives_way_to_a_shorter_one() -> None:
    first = SummarySentence(text=" ".join(["word"] * 150) + ".", citations=["A1"])
    long = SummarySentence(text=" ".join(["word"] * 40) + ".", citations=["A2"])
    short = SummarySentence(text="The House approved the plan 234-193.", citations=["A3"])
    assert capped([first, long, short], []) == [first, short]
    # The rest of a model text whose first part did not fit goes with it: "It" would stand alone.
    began = SummarySentence(text=" ".join(["word"] * 40) + ".", citations=["A4"])
    rest = SummarySentence(text="It now goes to the Senate.", citations=["A4"])
    assert capped([first, began, rest, short], []) == [first, short]


def test_the_summary_keeps_to_its_sentences_and_words_with_code_s_sentences_kept() -> None:
    ranked = [
        SummarySentence(text=f"Fact number {i} is stated here in eight words.", citations=["A1"])
        for i in range(12)
    ]
    code = [
        SummarySentence(
            text="The outlets disagree: A reports “1”; B reports “2”.", citations=[], written_by="code"
        )
    ]
    kept = capped(ranked, code)
    assert kept[-1] == code[0] and kept[:-1] == ranked[: len(kept) - 1]
    assert len(kept) <= SUMMARY_SENTENCES and sum(len(s.text.split()) for s in kept) <= SUMMARY_WORDS
    long = [SummarySentence(text=" ".join(["word"] * 100) + ".", citations=["A1"])] * 3
    assert len(capped(long, [])) == 1  # the first stands; the next would pass the words


def test_a_headline_is_never_the_wording_and_alone_is_no_fact() -> None:
    a, ca = story("Democrats Plan to Filibuster to Thwart Gorsuch Nomination.", *FILLER)
    b, cb = story("Senate Democrats vowed to filibuster the Gorsuch nomination.", article_id="B")
    group = Corroboration(fact="filibuster", claim_ids=[ca[0].id, cb[0].id])
    assert wording([ca[0], cb[0]]).article_id == "B"  # the headline shares more words, and is a label
    ranked = facts([a, b], ca + cb, [group], [ca[0].id])
    assert texts(ranked)[0] == "Senate Democrats vowed to filibuster the Gorsuch nomination."
    assert not any("Thwart" in t for t in texts(ranked))  # the headline on its own is not offered
    c, cc = story("Democrats Vow to Filibuster Gorsuch.", *FILLER, article_id="C")
    headlines = Corroboration(fact="filibuster", claim_ids=[ca[0].id, cc[0].id])
    ranked = facts([a, c], ca + cc, [headlines], [])
    assert not any("Filibuster" in t for t in texts(ranked))  # headlines agreeing: no fact either


def test_a_headline_in_sentence_case_is_told_by_its_missing_end_mark() -> None:
    a, ca = story("Sparks fly as Biden, Ryan face off in feisty vice presidential debate", *FILLER)
    b, cb = story("Biden and Ryan met in their only debate on Thursday night.", article_id="B")
    group = Corroboration(fact="debate", claim_ids=[ca[0].id, cb[0].id])
    assert heading(ca[0]) and not heading(cb[0])
    ranked = facts([a, b], ca + cb, [group], [ca[0].id])
    assert texts(ranked)[0] == "Biden and Ryan met in their only debate on Thursday night."
    assert not any("Sparks" in t for t in texts(ranked))
    # In a text that marks no sentence's end (a list, a transcript), a line without a mark is a sentence.
    c, cc = story(
        "- Floodwater closed the bridge on Monday", "- Officials counted 40 flooded homes", article_id="C"
    )
    assert not any(heading(x) for x in cc)
    assert {"- Floodwater closed the bridge on Monday", "- Officials counted 40 flooded homes"} <= set(
        texts(facts([c], cc, [], [x.id for x in cc]))
    )
    d, cd = story("Floodwater closed the bridge", "Officials counted 40 flooded homes", article_id="D")
    assert d.sentences and not any(heading(x) for x in cd)  # read with their live article


def test_a_model_sentence_that_drops_a_top_fact_s_count_gives_way_to_the_source_s() -> None:
    a, ca = story("The House approved the plan 234-193.", *FILLER)
    summary = summarize_as(a, ca, "The House approved the plan.", "234-193")
    assert summary[0].text == "The House approved the plan 234-193."
    assert summary[0].written_by == "source"
    assert "The House approved the plan." not in [s.text for s in summary]  # said again, with less


def test_a_figure_the_model_wrote_in_from_a_fact_it_did_not_cite_is_cited_too() -> None:
    a, ca = story("Pelosi was re-elected as leader on Wednesday.", "She won by a 134-to-63 vote.", *FILLER)
    text = "Pelosi was re-elected as leader on Wednesday, winning by a 134-to-63 vote."
    summary = summarize_as(a, ca, text, "re-elected")
    (merged,) = [s for s in summary if "134-to-63" in s.text and s.written_by == "model"]
    assert set(merged.citations) == {ca[0].id, ca[1].id}


def vote_of(wording: str) -> tuple[Fact, Article, list[Claim]]:
    """The 396-9 fact of A (its second sentence: `wording`) and B, with A and its claims."""
    a, ca = story("The House approved the motto resolution on Tuesday.", wording, *FILLER)
    b, cb = story("Aides doubted the talks.", "The resolution passed 396-9 on Tuesday.", article_id="B")
    group = Corroboration(fact="396-9", claim_ids=[ca[1].id, cb[1].id])
    (found,) = [f for f in facts([a, b], ca + cb, [group], []) if "396" in f.text]
    return found, a, ca


def test_a_fact_stated_in_a_source_s_words_names_what_it_is_about() -> None:
    vote, a, ca = vote_of("It passed in a 396-9 vote.")
    assert vote.text == "It passed in a 396-9 vote."  # the wording shown to the model: the most shared
    assert vote.alone == "The resolution passed 396-9 on Tuesday."  # "It" names nothing out of A
    # A fact whose every member opens with "It" keeps its words: there are no others.
    (alone,) = facts([a], ca, [], [ca[1].id])
    assert alone.alone == alone.text == "It passed in a 396-9 vote."


def test_a_fact_opening_with_what_its_article_said_before_is_stated_in_words_that_name_it() -> None:
    """ "The comment comes …" is about the tweet its article quoted before: in a summary, after another
    tweet, it told a false timeline (542cd22c). Another outlet's member names what it is about."""
    a, ca = story("Trump tweeted on Friday.", "The comment comes two days after the ban was lifted.", *FILLER)
    b, cb = story(
        "Aides met.", "Trump put the lifting of the ban on hold two days after.", *FILLER, article_id="B"
    )
    group = Corroboration(fact="hold", claim_ids=[ca[1].id, cb[1].id])
    (found,) = [f for f in facts([a, b], ca + cb, [group], []) if f.claim_ids == group.claim_ids]
    assert found.text == "The comment comes two days after the ban was lifted."  # the most shared words
    assert found.alone == "Trump put the lifting of the ban on hold two days after."
    assert refers_back("But the move angered Democrats.") and refers_back("The decisions were made.")
    # A noun its own words describe, one of a compound or a name, or a quotation's tag refers to nothing.
    for alone in (
        "The decision to close the plant was announced.",
        "The post office closed.",
        "The Post reported it.",
        "“Wrong,” the statement said.",
    ):
        assert not refers_back(alone), alone


def test_a_fact_is_not_stated_in_a_member_that_leaves_its_speaker_to_its_article() -> None:
    a, ca = story("Trump tweeted on Friday.", "The comment came as the ban was lifted.", *FILLER)
    b, cb = story("Aides met.", "“The comment came as the ban was lifted,” he said.", *FILLER, article_id="B")
    group = Corroboration(fact="ban", claim_ids=[ca[1].id, cb[1].id])
    (found,) = [f for f in facts([a, b], ca + cb, [group], []) if f.claim_ids == group.claim_ids]
    assert found.text == "The comment came as the ban was lifted."  # as shared, shorter
    assert found.alone == found.text  # the other member leaves who spoke to its article: its own words stay


def test_a_pronoun_behind_an_opening_but_or_instead_still_opens_the_sentence() -> None:
    vote, _, _ = vote_of("But it passed in a 396-9 vote.")
    assert vote.alone == "The resolution passed 396-9 on Tuesday."  # "But it" names nothing out of A
    assert not opens_with_reference("But Brat unseated the majority leader.")


def test_a_piece_of_a_model_text_that_is_no_sentence_joins_the_one_before_it() -> None:
    said = model_sentences("The ad says: 'You paid in for years. Why? To pay for it.'")
    assert said == ["The ad says: 'You paid in for years. Why?", "To pay for it.'"]


def test_a_last_piece_the_length_cap_cut_off_is_dropped_not_joined() -> None:
    assert model_sentences("Pelosi won. The House then voted 234-193. In a statement, the") == [
        "Pelosi won.",
        "The House then voted 234-193.",
    ]


GRIMM_FOX = (
    'Grimm.\n"We are disappointed by the government\'s decision, but hardly surprised," said the statement '
    "from Grimm's attorney, William McGinley.\nA senior official told NBC there was zero chance of a deal.\n"
    "foxnews.com\n"
)
GRIMM_HUFFPOST = (
    "Grimm.\nGrimm's lawyer, William McGinley, said in a statement that charges were coming.\n"
    '"We are disappointed by the government\'s decision, but hardly surprised," he said.\nhuffpost.com\n'
)


def test_a_fact_copied_with_he_said_is_shown_in_the_member_that_names_who_said_it() -> None:
    fox = make_article(GRIMM_FOX, "A", name="fox.txt")
    huffpost = make_article(GRIMM_HUFFPOST, "B", name="huffpost.txt")
    named, official, he_said = to_claim(fox, 2), to_claim(fox, 3), to_claim(huffpost, 3)
    fact = Fact("F1", [official.id, he_said.id, named.id], ["A", "B"], he_said.statement)
    copy = SummarySentence(text=he_said.statement, citations=fact.claim_ids)
    ((_, _, shown),) = standing([(0, frozenset({"F1"}), copy)], [fact], [named, official, he_said])
    # Not the official's sentence, though it comes first: it does not say what the copy says.
    assert shown.text == named.statement
    assert (shown.citations, shown.written_by) == (fact.claim_ids, "source")


def test_a_copy_no_member_says_on_its_own_stays_as_it_is() -> None:
    fox = make_article(GRIMM_FOX, "A", name="fox.txt")
    huffpost = make_article(GRIMM_HUFFPOST, "B", name="huffpost.txt")
    official, he_said = to_claim(fox, 3), to_claim(huffpost, 3)
    fact = Fact("F1", [official.id, he_said.id], ["A", "B"], he_said.statement)
    copy = SummarySentence(text=he_said.statement, citations=fact.claim_ids)
    assert standing([(0, frozenset({"F1"}), copy)], [fact], [official, he_said]) == [
        (0, frozenset({"F1"}), copy)
    ]


def test_an_acronym_the_model_spaced_out_is_written_as_its_facts_write_it() -> None:
    facts = ["Grimm is expected to be indicted by the U.S. attorney for the Eastern District."]
    said = "Grimm is expected to be indicted by the U. S. attorney, his lawyer said."
    assert (
        acronyms_as_written(said, facts)
        == "Grimm is expected to be indicted by the U.S. attorney, his lawyer said."
    )
    assert acronyms_as_written("J. R. R. Tolkien wrote it.", facts) == "J. R. R. Tolkien wrote it."


def test_a_sentence_that_leaves_whom_to_its_article_is_left_out_of_the_summary() -> None:
    # Read after other facts' sentences, "he" is the last person they named: "He also met with Capt.
    # Johnson" after a sentence about Michael Brown (ed8c136f). The model's copy and code's go alike.
    lines = [
        "Former Rep. Jesse Jackson Jr. pleaded guilty to fraud on Wednesday.",
        "Senators in Ohio backed the plan by 40 votes.",
        "He met with the judge in the capital on Thursday.",
    ]
    a, ca = story(*lines)
    summary = summarize_as(a, ca, lines[2], "the judge")
    assert [s.text for s in summary] == lines[:2]


def test_a_sentence_leaving_whom_to_its_article_stands_after_one_naming_whom_its_article_means() -> None:
    lines = [
        "Former Rep. Jesse Jackson Jr. pleaded guilty to fraud on Wednesday.",
        "Mr. Jackson met with the judge in the capital on Thursday.",
        "He and his wife, Sandra, had agreed to plead guilty.",
    ]
    a, ca = story(*lines)
    assert [s.text for s in summarize_as(a, ca, lines[2], "Sandra")] == lines


def test_a_sentence_naming_who_or_leaving_no_person_to_its_article_stays() -> None:
    lines = [
        "It takes two-thirds of the Senate to override a veto.",
        "“He is wrong,” Pelosi said of the plan on Wednesday.",
        "Senators in Ohio backed the plan by 40 votes.",
    ]
    a, ca = story(*lines)
    assert [s.text for s in summarize_as(a, ca, lines[0], "two-thirds")] == lines


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("He pleaded guilty to conspiracy before Judge Wilkins.", True),
        ("But they reserved $500,000 of airtime.", True),
        ("His lawyer, Alan S. Futerfas, said the documents were leaked.", True),
        ("“I don't welcome leaks,” he said.", True),
        ("“He is wrong,” Pelosi said.", False),  # the "he" is inside her words; she is named
        ("It takes two-thirds of the Senate to override a veto.", False),  # no person
        ("Pelosi said he would sign it.", False),
        ("The next day, he clarified that he was merely commenting.", True),  # behind a phrase naming no one
        ("On Tuesday, he pleaded guilty.", True),  # a day names no one
        ("Speaking in Ohio, he apologized to voters.", True),  # nor a place after "in"
        ("After Obama spoke, he left the room.", False),  # the phrase names whom "he" may be
        ("In his latest speech, Mr. Trump invited them.", False),  # "his" is the name's after it
        ("In the end, his lawyers appealed.", True),  # opening the clause after the phrase
        ("At the White House on Tuesday, he spoke.", True),  # a place after "at" names no one
        ("After Clinton spoke, she left.", False),  # the phrase names whom "she" may be
        ("Republicans said they would block it.", False),  # "they" after its subject
    ],
)
def test_which_sentences_leave_a_person_to_their_article(sentence: str, leans: bool) -> None:
    assert leans_on_person(sentence) is leans


def test_a_he_whose_sentence_before_the_cap_leaves_out_goes_too_and_the_next_fact_takes_the_room() -> None:
    def filler(n: int) -> str:
        return f"Aides in district {n} backed the plan, " + " ".join(f"q{n}x{i}" for i in range(35)) + "."

    lines = [
        *(filler(n) for n in range(1, 5)),  # 42 words each: 12 of the 180 are left after them
        "Former Rep. Jesse Jackson Jr. pleaded guilty to fraud on Wednesday, "
        + " ".join(f"j{i}" for i in range(30))
        + ".",
        "He met with the judge in the capital on Thursday.",
        "Governors in Maine praised the budget.",
    ]
    a, ca = story(*lines)
    ranked = [SummarySentence(text=c.quote, citations=[c.id]) for c in ca]
    kept = fitted(ranked, [], ca, [a])
    # The cap leaves out Jackson's long sentence: "He met …" would follow district 4's aides, and goes;
    # the governors take the room it leaves.
    assert [s.text for s in kept] == [*lines[:4], lines[6]]
    # Read before the cap, "He met …" stood after Jackson's sentence.
    assert [s.text for s in capped(ranked, [])] == [*lines[:4], lines[5]]


def test_a_he_that_names_no_one_where_it_stands_is_stated_in_a_cited_sentence_naming_whom() -> None:
    a, ca = story(
        "Rep. Bruce Braley spoke to lawyers in Texas in January.",
        "“Or you might have a farmer from Iowa who never went to law school,” he continued.",
    )
    b, cb = story(
        "Braley warned of a farmer from Iowa who never went to law school",  # a headline: no end mark
        "Mr. Braley apologized after video emerged of him warning that “a farmer from Iowa who never went "
        "to law school” could lead the committee.",
        "Mr. Braley, a lawyer, went to law school in Iowa.",
        article_id="B",
    )
    quote, headline, apology, lawyer = ca[1], cb[0], cb[1], cb[2]
    cited = [quote.id, headline.id, lawyer.id, apology.id]
    first = SummarySentence(text=quote.quote, citations=cited, written_by="source")
    kept = fitted([first], [], ca + cb, [a, b])
    # Not the headline, nor the sentence sharing fewer of its words: the one stating it, naming Braley,
    # its own claim cited first (its outlet is the one named), the rest still cited.
    own = [apology.id, quote.id, headline.id, lawyer.id]
    assert [(s.text, s.written_by, s.citations) for s in kept] == [(apology.quote, "source", own)]
    # With no cited sentence that stands alone, it is left out, as before.
    assert fitted([first.model_copy(update={"citations": [quote.id]})], [], ca + cb, [a, b]) == []


def test_a_quotation_naming_no_one_saying_it_does_not_stand_in_for_a_he_said() -> None:
    a, ca = story("Sen. Amy Klobuchar praised the farm bill on Thursday.")
    b, cb = story(
        "Rep. Tom Smith told farmers in Ames:",
        "“The farm bill is a disaster for every family farm in Iowa.”",
        "“The farm bill is a disaster for families,” he said.",
        article_id="B",
    )
    he, bare = cb[2], cb[1]
    ranked = [
        SummarySentence(text=ca[0].quote, citations=[ca[0].id], written_by="source"),
        SummarySentence(text=he.quote, citations=[he.id, bare.id], written_by="source"),
    ]
    # After Klobuchar's sentence the bare quotation would read as hers: it is no stand-in.
    assert [s.text for s in fitted(ranked, [], ca + cb, [a, b])] == [ca[0].quote]
