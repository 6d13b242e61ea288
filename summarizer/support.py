"""The deterministic grounding check: what a written sentence says that its source sentences do not.

Pure and deterministic, no model and no I/O. A reader acts on a pass, so the rules are strict where a
slip changes the facts (numbers and their hedges, dates, negation, names, who did what to whom, who
said it, new content words) and tolerant only of what does not: function words, inflection,
hyphenation, possessives, word order and a small curated table of synonyms.

Decisions a careful editor would make, written down:
- A number must be stated by the sources with the same value (after units: "three weeks" is "21
  days"; "100k" is "100,000") and a hedge the sources allow. "over 100" needs "more than 100" or
  "at least 100"; "100" exactly does not give it, nor does "150" (true, but not what was said), and
  "fewer than 100" contradicts it. Hedging a stated number ("about 100" for "100") is allowed;
  dropping a hedge ("100" for "about 100") is not. A multiplier is a number ("tripled" is not
  "doubled"), and never a count ("doubled" is not "two").
- A share of a group may not be stronger than the one the sources give that group: "all voters" for
  "some voters" or "not all voters" is a comparator, like "over 100" for "about 100". A sentence
  may say less ("most" for "all"). Where the sources give the group no share, "all" is a word they
  lack, for the judge.
- What the sources state only under a hedge ("may have been killed", "plans to raise", "allegedly
  took", "the suspected gunman", "asked whether he lied") may not be stated as fact: a comparator,
  like "100" for "about 100". A hedge of the sentence's own, a future or a verb of saying lets it be;
  in a sentence with words the sources lack, which may carry the hedge, it is a word for the judge.
- Omitting an attribution is not flagged (a summary may drop "Kovalenko said", or "reportedly");
  naming the wrong speaker is.
- A demonym stands for its country word by word ("Ukrainian forces" ~ "forces of Ukraine"). This
  also lets "a Ukrainian analyst" pass against "an analyst in Ukraine", nationality for location: the
  price of not parsing, and named here so nobody relies on it.
- A content word (noun, verb, adjective, adverb) that neither the sources nor the synonym table
  supply is unsupported: it is how an inserted fact shows. A few discourse words ("reportedly",
  "however") add nothing a source could contradict and are let through.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from lemminflect import getAllLemmas  # type: ignore[import-untyped]

from summarizer.models import Unsupported, UnsupportedKind
from summarizer.text import STOP_WORDS, Number, attribution, find_numbers, lemmas, tokens, unit_end

# Words that carry no checkable fact of their own: pronouns, auxiliaries, determiners, discourse words.
_LIGHT = (
    frozenset(
        """
    i me my we us our you your him himself her herself itself themselves its own there here one
    did does do doing done get got having being became become becomes
    other another each every any all many much most several few those such same
    reportedly however meanwhile also including included while although though whether because
    amid among against toward towards within across through via upon per if yet once
    mr mrs ms dr between
    roughly approximately around nearly almost exactly least most fewer
    """.split()  # noqa: SIM905 - a word list reads better as prose
    )
    | STOP_WORDS
)

# Negation cues. "not" and its kin negate what follows; "denied", "failed to", "refused to" and
# "without" negate the action after them.
_NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor cannot without deny denied denies denying "  # noqa: SIM905
    "fail failed fails failing refuse refused refuses refusing".split()
)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()“”\"]|\b(?:but|while|although|whereas|because|however)\b", re.I)
# What a negation skips to reach its predicate: "not initially reported" negates "reported"; verbs of
# saying and reporting are predicates here even though they carry no content elsewhere.
_SCOPE_SKIP = frozenset(
    """a an the and or of to in on at by for with from as is are was were be been being has have had that
    this these those it its he she they them his her their there here one did does do so such very just only
    even also longer yet ever""".split()  # noqa: SIM905 - a word list reads better as prose
)

# Small curated tables: each group is one meaning; a word matches any word of its group.
_SYNONYMS = [
    "destroy blow demolish wreck",
    "say state tell add note remark",
    "troop soldier",
    "arrest detain",
    "begin start commence",
    "buy purchase",
    "help aid assist",
    "big large",
    "small little",
    "show indicate demonstrate reveal",
    "supply provide deliver",
    "mistake error",
    "mistakenly accidentally erroneously wrongly",
    "attack strike hit",
    "country nation",
    "rise increase grow climb",
    "fall decrease decline drop",
    "allow permit",
    "ban prohibit forbid",
    "ask request",
    "reply respond answer",
    "believe think",
    "announce declare",
    "war conflict",
    "protester demonstrator",
    "car vehicle",
    "home house",
    "quickly rapidly",
    "weapon arm",
    "dead killed",
    "incursion offensive",
    "embarrassment embarrassing embarrass",
    "happen occur",
    "remark comment",
    "mostly largely mainly chiefly primarily",
    "seize capture",
]
_ANTONYMS = [
    ("increase", "decrease"),
    ("rise", "fall"),
    ("win", "lose"),
    ("won", "lost"),
    ("allow", "ban"),
    ("accept", "reject"),
    ("approve", "reject"),
    ("open", "close"),
    ("support", "oppose"),
    ("confirm", "deny"),
    ("pass", "fail"),
    ("acquit", "convict"),
    ("gain", "lose"),
    ("buy", "sell"),
    ("import", "export"),
    ("arrive", "depart"),
    ("first", "last"),
    ("high", "low"),
    ("strong", "weak"),
    ("friendly", "hostile"),
    ("guilty", "innocent"),
    ("legal", "illegal"),
    ("public", "private"),
    ("victory", "defeat"),
    ("majority", "minority"),
    ("ally", "enemy"),
    ("success", "failure"),
    ("include", "exclude"),
    ("north", "south"),
    ("east", "west"),
    ("democrat", "republican"),
    ("largest", "smallest"),
    ("impose", "lift"),
    ("overestimate", "underestimate"),
    ("short", "long"),
    ("early", "late"),
    ("receive", "send"),
]
# Demonyms fold onto their country, word by word ("Ukrainian forces" ~ "forces of Ukraine").
_DEMONYMS = {
    "ukrainian": "ukraine",
    "russian": "russia",
    "korean": "korea",
    "american": "america",
    "us": "america",
    "usa": "america",
    "british": "britain",
    "uk": "britain",
    "chinese": "china",
    "french": "france",
    "german": "germany",
    "israeli": "israel",
    "iranian": "iran",
    "syrian": "syria",
    "mexican": "mexico",
    "canadian": "canada",
    "japanese": "japan",
    "european": "europe",
    "pakistani": "pakistan",
    "afghan": "afghanistan",
    "iraqi": "iraq",
    "palestinian": "palestine",
    "turkish": "turkey",
    "egyptian": "egypt",
    "indian": "india",
    "spanish": "spain",
    "italian": "italy",
    "polish": "poland",
    "cuban": "cuba",
    "venezuelan": "venezuela",
    "saudi": "saudi",
    "libyan": "libya",
    "yemeni": "yemen",
    "greek": "greece",
    "irish": "ireland",
    "scottish": "scotland",
    "welsh": "wales",
    "english": "england",
    "australian": "australia",
    "brazilian": "brazil",
    "nigerian": "nigeria",
    "belarusian": "belarus",
    "georgian": "georgia",
    "lebanese": "lebanon",
    "jordanian": "jordan",
    "qatari": "qatar",
    "emirati": "emirates",
}
_SPEECH = frozenset(
    "say tell claim note conclude add state write report argue warn believe announce insist allege "  # noqa: SIM905
    "accuse estimate emphasize emphasise suggest explain confirm deny according".split()
)
_MONTHS = "january february march april may june july august september october november december".split()  # noqa: SIM905
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()  # noqa: SIM905
_RELATIVE_DAYS = frozenset("yesterday today tomorrow tonight".split())  # noqa: SIM905
_MONTH_ABBREVIATIONS = {m[:3]: m for m in _MONTHS} | {"sept": "september"}
_MAX_BETWEEN = 6
_PASSIVE_AUX = frozenset("is are was were be been being get got gets".split())  # noqa: SIM905
_QUALIFIER_WORDS = {"exact": "exactly", "over": "more than", "under": "fewer than", "about": "about"}

# How much of a group a word claims: "all voters" says more than "most voters", which says more than
# "some voters". A sentence's quantifier of rank 2 or 3 must be one its sources put on the same word,
# at that rank or higher. Rank 1 is read in the sources only, so "some" there can contradict "all".
_QUANTIFIER_RANK = {
    w: rank
    for rank, words in (
        (3, "all every each everyone everybody everything entire entirely always unanimous unanimously"),
        (2, "most mostly largely mainly chiefly primarily majority"),
        (1, "some several many few numerous minority handful"),
    )
    for w in words.split()
}
# Words before a quantifier that make an idiom of it ("at all", "after all", "for all its faults",
# "above all"), and words after it that do ("all but", "all too", "all along", "each other"). A
# quantifier with no group before the clause ends ("In all, 30 died") claims nothing either.
_NOT_A_QUANTIFIER_BEFORE = frozenset("at after above for".split())  # noqa: SIM905
_NOT_A_QUANTIFIER_AFTER = frozenset("but too along other".split())  # noqa: SIM905
# Hedges that take a quantifier down a rank: "nearly all" is "most", not "all".
_DOWN_A_RANK = frozenset("nearly almost virtually practically".split())  # noqa: SIM905
# Pronouns that stand for a group the sentence does not name ("most of them"): any quantifier of the
# sources may be theirs.
_GROUP_PRONOUNS = frozenset("them us you these those they we".split())  # noqa: SIM905
_PHRASE_LINKS = frozenset("of in from at on for the a an".split())  # noqa: SIM905
_ANY_GROUP = frozenset({"*"})


@lru_cache(maxsize=65536)
def _pos(word: str) -> Mapping[str, tuple[str, ...]]:
    """A word's lemmas by part of speech; cached, as lemminflect deep-copies its tables on every call."""
    return MappingProxyType(getAllLemmas(word))


