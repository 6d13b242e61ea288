"""Verbs of saying, and the words that are no speaker's name: who a sentence says asserts what."""

from __future__ import annotations

from summarizer.lang.lexicon.words import PASSIVE_AUX

# Verbs of saying as written, each with the readers that take it, in one table, so that which reader
# reads which verb is seen in one place:
#   a  a sentence's attribution: "Kovalenko said …", "Ukraine has claimed …" (speech.attribution)
#   p  after "he", "she", "they": a speaker an earlier sentence named (speech.said_by_pronoun)
#   t  before "that", where a sentence falls into its attribution and its fact (clauses)
#   q  after a name or "he" in a quotation's sentence: its speaker (speech, for quote drift)
#   r  right after a closing quotation mark: "…,” Pelosi said" (speech, for quote drift)
#   f  first, with the name after it: "…,” said Pelosi" (speech, for quote drift)
#   i  first, with the speaker after it, in any sentence: "…, said Kovalenko" (speech.attributions)
SAYING_VERBS: dict[str, str] = dict(
    entry.split(":")
    for entry in """
        said:aptqrfi says:aptqrfi told:apqrf added:apqrfi noted:aptqr wrote:apqr warned:apq asked:qrfi
        claimed:atq claims:a concluded:atq stated:at reported:at reports:t argued:aqr believes:a
        announced:t recommended:t emphasized:q stressed:aq explained:aqr pointed:q continued:qr replied:qr
        acknowledged:aq insisted:aq vowed:q predicted:q promised:q described:aq conceded:a contended:a
        asserted:a testified:a
    """.split()
)


def saying(reader: str) -> tuple[str, ...]:
    """The verbs of saying one reader takes (its letter in SAYING_VERBS)."""
    return tuple(verb for verb, readers in SAYING_VERBS.items() if reader in readers)


# Verbs of saying by their dictionary form: who a source says asserts it (checks.source), and a
# sentence that says who says a thing may state what the sources hedge (checks.hedges).
SAYING = frozenset(
    """
        say tell claim note conclude add state write report argue warn believe announce insist allege
        accuse estimate emphasize emphasise suggest explain confirm deny according retort reply respond
    """.split()
)
# Verbs by which a sentence gives what follows as someone's word, not as fact: "Trump vowed a wall", "He
# pledged to repay" (checks.quoted: such a sentence says whose words they are).
SPEAKING = SAYING | frozenset(
    """
        vow pledge promise tweet predict urge threaten declare
    """.split()
)
# Verbs whose object is the words said: with nothing else but names and when ("Now, Schumer tweeted
# Friday.", "Mr. Weich wrote."), a sentence says who said something, not what (checks.quoted). Verbs
# that take a thing ("threatened Guam", "reported to Rosenstein") are not here.
SAID_VERBS = frozenset(
    """
        say tell tweet write add state note claim post announce
    """.split()
)
# Words that say when or how the saying went, not what was said.
NOT_WHAT = frozenset(
    """
        now also again then later earlier still once night morning afternoon evening week weekend month
        year today yesterday tonight and but so this last next since
    """.split()
)
# What may stand between a speaker's name and a verb of saying: "Perry has also said", "Mattis had argued".
BEFORE_SAYING = NOT_WHAT | frozenset({"has", "have", "had", "even"})
# Words opening a relative clause whose subject is a speaker: "the attack, which Scalise's office
# described as targeted, …" says what the office said of the attack, not that the rest of the sentence
# is the office's ("that" is left out: "He noted that Reid said …" names Reid for what follows).
RELATIVE_WORDS = ("which", "whom", "whose")
# What opens a speaker named by description: "according to his office", "the hospital said" (speech).
DETERMINERS = ("the", "his", "her", "its", "their")
# Before a word of saying, what makes it a noun: "secretaries of state", "a report", "the statement".
# Not "that", a relative as often ("It was Comey that told lawmakers …").
BEFORE_A_NOUN = frozenset({"of", "a", "an", "this", *DETERMINERS})
# Verbs of saying whose speaker comes after them ("…, according to X"): a name before one is no speaker.
SPEAKER_AFTER = frozenset(
    """
                              according
                          """.split()
)
# Words that carry no fact of their own elsewhere (stop words) but name a speaker: "the report said".
SPEAKER_NOUNS = frozenset(
    """
                              report reports statement article states
                          """.split()
)
# Descriptions that "according to the …" gives as a source and a paraphrase may choose freely, so that
# they are not checked as a speaker (checks.source): what someone wrote or filed ("the suit" may be the
# source's "lawsuit"), an outlet by its kind ("the paper"), and a person by role ("the president" for
# "Obama said").
NOT_CHECKED_AS_SPEAKER = SPEAKER_NOUNS | frozenset(
    """
        suit lawsuit complaint filing filings indictment letter memo memos document documents record
        records study survey poll ruling order transcript affidavit release statements data figures
        estimate estimates analysis reporting testimony excerpts account accounts tweet tweets post
        posts slides video footage email emails
        paper newspaper network site website magazine outlet station channel broadcaster
        president governor senator representative congressman congresswoman secretary spokesman
        spokeswoman spokesperson mayor minister leader chairman chairwoman director official officials
        aide aides lawyer lawyers attorney attorneys
    """.split()
)
# What excuses every word of a sentence from a hedge check: a verb of saying, a future, a conditional.
SAYING_OR_FUTURE = SAYING | {"will", "would"}
# Words that open what may follow the speaker and verb that close a quotation ("…,” Obama wrote in a
# letter", "… Durbin said on Tuesday"): after a quotation ending in a full stop, the attribution belongs to
# it only where nothing else follows but these (lang.sentences); "He said the meeting …" is a sentence.
ATTRIBUTION_TAIL = frozenset(
    """
        in on at to of during after before from with via through later earlier afterward yesterday today
        tonight
    """.split()
)
# Pronouns whose verb of saying points back to a speaker named before ("he said").
SPEAKER_PRONOUNS = tuple(
    """
                             he she they
                         """.split()
)
# Capitalized words that open a sentence or a clause without naming anyone: an attribution's subject
# drops them ("But Kovalenko said"), and a quotation's speaker is never one of them ("However, he said").
NOT_A_NAME = frozenset(
    """
        The This That It He She They We I I've I’ve I'm I’m As But And However So What Which Who
    """.split()
)
NOT_A_SPEAKER = frozenset(
    """
        He She They The This That It But And However In On At When After
    """.split()
)
# Words an attribution's name never ends with ("Russia and" is no speaker; "Mr. Mattis was told" is a
# passive, said of Mattis, and "has been accused" one said of its subject).
NOT_LAST = (
    frozenset(
        """
                         and or but then who which that
                     """.split()
    )
    | PASSIVE_AUX
    | frozenset(SPEAKER_PRONOUNS)  # "Citing what he said": a pronoun ends no name
)
# The words left out of a name before its last word is taken as the surname ("Mr Smith").
NOT_A_SURNAME = tuple(
    """
                          the mr ms mrs dr jr sr
                      """.split()
)
