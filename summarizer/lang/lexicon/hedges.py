"""How a number, an act or a share of a group is hedged or quantified: "more than", "may", "most"."""

from __future__ import annotations

from typing import Literal, cast

from summarizer.lang.lexicon.words import SCOPE_SKIP

Qualifier = Literal["exact", "about", "over", "under"]
# How a number is hedged, by the words before it; longest phrases first: "no more than" is not "more than".
QUALIFIERS: tuple[tuple[str, Qualifier], ...] = tuple(
    (" ".join(phrase.split()), cast(Qualifier, bound.strip()))
    for phrase, bound in (
        item.split(":")
        for item in """
        no more than: under, no fewer than: over, no less than: over, not more than: under, not less
        than: over, as many as: under, more than: over, greater than: over, upwards of: over, in excess
        of: over, at least: over, over: over, above: over, exceeding: over, fewer than: under, less
        than: under, at most: under, up to: under, under: under, below: under, nearly: about, almost:
        about, close to: about, about: about, around: about, roughly: about, approximately: about, some:
        about, an estimated: about, estimated: about
    """.split(",")
    )
)
# A qualifier as a finding names it: "the sources say more than 100".
QUALIFIER_WORDS: dict[Qualifier, str] = {
    "exact": "exactly",
    "over": "more than",
    "under": "fewer than",
    "about": "about",
}
# A figure's stated maximum ("up to 1.6 million", "as many as"): the size the outlet puts on it, so
# two with different figures disagree; a stated minimum is a lower bound (alignment's figures).
STATED_MAXIMUM = ("up to", "as many as", "a maximum of", "maximum of", "a maximum")
STATED_MINIMUM = ("a minimum of", "minimum of")

# Hedges: words that say a thing may, might or was meant to happen, or is only alleged ("may have
# been killed", "allegedly took").
HEDGE_WORDS = frozenset(
    """
        may might could allegedly apparently possibly probably perhaps purportedly supposedly presumed
        feared
    """.split()
)
MODALS = frozenset({"may", "might", "could"})
# Verbs and adjectives that hedge the verb after their "to": "plans to raise", "tried to arrest".
HEDGE_TO = frozenset(
    """
        expected expect expects likely set poised plan plans planned planning aim aims aimed seek seeks
        sought try tries tried trying attempt attempts attempted threaten threatens threatened vow vows
        vowed offer offers offered want wants wanted hope hopes hoped intend intends intended propose
        proposes proposed appear appears appeared seem seems seemed scheduled slated due forecast
        projected predicted
    """.split()
)
# Words that hedge a thing, not an act: "the suspected gunman", "a proposed law", "an attempted coup".
THING_HEDGES = frozenset(
    """
        suspected alleged accused attempted proposed potential possible
    """.split()
)
GUILT = frozenset({"suspected", "alleged", "accused"})  # the thing hedges code decides: who did it
# Words that open a clause whose verb is hedged: "asked whether the mayor lied".
HEDGE_CLAUSE = frozenset({"whether", "if", "unless"})
# Words before "whether"/"if" that make it no hedge: "regardless of whether", "as if", "even if".
NOT_A_HEDGE_CLAUSE_AFTER = frozenset({"of", "matter", "as", "even"})
# Verbs that take another with "to" ("need to be consulted", "decide to veto", "be forced to resign"):
# a hedge on them is on that act too. As lemmas; not "move", "lead", "return", "add", which go to a place
# or a thing as often ("could lead to protests").
TAKES_TO = frozenset(
    """
        need decide agree want hope plan try seek choose begin start continue intend expect attempt
        prepare wish aim refuse force require oblige allow permit ask vote threaten promise pledge vow
        offer order compel urge direct instruct manage
    """.split()
)
# What a hedge skips to reach the word it hedges, beyond SCOPE_SKIP.
HEDGE_SKIP = SCOPE_SKIP | {"have", "been", "be", "of", "to", "still", "well", "soon", "again", "now", "then"}
# "could" of what one was able to do: "residents could see smoke" saw it.
ABILITY = frozenset(
    """
                        see hear feel smell watch find reach save notice tell
                    """.split()
)

# --- quantifiers and shares of a group

# How much of a group a word claims: "all voters" says more than "most voters", which says more than
# "some voters". Rank 1 is read in the sources only, so "some" there can contradict "all".
QUANTIFIER_RANK = {
    w: rank
    for rank, words in (
        (3, "all every each everyone everybody everything entire entirely always unanimous unanimously"),
        (2, "most mostly largely mainly chiefly primarily majority"),
        (1, "some several many few numerous minority handful"),
    )
    for w in words.split()
}
# Quantifiers that are their own group: "everyone".
SELF_GROUPS = frozenset({"everyone", "everybody", "everything"})
# Words before a quantifier that make an idiom of it ("at all", "after all", "above all"), and words
# after it that do ("all but", "all too", "all along", "each other").
NOT_A_QUANTIFIER_BEFORE = frozenset(
    """
                                        at after above for
                                    """.split()
)
NOT_A_QUANTIFIER_AFTER = frozenset(
    """
                                       but too along other
                                   """.split()
)
# Hedges that take a quantifier down a rank: "nearly all" is "most", not "all".
DOWN_A_RANK = frozenset(
    """
                            nearly almost virtually practically
                        """.split()
)
# Pronouns that stand for a group the sentence does not name ("most of them").
GROUP_PRONOUNS = frozenset(
    """
                               them us you these those they we
                           """.split()
)
# Words before "most" that make it a superlative: "the most dangerous".
SUPERLATIVE_BEFORE = frozenset({"the", "a"})
