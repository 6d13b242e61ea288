"""Function words, clause links, negation, meaning (synonyms, antonyms, demonyms) and references."""

from __future__ import annotations

# The characters that `re.IGNORECASE` takes for an ASCII letter and `str.lower` does not make one:
# where a text holds one, a search of its lowercase for a word may miss what the expression finds.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
# Quotation marks and apostrophes only. Primes (′ ″) and the acute accent (´) are not quotation marks:
# 6″ (inches) must not match 6′ (feet). The grave accent stays: plain-ASCII text writes `this' for ‘this’.
QUOTE_MARKS = "'\"`«»‹›‘’‚‛“”„‟ʼ＂＇"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# The plural and agent endings a crude stem drops ("followers" ~ "follow"), longest first (lang.tokens.stem).
STEM_SUFFIXES = ("ers", "ies", "es", "s")
# Words that say nothing of a text's topic: left out of its content words (alignment, details, the
# judge's share of words) and, with LIGHT_WORDS, never checked as a fact.
STOP_WORDS = frozenset(
    """
        a an the and or but of to in on at by for with from as is are was were be been being has have
        had that this these those it its he she they them his her their who whom which what when where
        than then so such not no more less over under about nearly almost some also said says say told
        according would could should will may might can into out up down after before during while since
        until very just only even said: both article articles report reports reported state states
        stated note notes noted
    """.split()
)
# The words a headline leaves lowercase (AP and Chicago title case: articles, short conjunctions and
# prepositions); every other word of a headline is capitalised (lang.sentences.title_case).
HEADLINE_LOWER = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs vs. v.".split()
)
# Words that carry no checkable fact of their own: pronouns, auxiliaries, determiners, discourse words.
LIGHT_WORDS = (
    frozenset(
        """
            i me my we us our you your him himself her herself itself themselves its own there here one did
            does do doing done get got having being became become becomes other another each every any all
            many much most several few those such same reportedly however meanwhile also including included
            while although though whether because amid among against toward towards within across through
            via upon per if yet once mr mrs ms dr between roughly approximately around nearly almost exactly
            least most fewer
        """.split()
    )
    | STOP_WORDS
)
# What a negation or a hedge skips to reach the word it governs: "not initially reported" negates
# "reported"; verbs of saying and reporting are predicates here though they carry no content elsewhere.
SCOPE_SKIP = frozenset(
    """
        a an the and or of to in on at by for with from as is are was were be been being has have had
        that this these those it its he she they them his her their there here one did does do so such
        very just only even also longer yet ever any
    """.split()
)
# Words that open a new clause: a negation, a hedge or a quantifier does not reach past them.
CLAUSE_LINKS = tuple(
    """
                         but while although whereas because however
                     """.split()
)
# Words that open a contrast, where a sentence falls into two facts (lang.clauses).
CONTRASTS = tuple(
    """
                      but while whereas although
                  """.split()
)
DETERMINERS = frozenset(
    """
        the a an all its his her their our your those these them us
    """.split()
)
# Determiners and the like before a noun: "the block" is a thing, "could block" an act.
DETERMINER_LIKE = frozenset(
    """
        the a an his her their its our my your this that these those any no each every some both single
    """.split()
)
# Words written with a leading apostrophe as a typeset opening single mark ("Lock ‘em up", "‘til", "rock
# ‘n’ roll"): that mark opens no quotation (lang.speakers).
ELISIONS = frozenset(
    """
                            em til tis twas cause bout round n
                        """.split()
)
# Subjects that name no one where they stand ("it commended Hutchinson"): the act's doer is unknown, but
# never the one it is done to, who would be "itself", "himself" (a pronoun cannot be bound so close).
SUBJECT_PRONOUNS = frozenset(
    """
                            he she it they
                        """.split()
)
# Acts done with, not to, another: "Merkel met Obama" is "Obama met Merkel".
SYMMETRIC_VERBS = frozenset(
    """
                            meet met meeting talk talked speak spoke spoken join joined marry married
                            debate debated face faced negotiate negotiated agree agreed argue argued
                            fight fought clash clashed compete competed confer conferred wed divorce
                            divorced reconcile reconciled partner partnered ally allied tie tied
                        """.split()
)
PASSIVE_AUX = frozenset(
    """
                            is are was were be been being get got gets
                        """.split()
)
# Adverbs that may stand between a passive's "be" and its verb, besides those in -ly ("was also told",
# "has never been accused").
PASSIVE_ADVERBS = frozenset(
    """
                            also never not later since still just already often once
                        """.split()
)
# Words that follow a name's "run" in a noun phrase ("members of Congress"): links inside a phrase.
PHRASE_LINKS = frozenset(
    """
                             of in from at on for the a an
                         """.split()
)