def _groups(table: Iterable[str]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in table:
        words = frozenset(line.split())
        for w in words:
            out[w] = out.get(w, frozenset()) | words
    return out


_SYNONYM_OF = _groups(_SYNONYMS)
_ANTONYM_OF: dict[str, set[str]] = {}
for _a, _b in _ANTONYMS:
    _ANTONYM_OF.setdefault(_a, set()).add(_b)
    _ANTONYM_OF.setdefault(_b, set()).add(_a)


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int
    forms: frozenset[str]  # lemmas, with demonyms folded onto their country
    index: int  # position in its sentence's token list
    capital: bool
    initial: bool  # the first word of its sentence


def _forms(word: str) -> frozenset[str]:
    found = lemmas(word)
    folded = {_DEMONYMS[f] for f in found if f in _DEMONYMS}
    # Most words fold nothing: their tokens then share lemmas' cached set, one object per word, not
    # per token, in caches that hold a batch's sentences (fewer objects for every full GC pass).
    return found | folded if folded else found


def _tokens(text: str) -> list[_Token]:
    return list(_tokens_of(text))


@lru_cache(maxsize=4096)  # every sentence is checked against the same sources many times over
def _tokens_of(text: str) -> tuple[_Token, ...]:
    out: list[_Token] = []
    for i, (word, start, end) in enumerate(tokens(text)):
        before = text[:start].rstrip()
        initial = not before or before[-1] in ".!?:“\"‘'("
        out.append(_Token(word, start, end, _forms(word), i, word[:1].isupper(), initial))
    return tuple(out)


def _content(tok: _Token) -> bool:
    w = tok.word.lower()
    if w in _LIGHT or tok.forms & _LIGHT:
        return False
    return len(w) > 2 or (tok.word.isupper() and len(w) == 2)  # "US", "UN" are names


def _meanings(tok: _Token) -> frozenset[str]:
    """A token's forms plus their synonyms: what in a source would support it."""
    return _meanings_of(tok.forms)


@lru_cache(maxsize=8192)
def _meanings_of(forms: frozenset[str]) -> frozenset[str]:
    out = set(forms)
    for f in forms:
        out |= _SYNONYM_OF.get(f, frozenset())
    return frozenset(out)


def _is_name(tok: _Token) -> bool:
    """A capitalized word that names something: not a common word that starts a sentence."""
    if not tok.capital:
        return False
    if tok.word.isupper() and len(tok.word) >= 2:
        return True
    if tok.initial:
        return not _pos(tok.word.lower()) or tok.word.lower() in _DEMONYMS
    return True


def _negative(word: str) -> bool:
    """Whether a (lowercased) word negates: 'not', 'never', 'denied', "didn't"."""
    return word in _NEGATIONS or word.endswith(("n't", "n’t"))


def _breaks(toks: Sequence[_Token], t: _Token, text: str) -> bool:
    """Whether a clause ends between `t` and the token before it ("U.S." ends none: it is one token)."""
    return bool(_CLAUSE_BREAK.search(text[toks[t.index - 1].end : t.start]))


def _negated_predicates(toks: list[_Token], text: str) -> list[tuple[_Token, _Token]]:
    """(cue, predicate) pairs: the first content word a negation cue governs, within its clause."""
    pairs: list[tuple[_Token, _Token]] = []
    for i, cue in enumerate(toks):
        w = cue.word.lower()
        if not _negative(w):
            continue
        for nxt in toks[i + 1 : i + 6]:
            if _CLAUSE_BREAK.search(text[cue.end : nxt.start]):
                break
            nw = nxt.word.lower()
            if nw in _SCOPE_SKIP or nw.endswith("ly") or len(nw) < 3:
                continue
            pairs.append((cue, nxt))
            break
    return pairs


def _numbers(text: str, evidence: Sequence[str]) -> list[Unsupported]:
    out: list[Unsupported] = []
    sources = [n for e in evidence for n in find_numbers(e)]
    for n in find_numbers(text):
        same = [m for m in sources if _same_number(n, m)]
        span = (n.start, n.end)
        if not same and n.multiplier and not any(m.multiplier for m in sources):
            # No factor in the sources to hold it to: "rose 100%" or "from 20 to 40" may say it, which
            # code does not work out. A word the sources lack, then, for the judge, as before.
            out.append(_flag("word", text, span, f"{n.raw!r} is not in the sources, nor any other factor"))
        elif not same:
            kind: UnsupportedKind = "date" if n.is_year else "number"
            stated = ", ".join(dict.fromkeys(m.raw for m in sources if m.is_year == n.is_year))
            detail = f"the sources give {stated}" if stated else "the sources state no such number"
            out.append(_flag(kind, text, span, f"{n.raw!r} is not stated; {detail}"))
        elif not any(_hedge_allowed(n, m) for m in same):
            m = same[0]
            out.append(
                _flag(
                    "comparator",
                    text,
                    _with_hedge(text, n),
                    f"the sources say {_QUALIFIER_WORDS[m.qualifier]} {m.raw}, "
                    f"not {_QUALIFIER_WORDS[n.qualifier]} {n.raw}",
                )
            )
    return out


def _same_number(claim: Number, source: Number) -> bool:
    """Whether a source's number is the sentence's: one value, in one unit where both give one."""
    value, base = claim.measure()
    theirs, their_base = source.measure()
    if (claim.unit is None) != (source.unit is None) and (
        claim.duration or source.duration or claim.multiplier or source.multiplier
    ):
        # A duration or a multiplier is never a bare count: "seven people" is not "a week", nor "3
        # workers" "three weeks", nor "two stores" "doubled". (A currency on one side only is its
        # count: "$5 million" and "5 million".)
        return False
    return (
        math.isclose(theirs, value, rel_tol=1e-9)
        and (base is None or their_base is None or their_base == base)
        and source.is_percent == claim.is_percent
        and not (claim.is_year and not source.is_year)
    )


def _hedge_allowed(claim: Number, source: Number) -> bool:
    """Whether the sentence's hedge is one the source's allows: same bound, or a hedge on an exact figure."""
    return claim.qualifier == source.qualifier or (claim.qualifier == "about" and source.qualifier == "exact")


def _with_hedge(text: str, n: Number) -> tuple[int, int]:
    # The span of "more than 100" rather than "100": the hedge is what is wrong.
    before = text[: n.start].rstrip()
    m = re.search(
        r"(?:no more than|no fewer than|more than|fewer than|less than|at least|at most|up to|"
        r"nearly|almost|about|around|roughly|approximately|over|under|some)$",
        before,
        re.I,
    )
    return (m.start(), n.end) if m else (n.start, n.end)


def _date_words(text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for word, start, end in tokens(text):
        w = word.lower().rstrip(".")
        month = _MONTH_ABBREVIATIONS.get(w) if word[:1].isupper() and len(w) <= 4 else None
        if w in _MONTHS and word[:1].isupper():
            if w == "may" and (not text[:start].strip() or not word[0].isupper()):
                continue  # "May" opening a sentence is as likely the verb
            out.append((w, start, end))
        elif month:
            out.append((month, start, end))
        elif w in _WEEKDAYS or w in _RELATIVE_DAYS:
            out.append((w, start, end))
    return out


def _dates(text: str, evidence: str) -> list[Unsupported]:
    stated = {w for w, _, _ in _date_words(evidence)}
    return [
        _flag("date", text, (s, e), f"the sources do not say {text[s:e]!r}" + _given(stated))
        for w, s, e in _date_words(text)
        if w not in stated
    ]


def _given(stated: set[str]) -> str:
    return f" (they say {', '.join(sorted(stated))})" if stated else ""


def _object(toks: list[_Token], pred: _Token, text: str) -> frozenset[str]:
    """The forms of the first content word after a predicate in its clause: what it acts on."""
    for nxt in toks[pred.index + 1 : pred.index + 5]:
        if _CLAUSE_BREAK.search(text[pred.end : nxt.start]):
            break
        if _content(nxt):
            return nxt.forms
    return frozenset()


@dataclass(frozen=True)
class _Polarity:
    """What one source sentence states negated and what it states plainly, read once per sentence."""

    negated: tuple[frozenset[str], ...]  # the meanings of each predicate a negation governs
    positive: frozenset[str]  # the forms of every word not negated
    # (predicate, object) as the sentence states them: "did not dispute the authenticity" but
    # "disputed its characterization" leaves "disputed the authenticity" unsupported.
    negated_pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]
    positive_pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]


