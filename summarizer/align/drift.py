"""Quote drift: the same speaker quoted in different words by different outlets, found in quotations.

Two quotations are joined only when attribution names one speaker for both: similar words from two
people, or from someone the article does not name, are not one remark.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.align.pairing import Groups
from summarizer.align.store import Claims, article_order, surname
from summarizer.lang.lexicon.saying import NOT_A_SPEAKER
from summarizer.lang.lexicon.words import STOP_WORDS
from summarizer.lang.speech import (
    NAMED_SPEAKER,
    SPEAKER_AFTER_QUOTE,
    SPEAKER_VERB_AT_END,
    SPEAKING_PRONOUN,
    WEEKDAY_NAME,
)
from summarizer.lang.tokens import ACRONYM, is_content_word
from summarizer.models import Article, QuoteDrift, Wording

_OPEN = '“"'
_CLOSE = '”"'
# The next opening or closing mark, found by the expression engine rather than a walk of each character.
_OPENING = re.compile(f"[{_OPEN}]")
_CLOSING = re.compile(f"[{_CLOSE}]")
_BRACKETED = re.compile(r"\s*[\[(][^\])]{0,40}[\])]")
_QUOTE_WORD = re.compile(r"(?:(?<!\w)-(?=\d))?[\w’']+")  # a minus sign is the number's: "-5 degrees"
# A quoted word as compared: an acronym with its periods as one word ("F.B.I." is "FBI": house style,
# not another wording), an apostrophe as one mark, any case, a hyphenated word as its parts ("tax-filing"
# is "tax filing": house style, 70c744ad's false drift of Lew's statement).
_COMPARED_WORD = re.compile(f"{ACRONYM}|{_QUOTE_WORD.pattern}")
MIN_DRIFT_WORDS = 4
DRIFT_SIMILARITY = 0.6


@dataclass(frozen=True)
class Quoted:
    """A passage of quoted speech in an article, split into its sentences, with who said it."""

    article_id: str
    start: int
    end: int
    speaker: str | None
    sentences: tuple[tuple[int, int], ...]  # article offsets of each sentence of the passage


def quotations(article: Article) -> list[Quoted]:
    """Text in quotation marks, a passage per pair of marks (an unclosed one runs to the paragraph end)."""
    text = article.text
    out: list[Quoted] = []
    last_speaker: str | None = None
    carried: str | None = None  # a paragraph left open continues the same speaker's words
    pos = 0
    for para in text.split("\n"):
        p0, p1 = pos, pos + len(para)
        pos = p1 + 1
        i = p0
        continued = carried if para.lstrip()[:1] in _OPEN else None
        carried = None
        in_paragraph: str | None = None  # “X,” Pelosi said. “Y.”: Y is Pelosi's too
        while i < p1:
            opening = _OPENING.search(text, i, p1)
            if opening is None:
                break
            o = opening.start()
            closing = _CLOSING.search(text, o + 1, p1)
            c = closing.start() if closing is not None else None
            end = c if c is not None else p1
            before = text[p0:o]
            after = text[end + 1 : min(p1, end + 120)] if c is not None else ""
            speaker = _speaker(before, after, last_speaker) or continued or in_paragraph
            if c is None:
                carried = speaker
            words = len(_QUOTE_WORD.findall(text[o + 1 : end]))
            if words >= MIN_DRIFT_WORDS:
                out.append(Quoted(article.id, o + 1, end, speaker, _split(text, o + 1, end)))
            if speaker:
                last_speaker = in_paragraph = speaker
            continued = None
            i = end + 1
            if who := _named(after[:80]):
                last_speaker = who
        # Outside quotation marks, "Kovalenko emphasized …" names who the next "he said" is.
        if who := _named(re.sub(r"[“\"][^”\"]*[”\"]", " ", para)):
            last_speaker = who
    return out


def _named(text: str) -> str | None:
    """The last name in `text` with a verb of saying after it ('Kovalenko emphasized', 'Boutrous said')."""
    found = None
    for m in NAMED_SPEAKER.finditer(text):
        words = [w for w in m.group("who").split() if w not in NOT_A_SPEAKER]
        if words and not WEEKDAY_NAME.fullmatch(words[-1]):
            found = " ".join(words)
    return found


def _speaker(before: str, after: str, last: str | None) -> str | None:
    """Who says a quotation: a name with a verb of saying right after it or just before it, or 'he'."""
    m = SPEAKER_AFTER_QUOTE.match(after)
    if m:
        who = m.group("who") or m.group("who2")
        if who and who.strip().split()[0] not in NOT_A_SPEAKER:
            return who.strip().rstrip(",.")
        if m.group("pron"):
            return last
    clause = re.split(r"[.!?”\"]\s", before)[-1]
    if who := _named(clause):
        return who
    subject = re.match(r"\s*([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*)", clause)
    if SPEAKER_VERB_AT_END.search(clause) and subject and subject.group(1) not in NOT_A_SPEAKER:
        # "Kovalenko is a prominent commentator … and said: “…": the sentence's subject speaks.
        return subject.group(1)
    if SPEAKING_PRONOUN.search(clause) or SPEAKING_PRONOUN.search(after[:60]):
        return last
    return None


def _split(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in re.finditer(r"[.?!…]+[”\"’]?\s+(?=[“\"A-Z])", text[start:end]):
        spans.append((s, start + m.end()))
        s = start + m.end()
    if s < end:
        spans.append((s, end))
    return tuple((a, b) for a, b in spans if text[a:b].strip())


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Words of a quoted span, bracketed editorial insertions ("(local)", "[North Korea]") left out."""
    chunk = text[start:end]
    dropped = [(m.start(), m.end()) for m in _BRACKETED.finditer(chunk)]
    out = []
    for m in _COMPARED_WORD.finditer(chunk):
        if any(a <= m.start() < b for a, b in dropped):
            continue
        word = m.group(0).replace("’", "'").replace(".", "").casefold()
        out.append((word, start + m.start(), start + m.end()))
    return out