# --- negation

# Negation cues. "not" and its kin negate what follows; "denied", "failed to", "refused to" and
# "without" negate the action after them.
NEGATIONS = frozenset(
    """
        not no never none nobody nothing neither nor cannot without deny denied denies denying fail
        failed fails failing refuse refused refuses refusing refusal
    """.split()
)

# --- meaning: synonyms, antonyms, demonyms

# Small curated tables: each line is one meaning; a word matches any word of its line.
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
# Pairs of opposites: a word whose opposite the sources give is flagged as such.
ANTONYMS = tuple(
    (a, b)
    for a, b in (
        pair.split("/")
        for pair in """
        increase/decrease rise/fall win/lose won/lost allow/ban accept/reject approve/reject open/close
        support/oppose confirm/deny pass/fail acquit/convict gain/lose buy/sell import/export
        arrive/depart first/last high/low strong/weak friendly/hostile guilty/innocent legal/illegal
        public/private victory/defeat majority/minority ally/enemy success/failure include/exclude
        north/south east/west democrat/republican largest/smallest impose/lift
        overestimate/underestimate short/long early/late receive/send
    """.split()
    )
)
# Demonyms fold onto their country, word by word ("Ukrainian forces" ~ "forces of Ukraine"); "Western"
# onto "the West", the bloc it names ("Western nations" ~ "the West").
DEMONYMS = dict(
    pair.split(":")
    for pair in """
        ukrainian:ukraine russian:russia korean:korea american:america us:america usa:america
        british:britain uk:britain chinese:china french:france german:germany israeli:israel
        iranian:iran syrian:syria mexican:mexico canadian:canada japanese:japan european:europe
        pakistani:pakistan afghan:afghanistan iraqi:iraq palestinian:palestine turkish:turkey
        egyptian:egypt indian:india spanish:spain italian:italy polish:poland cuban:cuba
        venezuelan:venezuela saudi:saudi libyan:libya yemeni:yemen greek:greece irish:ireland
        scottish:scotland welsh:wales english:england australian:australia brazilian:brazil
        nigerian:nigeria belarusian:belarus georgian:georgia lebanese:lebanon jordanian:jordan
        qatari:qatar emirati:emirates western:west
    """.split()
)
# Words that tell two places or bodies apart: "Korea" alone is neither "North Korea" nor "South Korea",
# and "Paul" is not "St. Paul".
DISTINGUISHING = frozenset(
    """
                               north south east west new upper lower former
                                       saint sainte mount fort
                           """.split()
)

# --- references: what only the article names (lang.references)

