"""Scoring extraction against a gold file (format: shared/gold/README.md).

An extracted claim matches a gold claim of its kind when its span overlaps a
place where the gold ``surface`` stands in the article and its normalised value
is equal (count: value and qualifier; date: start and end; title: person and
role, with the organisation scored apart). Ages (counts of attribute ``age``)
are not scored: the gold files mark ages as no counts. A ``not_claims`` hit is an extracted
claim of that kind that overlaps such a surface and matches no gold claim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.names import country_of, same_name


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def locate(text: str, surface: str) -> list[tuple[int, int]]:
    """Every place where ``surface`` stands in ``text``; runs of spaces may differ."""
    spans = [(m.start(), m.start() + len(surface)) for m in re.finditer(re.escape(surface), text)]
    if not spans:
        pattern = r"\s+".join(re.escape(w) for w in surface.split())
        spans = [m.span() for m in re.finditer(pattern, text)]
    return spans


def _overlaps(claim: dict, spans: list[tuple[int, int]]) -> bool:
    return any(claim["start"] < e and s < claim["end"] for s, e in spans)


def value_matches(claim: dict, gold: dict) -> bool:
    kind = gold["kind"]
    if kind == "count":
        return claim.get("value") == gold.get("value") and claim.get("qualifier") == gold.get("qualifier", "exact")
    if kind == "date":
        return claim.get("date_start") == _iso(gold.get("start")) and claim.get("date_end") == _iso(gold.get("end"))
    if kind == "title":
        person, gold_person, lang = claim.get("person_text"), str(gold.get("person", "")), claim.get("lang")
        return (
            claim.get("role") == gold.get("role")
            and person is not None and bool(person)
            and (same_name(person, lang, gold_person, "en") or same_name(person, lang, gold_person, lang))
        )
    return False


def _same_org(claim: dict, gold_org: str, lang: str) -> bool:
    """The claim's organisation is the gold one: the same country, or a similar name."""
    org = claim.get("org_text")
    if not org:
        return False
    country = country_of(gold_org, "en")
    if country is not None:
        return country_of(org, lang) == country
    return same_name(org, lang, gold_org, "en", threshold=70)


@dataclass
class Score:
    """Figures for one language and kind."""

    core: int = 0
    core_found: int = 0
    gold: int = 0
    gold_found: int = 0
    extracted: int = 0
    extracted_matched: int = 0
    orgs: int = 0
    orgs_matched: int = 0

    @property
    def core_recall(self) -> float | None:
        return self.core_found / self.core if self.core else None

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.extracted_matched / self.extracted if self.extracted else None


@dataclass
class Evaluation:
    scores: dict[tuple[str, str], Score] = field(default_factory=lambda: defaultdict(Score))
    not_claim_hits: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def by_kind(self) -> dict[str, Score]:
        total: dict[str, Score] = defaultdict(Score)
        for (_, kind), s in self.scores.items():
            t = total[kind]
            for f in Score.__dataclass_fields__:
                setattr(t, f, getattr(t, f) + getattr(s, f))
        return dict(sorted(total.items()))

    def failures(self, min_core_recall: float = 0.0, min_precision: float = 0.0) -> list[str]:
        """Each language and kind below the figures asked for, and any not_claims hit."""
        out = []
        for (lang, kind), s in sorted(self.scores.items()):
            if s.core_recall is not None and s.core_recall < min_core_recall:
                out.append(f"{lang} {kind}: core recall {s.core_recall:.3f} < {min_core_recall}")
            if s.precision is not None and s.precision < min_precision:
                out.append(f"{lang} {kind}: precision {s.precision:.3f} < {min_precision}")
        if self.not_claim_hits:
            out.append(f"{len(self.not_claim_hits)} not_claims hit(s)")
        return out

    def render(self) -> str:
        def f(x):
            return "   -" if x is None else f"{x:4.2f}"

        lines = ["lang  kind   core recall       all recall        precision (extracted that match gold)"]
        rows = sorted(self.scores.items()) + [(("all", k), s) for k, s in self.by_kind().items()]
        for (lang, kind), s in rows:
            lines.append(
                f"{lang:<5} {kind:<6} {f(s.core_recall)} ({s.core_found:>3}/{s.core:<3})  "
                f"{f(s.recall)} ({s.gold_found:>3}/{s.gold:<3})  {f(s.precision)} ({s.extracted_matched:>3}/{s.extracted:<3})"
                + (f"  org {s.orgs_matched}/{s.orgs}" if kind == "title" and s.orgs else "")
            )
        lines.append(f"not_claims hits: {len(self.not_claim_hits)}")
        lines += [f"  {h}" for h in self.not_claim_hits]
        if self.missed:
            lines.append("missed gold claims:")
            lines += [f"  {m}" for m in self.missed]
        if self.problems:
            lines.append("problems:")
            lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def gold_articles(gold_path: Path, gold: dict, corpus: str | Path | None = None) -> list[str]:
    """The paths of a gold file's articles: in ``corpus``, else beside the gold file, else in
    ``../<gold name>/`` (shared/gold/seeds.yaml -> shared/seeds/)."""
    names = list(gold.get("articles") or {})
    if corpus is None:
        beside = all((gold_path.parent / n).exists() for n in names)
        corpus = gold_path.parent if beside else gold_path.parent.parent / gold_path.stem
    return [str(Path(corpus) / name) for name in names]