@dataclass
class _Match:
    a: Quoted
    b: Quoted
    wa: list[tuple[str, int, int]]
    wb: list[tuple[str, int, int]]
    blocks: list[tuple[int, int, int]]
    matched: int


def _windows(q: Quoted, text: str) -> list[list[tuple[str, int, int]]]:
    """The words of each run of one or two consecutive sentences of a quotation, long enough to compare."""
    s = q.sentences
    spans = [s[i] for i in range(len(s))] + [(s[i][0], s[i + 1][1]) for i in range(len(s) - 1)]
    return [w for x in spans if len(w := _words(text, *x)) >= MIN_DRIFT_WORDS]


def _best_window(
    a: Quoted,
    b: Quoted,
    windows_a: list[list[tuple[str, int, int]]],
    windows_b: list[list[tuple[str, int, int]]],
) -> _Match | None:
    """The best-matching runs of one or two consecutive sentences of two quotations."""
    best: _Match | None = None
    counts_b = [Counter(w[0] for w in wb) for wb in windows_b]
    for wa in windows_a:
        counts_a = Counter(w[0] for w in wa)
        for wb, cb in zip(windows_b, counts_b, strict=True):
            # The words two windows share, counted with repeats, bound what difflib can match: a pair
            # that cannot pass, or cannot beat the best so far, is not aligned at all.
            bound = sum((counts_a & cb).values())
            if bound < MIN_DRIFT_WORDS or bound / min(len(wa), len(wb)) < DRIFT_SIMILARITY:
                continue
            if best is not None and bound <= best.matched:
                continue
            sm = difflib.SequenceMatcher(None, [w[0] for w in wa], [w[0] for w in wb], autojunk=False)
            blocks = [blk for blk in sm.get_matching_blocks() if blk.size]
            # Lone stop words matching at the edges are not where the quotations meet.
            while blocks and blocks[0].size == 1 and wa[blocks[0].a][0] in STOP_WORDS:
                blocks.pop(0)
            while blocks and blocks[-1].size == 1 and wa[blocks[-1].a][0] in STOP_WORDS:
                blocks.pop()
            matched = sum(blk.size for blk in blocks)
            if matched < MIN_DRIFT_WORDS or matched / min(len(wa), len(wb)) < DRIFT_SIMILARITY:
                continue
            if _said(wa, blocks) < DRIFT_SIMILARITY * min(_content(wa), _content(wb)):
                # "I am not running for president of the United States as …" and "I am now ready to fight
                # for the people of the United States of America" meet on "I am … for … the United
                # States": two remarks. One remark in two wordings shares most of what the shorter says
                # (the shorter: an outlet may quote only part of a remark).
                continue
            if best is None or matched > best.matched:
                best = _Match(a, b, wa, wb, [(k.a, k.b, k.size) for k in blocks], matched)
    return best


def _content(words: Sequence[tuple[str, int, int]]) -> int:
    """How many of a window's words say something (content words, as the tokenizer tells them)."""
    return sum(1 for w in words if is_content_word(w[0]))


def _said(wa: Sequence[tuple[str, int, int]], blocks: Sequence[difflib.Match]) -> int:
    """How many words that say something two windows share where they match."""
    return sum(1 for blk in blocks for w in wa[blk.a : blk.a + blk.size] if is_content_word(w[0]))


def _core(m: _Match) -> tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans where two quotations meet, and the changed word spans inside each."""
    first, last = m.blocks[0], m.blocks[-1]
    a0, a1 = first[0], last[0] + last[2]
    b0, b1 = first[1], last[1] + last[2]
    sm = difflib.SequenceMatcher(
        None, [w[0] for w in m.wa[a0:a1]], [w[0] for w in m.wb[b0:b1]], autojunk=False
    )
    ca: list[tuple[int, int]] = []
    cb: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            ca.append((m.wa[a0 + i1][1], m.wa[a0 + i2 - 1][2]))
        if j2 > j1:
            cb.append((m.wb[b0 + j1][1], m.wb[b0 + j2 - 1][2]))
    return (m.wa[a0][1], m.wa[a1 - 1][2]), (m.wb[b0][1], m.wb[b1 - 1][2]), ca, cb


def _same_speaker(a: str | None, b: str | None) -> bool:
    """Whether attribution names one speaker for both quotations; an unknown speaker is no one's."""
    if a is None or b is None:
        return False
    who = surname(a)
    return who is not None and who == surname(b)