# A sentence that opens with one of these, or holds a personal pronoun, refers to what only its
# article names; so does one that opens with "the" and one of REFERRING_NOUNS ("the agency").
# Words that open a sentence by tying it to the one before ("But he …", "Instead, they …"): a pronoun
# behind one still opens the sentence (lang.references).
SENTENCE_LINKS = tuple(
    """
        and but yet so still instead however meanwhile also then
    """.split()
)
OPENING_PRONOUNS = tuple(
    """
        he she it they this that these those his her its their there
    """.split()
)
# Pronouns that stand for what a sentence before named ("It passed 396-9.", "His lawyer said …"), not
# for what comes after or for nothing ("There were 40 …", "This year's budget …").
NAMING_PRONOUNS = tuple(
    """
                              he she they him them his her their it its
                          """.split()
)
PERSONAL_PRONOUNS = tuple(
    """
                              he she they him them his her their
                          """.split()
)
# Words before a capitalized word that make it a place, not someone a pronoun after it may stand for
# ("Speaking in Ohio, he …").
PLACE_BEFORE = frozenset(
    """
                              in at from near across outside inside to during
                          """.split()
)
# The speaker's own words for themselves: outside quotation marks, a sentence holding one is someone's
# words printed without marks ("But let me tell you, … I've come here to say …").
FIRST_PERSON = tuple(
    """
                              i me my we us our
                          """.split()
)
REFERRING_NOUNS = tuple(
    """
        agency ministry company group report official officials spokesman spokeswoman department
        incident attack move decision analyst president minister bill plan firm court country city
        police state deal measure vote statement letter study survey
    """.split()
)
# What was said or done, named by "the" as the sentence before named it: "The comment comes less than 48
# hours after …" is about the tweet its article quoted just before (lang.references.refers_back; a
# plural "s" is read there).
BACK_REFERENCES = tuple(
    """
        comment remark announcement tweet post message statement letter move decision step action
        response proposal
    """.split()
)
# Words after a noun that describe it in the sentence's own words ("the decision to close …", "the
# statement of claims …"): the noun is then no reference to what the sentence before said.
POST_MODIFIERS = frozenset(
    """
        of to for by from on in at about over with that which who whose between against under
    """.split()
)
# What opens a line of a page's furniture rather than its reporting.
BOILERPLATE_OPENINGS = tuple(
    "read more|click|sign up|subscribe|follow us|advertisement|related:|share this|copyright|©|"
    "photo:|image:|watch:|listen:".split("|")
)

# --- injection: text addressed to a model rather than to readers (lang.injection)

# Verbs and objects of an instruction override: "ignore all previous instructions"; "everything" only
# with where it stands ("disregard everything above"): "forget everything you know about" is journalism.
OVERRIDE_VERBS = tuple("ignore disregard forget".split())
OVERRIDE_OBJECTS = tuple("instructions prompt prompts".split())
OVERRIDE_EVERYTHING = tuple("everything anything all".split())
OVERRIDE_WHERE = tuple("above before earlier previously".split())
# Who a line may address by name: "Summarizer: …", "Assistant, …", and the chat roles.
ADDRESSEES = tuple("summarizer summariser assistant chatbot chatgpt gpt llm claude gemini bot ai".split())
CHAT_ROLES = tuple("system assistant user developer".split())
# Negations that stand before a verb's object and negate the verb ("contains no statistics", "found no
# evidence" are "doesn't contain statistics", "didn't find evidence").
OBJECT_NEGATIONS = frozenset({"no"})
# What follows such a "no" in an idiom, where it negates no verb: "no matter what", "no more than a few
# dozen" (a bound), "no longer", "no pun intended".
NOT_AN_OBJECT = frozenset({"matter", "more", "less", "longer", "fewer", "sooner", "later", "earlier", "pun"})
# Negations that stand before a verb and negate the act with what it acts on ("doesn't contain
# statistics"); a verb that negates ("denied", "refused") says what someone did, not that it did not happen.
VERB_NEGATIONS = frozenset({"not", "never"})
# Negations that are verbs of their own: one negating nothing is what happened ("The bill failed.").
NEGATING_VERBS = frozenset(
    "deny denied denies denying fail failed fails failing refuse refused refuses refusing refusal".split()
)
# A negation that is a noun: it negates only what follows its "to" ("his refusal to support the bill"),
# never the verb it is the subject of ("Her refusal drew criticism").
NEGATIONS_BEFORE_TO = frozenset({"refusal"})
# An intention a negation governs, and so the act it intends: "has no plans to resign" does not resign,
# as "would not step down" does not; "no intention of running", "no interest in serving".
INTENT_NOUNS = frozenset({"plan", "plans", "intention", "intentions", "intent", "desire", "interest", "wish"})
INTENT_LINKS = frozenset({"to", "of", "in"})
# What makes a negation one of intention ("would not resign", "won't run"): not "could not", an ability.
INTENT_MODALS = frozenset({"will", "would", "won't", "won’t", "wouldn't", "wouldn’t"})
# What makes a negated act an intention or a possibility, not a fact ("would not pay", "may not run").
MODAL_FUTURE = frozenset({"will", "would", "may", "might", "could", "should", "can", "shall"})
