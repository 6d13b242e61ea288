"""Roles: who did what to whom, as the sources have it ("A sued B" is not "B sued A")."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.findings import flag
from summarizer.lang.lexicon.words import SYMMETRIC_VERBS
from summarizer.lang.names import Key, canon, could_be_verb, key, nationality, same_entity
from summarizer.lang.reading import Reading
from summarizer.lang.tokens import clause_break, negative
from summarizer.models import Unsupported


def check(sentence: Reading, evidence: Sequence[Reading]) -> list[Unsupported]:
    """Who did what to whom, reversed or given to another actor than the sources give it."""
    text, toks = sentence.text, sentence.tokens
    out: list[Unsupported] = []
    ev_rels = [r for e in evidence for r in e.relations]
    # A nationality qualifying the one acted on ("met the Ukrainian prosecutor general") names no one: a
    # source's other actor doing the act to someone of that nation says nothing against this actor.
    nationals = {key(run) for run, _ in sentence.modified if nationality(run)}
    for agent, verb, patient in sentence.relations:
        if agent == patient:
            continue
        same = [r for r in ev_rels if r[1] & verb and same_entity(r[0], agent) and same_entity(r[2], patient)]
        reversed_ = [
            r for r in ev_rels if r[1] & verb and same_entity(r[0], patient) and same_entity(r[2], agent)
        ]
        # The same act with another actor or target, and never with these: "Emanuel initiated talks with
        # Sestak" against "Clinton initiated talks with Sestak".
        # Only among names the sources do mention: a new name is the entity check's to report.
        mentioned = [key(run) for e in evidence for run in e.names]
        other = [
            r
            for r in ev_rels
            if patient not in nationals
            and r[1] & verb
            and same_entity(r[2], patient)
            and not same_entity(r[0], agent)
            and any(same_entity(agent, m) for m in mentioned)
            and not any(same_entity(x[0], agent) and x[1] & verb for x in ev_rels)
        ]
        # Someone the sentence does not name doing the act to the agent ("it commended Hutchinson"), and
        # the sources never have the agent doing it: "Hutchinson commended the NRA" received it. Not an
        # act two do together ("he met Obama" is Obama meeting him).
        received = [
            v
            for e in evidence
            for v, whom, last in e.done_to
            # The name ending as the agent's does ("Asa Hutchinson"), not "Hutchinson Elementary".
            if v & verb and same_entity(whom, agent) and last in agent and not verb & SYMMETRIC_VERBS
        ]
        if (reversed_ or other or (received and not _does(agent, verb, evidence))) and not same:
            first = next(t for t in toks if canon(t.word) in agent)
            last = max((t for t in toks if canon(t.word) in patient), key=lambda t: t.end)
            start, end = min(first.start, last.start), max(first.end, last.end)
            out.append(
                flag(
                    "role",
                    text,
                    (start, end),
                    "the sources do not have "
                    + f"{text[first.start : first.end]} doing this to {text[last.start : last.end]}",
                )
            )
    return out


def _does(agent: Key, verb: frozenset[str], evidence: Sequence[Reading]) -> bool:
    """Whether any source has the agent's name as the subject of a verb of the act, past an aside and
    whatever its object: "Hutchinson, who led the review for a year, praised the NRA" (no relation reads
    it) says he praised; "Hutchinson said the NRA praised him" and "Hutchinson never praised" do not."""
    for e in evidence:
        toks, text = e.tokens, e.text
        for run in e.names:
            if not same_entity(key(run), agent):
                continue
            for t in toks[run[-1].index + 1 :]:
                if clause_break(text[run[-1].end : t.start].replace(",", "")) or negative(t.word.lower()):
                    break
                if t.capital and not t.initial:
                    break  # another name: its own verb
                if t.meanings & verb and could_be_verb(t.word.lower()):
                    return True
    return False
