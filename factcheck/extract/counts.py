"""Count claims: a number with what it counts ("2500 mütəxəssis", "more than
1,500 delegates", "حدود ۱۵۰ کشور"), its qualifier and verb."""

from __future__ import annotations

from functools import cache

from factcheck.extract.document import Document
from factcheck.extract.numbers import read_number
from factcheck.lang import Language

MAX_GAP = 2  # words allowed between a number and the noun it counts ("2,572 registered participants")
VERB_WINDOW = 12


@cache
def _after_phrases(lang: Language) -> list[tuple[str, str | None, list[str]]]:
    """Qualifiers written after a number or noun: (qualifier, suffix or None, words)."""
    out = []
    for label, phrases in (lang.get("qualifiers.after") or {}).items():
        for phrase in phrases:
            phrase = str(phrase)
            suffix = None
            if phrase.startswith("-"):
                head, _, phrase = phrase[1:].partition(" ")
                suffix = lang.lower(head)
            out.append((label, suffix, lang.phrase_words(phrase) if phrase else []))
    # Longest first, so "-dən çox" wins over "-dən".
    out.sort(key=lambda p: -(len(p[2]) + (p[1] is not None)))
    return out


def _suffix_of(token_lower: str, stem: str | None) -> str:
    if stem is None or not token_lower.startswith(stem):
        return ""
    return token_lower[len(stem) :].lstrip("-'’ʼ`")


def _qualifier_after(doc: Document, j: int, suffix: str) -> tuple[str, int] | None:
    """A qualifier at token ``j`` (after a word that ends in ``suffix``)."""
    toks = doc.tokens
    for label, need, words in _after_phrases(doc.lang):
        if need is not None and need != suffix:
            continue
        if not words and need is None:
            continue
        if j + len(words) > len(toks):
            continue
        if all(toks[j + k].lower == w or w in toks[j + k].stems for k, w in enumerate(words)):
            end = j + len(words)
            if words and end < len(toks) and doc.same_sentence(j, end) and toks[end].kind in ("num", "mixed"):
                continue  # "... и более 100 тыс.": the qualifier belongs to the next figure
            if all(doc.same_sentence(j - 1, j + k) for k in range(len(words))):
                return label, end
    return None


def extract_counts(doc: Document, taken: list[tuple[int, int]] = ()) -> list[dict]:
    """Count claims; numbers inside the character spans ``taken`` (dates) are skipped."""
    toks = doc.tokens
    lang = doc.lang
    nouns = lang.lexicon("counts.attributes")
    verbs = lang.lexicon("counts.measures")
    before = lang.lexicon("qualifiers.before")
    not_after = lang.words["numbers.not_after"]
    units = lang.lexicon("numbers.units")
    anaphoric = lang.words["numbers.anaphoric"]
    anaphoric_at_start = bool(lang.get("numbers.anaphoric_at_start"))
    head_first = bool(lang.get("counts.head_first"))
    ellipsis_next = lang.lexicon("numbers.ellipsis_next")
    count_words = lang.lexicon("counts.count_words")
    claims = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind not in ("num", "mixed", "word"):
            i += 1
            continue
        num = read_number(doc, i)
        if num is None or num.ordinal:
            i += 1
            continue
        start, end = doc.span(num.first, num.last)
        if any(s < end and start < e for s, e in taken):
            i = num.last
            continue
        value = num.integer
        prev = toks[i - 1] if i > 0 else None
        if (
            value is None
            or (num.words and (value < 2 or (prev is not None and prev.lower in anaphoric)))
            or (num.words and value < 10 and anaphoric_at_start and (prev is None or not doc.same_sentence(i, i - 1)))
            or (prev is not None and doc.same_sentence(i, i - 1) and (prev.lower in not_after or (prev.text in ":/" and doc.adjacent(i - 1, i))))
            or (num.last < n and toks[num.last].text in ":/%" and doc.adjacent(num.last - 1, num.last))
        ):
            i = num.last
            continue
        # What is counted: a noun within a few words after the number.
        j = num.last
        qual_after = _qualifier_after(doc, j, num.suffix)
        if qual_after:
            j = qual_after[1]
        noun = None
        for k in range(j, min(j + MAX_GAP + 1, n)):
            if not doc.same_sentence(i, k) or toks[k].kind != "word" or read_number(doc, k) or units.match(toks, k):
                break  # "15 процентов участников", "2500 manat" measure, they do not count
            noun = nouns.match(toks, k) or _people_of(doc, k)
            if noun:
                bare = toks[noun[1] - 1].lower in toks[noun[1] - 1].stems[:1] and len(toks[noun[1] - 1].stems) == 1
                after = nouns.match(toks, noun[1]) if bare and not head_first and doc.same_sentence(k, noun[1]) else None
                # the last noun of a compound is its head ("175 member countries", "175 üzv ölkədən"),
                # unless the first carries an ending ("40 ölkədən nazirlər": the countries are counted)
                noun = (after[0], k, after[1], noun[1]) if after else (noun[0], k, noun[1], k)
                break
        lead = elided = None
        if noun is None:
            lead = _named_before(doc, nouns, count_words, num.first)
            elided = None if lead else _elided(doc, claims, num, j, ellipsis_next)
            if lead is None and elided is None:
                i = num.last
                continue
            noun = (lead[0], j, j, j) if lead else (elided["attribute"], j, j, j)
        attribute, noun_first, noun_last, head = noun
        noun_last = max(noun_last, j)
        first, last = i, noun_last
        qualifier = "exact"
        q = before.match_ending(toks, i)
        if q and doc.same_sentence(i, q[1]):
            qualifier, first = q
        if lead:
            first = lead[1]
        if qual_after:
            qualifier = qual_after[0]
        elif noun_first < noun_last:
            stem = next((s for s in toks[noun_last - 1].stems if s != toks[noun_last - 1].lower), None)
            qa = _qualifier_after(doc, noun_last, _suffix_of(toks[noun_last - 1].lower, stem))
            if qa:
                qualifier, last = qa[0], qa[1]
        verb = _verb(doc, verbs, first, last, skip=range(noun_first, noun_last))
        if noun_first == noun_last and verb is None and not lead:
            verb = elided["measure"]
        # Words between the figure and its head noun that are not verbs ("300 youth representatives",
        # "196 senior officials", "194 member states") make it count a part of the whole.
        subgroup = any(not verbs.match(toks, k) and not verbs.match_ending(toks, k + 1) for k in range(j, head))
        if head_first and noun_first < noun_last and not subgroup:
            # where modifiers follow the noun ("۳۰۰ نماینده جوان", "300 представителей молодежи")
            subgroup = _modified_after(doc, verbs, noun_last)
        if elided is not None and noun_first == noun_last:
            subgroup = elided["subgroup"]
        # A sentence that names no event speaks of the article's event only when it says who came.
        subject = doc.subject(i, near=None if verb else -1)
        claims.append(
            doc.claim(
                "count", first, last,
                value=value, qualifier=qualifier, attribute=attribute, measure=verb, subgroup=subgroup,
                subject_text=subject,
            )
        )
        i = last
    return claims


