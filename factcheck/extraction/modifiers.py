"""A modifier written before a title's words ("former", "then", "sabiq", "тогдашний"), found past the
lower-case words of its portfolio when no capitalised organisation stands between ("sabiq xarici işlər naziri", "Keçmiş xarici işlər naziri"), or
written onto the first of them ("Ex-foreign minister", "then-foreign minister": an entry of
``titles.modifiers`` that ends with a hyphen). Where names have no capitals to stop at (Persian), only
right before the title's words."""

from __future__ import annotations

import functools

MAX_PORTFOLIO = 6  # lower-case words of a portfolio between a modifier and its title


@functools.cache
def _prefixes(lang) -> tuple[tuple[str, str], ...]:
    return tuple((label, lang.lower(str(p))) for label, ps in (lang.get("titles.modifiers") or {}).items()
                 for p in ps if str(p).endswith("-") and len(str(p)) > 1)


def modifier_before(titles, first: int, rs: int) -> tuple[str, int, bool] | None:
    """(label, first token, deputy) of a modifier that ends at ``first`` or before the lower-case words right
    before it, of the title at ``rs``; ``deputy``: a deputy word is among those ("a former deputy foreign
    minister"). ``titles`` is the titles finder (its tokens, lexicons and sentence test)."""
    toks = titles.toks
    prefixes = _prefixes(titles.lang)
    k = first
    while True:
        if (mod := titles.modifiers.match_ending(toks, k)) and titles.ok(mod[1], rs) and toks[k - 1].lower not in titles.link_adverbs:
            return mod[0], mod[1], _deputy(titles, k, first)
        if k < rs and (label := _prefixed(toks[k], prefixes)):
            return label, k, _deputy(titles, k, first)
        if not titles.lang.cased or first < rs or first - k >= MAX_PORTFOLIO or not titles.ok(k - 1, rs):
            return None
        if toks[k - 1].kind != "word" or _breaker(titles, k - 1):
            return None  # "Yeni kabinede Cumhurbaşkanı Yardımcısı": a place or time, no portfolio
        if titles.capital(k - 1) and not titles.modifiers.match_ending(toks, k) and not _prefixed(toks[k - 1], prefixes):
            return None  # a name or an organisation's word: the portfolio's words end here
        k -= 1


def _prefixed(tok, prefixes) -> str | None:
    return next((label for label, p in prefixes if tok.lower.startswith(p)), None)

def _deputy(titles, k: int, first: int) -> bool:
    return any(titles.deputies.match(titles.toks, j) for j in range(k, first))


def _breaker(titles, k: int) -> bool:
    t = titles.toks[k]
    return any(t.lower.endswith(b) and t.lower[: -len(b)] in t.stems for b in titles.breakers)