def quote_drift(articles: Sequence[Article], store: Claims | None = None) -> list[QuoteDrift]:
    """The same speaker quoted in different words by different outlets, each wording verbatim."""
    store = store or Claims({a.id: a for a in articles}, [])
    texts = {a.id: a.text for a in articles}
    quotes = [q for a in articles for q in quotations(a)]
    # Copies of one article quote identically; each distinct passage is compared once.
    edges: list[
        tuple[int, int, tuple[int, int], tuple[int, int], list[tuple[int, int]], list[tuple[int, int]]]
    ] = []
    memo: dict[tuple[str, str], _Match | None] = {}
    cores: dict[
        tuple[str, str], tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]], list[tuple[int, int]]]
    ] = {}
    keys = [texts[q.article_id][q.start : q.end] for q in quotes]
    # Windows are read once per distinct passage, on the first quote giving it; matches found on those
    # representatives are moved to where each other copy stands (_shift).
    reps: dict[str, Quoted] = {}
    for key, quote in zip(keys, quotes, strict=True):
        reps.setdefault(key, quote)
    words = {key: _windows(quote, texts[quote.article_id]) for key, quote in reps.items()}
    # Only passages sharing enough distinct words go through difflib: one matrix product finds them.
    distinct = sorted(set(keys))
    vocab: dict[str, int] = {}
    rows = [{vocab.setdefault(w[0], len(vocab)) for win in words[k] for w in win} for k in distinct]
    bags = np.zeros((len(distinct), max(1, len(vocab))), dtype=np.float32)
    for r, cols in enumerate(rows):
        bags[r, list(cols)] = 1.0
    shared = bags @ bags.T
    row_of = {k: r for r, k in enumerate(distinct)}
    for i, a in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if a.article_id == b.article_id or shared[row_of[keys[i]], row_of[keys[j]]] < MIN_DRIFT_WORDS:
                continue
            if not _same_speaker(a.speaker, b.speaker):
                # Pelosi's "I don't like that language" is not Nadler's "I don't really like that kind
                # of language": words alike are no evidence of one speaker, and an unknown one is no one.
                continue
            ka, kb = keys[i], keys[j]
            if (ka, kb) not in memo:
                memo[(ka, kb)] = _best_window(reps[ka], reps[kb], words[ka], words[kb])
            m = memo[(ka, kb)]
            if m is None:
                continue
            if (ka, kb) not in cores:
                cores[(ka, kb)] = _core(m)
            # The representatives' spans, moved to where these copies stand in their articles.
            da, db = a.start - m.a.start, b.start - m.b.start
            sa, sb, ca, cb = cores[(ka, kb)]
            edges.append(
                (
                    i,
                    j,
                    _shift(sa, da),
                    _shift(sb, db),
                    [_shift(x, da) for x in ca],
                    [_shift(x, db) for x in cb],
                )
            )
    groups = Groups(len(quotes))
    drifted = set()
    for i, j, _, _, ca, cb in edges:
        if ca or cb:
            groups.join(i, j)
            drifted |= {i, j}
    out: list[QuoteDrift] = []
    for g in groups.groups(sorted(drifted)):
        members = set(g)
        spans: dict[int, tuple[int, int]] = {}
        changed: dict[int, list[tuple[int, int]]] = {}
        for i, j, sa, sb, ca, cb in edges:
            if i in members and j in members:
                for k, s, ch in ((i, sa, ca), (j, sb, cb)):
                    old = spans.get(k, s)
                    spans[k] = (min(old[0], s[0]), max(old[1], s[1]))
                    changed.setdefault(k, []).extend(ch)
        wordings: list[Wording] = []
        claim_ids: list[str] = []
        named = [who for k in g if (who := quotes[k].speaker)]
        speaker = max(sorted(set(named)), key=named.count) if named else "unnamed speaker"
        for k in sorted(g, key=lambda k: (article_order(quotes[k].article_id), quotes[k].start)):
            q = quotes[k]
            s0, s1 = spans[k]
            text = texts[q.article_id][s0:s1]
            article = store.articles[q.article_id]
            sids = [s.id for s in article.sentences if s.start < s1 and s0 < s.end] or [1]
            claim = store.covering(q.article_id, (s0, s1), set(sids)) or store.add(
                q.article_id,
                sids,
                text,
                statement=f"{speaker} is quoted: “{text}”",
                asserted_by=speaker,
                kind="quote",
            )
            spans_rel = sorted({(a - s0, b - s0) for a, b in changed.get(k, []) if s0 <= a and b <= s1})
            wordings.append(Wording(article_id=q.article_id, claim_id=claim.id, text=text, changed=spans_rel))
            claim_ids.append(claim.id)
        out.append(QuoteDrift(speaker=speaker, claim_ids=list(dict.fromkeys(claim_ids)), wordings=wordings))
    return out


def _shift(span: tuple[int, int], by: int) -> tuple[int, int]:
    return span[0] + by, span[1] + by