def _people_of(doc: Document, k: int) -> tuple[str, int] | None:
    """A nationality in the plural counts people: "61 million Iranians"."""
    t = doc.tokens[k]
    if len(t.stems) > 1 and (m := doc.lang.lexicon("countries").match(doc.tokens, k)) and m[1] == k + 1:
        if any(t.lower == st + p for st in t.stems for p in doc.lang.words["titles.plural_suffixes"]):
            return "participants", k + 1
    return None


def _modified_after(doc: Document, verbs, k: int) -> bool:
    """A word right after the counted noun that is not a function word, verb or number modifies it."""
    toks = doc.tokens
    if k >= len(toks) or not doc.same_sentence(k - 1, k) or toks[k].kind != "word":
        return False
    function_words = doc.lang.words["titles.stopwords"] | doc.lang.words["titles.not_names"] | doc.lang.words["titles.list_joins"]
    return toks[k].lower not in function_words and not verbs.match(toks, k) and read_number(doc, k) is None


LEAD_WINDOW = 6  # words between "the number of voters" and its figure


def _named_before(doc: Document, nouns, count_words, i: int) -> tuple[str, int] | None:
    """(attribute, first token) when the sentence names what is counted before the figure:
    "the number of voters reached 60 million", "seçmen sayısı 60 milyon", "число участников составило"."""
    toks = doc.tokens
    for c in range(i - 1, max(-1, i - LEAD_WINDOW - 1), -1):
        if not doc.same_sentence(i, c):
            break
        m = count_words.match(toks, c)
        if m is None:
            continue
        if m[1] < i and (after := nouns.match(toks, m[1])):  # "number of voters", "число участников"
            return after[0], c
        if (ahead := nouns.match_ending(toks, c)) is not None:  # "seçmen sayısı"
            return ahead
    return None


def _elided(doc: Document, claims: list[dict], num, j: int, ellipsis_next) -> dict | None:
    """The earlier count of the sentence whose noun a bare number leaves out, if any.

    "had 1,360 participants, while the 2022 edition attracted 1,763": the second
    figure counts participants too. Only a number that ends its phrase (before
    punctuation or a word such as "and", "for", "while") and does not look like a
    year is read so.
    """
    if not claims or claims[-1]["sentence_start"] != doc.sentence_span(doc.tokens[num.first].sentence)[0]:
        return None
    toks = doc.tokens
    bracketed = num.first > 0 and toks[num.first - 1].text == "(" and j < len(toks) and toks[j].text == ")"
    if num.value < 2 or (not num.words and num.last == num.first + 1 and 1800 <= num.value <= 2100 and not bracketed):
        return None  # a year, unless it stands in brackets in a list of figures: "Türkiye (1862)"
    if j < len(toks) and doc.same_sentence(num.first, j) and toks[j].kind != "punct" and not ellipsis_next.match(toks, j):
        return None
    return claims[-1]


def _verb(doc: Document, verbs, first: int, last: int, skip: range) -> str | None:
    toks = doc.tokens
    best = None
    for k in range(max(0, first - VERB_WINDOW), min(len(toks), last + VERB_WINDOW)):
        if k in skip or not doc.same_sentence(first, k):
            continue
        m = verbs.match(toks, k)
        if m:
            dist = first - k if k < first else k - last
            if best is None or dist < best[0]:
                best = (dist, m[0])
    return best[1] if best else None
