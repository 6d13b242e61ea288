"""Names in a sentence: runs of name words, who does what to whom between them, and who speaks."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache

from summarizer.lang.lexicon.abbreviations import (
    PERSON_WORDS,
    PLACE_PREFIX_WORDS,
    PLACE_PREFIXES,
    SPELLED_OUT,
    SUFFIXES,
    TITLES,
)
from summarizer.lang.lexicon.numbers import DAYS_AND_MONTHS
from summarizer.lang.lexicon.saying import BEFORE_A_NOUN, SAYING, SPEAKER_AFTER, SPEAKER_NOUNS
from summarizer.lang.lexicon.words import (
    DEMONYMS,
    DISTINGUISHING,
    PASSIVE_ADVERBS,
    PASSIVE_AUX,
    SUBJECT_PRONOUNS,
)
from summarizer.lang.speech import PARTY_TAG
from summarizer.lang.tokens import Token, clause_break, negative, place_prefix, pos, tokenize, unaccented

Key = tuple[str, ...]  # a name as compared: its words, folded and sorted ("alexander", "kovalenko")
Relation = tuple[Key, frozenset[str], Key]  # (agent, the verb's meanings, patient)

MAX_BETWEEN = 6  # tokens between two names that still read as "A verb B"; more is two clauses
PLACES = frozenset(DEMONYMS.values())  # a place's name alone, as `canon` folds a demonym onto it


def mentions(toks: Sequence[Token], text: str) -> list[list[Token]]:
    """Runs of name tokens: 'North Korea', 'Alexander Kovalenko', 'Russian', 'St. Louis'; a comma ends a
    run."""
    runs: list[list[Token]] = []
    for tok in toks:
        if (tok.name and tok.content) or _opens_place(toks, tok, text):
            prev = runs[-1][-1] if runs else None
            if (
                prev is not None
                and prev.index == tok.index - 1
                and (
                    not text[prev.end : tok.start].strip(" -")
                    or (text[prev.end : tok.start] == ". " and _opens_place(toks, prev, text))
                )
            ):
                runs[-1].append(tok)
            else:
                runs.append([tok])
    return runs


def _opens_place(toks: Sequence[Token], tok: Token, text: str) -> bool:
    """Whether `tok` is a place prefix with its period before the name it opens: "St." of "St. Louis"."""
    if len(tok.word) > 3 or tok.word.lower() not in PLACE_PREFIXES:  # asked of every word a run reads
        return False
    after = toks[tok.index + 1] if tok.index + 1 < len(toks) else None
    return (
        after is not None
        and text[tok.end : after.start] == ". "
        and after.name
        and place_prefix(toks, tok.index, text)
    )


@lru_cache(maxsize=65536)
def canon(word: str) -> str:
    """A name's word as compared: lowercase, unaccented, no possessive, a title and a demonym spelled out."""
    w = unaccented(word).lower().removesuffix("'s").removesuffix("’s")
    if w in TITLES:  # "Sen. Chuck Schumer" is "Senator Chuck Schumer"
        return SPELLED_OUT.get(w, w)
    if w in PLACE_PREFIX_WORDS:  # "Ft. Myers" is "Fort Myers"
        return PLACE_PREFIX_WORDS[w]
    return DEMONYMS.get(w, w)


def key(run: Sequence[Token]) -> Key:
    """A run of name tokens as compared."""
    return tuple(sorted({canon(t.word) for t in run}))


def surname(run: Sequence[Token]) -> str | None:
    """A name's last word as compared ("jackson" of "Jesse Jackson Jr."); None for a title alone."""
    words = [w for t in run if (w := canon(t.word)) not in SUFFIXES]
    return words[-1] if words and words[-1] not in PERSON_WORDS else None


def titled(toks: Sequence[Token], run: Sequence[Token]) -> bool:
    """Whether a name has a person's title before or in it: "Mr. Cowan", "Sen. John Thune"."""
    before = [toks[run[0].index - 1]] if run[0].index > 0 else []
    return any(canon(t.word) in PERSON_WORDS for t in [*before, *run])


def owner(run: Sequence[Token]) -> bool:
    """Whether a name is written as an owner ("Trump's hardline approach"): a modifier, not whom a
    sentence goes on about."""
    return run[-1].word.lower().endswith(("'s", "’s"))


def same_entity(a: Key, b: Key) -> bool:
    """Whether two names may name one thing: "Kovalenko" is "Alexander Kovalenko"."""
    # "Korea" alone is neither "North Korea" nor "South Korea".
    small, big = sorted((set(a), set(b)), key=len)
    return bool(small) and small <= big and not (big - small) & DISTINGUISHING


