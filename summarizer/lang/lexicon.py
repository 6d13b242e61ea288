"""Every word table of the package, once: English as data.

Nothing outside `summarizer.lang` spells out a list of words or compiles a regular expression over
words; the readers in `summarizer.lang` build their patterns from these tables. Each table says what
reads it; a table two readers need is one table here, not two copies that drift apart.
"""

from __future__ import annotations

import re
from typing import Literal, cast

# --- characters ----------------------------------------------------------------------------------

# Quotation marks and apostrophes only. Primes (′ ″) and the acute accent (´) are not quotation marks:
# 6″ (inches) must not match 6′ (feet). The grave accent stays: plain-ASCII text writes `this' for ‘this’.
QUOTE_MARKS = "'\"`«»‹›‘’‚‛“”„‟ʼ＂＇"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# --- function words and stop words ---------------------------------------------------------------

# Words that say nothing of a text's topic: left out of its content words (alignment, details, the
# judge's share of words) and, with LIGHT_WORDS, never checked as a fact.
STOP_WORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been being has have
    had that this these those it its he she they them his her their who whom which what when where
    than then so such not no more less over under about nearly almost some also said says say told
    according would could should will may might can into out up down after before during while
    since until very just only even said: both article articles report reports reported state
    states stated note notes noted
    """.split()
)
# Words that carry no checkable fact of their own: pronouns, auxiliaries, determiners, discourse words.
LIGHT_WORDS = (
    frozenset(
        """
    i me my we us our you your him himself her herself itself themselves its own there here one
    did does do doing done get got having being became become becomes
    other another each every any all many much most several few those such same
    reportedly however meanwhile also including included while although though whether because
    amid among against toward towards within across through via upon per if yet once
    mr mrs ms dr between
    roughly approximately around nearly almost exactly least most fewer
    """.split()
    )
    | STOP_WORDS
)
# What a negation or a hedge skips to reach the word it governs: "not initially reported" negates
# "reported"; verbs of saying and reporting are predicates here though they carry no content elsewhere.
SCOPE_SKIP = frozenset(
    """a an the and or of to in on at by for with from as is are was were be been being has have had that
    this these those it its he she they them his her their there here one did does do so such very just only
    even also longer yet ever""".split()
)
# Words that open a new clause: a negation, a hedge or a quantifier does not reach past them.
CLAUSE_LINKS = ("but", "while", "although", "whereas", "because", "however")
DETERMINERS = frozenset("the a an all its his her their our your those these them us".split())
# Determiners and the like before a noun: "the block" is a thing, "could block" an act.
DETERMINER_LIKE = frozenset(
    "the a an his her their its our my your this that these those any no each every some both single".split()
)
PASSIVE_AUX = frozenset("is are was were be been being get got gets".split())
# Words that follow a name's "run" in a noun phrase ("members of Congress"): links inside a phrase.
PHRASE_LINKS = frozenset("of in from at on for the a an".split())

# --- saying and attribution ----------------------------------------------------------------------

# Verbs of saying as a sentence's attribution reads them ("Kovalenko said", "Ukraine has claimed").
SAYING_FORMS = tuple(
    "said says told claimed claims noted concluded added stated wrote reported argued warned believes".split()
)
# Verbs of saying by their dictionary form: who a source says asserts it, and what excuses a hedge.
SAYING = frozenset(
    "say tell claim note conclude add state write report argue warn believe announce insist allege "
    "accuse estimate emphasize emphasise suggest explain confirm deny according".split()
)
# Capitalized words that open a sentence without naming its speaker ("But Kovalenko said").
NOT_A_NAME = frozenset(
    {"The", "This", "That", "It", "He", "She", "They", "We", "I", "But", "And", "However", "So"}
)
# Words an attribution's name never ends with ("Russia and" is no speaker).
NOT_LAST = frozenset({"and", "or", "but", "then", "who", "which", "that"})

# --- hedges and qualifiers -----------------------------------------------------------------------

Qualifier = Literal["exact", "about", "over", "under"]
# How a number is hedged, by the words before it; longest phrases first: "no more than" is not "more than".
QUALIFIERS: tuple[tuple[str, Qualifier], ...] = tuple(
    (" ".join(phrase.split()), cast(Qualifier, q.strip()))
    for phrase, q in (
        item.split(":")
        for item in [
            "\n    no more than:under",
            " no fewer than:over",
            " no less than:over",
            " not more than:under",
            " not less\n    than:over",
            " as many as:under",
            " more than:over",
            " greater than:over",
            " upwards of:over",
            " in excess\n    of:over",
            " at least:over",
            " over:over",
            " above:over",
            " exceeding:over",
            " fewer than:under",
            " less\n    than:under",
            " at most:under",
            " up to:under",
            " under:under",
            " below:under",
            " nearly:about",
            " almost:about",
            "\n    close to:about",
            " about:about",
            " around:about",
            " roughly:about",
            " approximately:about",
            " some:about",
            " an\n    estimated:about",
            " estimated:about\n    ",
        ]
    )
)
# A qualifier as a finding names it: "the sources say more than 100".
QUALIFIER_WORDS: dict[Qualifier, str] = {
    "exact": "exactly",
    "over": "more than",
    "under": "fewer than",
    "about": "about",
}
# Hedges: words that say a thing may, might or was meant to happen, or is only alleged ("may have
# been killed", "allegedly took").
HEDGE_WORDS = frozenset(
    """may might could allegedly apparently possibly probably perhaps purportedly supposedly presumed
    feared""".split()
)
MODALS = frozenset({"may", "might", "could"})
# Verbs and adjectives that hedge the verb after their "to": "plans to raise", "tried to arrest".
HEDGE_TO = frozenset(
    """expected expect expects likely set poised plan plans planned planning aim aims aimed seek seeks
    sought try tries tried trying attempt attempts attempted threaten threatens threatened vow vows
    vowed offer offers offered want wants wanted hope hopes hoped intend intends intended propose
    proposes proposed appear appears appeared seem seems seemed scheduled slated due forecast
    projected predicted""".split()
)
# Words that hedge a thing, not an act: "the suspected gunman", "a proposed law", "an attempted coup".
THING_HEDGES = frozenset("suspected alleged accused attempted proposed potential possible".split())
GUILT = frozenset({"suspected", "alleged", "accused"})  # the thing hedges code decides: who did it
# Words that open a clause whose verb is hedged: "asked whether the mayor lied".
HEDGE_CLAUSE = frozenset({"whether", "if", "unless"})
# Words before "whether"/"if" that make it no hedge: "regardless of whether", "as if", "even if".
NOT_A_HEDGE_CLAUSE_AFTER = frozenset({"of", "matter", "as", "even"})
# What a hedge skips to reach the word it hedges, beyond SCOPE_SKIP.
HEDGE_SKIP = SCOPE_SKIP | {"have", "been", "be", "of", "to", "still", "well", "soon", "again", "now", "then"}
# "could" of what one was able to do: "residents could see smoke" saw it.
ABILITY = frozenset("see hear feel smell watch find reach save notice tell".split())
# What excuses every word of a sentence: a verb of saying, a future, a conditional.
SAYING_OR_FUTURE = SAYING | {"will", "would"}

# --- quantifiers and shares ----------------------------------------------------------------------

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
NOT_A_QUANTIFIER_BEFORE = frozenset("at after above for".split())
NOT_A_QUANTIFIER_AFTER = frozenset("but too along other".split())
# Hedges that take a quantifier down a rank: "nearly all" is "most", not "all".
DOWN_A_RANK = frozenset("nearly almost virtually practically".split())
# Pronouns that stand for a group the sentence does not name ("most of them").
GROUP_PRONOUNS = frozenset("them us you these those they we".split())
# Words before "most" that make it a superlative: "the most dangerous".
SUPERLATIVE_BEFORE = frozenset({"the", "a"})

# --- numbers: scales, number words, units --------------------------------------------------------

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
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
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
NOT_AFTER_ONE = ("of", "another", "or", "and", "that", "who", "which", "whose", "by", "in", "at", "to")
NOT_BEFORE_ONE = ("no", "any", "every", "each", "the", "this", "that", "which", "someone", "some")
# Units of time "a"/"an" makes one of: "a week", "an hour".
ONE_UNITS = ("minute", "hour", "day", "week", "fortnight", "month", "year", "decade")
RATE_WORDS = frozenset({"times", "twice", "once", "thrice", "per", "each", "every"})
# Words a duration follows ("spent a year", "for a week", "within a day"): no rate after them.
DURATION_CUES = frozenset(
    {"for", "within", "after", "in", "over", "spent", "spend", "spends", "took", "take", "takes", "lasted"}
    | {"last", "lasts", "waited", "wait", "served", "serve", "serving", "about", "nearly", "almost", "than"}
    | {"least", "most", "only", "just", "another"}
)
PARTS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fraction", "part", "rest", "remainder"})
# A share in words: "a third of", "two-thirds", "three fifths of".
DENOMINATOR = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
NOT_A_SHARE_AFTER = frozenset(
    {"first", "second", "last", "latter", "former", "other", "back", "front", "the"}
)
# The small numbers and scales a ratio's side is written with: "one in three", "one in a million".
SMALL_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
SCALE_WORDS = ("thousand", "million", "billion")
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
CURRENCY = {"$": "dollar", "£": "pound", "€": "euro"}
TIME_BASES = frozenset({"second", "day", "month"})  # the bases of UNIT_WORDS' units of time
# Words between a number and its unit that leave the unit its own: "21 straight days".
UNIT_FILLERS = tuple("straight consecutive successive full whole long more additional further".split())
# Words after a number that are no part of what it counts: "3 of the 5", "10 in all".
NOT_COUNTED = tuple("and or of in on at to for from by with the a an that who which".split())
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
BEFORE_BASE_FORM = frozenset("to will would could can may might should must shall".split())
NOT_A_VERB_AFTER = frozenset("the a both two mixed men's women's men’s women’s".split())
# Verbs of cutting or falling: "cut in half" halves, "broke in half" does not.
CUTTING = frozenset(
    """cut cuts cutting slash slashed slashes slashing reduce reduced reduces reducing fall falls fell
    fallen falling drop drops dropped dropping decline declines declined declining shrink shrinks shrank
    shrunk shrinking lower lowers lowered lowering sink sinks sank sunk sinking plunge plunges plunged
    plunging""".split()
)
HALF_OF = {**SCALES, "hundred": 100.0, "dozen": 12.0}

# --- time: months, weekdays, relative days -------------------------------------------------------

MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)
WEEKDAYS = tuple("monday tuesday wednesday thursday friday saturday sunday".split())
RELATIVE_DAYS = frozenset("yesterday today tomorrow tonight".split())
MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}
# What follows a unit of time that makes it relative, not a length: "a day after", "two years ago".
RELATIVE_AFTER = ("after", "before", "later", "earlier", "ago")

# --- names: demonyms, titles ---------------------------------------------------------------------

# Demonyms fold onto their country, word by word ("Ukrainian forces" ~ "forces of Ukraine").
DEMONYMS = dict(
    pair.split(":")
    for pair in [
        "ukrainian:ukraine",
        "russian:russia",
        "korean:korea",
        "american:america",
        "us:america",
        "usa:america",
        "british:britain",
        "uk:britain",
        "chinese:china",
        "french:france",
        "german:germany",
        "israeli:israel",
        "iranian:iran",
        "syrian:syria",
        "mexican:mexico",
        "canadian:canada",
        "japanese:japan",
        "european:europe",
        "pakistani:pakistan",
        "afghan:afghanistan",
        "iraqi:iraq",
        "palestinian:palestine",
        "turkish:turkey",
        "egyptian:egypt",
        "indian:india",
        "spanish:spain",
        "italian:italy",
        "polish:poland",
        "cuban:cuba",
        "venezuelan:venezuela",
        "saudi:saudi",
        "libyan:libya",
        "yemeni:yemen",
        "greek:greece",
        "irish:ireland",
        "scottish:scotland",
        "welsh:wales",
        "english:england",
        "australian:australia",
        "brazilian:brazil",
        "nigerian:nigeria",
        "belarusian:belarus",
        "georgian:georgia",
        "lebanese:lebanon",
        "jordanian:jordan",
        "qatari:qatar",
        "emirati:emirates",
    ]
)
# Words that tell two places or bodies apart: "Korea" alone is neither "North Korea" nor "South Korea".
DISTINGUISHING = frozenset("north south east west new upper lower former".split())

# --- meaning: synonyms and antonyms --------------------------------------------------------------

# Small curated tables: each group is one meaning; a word matches any word of its group.
SYNONYMS = tuple(
    line.strip()
    for line in """
    destroy blow demolish wreck
    say state tell add note remark
    troop soldier
    arrest detain
    begin start commence
    buy purchase
    help aid assist
    big large
    small little
    show indicate demonstrate reveal
    supply provide deliver
    mistake error
    mistakenly accidentally erroneously wrongly
    attack strike hit
    country nation
    rise increase grow climb
    fall decrease decline drop
    allow permit
    ban prohibit forbid
    ask request
    reply respond answer
    believe think
    announce declare
    war conflict
    protester demonstrator
    car vehicle
    home house
    quickly rapidly
    weapon arm
    dead killed
    incursion offensive
    embarrassment embarrassing embarrass
    happen occur
    remark comment
    mostly largely mainly chiefly primarily
    seize capture
    """.strip().splitlines()
)
ANTONYMS = tuple(
    tuple(pair.split("/"))
    for pair in [
        "increase/decrease",
        "rise/fall",
        "win/lose",
        "won/lost",
        "allow/ban",
        "accept/reject",
        "approve/reject",
        "open/close",
        "support/oppose",
        "confirm/deny",
        "pass/fail",
        "acquit/convict",
        "gain/lose",
        "buy/sell",
        "import/export",
        "arrive/depart",
        "first/last",
        "high/low",
        "strong/weak",
        "friendly/hostile",
        "guilty/innocent",
        "legal/illegal",
        "public/private",
        "victory/defeat",
        "majority/minority",
        "ally/enemy",
        "success/failure",
        "include/exclude",
        "north/south",
        "east/west",
        "democrat/republican",
        "largest/smallest",
        "impose/lift",
        "overestimate/underestimate",
        "short/long",
        "early/late",
        "receive/send",
    ]
)

# --- negation ------------------------------------------------------------------------------------

# Negation cues. "not" and its kin negate what follows; "denied", "failed to", "refused to" and
# "without" negate the action after them.
NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor cannot without deny denied denies denying "
    "fail failed fails failing refuse refused refuses refusing".split()
)

# --- extraction: references, boilerplate ---------------------------------------------------------

# A reference only the article can resolve: a pronoun, or "the agency"-style noun phrase opening the
# sentence. Over-asking costs a few tokens; a claim that does not stand alone costs the reader.
OPENING_PRONOUNS = tuple("he she it they this that these those his her its their there".split())
PERSONAL_PRONOUNS = ("he", "she", "they", "him", "them", "his", "her", "their")
REFERRING_NOUNS = tuple(
    """
    agency ministry company group report official officials spokesman spokeswoman department
    incident attack move decision analyst president minister bill plan firm court country city
    police state deal measure vote statement letter study survey
    """.split()
)
# What opens a line of a page's furniture rather than its reporting.
BOILERPLATE_OPENINGS = tuple(
    [
        "read more",
        "click",
        "sign up",
        "subscribe",
        "follow us",
        "advertisement",
        "related:",
        "share this",
        "copyright",
        "©",
        "photo:",
        "image:",
        "watch:",
        "listen:",
    ]
)
# Pronouns that say a sentence's speaker is one an earlier sentence named ("he said").
SPEAKER_PRONOUNS = ("he", "she", "they")
PRONOUN_SAYING = ("said", "says", "told", "added", "noted", "wrote", "warned")
# Verbs of saying a "that" clause follows, where a sentence falls into an attribution and its fact.
SAYING_THAT = tuple("said says reported reports announced concluded noted claimed stated recommended".split())
# Words that open a contrast, where a sentence falls into two facts.
CONTRASTS = ("but", "while", "whereas", "although")

# --- injection markers ---------------------------------------------------------------------------

# (the injection patterns are grammar, not lists: summarizer/lang/injection.py)

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
    """.split()
)
# align.figures: verbs that say what happened to what is counted; two counts with different ones are
# different counts ("40 people were hurt" and "40 people were killed").
ROLE_WORDS = frozenset(
    """
    killed injured wounded dead died hurt missing arrested detained evacuated displaced lost gained gain
    gains won lose win need needing needed hold holds picked elected defeated voted
    """.split()
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
    """.split()
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
