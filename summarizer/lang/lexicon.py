"""Every word table of the package, once: English as data, and the patterns built from it.

Nothing outside `summarizer.lang` spells out a list of words or compiles a regular expression over words.
Each table says what reads it; a table two readers need is one table, not two copies that drift.
"""

from __future__ import annotations

import re

# --- function words and stop words ---------------------------------------------------------------

# --- saying and attribution ----------------------------------------------------------------------

# --- hedges and qualifiers -----------------------------------------------------------------------

# --- quantifiers and shares ----------------------------------------------------------------------

# --- numbers: scales, number words, units --------------------------------------------------------

# --- time: months, weekdays, relative days -------------------------------------------------------

# --- names: demonyms, titles ---------------------------------------------------------------------

# --- meaning: synonyms and antonyms --------------------------------------------------------------

# --- negation ------------------------------------------------------------------------------------

# --- extraction: references, boilerplate ---------------------------------------------------------

# --- injection markers ---------------------------------------------------------------------------

# --- alignment: figures, roles, phrase ends ------------------------------------------------------

# align.figures reads a month name before a day number as a date ("March 3"), as month * 100 + day.
# same words as support._MONTHS: the lead unifies them
MONTH_NUMBERS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
# align.figures: a number followed by "a.m." or ":30" is a clock time, no quantity.
CLOCK_AFTER = re.compile(r"^\s*(?:[ap]\.?m\b|:\d\d)", re.I)
# align.figures: what joins two numbers into a range ("46 to 57", "2006 through 2011").
RANGE_JOIN = re.compile(r"^\s*(?:to|through|and|-|–|—)\s*$")
# align.figures: what opens a range before its first number ("from 500,000 to …", "between $2 and …").
RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:[$£€]\s*)?$", re.I)
# align.figures: a stated maximum: "up to 1.6 million", "as many as 1.5 million" give the figure the outlet
# puts on the size, so two of them with different figures disagree, while "fewer than" bounds never do.
STATED_MAX = re.compile(r"\b(?:up to|as many as|a maximum of|maximum of|a maximum)\s*$", re.I)
# align.figures: a stated minimum, read as a lower bound.
STATED_MIN = re.compile(r"\b(?:a minimum of|minimum of)\s*$", re.I)
# align.figures: the hedges text.py reads, so a figure's excerpt starts where its hedge does ("over 100,000").
# same words as text._qualifier's hedges: the lead unifies them
QUALIFIER_BEFORE = re.compile(
    r"\b(?:no more than|no fewer than|no less than|not more than|not less than|as many as|more than|"
    r"greater than|upwards of|in excess of|at least|over|above|exceeding|fewer than|less than|at most|"
    r"up to|under|below|nearly|almost|close to|about|around|roughly|approximately|some|an estimated|"
    r"estimated|a maximum of|maximum of|a minimum of|minimum of)\s*$",
    re.I,
)
# align.figures: words that end what a number counts: "10,000 followers on Telegram and said" counts
# followers on Telegram.
PHRASE_END = frozenset(
    """
    that who which whom whose where when while and but or because after before since if as said says
    told according
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
# align.figures: verbs that say what happened to what is counted; two counts with different ones are
# different counts ("40 people were hurt" and "40 people were killed").
ROLE_WORDS = frozenset(
    """
    killed injured wounded dead died hurt missing arrested detained evacuated displaced lost gained gain
    gains won lose win need needing needed hold holds picked elected defeated voted
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
# align.figures: the denominator a fraction word after a number stands for ("two thirds").
# same words as text._DENOMINATOR: the lead unifies them
FRACTION_DENOMINATORS = {
    "half": 2,
    "halve": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "tenth": 10,
}
# align.figures: a fraction word right after a number ("two thirds", "1.5 quarters").
FRACTION_AFTER = re.compile(r"^[\s-]+(halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)\b", re.I)
# align.figures: the units text.Number gives money in; a figure in one is of kind "money:<unit>".
CURRENCY_UNITS = {"dollar", "pound", "euro"}
# align.figures: a unit of years or months followed by "old" is an age ("a 76-year-old").
OLD_AFTER = re.compile(r"^[\s-]*old\b")
# align.figures: the scale words, largest first, that a range's second number may write for both
# ("2 to 3 million"). same words as text._SCALES: the lead unifies them
SCALES_LARGEST_FIRST = (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3))
# align.figures: a word before a four-digit number that makes it a year ("in 2022", "March 2010").
YEAR_BEFORE = frozenset(
    """
    in since from by until till before after of through to and or during early late mid end the year
    years fall spring summer winter
    """.split()  # noqa: SIM905 - a word list reads better as prose
) | frozenset(MONTH_NUMBERS)
# align.figures: counted words that say nothing of what is counted ("worth", "total"): never the counted noun.
GENERIC_COUNTED = frozenset({"worth", "total", "amount", "sum", "number", "figure"})
# align.store: the words left out of a name before its last word is taken as the surname ("Mr Smith").
NOT_A_SURNAME = ("the", "mr", "ms", "mrs", "dr")

# --- alignment: quotations and speakers ----------------------------------------------------------

# align.drift: the verbs of saying after a name or "he" that make it a quotation's speaker.
# same words as text._SPEECH and support._SPEECH: the lead unifies them
SPEAKER_VERBS = (
    r"(?:said|says|told|asked|added|noted|emphasized|stressed|explained|argued|warned|wrote|concluded|"
    r"claimed|pointed|continued|replied|acknowledged|insisted|vowed|predicted|promised|described)"
)
# align.drift: who speaks right after a closing quotation mark ("…,” Pelosi said", "…,” he said").
SPEAKER_AFTER_QUOTE = re.compile(
    r"^[\s,.]*(?:(?P<pron>[Hh]e|[Ss]he|[Tt]hey)|(?P<who>(?:[A-Z][\w’'.-]*\s?){1,5}?))\s*(?:,[^,]{1,60},\s*)?"
    r"(?:said|says|asked|added|told|wrote|noted|explained|continued|argued|replied)\b"
    r"|^[\s,.]*(?:said|says|asked|added|told)\s+(?P<who2>(?:[A-Z][\w’'.-]*\s?){1,5})",
)
# align.drift: a name with a verb of saying after it ('Kovalenko emphasized', 'Boutrous, a lawyer, said').
NAMED_SPEAKER = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]+)(?:,[^,“”\"]{1,80},)?\s+(?:\w+ly\s+)?"
    + SPEAKER_VERBS
    + r"\b"
)
# align.drift: "he said", "she added": the speaker is the one last named.
SPEAKING_PRONOUN = re.compile(r"\b(?:he|she|He|She)\s+(?:\w+ly\s+)?" + SPEAKER_VERBS + r"\b")
# align.drift: a clause ending in a verb of saying ("… and said:"), whose subject speaks.
SPEAKER_VERB_AT_END = re.compile(SPEAKER_VERBS + r"\s*[:,]?\s*$")
# align.drift: capitalised words that are no speaker's name ("However, he said").
# same words as text._NOT_A_NAME: the lead unifies them
NOT_A_SPEAKER = {
    "He",
    "She",
    "They",
    "The",
    "This",
    "That",
    "It",
    "But",
    "And",
    "However",
    "In",
    "On",
    "At",
    "When",
    "After",
}
# align.drift: a weekday is no speaker ("On Monday said" names no one). same words as support._WEEKDAYS:
# the lead unifies them
WEEKDAY_NAME = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")

# --- the end of the lexicon ----------------------------------------------------------------------