@lru_cache(maxsize=4096)  # a source sentence is evidence for many sentences checked against it
def _polarity(e: str) -> _Polarity:
    etoks = _tokens(e)
    pairs = _negated_predicates(etoks, e)
    negated_ids = {p.index for _, p in pairs}
    negated_pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    positive_pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    positive: set[str] = set()
    for t in etoks:
        negated = t.index in negated_ids
        if not negated:
            positive |= t.forms
        obj = _object(etoks, t, e)
        if not obj:
            continue  # a pair with no object matches nothing (_negation reads `obj & o`): not kept
        (negated_pairs if negated else positive_pairs).append((_meanings(t), obj))
    return _Polarity(
        tuple(_meanings(p) for _, p in pairs),
        frozenset(positive),
        tuple(negated_pairs),
        tuple(positive_pairs),
    )


# Hedges: words that say a thing may, might or was meant to happen, or is only alleged ("may have
# been killed", "plans to raise", "tried to arrest", "allegedly took", "the suspected gunman",
# "asked whether the mayor lied"). A sentence that states the hedged thing with no hedge of its own
# says more than its sources: like "100" for "about 100", a comparator. A hedge of the sentence's own
# on that word ("could" for "may", "is expected to" for "plans to"), a future or a verb of saying
# ("prosecutors say he took bribes") lets it be. "Reportedly" is an attribution ("according to
# reports"), and a summary may drop an attribution, as it may drop "Kovalenko said".
_HEDGE_WORDS = frozenset(
    """may might could allegedly apparently possibly probably perhaps purportedly supposedly presumed
    feared""".split()  # noqa: SIM905
)
# Verbs and adjectives that hedge the verb after their "to": "plans to raise", "tried to arrest".
_HEDGE_TO = frozenset(
    """expected expect expects likely set poised plan plans planned planning aim aims aimed seek seeks
    sought try tries tried trying attempt attempts attempted threaten threatens threatened vow vows
    vowed offer offers offered want wants wanted hope hopes hoped intend intends intended propose
    proposes proposed appear appears appeared seem seems seemed scheduled slated due forecast
    projected predicted""".split()  # noqa: SIM905
)
# Words that hedge a thing, not an act: "the suspected gunman", "a proposed law", "an attempted coup";
# after a determiner or opening the sentence ("the minister proposed a bill" is an act), or with "of"
# after them ("accused of funneling").
_THING_HEDGES = frozenset("suspected alleged accused attempted proposed potential possible".split())  # noqa: SIM905
_GUILT = frozenset({"suspected", "alleged", "accused"})  # the thing hedges code decides: who did it
# Words that open a clause whose verb is hedged: "asked whether the mayor lied".
_HEDGE_CLAUSE = frozenset({"whether", "if", "unless"})
_HEDGE_SKIP = _SCOPE_SKIP | {
    "have",
    "been",
    "be",
    "of",
    "to",
    "still",
    "well",
    "soon",
    "again",
    "now",
    "then",
}
_MODALS = frozenset({"may", "might", "could"})
# "could" of what one was able to do: "residents could see smoke" saw it.
_ABILITY = frozenset("see hear feel smell watch find reach save notice tell".split())  # noqa: SIM905
# A hedge its own sentence says came true: "vowed to veto the bill, and did so".
_CAME_TRUE = re.compile(r"\b(?:did so|and (?:it|he|she|they) did|which (?:it|he|she|they) did)\b", re.I)
# What excuses every word of a sentence: a verb of saying, a future, a conditional.
_SAYING_OR_FUTURE = _SPEECH | {"will", "would"}
_DETERMINER_LIKE = frozenset(
    "the a an his her their its our my your this that these those any no each every some both single".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class _Hedge:
    """One hedge of a source sentence: the word it governs, and what tells another sentence's use apart."""

    how: str  # the hedge as written: "may … killed"
    meanings: frozenset[str]  # the hedged word's
    act: bool  # it hedges an act ("could block"), not a thing ("the suspected gunman")
    cue: frozenset[str]  # the hedge's own forms: a sentence with "coup attempt" keeps "attempted coup"
    target: frozenset[
        str
    ]  # what the act is done to ("may face fines"): the same act on another thing differs
    hard: (
        bool  # a guilt or an act hedged is code's to decide; "the proposed budget" for "the budget" a judge's
    )


@dataclass(frozen=True)
class _Hedged:
    """What one source sentence states under a hedge, and what it states plainly."""

    hedged: tuple[_Hedge, ...]
    plain: frozenset[str]  # the meanings of every word no hedge governs


def _hedges_in(toks: Sequence[_Token], text: str) -> list[tuple[_Token, _Token, bool]]:
    """(cue, the word it hedges, whether that word is an act) for every hedge of a sentence."""
    out: list[tuple[_Token, _Token, bool]] = []
    for i, cue in enumerate(toks):
        w = cue.word.lower()
        rest = toks[i + 1 :]
        nxt = rest[0].word.lower() if rest else ""
        prev = toks[i - 1].word.lower() if i else ""
        if cue.capital and not cue.initial:
            continue  # a name: "May" the month, "Suspected" in a title
        if w in _HEDGE_CLAUSE:
            # The clause's verb is hedged ("whether the mayor lied"), not its names and nouns, which
            # other sentences may state plainly; "if not for" and "regardless of whether" hedge nothing.
            verb = None if prev in {"of", "matter", "as", "even"} else _clause_verb(rest, toks, text)
            if verb is not None:
                out.append((cue, verb, True))
            continue
        thing = False
        if w in _HEDGE_TO and nxt == "to" and len(rest) > 1:
            rest, act = rest[1:], True
            if "VERB" not in _pos(rest[0].word.lower()):
                continue  # "proposed to parliament a bill": no act after the "to"
        elif w in _THING_HEDGES and (nxt == "of" or cue.initial or prev in _DETERMINER_LIKE):
            act = nxt == "of"
            thing = not act
        elif w in _HEDGE_WORDS and not (w in _MODALS and _inflected(nxt)):
            act = True  # ("military might grew": a modal takes a verb's base form)
        else:
            continue
        if _CAME_TRUE.search(text, cue.end):
            continue
        for t in rest[:5]:
            if _breaks(toks, t, text):
                break
            tw = t.word.lower()
            if _negative(tw):
                break  # "may not have": the negation check reads it
            if tw in _HEDGE_SKIP or tw.endswith("ly") or not _content(t) or (t.capital and not t.initial):
                continue  # (a name is not what is hedged: other sentences name it plainly)
            if w == "could" and (t.forms & _ABILITY or prev == "only"):
                break
            if w in _MODALS and "VERB" not in _pos(tw):
                break  # a modal hedges a verb
            out.append((cue, t, not thing))
            break
    return out


def _inflected(word: str) -> bool:
    """Whether a word is a verb's inflected form and nothing else: 'grew', 'was' ('grow', 'be')."""
    pos = _pos(word)
    lemmas = {lemma for key in ("VERB", "AUX") for lemma in pos.get(key, ())}
    return bool(lemmas) and set(pos) <= {"VERB", "AUX"} and word not in lemmas and word != "been"


def _clause_verb(rest: Sequence[_Token], toks: Sequence[_Token], text: str) -> _Token | None:
    """The clause's first verb that is no noun, or is one in -ed or -ing ("lied", "opening"; not "drop")."""
    for t in rest[:10]:
        if _breaks(toks, t, text):
            return None
        w = t.word.lower()
        if _negative(w):
            return None
        if not _content(t) or (t.capital and not t.initial) or w in _HEDGE_SKIP:
            continue
        pos = _pos(w)
        if "VERB" in pos and ("NOUN" not in pos or w.endswith(("ed", "ing"))):
            return t
    return None


def _after(toks: Sequence[_Token], t: _Token, text: str) -> frozenset[str]:
    """The meanings of the content words after `t` in its clause: what an act is done to, and how."""
    out: set[str] = set()
    for nxt in toks[t.index + 1 : t.index + 9]:
        if _breaks(toks, nxt, text):
            break
        if _content(nxt):
            out |= _meanings(nxt)
    return frozenset(out)


@lru_cache(maxsize=4096)  # a source sentence is evidence for many sentences checked against it
def _hedged_of(e: str) -> _Hedged:
    etoks = _tokens(e)
    found = _hedges_in(etoks, e)
    governed = {t.index for _, t, _ in found}
    plain = frozenset().union(*(_meanings(t) for t in etoks if t.index not in governed))
    hedges = tuple(
        _Hedge(
            how=f"{cue.word} … {t.word}",
            meanings=_meanings(t),
            act=act,
            cue=cue.forms,
            target=_after(etoks, t, e) if act else frozenset(),
            hard=act or cue.word.lower() in _GUILT,
        )
        for cue, t, act in found
    )
    return _Hedged(hedges, plain)


def _unhedged(text: str, toks: list[_Token], evidence: Sequence[str]) -> list[Unsupported]:
    """A word the sources state only under a hedge, which the sentence states with none."""
    read = [_hedged_of(e) for e in evidence]
    if not any(r.hedged for r in read) or any(t.forms & _SAYING_OR_FUTURE for t in toks):
        return []  # nothing hedged; or the sentence says who says it, or that it will be
    own = {t.index for _, t, _ in _hedges_in(toks, text)}  # what the sentence hedges itself
    plain = frozenset().union(*(r.plain for r in read))
    forms = frozenset().union(*(t.forms for t in toks))
    out: list[Unsupported] = []
    for tok in toks:
        if not _content(tok) or tok.index in own or _meanings(tok) & plain:
            continue
        # An act hedged ("could block") is not the thing of the same word ("the block", "a vote"), nor
        # the same act done to another thing ("may face fines" and "faces a lawsuit").
        thing = tok.index > 0 and toks[tok.index - 1].word.lower() in _DETERMINER_LIKE
        of_tok = [
            h
            for r in read
            for h in r.hedged
            if _meanings(tok) & h.meanings and not (h.act and thing) and not (h.cue & forms)
        ]
        if not of_tok:
            continue
        target = _after(toks, tok, text)
        hedge = next((h for h in of_tok if not (h.target and target and not target & h.target)), None)
        if hedge is not None:
            detail = f"the sources hedge it ({hedge.how!r}); the sentence states it as fact"
            out.append(_flag("comparator" if hedge.hard else "word", text, (tok.start, tok.end), detail))
    return out


def _negation(text: str, toks: list[_Token], evidence: Sequence[str]) -> list[Unsupported]:
    out: list[Unsupported] = []
    read = [_polarity(e) for e in evidence]
    ev_negated = [m for r in read for m in r.negated]
    ev_positive = frozenset().union(*(r.positive for r in read))
    pairs = _negated_predicates(toks, text)
    for cue, pred in pairs:
        if not any(_meanings(pred) & m for m in ev_negated):
            out.append(
                _flag(
                    "negation",
                    text,
                    (cue.start, pred.end),
                    f"the sources do not say {cue.word!r} of {pred.word!r}"
                    + ("; they state it without a negation" if _meanings(pred) & ev_positive else ""),
                )
            )
    if not ev_negated:
        return out  # no source negates anything: no word of `text` can be one they say did not happen
    negated_here = {p.index for _, p in pairs}
    # A quantifier read with its group is _quantified's: a source's "not all officials" says nothing of
    # "all 12 miners". Others ("everyone", "unanimous") are read here, as any word is.
    grouped = {q.start for q in _quantifiers(text, source=False) if q.group is not _ANY_GROUP}
    for tok in toks:
        if (
            tok.index in negated_here
            or tok.word.lower() in _SCOPE_SKIP
            or len(tok.word) < 3
            or tok.start in grouped
        ):
            continue
        meanings = _meanings(tok)
        if not any(meanings & m for m in ev_negated):
            continue
        if meanings & ev_positive:
            # Stated both ways: negated only if the sources negate it of this very object, and never
            # state it plainly of that object.
            obj = _object(toks, tok, text)
            negated_pair = any(meanings & p and obj & o for r in read for p, o in r.negated_pairs)
            positive_pair = any(meanings & p and obj & o for r in read for p, o in r.positive_pairs)
            if not negated_pair or positive_pair:
                continue
        out.append(
            _flag("negation", text, (tok.start, tok.end), f"the sources say {tok.word!r} did not happen")
        )
    return out


@dataclass(frozen=True)
class _Quantifier:
    """A word that claims a share of a group ("all", "most"), its rank, the group, and what it says of it."""

    word: str
    start: int
    end: int
    rank: int
    group: frozenset[str]  # the meanings of the group's word; _ANY_GROUP for "them", "everyone"
    head: str  # the group's word as written ("" for _ANY_GROUP)
    predicate: frozenset[str]  # the meanings of the next content word in its clause ("fled"), if any
    counted: bool = False  # a count stands before the group: "all 12 miners"
    negated: bool = False  # a source's "not all": no share that high, and none said of the rest

    def against(self, claimed: int) -> bool | None:
        """Whether this source's share supports rank `claimed`: yes, no, or neither ("not all" of "most")."""
        if self.negated:
            return False if claimed >= self.rank else None
        return self.rank >= claimed


@lru_cache(maxsize=4096)  # a source sentence is evidence for many sentences checked against it
def _quantifiers(text: str, *, source: bool) -> tuple[_Quantifier, ...]:
    """The quantifiers of a sentence, each with its group; a source's rank-1 ones and negated ones too."""
    toks = _tokens(text)
    numbers = [(n.start, n.end) for n in find_numbers(text)]
    out: list[_Quantifier] = []
    for tok in toks:
        w = tok.word.lower()
        rank = _QUANTIFIER_RANK.get(w)
        if rank is None or (rank == 1 and not source):
            continue
        prev = toks[tok.index - 1].word.lower() if tok.index else ""
        nxt = toks[tok.index + 1] if tok.index + 1 < len(toks) else None
        after = toks[tok.index + 2] if tok.index + 2 < len(toks) else None
        anchor = tok
        if w == "all" and nxt is not None and nxt.word.lower() == "but":
            if not source:
                continue  # "all but two" claims less than all
            rank, anchor = 2, nxt  # a source's "all but two passengers" is nearly all of them
        elif (
            (tok.capital and not tok.initial)  # a name: "All Saints"
            or text[tok.end : tok.end + 1] == "-"  # a compound: "all-time", "all-out"
            or prev in _NOT_A_QUANTIFIER_BEFORE
            or (nxt is not None and nxt.word.lower() in _NOT_A_QUANTIFIER_AFTER)
            or (w == "most" and _superlative(prev, nxt, after))
            or (w == "some" and any(s >= tok.end and not text[tok.end : s].strip() for s, _ in numbers))
        ):
            continue  # ("some 300 people" is about 300)
        if prev in _DOWN_A_RANK:
            rank -= 1  # "nearly all" is no "all"; a sentence's "nearly all" claims "most"
        negated = _negative(prev)
        if not source and (negated or _negated_after(toks, tok, text)):
            continue  # "not all voters", "most have not returned": the negation check reads them
        start = toks[tok.index - 1].start if negated or prev in _DOWN_A_RANK else tok.start
        found = _group(toks, anchor, text, numbers)
        if found is not None:
            group, head, predicate, counted = found
            word = text[start : tok.end]
            out.append(_Quantifier(word, tok.start, tok.end, rank, group, head, predicate, counted, negated))
    return tuple(out)


def _superlative(prev: str, nxt: _Token | None, after: _Token | None) -> bool:
    """Whether "most" is a superlative ("the most dangerous", "most likely"; not "most foreign investors")."""
    if prev in {"the", "a"}:
        return True
    pos = _pos(nxt.word.lower()) if nxt is not None else {}
    if not (("ADJ" in pos or "ADV" in pos) and "NOUN" not in pos):
        return False
    later = _pos(after.word.lower()) if after is not None else {}
    return not ("NOUN" in later and "ADJ" not in later and "VERB" not in later)


def _negated_after(toks: Sequence[_Token], q: _Token, text: str) -> bool:
    """Whether a negation follows a quantifier in its clause: "most residents have not returned"."""
    for nxt in toks[q.index + 1 : q.index + 8]:
        if _breaks(toks, nxt, text):
            return False
        w = nxt.word.lower()
        if _negative(w):
            return True
    return False


def _group(
    toks: Sequence[_Token], q: _Token, text: str, numbers: Sequence[tuple[int, int]]
) -> tuple[frozenset[str], str, frozenset[str], bool] | None:
    """(group's meanings, its word, its predicate's meanings, a count between); None: "In all, 30 died"."""
    head: _Token | None = None
    counted = False
    if q.word.lower() in {"everyone", "everybody", "everything"}:
        head = q
    for nxt in toks[q.index + 1 : q.index + 6] if head is None else ():
        if _breaks(toks, nxt, text):  # "U.S." ends no clause
            return None
        counted = counted or any(q.end <= s < nxt.start for s, _ in numbers)  # digits are no tokens
        if any(s <= nxt.start < e for s, e in numbers):
            counted = True  # "all 12 miners", "all twelve miners": the group is after the count
            continue
        if nxt.word.lower() in _GROUP_PRONOUNS and not nxt.word.isupper():  # "us", not "US"
            head = nxt
            break
        if _content(nxt) and not _describes(nxt, toks, text):
            head = nxt
            break
    if head is None:
        return None
    # The predicate: the first content word past the group's noun phrase ("gun control advocates",
    # "members of Congress"), so "some members of Congress had not expected" says nothing of "each
    # member of Congress" being given a detail.
    predicate: frozenset[str] = frozenset()
    in_phrase = True
    for nxt in toks[head.index + 1 : head.index + 8]:
        if _breaks(toks, nxt, text):
            break
        w = nxt.word.lower()
        if in_phrase and (w in _PHRASE_LINKS or (nxt.capital and not nxt.initial) or _noun_of_phrase(w)):
            continue
        in_phrase = False
        if _content(nxt):
            predicate = _meanings(nxt)
            break
    if head is q or head.word.lower() in _GROUP_PRONOUNS:
        return _ANY_GROUP, "", predicate, counted
    return _meanings(head), head.word, predicate, counted


def _describes(t: _Token, toks: Sequence[_Token], text: str) -> bool:
    """Whether a word is an adjective before more of its phrase: "foreign" in "most foreign investors"."""
    pos = _pos(t.word.lower())
    nxt = toks[t.index + 1] if t.index + 1 < len(toks) else None
    return (
        "ADJ" in pos
        and "NOUN" not in pos
        and nxt is not None
        and _content(nxt)
        and not _breaks(toks, nxt, text)
    )


def _noun_of_phrase(word: str) -> bool:
    """Whether a word may go on a noun phrase: a noun, but no verb's past or -ing ("left", "fled")."""
    pos = _pos(word)
    verbed = any(lemma != word for lemma in pos.get("VERB", ())) and not word.endswith("s")
    return "NOUN" in pos and not verbed


def _quantified(text: str, evidence: Sequence[str]) -> list[Unsupported]:
    """A quantifier stronger than its sources': "all voters" where they say "some voters", or nothing."""
    ours = _quantifiers(text, source=False)
    if not ours:
        return []
    theirs = [(e, q) for e in evidence for q in _quantifiers(e, source=True)]
    said = frozenset().union(*(_meanings(t) for t in _tokens(text)))  # what the sentence says

    def of_this(t: _Quantifier) -> bool:
        # A source's share is of what the sentence says happened: "some lawmakers opposed the bill"
        # neither supports nor contradicts "most lawmakers backed the bill".
        return not t.predicate or bool(t.predicate & said)

    out: list[Unsupported] = []
    for q in ours:
        span = (q.start, q.end)
        specific = q.group is not _ANY_GROUP
        on_group = [t for _, t in theirs if specific and t.group is not _ANY_GROUP and q.group & t.group]
        if any(t.against(q.rank) and of_this(t) for t in on_group):
            continue
        against = [t for t in on_group if t.against(q.rank) is False and of_this(t)]
        if against:
            t = against[0]
            detail = f"the sources say {t.word!r} {t.head}, not {q.word!r}"
            out.append(_flag("comparator", text, span, detail))
            continue
        # Said of the group elsewhere in a sentence that names it ("the voters, they all said"), or of
        # a group the sentence does not name: a share of what the sentence says happened.
        if any(
            t.against(q.rank)
            and (not specific or q.group & _polarity(e).positive)
            and (t.predicate & said or t.group & q.predicate or not q.predicate)
            for e, t in theirs
        ):
            continue
        if q.counted:
            continue  # "all 12 miners" for "the 12 miners": the count says how many
        what = f" of {q.head!r}" if specific else ""
        out.append(_flag("word", text, span, f"the sources do not say {q.word!r}{what}"))
    return out


def _mentions(toks: list[_Token], text: str) -> list[list[_Token]]:
    """Runs of name tokens: 'North Korea', 'Alexander Kovalenko', 'Russian'; a comma ends a run."""
    runs: list[list[_Token]] = []
    for tok in toks:
        if _is_name(tok) and _content(tok):
            prev = runs[-1][-1] if runs else None
            if (
                prev is not None
                and prev.index == tok.index - 1
                and not text[prev.end : tok.start].strip(" -")
            ):
                runs[-1].append(tok)
            else:
                runs.append([tok])
    return runs


def _canon(word: str) -> str:
    w = word.lower().removesuffix("'s").removesuffix("’s")
    return _DEMONYMS.get(w, w)


def _key(run: list[_Token]) -> tuple[str, ...]:
    return tuple(sorted({_canon(t.word) for t in run}))


_DISTINGUISHING = frozenset("north south east west new upper lower former".split())  # noqa: SIM905


def _same_entity(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    # "Kovalenko" is "Alexander Kovalenko"; "Korea" alone is neither "North Korea" nor "South Korea".
    small, big = sorted((set(a), set(b)), key=len)
    return bool(small) and small <= big and not (big - small) & _DISTINGUISHING


def _relations(
    toks: list[_Token], text: str
) -> list[tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]]:
    """(agent, verb meanings, patient) for each verb between two consecutive names; passive reverses."""
    rels: list[tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]] = []
    runs = _mentions(toks, text)
    for left, right in itertools.pairwise(runs):
        between = toks[left[-1].index + 1 : right[0].index]
        # Only a short stretch with a verb in it reads as "A verb B"; a long one is two clauses.
        if len(between) > _MAX_BETWEEN or _CLAUSE_BREAK.search(
            text[left[-1].end : right[0].start].replace(",", "")
        ):
            continue
        for j, tok in enumerate(between):
            if not _content(tok) or not _could_be_verb(tok):
                continue
            aux = {t.word.lower() for t in between[max(0, j - 2) : j]}
            a, b = _key(left), _key(right)
            if aux & _PASSIVE_AUX:
                # "X was supplied by Y": Y acts on X. "X was supplied to Y" names no actor: no relation.
                if between and between[-1].word.lower() == "by":
                    rels.append((b, _meanings(tok), a))
                break
            rels.append((a, _meanings(tok), b))
            break  # the first verb is the one that relates them
    return rels