def evaluate(gold_path: str | Path, corpus: str | Path | None = None, into: Evaluation | None = None) -> Evaluation:
    """Score extraction of the gold file's articles (in ``corpus``; by default beside the gold file,
    or in ``../<gold name>/``), adding to ``into`` when given."""
    from ruamel.yaml import YAML

    from factcheck.api import extract

    gold_path = Path(gold_path)
    gold = YAML(typ="safe").load(gold_path.read_text(encoding="utf-8"))
    ev = Evaluation() if into is None else into
    articles = gold.get("articles") or {}
    results = extract(gold_articles(gold_path, gold, corpus))
    ev.problems += [str(p) for p in results.problems]
    by_article = defaultdict(list)
    for row in results.claim_rows():
        if row["attribute"] != "age":  # ages are said of people, not counted: the gold files leave them out
            by_article[Path(row["article"]).name].append(row)
    texts = {Path(a.id).name: a for a in results.articles}
    for name, entry in articles.items():
        article = texts.get(name)
        if article is None:
            ev.problems.append(f"{name}: not read")
            continue
        lang = entry.get("lang") or article.lang
        assert lang is not None  # extract() reads only articles in a language it has data for
        claims = by_article[name]
        matched_claims: set[int] = set()
        for g in entry.get("claims") or []:
            spans = locate(article.text, str(g["surface"]))
            if not spans:
                ev.problems.append(f"{name}: gold surface not in the article: {g['surface']!r}")
            s = ev.scores[(lang, g["kind"])]
            s.gold += 1
            core = not g.get("extended", False)
            s.core += core
            hits = [k for k, c in enumerate(claims) if c["kind"] == g["kind"] and _overlaps(c, spans) and value_matches(c, g)]
            matched_claims.update(hits)
            if hits:
                s.gold_found += 1
                s.core_found += core
                if g["kind"] == "title" and g.get("org"):
                    s.orgs += 1
                    s.orgs_matched += any(_same_org(claims[k], str(g["org"]), lang) for k in hits)
            else:
                ev.missed.append(f"{name}: {g['kind']} {g['surface']!r}" + (" (extended)" if not core else ""))
        for k, c in enumerate(claims):
            s = ev.scores[(lang, c["kind"])]
            s.extracted += 1
            s.extracted_matched += k in matched_claims
        for nc in entry.get("not_claims") or []:
            spans = locate(article.text, str(nc["surface"]))
            for k, c in enumerate(claims):
                if c["kind"] == nc["kind"] and k not in matched_claims and _overlaps(c, spans):
                    ev.not_claim_hits.append(f"{name}: {c['kind']} {c['text']!r} overlaps not_claim {nc['surface']!r}")
    return ev


# --- findings against the gold files' conflicts -----------------------------------------------------

# A gold conflict's attribute -> the finding's kind (and attribute) it calls for.
DATE_WORDS = {"dates", "date", "end date", "edition", "start date"}
TITLE_WORDS = {"title", "portfolio", "office"}