def same_speaker(named: Key, theirs: Key) -> bool:
    """Whether a speaker a sentence names is one its source names: "Kovalenko" for "Alexander Kovalenko".

    A name may drop words of the source's ("Ukraine" for "Ukraine's Defense Intelligence"), or add to a
    name of its own ("analyst Alexander Kovalenko" for "Kovalenko"); a country alone is not a name to
    add to: "Russian military bloggers" are not the "Russian forces" a source has saying something.
    """
    if set(named) <= set(theirs):
        return same_entity(named, theirs)
    return set(theirs) < set(named) and bool(set(theirs) - PLACES) and same_entity(named, theirs)


def names_outlet(words: Sequence[str], outlet: str) -> bool:
    """Whether a name is an outlet's: "Newsweek" is newsweek.com, "The New York Times" nytimes.com."""
    named = [w.lower() for w in words if w.lower() != "the"]
    if not named or not outlet:
        return False
    site = outlet.lower().removeprefix("www.")
    if "." in site:  # a domain: its first label against the name's words run together
        label = site.split(".")[0]
        joined = "".join(named)
        initials = "".join(w[0] for w in named[:-1]) + named[-1]
        return label in named or joined.endswith(label) or label in (joined, initials)
    theirs = {w for w in site.split() if w != "the"}
    return set(named) <= theirs or theirs <= set(named)


def _when(run: Sequence[Token]) -> bool:
    """Whether a name is a day or a month ("Tuesday", "March"): when, not who."""
    return all(t.word.lower() in DAYS_AND_MONTHS for t in run)


def relations(toks: Sequence[Token], runs: Sequence[list[Token]], text: str) -> list[Relation]:
    """(agent, verb meanings, patient) for each verb between two consecutive names; passive reverses."""
    rels: list[Relation] = []
    # A day or a month is when, not who: "Trump on Tuesday renewed his attack on the Justice Department"
    # relates Trump to the department, not to Tuesday.
    runs = [r for r in runs if not _when(r)]
    # The noun a nationality qualifies is no verb where a verb follows it: "Russian forces attacked Kyiv"
    # attacks, it does not force. Where none follows it may be the verb ("The UK bans Huawei"), and after
    # another name it often is ("FBI fires Strzok").
    qualified = {noun.index for run, noun in modified(toks, runs, text) if nationality(run)}
    for left, right in itertools.pairwise(runs):
        between = toks[left[-1].index + 1 : right[0].index]
        # Only a short stretch with a verb in it reads as "A verb B"; a long one is two clauses.
        if len(between) > MAX_BETWEEN or clause_break(text[left[-1].end : right[0].start].replace(",", "")):
            continue
        verbs = [t.content and could_be_verb(t.word.lower()) for t in between]
        for j, tok in enumerate(between):
            if not verbs[j] or (tok.index in qualified and any(verbs[j + 1 :])):
                continue
            aux = {t.word.lower() for t in between[max(0, j - 2) : j]}
            a, b = key(left), key(right)
            if aux & PASSIVE_AUX:
                # "X was supplied by Y": Y acts on X. "X was supplied to Y" names no actor: no relation.
                if between and between[-1].word.lower() == "by":
                    rels.append((b, tok.meanings, a))
                break
            rels.append((a, tok.meanings, b))
            break  # the first verb is the one that relates them
    return rels


def done_to(
    toks: Sequence[Token], runs: Sequence[list[Token]], text: str
) -> list[tuple[frozenset[str], Key, str]]:
    """(verb meanings, patient, the patient's last word) for each act a subject pronoun does to a name:
    "it commended Asa Hutchinson" (the last word tells Hutchinson from "Hutchinson Elementary").

    Who "it" is, its article tells; that it is not Hutchinson, the sentence does ("himself" it would
    be). Kept apart from `relations`, where an unknown doer would read as another actor than any.
    """
    out: list[tuple[frozenset[str], Key, str]] = []
    if text.rstrip().rstrip("”\"’'").endswith("?"):
        return out  # "Will he endorse Romney?" says no one did
    for run in runs:
        if _when(run) or owner(run):
            continue  # "He criticized Obama's plan" did nothing to Obama
        for tok in reversed(toks[max(0, run[0].index - MAX_BETWEEN - 1) : run[0].index]):
            if tok.capital and not tok.initial:
                break  # another name before it: `relations` reads that one
            if tok.word.lower() not in SUBJECT_PRONOUNS:
                continue
            between = toks[tok.index + 1 : run[0].index]
            # A comma ends it too: in "When he visited, Obama thanked Merkel" the "he" is Obama.
            if clause_break(text[tok.end : run[0].start]) or any(negative(t.word.lower()) for t in between):
                break
            # The verb right before the name, as its object: "it commended Hutchinson", not "they came
            # from LePage" nor "it was given to Hutchinson".
            verb = between[-1] if between else None
            before = {t.word.lower() for t in between[:-1]}
            if (
                verb is not None
                and verb.content
                and could_be_verb(verb.word.lower())
                and not before & PASSIVE_AUX
            ):
                out.append((verb.meanings, key(run), canon(run[-1].word)))
            break
    return out