def _could_be_verb(tok: _Token) -> bool:
    return "VERB" in _pos(tok.word.lower())


def _roles(text: str, toks: list[_Token], evidence: Sequence[str]) -> list[Unsupported]:
    out: list[Unsupported] = []
    ev_rels = [r for e in evidence for r in _relations(_tokens(e), e)]
    for agent, verb, patient in _relations(toks, text):
        if agent == patient:
            continue
        same = [
            r for r in ev_rels if r[1] & verb and _same_entity(r[0], agent) and _same_entity(r[2], patient)
        ]
        reversed_ = [
            r for r in ev_rels if r[1] & verb and _same_entity(r[0], patient) and _same_entity(r[2], agent)
        ]
        # The same act with another actor or target, and never with these: "Emanuel initiated talks with
        # Sestak" against "Clinton initiated talks with Sestak".
        # Only among names the sources do mention: a new name is the entity check's to report.
        mentioned = [_key(run) for e in evidence for run in _mentions(_tokens(e), e)]
        other = [
            r
            for r in ev_rels
            if r[1] & verb
            and _same_entity(r[2], patient)
            and not _same_entity(r[0], agent)
            and any(_same_entity(agent, m) for m in mentioned)
            and not any(_same_entity(x[0], agent) and x[1] & verb for x in ev_rels)
        ]
        if (reversed_ or other) and not same:
            first = next(t for t in toks if _canon(t.word) in agent)
            last = max((t for t in toks if _canon(t.word) in patient), key=lambda t: t.end)
            start, end = min(first.start, last.start), max(first.end, last.end)
            out.append(
                _flag(
                    "role",
                    text,
                    (start, end),
                    "the sources do not have "
                    + f"{text[first.start : first.end]} doing this to {text[last.start : last.end]}",
                )
            )
    return out