@dataclass
class FindingScore:
    """How the findings of a run meet the gold files' conflicts."""

    gold: list[dict] = field(default_factory=list)  # each: where, subject, attribute, found (finding ids), partial
    findings: list = field(default_factory=list)
    matched: set[str] = field(default_factory=set)

    @property
    def found(self) -> int:
        return sum(bool(g["found"]) for g in self.gold)

    @property
    def recall(self) -> float | None:
        return self.found / len(self.gold) if self.gold else None

    def failures(self, min_recall: float = 0.0, max_findings: int | None = None) -> list[str]:
        out = []
        if self.recall is not None and self.recall < min_recall:
            out.append(f"conflict recall {self.recall:.3f} < {min_recall}")
        if max_findings is not None and len(self.findings) > max_findings:
            out.append(f"{len(self.findings)} findings > {max_findings}")
        return out

    def render(self) -> str:
        by = {level: sum(f.severity == level for f in self.findings) for level in ("error", "warning", "note")}
        recall = "-" if self.recall is None else f"{self.recall:.2f}"
        partial = sum(bool(g["partial"]) and not g["found"] for g in self.gold)
        lines = [f"findings: {len(self.findings)} ({by['error']} error, {by['warning']} warning, {by['note']} note); "
                 f"gold conflicts found: {self.found}/{len(self.gold)} (recall {recall}); "
                 f"{partial} more with their sources split over several findings"]
        missed = [g for g in self.gold if not g["found"]]
        if missed:
            lines.append("gold conflicts not found as one finding:")
            lines += [f"  {g['where']}: {g['subject']} {g['attribute']}" + (" (split over findings)" if g["partial"] else "")
                      for g in missed]
        beyond = [f for f in self.findings if f.id not in self.matched]
        if beyond:
            lines.append(f"findings beyond the gold conflicts ({len(beyond)}):")
            lines += [f"  {f.severity} {f.kind} {f.entity} {f.attribute}" + (f" ({f.measure})" if f.measure else "")
                      + f" [{f.id}]: {f.explanation[:300]}" for f in beyond]
        return "\n".join(lines)


def _gold_attribute(attribute: str):
    """(kind, count attribute or None) that a gold conflict's attribute calls for: counted nouns
    are read with the English language file ("visitors" -> participants)."""
    from factcheck.findings.counts import COUNT_GROUPS
    from factcheck.lang import load
    from factcheck.text import normalise

    words = re.sub(r"\(.*?\)", "", attribute).strip().casefold()
    if words in DATE_WORDS:
        return "date", None
    if words in TITLE_WORDS:
        return "title", None
    en = load("en")
    tokens = en.tokens(normalise(words).text)
    found = next((m[0] for k in range(len(tokens)) if (m := en.lexicon("counts.attributes").match(tokens, k))), words)
    return "count", COUNT_GROUPS.get(found, found)


def _gold_path(gold_path: Path, name: str, corpus: str | Path | None) -> Path:
    """Where an article a gold file names stands: in ``corpus``, beside the gold file, or in
    ``../<gold name>/``."""
    for folder in ([Path(corpus)] if corpus else []) + [gold_path.parent, gold_path.parent.parent / gold_path.stem]:
        if (folder / name).exists():
            return (folder / name).resolve()
    return (gold_path.parent / name).resolve()


def score_findings(results, gold_paths, rules, corpus: str | Path | None = None) -> FindingScore:
    """Match the findings of ``results`` with the ``conflicts:`` of the gold files: a gold conflict
    is found when one finding is of its kind and attribute, about its subject (the rule entity the
    subject links to, when it links to one), holds a claim of every article it names, and holds a
    rule fact when it names a rule."""
    from ruamel.yaml import YAML

    from factcheck.linking import Linker

    linker = Linker(rules)
    score = FindingScore(findings=list(results.findings))
    by_path = {Path(a.path).resolve(): a.id for a in results.articles}
    articles_of = {f.id: {s.article for s in f.sources} for f in results.findings}
    for gold_path in map(Path, gold_paths):
        gold = YAML(typ="safe").load(gold_path.read_text(encoding="utf-8"))
        for g in gold.get("conflicts") or []:
            names = [str(n) for n in g.get("between") or []]
            wanted = {by_path.get(_gold_path(gold_path, n, corpus)) for n in names if not n.startswith("rules:")}
            needs_rule = any(n.startswith("rules:") for n in names)
            kind, attribute = _gold_attribute(str(g.get("attribute", "")))
            subject = linker.event(str(g.get("subject")), "en", None) or linker.person(str(g.get("subject")), "en")

            def fits(f, kind=kind, attribute=attribute, subject=subject) -> bool:
                return f.kind == kind and (attribute is None or f.attribute == attribute) and (
                    subject is None or subject == f.entity or not linker.entities.get(f.entity)
                    or any(o.value.holder == subject for o in rules.offices if o.value.org == f.entity))

            candidates = [f for f in results.findings if fits(f)]
            found = [f.id for f in candidates if wanted <= articles_of[f.id] and (f.facts or not needs_rule)]
            union = set().union(*(articles_of[f.id] for f in candidates)) if candidates else set()
            score.matched.update(found)
            score.gold.append({"where": f"{gold_path}", "subject": g.get("subject"), "attribute": g.get("attribute"),
                               "found": found, "partial": wanted <= union and None not in wanted})
    return score
