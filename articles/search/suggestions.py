""" "Có phải bạn muốn tìm …": a corrected query when some of the reader's words are in nothing public.

A misspelt word is replaced by the closest word (fewest typing slips: a letter wrong, missing, extra or two
letters swapped) among words of published titles *near the query*: first the titles holding the query's
correctly spelt words, on both databases; failing that,

- on PostgreSQL, the titles pg_trgm finds most like the whole query (its trigram index on the folded
  titles), and for longer words the titles most like that word; the whole query matters because a short
  word like "tpa" shares almost no trigrams with "tap", while "hoc tpa" shares most of them with "hoc tap";
- on SQLite, every published title's words (kept in the cache for a few minutes).

A suggestion is offered only if it finds something public now, so it never names a word that has left the
site and never leads to another empty page.
"""

from collections import Counter
from difflib import SequenceMatcher

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import cache
from django.db.models import F, Q, Value

from articles.models import Article

from .query import matching_articles, search_documents, uses_full_text, whole_word

VOCABULARY_CACHE_KEY = "search:title-words"
VOCABULARY_SECONDS = 600
CANDIDATE_TITLES = 20
CONTEXT_TITLES = 500
# pg_trgm cannot tell a short word's misspellings from unrelated words: they share one trigram or none.
MIN_TRIGRAM_WORD = 5
# Corrections tried, best first, before giving up.
ATTEMPTS = 3


def suggest(terms: list[str]) -> list[str] | None:
    """The reader's words with each one found nowhere replaced by a near word that is, or None."""
    unknown = [term for term in terms if not _finds_anything([term])]
    if not unknown:
        return None
    known = [term for term in terms if term not in unknown]
    words = _nearby_words(terms, known, unknown)
    options = {term: closest_words(term, words) for term in unknown}
    if not all(options.values()):
        return None
    tried = []
    for attempt in range(ATTEMPTS):
        corrected = [_option(options.get(term), attempt) or term for term in terms]
        corrected = list(dict.fromkeys(corrected))
        if corrected not in tried and _finds_anything(corrected):
            return corrected
        tried.append(corrected)
    return None


def _option(options: list[str] | None, attempt: int) -> str | None:
    return options[min(attempt, len(options) - 1)] if options else None


def closest_words(term: str, words: Counter, *, limit: int = ATTEMPTS) -> list[str]:
    """Up to `limit` words of `words` within a slip or two of `term`: fewest slips, then most frequent."""
    most_slips = 1 if len(term) <= 4 else 2
    matcher = SequenceMatcher(b=term, autojunk=False)
    scored = []
    for word, count in words.items():
        if word == term or abs(len(word) - len(term)) > most_slips:
            continue
        matcher.set_seq1(word)
        # Letters in common, as a multiset: each slip costs at most one; a cheap test before the real count.
        in_common = matcher.quick_ratio() * (len(word) + len(term)) / 2
        if in_common < max(len(word), len(term)) - most_slips:
            continue
        slips = typing_slips(term, word)
        if slips <= most_slips:
            scored.append((slips, -count, word))
    return [word for *_, word in sorted(scored)[:limit]]


def typing_slips(a: str, b: str) -> int:
    """Letters to change, add, remove or swap with a neighbour to turn `a` into `b` (restricted
    Damerau-Levenshtein distance)."""
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def _finds_anything(terms: list[str]) -> bool:
    return matching_articles(Article.objects.published(), terms).exists() or search_documents(terms).exists()


def _nearby_words(terms: list[str], known: list[str], unknown: list[str]) -> Counter:
    public = Article.objects.published()
    words = Counter()
    if known:
        # The titles holding the words the reader spelt right: "hoc tpa" is about "học tập", not "tạp chí".
        # On PostgreSQL the trigram index answers these LIKEs too.
        context = public.filter(*(Q(search_title__contains=whole_word(term)) for term in known))
        words = _words_of([context.newest_first().values_list("search_title", flat=True)[:CONTEXT_TITLES]])
        if all(closest_words(term, words, limit=1) for term in unknown):
            return words
    if uses_full_text(public):
        return words + _words_of(_titles_like(public, probe) for probe in _trigram_probes(terms, unknown))
    return words + cache.get_or_set(
        VOCABULARY_CACHE_KEY,
        lambda: _words_of([public.values_list("search_title", flat=True)]),
        VOCABULARY_SECONDS,
    )


def _trigram_probes(terms: list[str], unknown: list[str]) -> list[str]:
    probes = [" ".join(terms)]
    if len(terms) > 1:
        probes += [term for term in unknown if len(term) >= MIN_TRIGRAM_WORD]
    return probes


def _titles_like(public, probe: str):
    # `search_title %> probe`: word_similarity above pg_trgm's threshold, answered by the trigram index.
    return (
        public.filter(TrigramWordSimilar(F("search_title"), Value(probe)))
        .annotate(similarity=TrigramWordSimilarity(probe, "search_title"))
        .order_by("-similarity", "-published_at")
        .values_list("search_title", flat=True)[:CANDIDATE_TITLES]
    )


def _words_of(title_lists) -> Counter:
    words = Counter()
    for titles in title_lists:
        for title in titles:
            words.update(title.split())
    return words