def _speakers(evidence: Sequence[str]) -> list[tuple[str, ...]]:
    """Who the evidence says asserts something: attributions, and a name before a verb of saying."""
    out: list[tuple[str, ...]] = []
    for e in evidence:
        who = attribution(e)
        if who:
            out.append(_key([t for t in _tokens(who) if _content(t)]))
        etoks = _tokens(e)
        for run in _mentions(etoks, e):
            nxt = etoks[run[-1].index + 1 : run[-1].index + 25]
            if any(t.forms & _SPEECH for t in nxt):
                out.append(_key(run))
    return out


def _source(text: str, evidence: Sequence[str]) -> list[Unsupported]:
    who = attribution(text)
    if not who:
        return []
    who_toks = [t for t in _tokens(who) if _content(t)]
    if not who_toks:
        return []
    key = _key(who_toks)
    speakers = _speakers(evidence)
    if any(_same_entity(key, s) or set(key) & set(s) for s in speakers):
        return []
    start = text.find(who.removeprefix("the "))
    if start < 0:
        return []
    span = (start, start + len(who.removeprefix("the ")))
    named = ", ".join(dict.fromkeys(" ".join(s) for s in speakers))
    return [
        _flag(
            "source",
            text,
            span,
            f"the sources do not attribute this to {who}" + (f"; they cite {named}" if named else ""),
        )
    ]


