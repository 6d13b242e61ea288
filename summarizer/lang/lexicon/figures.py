"""What stands around a figure that alignment compares: what it counts, what happened to it, a year."""

from __future__ import annotations

from summarizer.lang.lexicon.numbers import MONTH_NUMBERS

# Words that end what a number counts: "10,000 followers on Telegram and said" counts followers on
# Telegram.
PHRASE_END = frozenset(
    """
        that who which whom whose where when while and but or because after before since if as said says
        told according
    """.split()
)
# Verbs that say what happened to what is counted; two counts with different ones are different
# counts ("40 people were hurt" and "40 people were killed").
ROLE_WORDS = frozenset(
    """
        killed injured wounded dead died hurt missing arrested detained evacuated displaced lost gained
        gain gains won lose win need needing needed hold holds picked elected defeated voted
    """.split()
)
# A word before a four-digit number that makes it a year ("in 2022", "March 2010").
YEAR_BEFORE = frozenset(
    """
        in since from by until till before after of through to and or during early late mid end the year
        years fall spring summer winter
    """.split()
) | frozenset(MONTH_NUMBERS)
# Counted words that say nothing of what is counted ("worth", "total"): never the counted noun.
GENERIC_COUNTED = frozenset({"worth", "total", "amount", "sum", "number", "figure"})
# Joining words of a range ("46 to 57", "2006 through 2011") and what opens one ("from", "between").
RANGE_JOINS = tuple(
    """
                        to through and
                    """.split()
)
RANGE_OPENINGS = tuple(["from", "between"])
# Words that make a count one of others besides ("Four other candidates", "200 additional troops"): it is
# never the total another outlet gives.
BESIDES = frozenset({"other", "another", "additional", "further"})
# Capitalized words a number after names one of rather than counts ("Amendment 64", "Article 5",
# "Proposition 8", "Flight 370", "Category 4"): the number is a name, and two never disagree as counts do.
NAMED_BY_NUMBER = frozenset(
    """
        Amendment Article Proposition Prop Section Title Chapter Route Highway Interstate Flight District
        Precinct Ward Resolution Measure Initiative Question Category Phase Bill SB HB AB H.R. No.
    """.split()
)

# The figure reader's kinds of quantity a story may turn on (`ranking`: agreed, no repeat): a count, a
# sum, a share, a tally, a date ("until Feb. 15"), a length of time ("35 days"); not an age or a year,
# which restate who and when.
NEWS_KINDS = ("count", "money", "percent", "tally", "factor", "date", "duration")
