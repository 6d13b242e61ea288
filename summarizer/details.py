"""Single-source details inside corroborated sentences: the clause only one outlet carries.

A claim is a whole reporting sentence, so a sentence that two outlets share is "corroborated" even when
one of them adds a clause the other lacks: "Pyongyang has been coy … but it is known that … missiles
… have been sent", or "… concluded that …, according to the Ukrainian Independent Information Agency".
A reader relying on that clause needs to know it rests on one outlet. Code finds it: the sentence is
cut into clauses; the clause closest to the other outlets' sentences is the shared fact; any other
clause that names someone or states a number, and that no sentence of another article mostly shares,
becomes a claim of its own, quoting the clause verbatim, marked as part of its sentence's claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.lang.clauses import checkable, clauses, stems
from summarizer.lang.quotes import find_quote
from summarizer.lang.speech import attribution
from summarizer.models import Article, Claim, Conflict, Corroboration, QuoteDrift

MIN_WORDS = 3  # content words a clause needs to stand as a fact
MAX_SHARED = 0.5  # at or above this share of its words in one other outlet's sentence, a clause is not new
MIN_NEW = 2  # content words no other outlet's sentence has


def _members(group: Corroboration, by_id: dict[str, Claim]) -> list[Claim]:
    """The group's claims that exist."""
    return [c for i in group.claim_ids if (c := by_id.get(i)) is not None]


def _sentence_text(by_article: dict[str, Article], claim: Claim) -> str:
    article = by_article.get(claim.article_id)
    if article is None:
        return claim.quote
    return (
        " ".join(s.text for i in claim.sentence_ids if (s := article.sentence(i)) is not None) or claim.quote
    )


def details(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    corroborated: Sequence[Corroboration],
    conflicts: Sequence[Conflict],
    drift: Sequence[QuoteDrift],
    taken: set[str],
) -> list[Claim]:
    """One claim per clause of a corroborated claim's sentence that no other article carries."""
    by_id = {c.id: c for c in claims}
    by_article = {a.id: a for a in articles}
    # Each sentence's words once: with many articles, every clause is held against all the others'.
    words_of = {a.id: [stems(s.text) for s in a.sentences] for a in articles}
    # A clause inside a disputed figure's quote, or a quotation worded differently elsewhere, is the
    # conflict's or the drift's to show, not a detail.
    disputed: dict[str, list[tuple[int, int]]] = {}
    quoted = [(c.article_id, c.quote) for g in conflicts for i in g.claim_ids if (c := by_id.get(i))]
    quoted += [(w.article_id, w.text) for g in drift for w in g.wordings]
    for article_id, quote in quoted:
        if article_id in by_article:
            disputed.setdefault(article_id, []).extend(find_quote(quote, by_article[article_id].text))
    out: list[Claim] = []
    seen: set[tuple[str, int, int]] = set()
    for group in corroborated:
        for cid in group.claim_ids:
            claim = by_id.get(cid)
            if claim is None or claim.article_id not in by_article or len(claim.sentence_ids) != 1:
                continue
            article = by_article[claim.article_id]
            sentence = article.sentence(claim.sentence_ids[0])
            if sentence is None:
                continue
            parts = clauses(sentence.text)
            if len(parts) < 2:
                continue
            # The clause closest to the other outlets' sentences in the group is the shared fact itself.
            partners = frozenset().union(
                *(
                    stems(_sentence_text(by_article, p))
                    for p in _members(group, by_id)
                    if p.article_id != claim.article_id
                )
            )
            shared = max(parts, key=lambda p: len(stems(p.text) & partners))
            k = 0
            for part in parts:
                if part is shared:
                    continue
                key = (article.id, sentence.start + part.start, sentence.start + part.end)
                words = stems(part.text)
                if key in seen or len(words) < MIN_WORDS or not checkable(part.text):
                    continue
                others = (o for b, bags in words_of.items() if b != article.id for o in bags)
                best = max(others, key=lambda o: len(words & o), default=frozenset())
                new = words - best
                if len(words & best) >= MAX_SHARED * len(words) or len(new) < MIN_NEW:
                    continue
                if any(s < key[2] and key[1] < e for s, e in disputed.get(article.id, [])):
                    continue
                seen.add(key)
                k += 1
                detail_id = f"{claim.id}.{k}"
                while detail_id in taken:
                    k += 1
                    detail_id = f"{claim.id}.{k}"
                taken.add(detail_id)
                out.append(
                    Claim(
                        id=detail_id,
                        article_id=article.id,
                        statement=part.text,
                        asserted_by=attribution(part.text) or claim.asserted_by,
                        kind="other",
                        quote=part.text,
                        sentence_ids=list(claim.sentence_ids),
                        verified=True,
                        found_by="cross-check",
                        part_of=claim.id,
                    )
                )
    return out