def _words(
    text: str, toks: list[_Token], evidence: Sequence[str], skip: list[tuple[int, int]]
) -> list[Unsupported]:
    pool = _pool(evidence)
    dated = {s for _, s, _ in _date_words(text)}
    out: list[Unsupported] = []
    for tok in toks:
        if not _content(tok) or tok.start in dated or any(s <= tok.start < e for s, e in skip):
            continue
        w = tok.word.lower()
        if _negative(w):
            continue  # the negation check reads these
        if _meanings(tok) & pool:
            continue
        opposite = sorted({a for f in tok.forms for a in _ANTONYM_OF.get(f, set())} & pool)
        if opposite:
            detail = f"the sources say {opposite[0]!r}, the opposite of {tok.word!r}"
            out.append(_flag("word", text, (tok.start, tok.end), detail))
        elif _is_name(tok):
            out.append(
                _flag("entity", text, (tok.start, tok.end), f"{tok.word!r} is not named in the sources")
            )
        else:
            out.append(_flag("word", text, (tok.start, tok.end), f"{tok.word!r} is not in the sources"))
    return _merge(out, text)


def _pool(evidence: Sequence[str]) -> set[str]:
    """Every form of every word of the evidence: what a word of the sentence may be found as."""
    pool: set[str] = set()
    for e in evidence:
        for t in _tokens(e):
            pool |= t.forms
        if re.search(r"\bUnited States\b", e):
            pool.add("america")
    return pool


