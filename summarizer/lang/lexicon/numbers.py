"""Number words, scales, units, shares and multipliers, and time: months, weekdays, relative days."""

from __future__ import annotations

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Suffixes glued to digits. "bn", "mn", "tn" and "k" say a scale on their own; a bare "m" or "b" does so
# only after a currency sign ("$3m"), since "100m" is as often metres.
SUFFIXES = {"k": 1e3, "K": 1e3, "bn": 1e9, "mn": 1e6, "tn": 1e12, "trn": 1e12, "m": 1e6, "b": 1e9}
CURRENCY_ONLY = frozenset({"m", "b"})
# Numbers written as words. A small table rather than a library: text2num's alpha2digit rewrites the
# text without offsets (spans must point at the original) and reads neither "a dozen" nor "hundreds";
# word2number parses one phrase, not running text. English number words are a closed set.
UNITS = {
    w: i
    for i, w in enumerate(
        """
            zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
            sixteen seventeen eighteen nineteen
        """.split()
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate(
        """
            _ _ twenty thirty forty fifty sixty seventy eighty ninety
        """.split()
    )
    if i > 1
}
WORD_VALUES: dict[str, float] = {**UNITS, **TENS, "hundred": 100, "dozen": 12, **SCALES}
# Vague plurals are lower bounds: "hundreds" is at least two hundred, "tens of thousands" at least 20,000.
VAGUE_BASE: dict[str, float] = {
    "tens": 10,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
# "one of them", "no one", "the one that": a pronoun, not a count.
NOT_AFTER_ONE = tuple(
    """
                          of another or and that who which whose by in at to
                      """.split()
)
NOT_BEFORE_ONE = tuple(
    """
                           no any every each the this that which someone some
                       """.split()
)
RATE_WORDS = frozenset({"times", "twice", "once", "thrice", "per", "each", "every"})
# Words a duration follows ("spent a year", "for a week", "within a day"): no rate after them.
DURATION_CUES = frozenset(
    """
        for within after in over spent spend spends took take takes lasted last lasts waited wait served
        serve serving about nearly almost than least most only just another
    """.split()
)
PARTS = frozenset(
    """
                      half third thirds quarter quarters fraction part rest remainder
                  """.split()
)
# A share in words: "a third of", "two-thirds", "three fifths of"; and the fraction words alignment
# reads after a number ("two thirds", "both halves").
DENOMINATOR = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
FRACTION_DENOMINATORS = {"half": 2, "halve": 2, "fourth": 4} | DENOMINATOR
NOT_A_SHARE_AFTER = frozenset(
    """
        first second last latter former other back front the
    """.split()
)
# The small numbers and scales a ratio's side is written with: "one in three", "one in a million".
SMALL_NUMBERS = tuple(
    """
                          one two three four five six seven eight nine ten
                      """.split()
)
SCALE_WORDS = tuple(
    """
                        thousand million billion
                    """.split()
)
# What "N in M" counts when it is a tally of events or a span of time, not a share: "3 out of 5 games".
NOT_A_RATIO_OF = (
    "seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|games?|matches?"
    "|races?|starts?|attempts?|tries|innings|shots?|cases?|hearings?"
)
# Units after a number, normalized so "three weeks" and "21 days" are one measure. A month is not a
# whole number of days, so months and years share a base of their own rather than being converted.
UNIT_WORDS: dict[str, tuple[str, float]] = {
    "second": ("second", 1),
    "minute": ("second", 60),
    "hour": ("second", 3600),
    "day": ("day", 1),
    "week": ("day", 7),
    "fortnight": ("day", 14),
    "month": ("month", 1),
    "year": ("month", 12),
    "decade": ("month", 120),
    "dollar": ("$", 1),
    "pound": ("£", 1),
    "euro": ("€", 1),
    "fold": ("×", 1),  # a multiplier: "doubled", "threefold", "twice as many", "three times the rate"
}
# Units of time "a"/"an" makes one of: "a week", "an hour".
ONE_UNITS = tuple(
    """
                      minute hour day week fortnight month year decade
                  """.split()
)
CURRENCY = {"$": "dollar", "£": "pound", "€": "euro"}
CURRENCY_UNITS = frozenset(CURRENCY.values())
TIME_BASES = frozenset({"second", "day", "month"})  # the bases of UNIT_WORDS' units of time
# Words between a number and its unit that leave the unit its own: "21 straight days".
UNIT_FILLERS = tuple(
    """
        straight consecutive successive full whole long more additional further
    """.split()
)
# Words after a number that are no part of what it counts: "3 of the 5", "10 in all".
NOT_COUNTED = tuple(
    """
        and or of in on at to for from by with the a an that who which
    """.split()
)
# Words after "N-" that name no counted thing: "60-plus votes" is over sixty votes, "40-odd" about forty,
# "50-something" no figure at all.
NOT_COMPOUNDED = tuple(
    """
        plus odd ish something somethings some
    """.split()
)
# Multipliers: "doubled" is twice something, not the word of "tripled", and not a count of two.
MULTIPLIER_STEMS = {
    "doubl": 2.0,
    "tripl": 3.0,
    "trebl": 3.0,
    "quadrupl": 4.0,
    "halv": 0.5,
    "twice": 2.0,
    "thrice": 3.0,
}
BEFORE_BASE_FORM = frozenset(
    """
        to will would could can may might should must shall
    """.split()
)
NOT_A_VERB_AFTER = frozenset("the a both two mixed men's women's men’s women’s".split())
# Verbs of cutting or falling: "cut in half" halves, "broke in half" does not.
CUTTING = frozenset(
    """
        cut cuts cutting slash slashed slashes slashing reduce reduced reduces reducing fall falls fell
        fallen falling drop drops dropped dropping decline declines declined declining shrink shrinks
        shrank shrunk shrinking lower lowers lowered lowering sink sinks sank sunk sinking plunge
        plunges plunged plunging
    """.split()
)
HALF_OF = {**SCALES, "hundred": 100.0, "dozen": 12.0}

# --- time: months, weekdays, relative days

MONTHS = tuple(
    """
        january february march april may june july august september october november december
    """.split()
)
WEEKDAYS = tuple(
    """
                     monday tuesday wednesday thursday friday saturday sunday
                 """.split()
)
# A day or a month, as a word: when something happened, not who or what ("said Wednesday").
DAYS_AND_MONTHS = frozenset(WEEKDAYS) | frozenset(MONTHS)
RELATIVE_DAYS = frozenset(
    """
                              yesterday today tomorrow tonight
                          """.split()
)
MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}
# Each month's number, by its name or abbreviation ("March 3" is a date alignment compares).
MONTH_NUMBERS = {m: i for i, m in enumerate(MONTHS, 1)} | {
    short: MONTHS.index(month) + 1 for short, month in MONTH_ABBREVIATIONS.items()
}
# What follows a unit of time that makes it relative, not a length: "a day after", "two years ago".
RELATIVE_AFTER = tuple(
    """
                           after before later earlier ago
                       """.split()
)

# What a share in words needs to hold (numerals' "half the", "two-thirds"), and what a multiplier does
# ("doubled", "twice", "tenfold"): a sentence with none of them is not searched for either.
SHARE_PARTS = ("half", "third", "quarter", "fifth", "tenth")
MULTIPLIER_PARTS = ("doubl", "tripl", "trebl", "quadrupl", "halv", "twice", "thrice", "half", "fold")