def nationality(run: Sequence[Token]) -> bool:
    """Whether a name is a nationality ("Russian", "North Korean"): before a noun, whose it is."""
    return run[-1].word.lower() in DEMONYMS


def could_be_verb(word: str) -> bool:
    """Whether a word may be a verb, as lemminflect reads it."""
    return "VERB" in pos(word)


def could_be_noun(word: str) -> bool:
    """Whether a word may be a noun: lemminflect reads it so, or does not know it."""
    parts = pos(word)
    return not parts or "NOUN" in parts


def modified(
    toks: Sequence[Token], runs: Sequence[list[Token]], text: str
) -> list[tuple[list[Token], Token]]:
    """(name, noun) where a name directly qualifies a common noun: 'Russian' in 'Russian drone operator'."""
    out: list[tuple[list[Token], Token]] = []
    for run in runs:
        nxt = toks[run[-1].index + 1] if run[-1].index + 1 < len(toks) else None
        if (
            nxt is not None
            and not nxt.capital
            and nxt.content
            and not text[run[-1].end : nxt.start].strip(" -")
            and could_be_noun(nxt.word.lower())  # not a verb: "Macron criticized the plan"
        ):
            out.append((run, nxt))
    return out


def speaker_words(who: str) -> list[Token]:
    """The words of a speaker's name as compared: its content words, and "report" ("the report said")."""
    return [t for t in tokenize(who) if t.content or t.word.lower() in SPEAKER_NOUNS]


def speakers(
    toks: Sequence[Token], runs: Sequence[list[Token]], attributed: Sequence[Sequence[Token]], text: str
) -> list[Key]:
    """Who a sentence says asserts something: its attributions' names, and a name a verb of saying follows.

    `attributed`: the content tokens of each attribution ("Kovalenko said", "according to X").
    """
    out: list[Key] = [key(a) for a in attributed if a]
    for run in runs:
        first = run[0].index
        if first == 1 and toks[0].capital and toks[0].word.lower() in DISTINGUISHING:
            run = [toks[0], *run]  # "South Korea, …" opening a sentence: "South" is no common word here
        if _when(run):
            continue  # "… said Wednesday that he has no plans to resign, adding …": a day says nothing
        # A party tag is the name's ("Maine Gov. Paul LePage (R) said"), no break in its clause.
        tag = PARTY_TAG.match(text, run[-1].end)
        after = tag.end() if tag else run[-1].end
        for t in toks[run[-1].index + 1 : run[-1].index + 25]:
            if t.start < after:
                continue
            # Commas go on to the verb ("Kovalenko, seeking …, said", "South Korea, Ukraine and the US
            # estimate"); a quotation, a colon or a "but" ends the name's clause.
            if clause_break(text[max(after, toks[t.index - 1].end) : t.start].replace(",", "")):
                break
            if t.forms & SAYING and not t.forms & SPEAKER_AFTER and not _a_noun(toks, t, text):
                # "Abedin has been accused of …", "Mattis was also told": said of the name, not by it; a
                # verb of saying after it may still be its ("Collins, who is accused of …, has said").
                if _passive(toks, t):
                    continue
                out.append(key(run))
                break
    return out


def _a_noun(toks: Sequence[Token], word: Token, text: str) -> bool:
    """Whether a word of saying is a noun where it stands: "secretaries of state", "a report" (not "…
    harassed her, said she would testify": a mark between them ends the phrase)."""
    if not word.index:
        return False
    before = toks[word.index - 1]
    return before.word.lower() in BEFORE_A_NOUN and text[before.end : word.start].isspace()


def _passive(toks: Sequence[Token], verb: Token) -> bool:
    """Whether a verb is passive: a form of "be" before it, an adverb or two between ("was also told").

    "The Times is reporting" is no passive.
    """
    if verb.word.endswith("ing"):
        return False
    for t in reversed(toks[max(0, verb.index - 3) : verb.index]):
        w = t.word.lower()
        if w in PASSIVE_AUX:
            return True
        if not (w.endswith("ly") or w in PASSIVE_ADVERBS):
            return False
    return False