def _merge(flags: list[Unsupported], text: str) -> list[Unsupported]:
    """Adjacent entity flags become one ('South Korean'), so a name is reported once."""
    out: list[Unsupported] = []
    for f in flags:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == f.kind == "entity" and not text[prev.end : f.start].strip(" -"):
            out[-1] = _flag(
                "entity",
                text,
                (prev.start, f.end),
                f"{text[prev.start : f.end]!r} is not named in the sources",
            )
        else:
            out.append(f)
    return out


def _flag(kind: UnsupportedKind, text: str, span: tuple[int, int], detail: str) -> Unsupported:
    return Unsupported(kind=kind, text=text[span[0] : span[1]], start=span[0], end=span[1], detail=detail)


def unsupported(
    text: str, evidence: Sequence[str], *, units: Sequence[Sequence[str]] = ()
) -> list[Unsupported]:
    """What in `text` (a sentence someone wrote) the `evidence` (article sentences) do not support.

    `units`: the evidence grouped by what it was cited as (a claim's sentence with the sentences its
    "he" may stand for; a sentence picked by likeness alone); with two or more, what only other
    groups than the main one hold is found too (`joined`).
    """
    toks = _tokens(text)
    found = _numbers(text, evidence) + _dates(text, " ".join(evidence))
    found += _negation(text, toks, evidence) + _roles(text, toks, evidence) + _source(text, evidence)
    hedges = _unhedged(text, toks, evidence)
    found += hedges
    # A number's span reaches over its unit ("44 million dollars", "three weeks"): the number check reads it.
    numbers = [(n.start, unit_end(text, n)) for n in find_numbers(text)]
    # A word already explained by a number, date or negation flag is not reported again as a word.
    covered = numbers + [
        (f.start, f.end) for f in found if f.kind in {"number", "comparator", "date", "negation"}
    ]
    # A share _quantified reads is no word for _words; a "word" finding of its yields to a harder one.
    shares = [
        f
        for f in _quantified(text, evidence)
        if f.kind != "word" or not any(s <= f.start < e for s, e in covered)
    ]
    found += _modifiers(text, toks, evidence) + shares
    found += _words(text, toks, evidence, covered + [(f.start, f.end) for f in shares])
    found += joined(text, units)
    demoted = {id(h) for h in hedges}
    if any(f.kind == "word" and id(f) not in demoted for f in found):
        # A sentence in words of its own may carry the hedge in them ("appears to have acted" for
        # "apparently acted"): whether it does is the judge's to say, as for any word the sources lack.
        found = [f.model_copy(update={"kind": "word"}) if id(f) in demoted else f for f in found]
    unique = {(f.kind, f.start, f.end): f for f in found}
    return sorted(unique.values(), key=lambda f: (f.start, f.end, f.kind))


def _could_be_noun(word: str) -> bool:
    """Whether a word may be a noun: lemminflect reads it so, or does not know it."""
    pos = _pos(word)
    return not pos or "NOUN" in pos


def _modified(toks: list[_Token], text: str) -> list[tuple[list[_Token], frozenset[str]]]:
    """(name, noun) where a name directly qualifies a common noun: 'Russian' in 'Russian drone operator'."""
    out: list[tuple[list[_Token], frozenset[str]]] = []
    for run in _mentions(toks, text):
        nxt = toks[run[-1].index + 1] if run[-1].index + 1 < len(toks) else None
        if (
            nxt is not None
            and not nxt.capital
            and _content(nxt)
            and not text[run[-1].end : nxt.start].strip(" -")
            and _could_be_noun(nxt.word.lower())  # not a verb: "Macron criticized the plan"
        ):
            out.append((run, nxt.forms))
    return out


def _modifiers(text: str, toks: list[_Token], evidence: Sequence[str]) -> list[Unsupported]:
    """A name put on a thing the sources give another name: a 'Ukrainian drone operator' for a Russian one."""
    ev = [(_key(run), noun) for e in evidence for run, noun in _modified(_tokens(e), e)]
    out: list[Unsupported] = []
    for run, noun in _modified(toks, text):
        key = _key(run)
        theirs = [k for k, n in ev if n & noun]
        if theirs and not any(_same_entity(key, k) or set(key) & set(k) for k in theirs):
            span = (run[0].start, run[-1].end)
            what = toks[run[-1].index + 1].word
            detail = f"the sources call the {what} {' '.join(theirs[0])}, not {text[span[0] : span[1]]}"
            out.append(_flag("entity", text, span, detail))
    return out


def joined(text: str, units: Sequence[Sequence[str]]) -> list[Unsupported]:
    """Names and numbers of `text` that only other units of its evidence hold than the one holding the most.

    A unit is what one citation brings: a claim's sentence and the sentences before it that its "he"
    may stand for, or one sentence `summarizer check` picked by likeness. Every word can be in some
    unit while none says what the sentence does: "Militarnyi said Kovalenko has over 100,000
    subscribers" from a sentence about Militarnyi and one about Kovalenko, or a year taken from
    another event. How words relate across sentences is what code cannot read, so these are soft, as
    a word the sources lack: such a sentence passes only with a judge sure beyond `verdict.SETTLE`.
    Only names and numbers: common words met in another sentence are how paraphrase reads (on
    SummEdits, flagging them too failed 24 more faithful summaries and caught 11 more edited ones).
    What no unit has is `unsupported`'s to report, not this.
    """
    if len(units) < 2:
        return []
    numbers = find_numbers(text)
    spans = [(n.start, unit_end(text, n)) for n in numbers]
    # Names as `_words` reads them: a capitalized word that opens the sentence ("But") is no name.
    words = [
        t
        for t in _tokens(text)
        if _is_name(t) and _content(t) and not any(a <= t.start < b for a, b in spans)
    ]
    covers: list[set[int]] = []
    for unit in units:
        pool = _pool(unit)
        theirs = [m for e in unit for m in find_numbers(e)]
        covered = {i for i, t in enumerate(words) if _meanings(t) & pool}
        covered |= {len(words) + j for j, n in enumerate(numbers) if any(_same_number(n, m) for m in theirs)}
        covers.append(covered)
    anywhere = set().union(*covers)
    main = max(covers, key=len)  # the first of the widest, in the order of the citations
    out: list[Unsupported] = []
    for i in sorted(anywhere - main):
        span = (words[i].start, words[i].end) if i < len(words) else spans[i - len(words)]
        what = text[span[0] : span[1]]
        detail = f"{what!r} is in another cited sentence than the rest: none of them says all of it"
        out.append(_flag("joined", text, span, detail))
    return sorted(out, key=lambda f: (f.start, f.end))


def best_evidence(text: str, sentences: Sequence[str], k: int = 3) -> list[int]:
    """Indexes of the sentences that best support `text` (for checking a draft that cites nothing)."""
    want = [t for t in _tokens(text) if _content(t)]
    if not want or not sentences:
        return []
    pools = [frozenset().union(*(t.forms for t in _tokens(s))) for s in sentences]
    values = [{n.measure()[0] for n in find_numbers(s)} for s in sentences]
    # Rare words weigh most: a sentence sharing "Kovalenko" says more than one sharing "Russia".
    weight = {
        i: math.log((1 + len(sentences)) / (1 + sum(1 for p in pools if _meanings(t) & p))) + 1.0
        for i, t in enumerate(want)
    }
    wanted_numbers = {n.measure()[0] for n in find_numbers(text)}
    chosen: list[int] = []
    covered: set[int] = set()
    covered_numbers: set[float] = set()
    while len(chosen) < k:
        best, best_gain = -1, 0.0
        for j, pool in enumerate(pools):
            if j in chosen:
                continue
            gain = sum(weight[i] for i, t in enumerate(want) if i not in covered and _meanings(t) & pool)
            gain += 2.0 * len((wanted_numbers - covered_numbers) & values[j])
            if gain > best_gain:
                best, best_gain = j, gain
        if best < 0:
            break
        chosen.append(best)
        covered |= {i for i, t in enumerate(want) if _meanings(t) & pools[best]}
        covered_numbers |= wanted_numbers & values[best]
    return chosen
