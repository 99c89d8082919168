"""``factcheck explain ID``: what factcheck decided about one claim or one finding, in an editor's
words: what the claim was read as, which entity it was linked to and why (the name that matched, with
its score), what it was compared with, and why it is, or is not, part of a finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.findings import Finding
    from factcheck.results import Results
    from factcheck.rules import Rules


def explain(results: Results, rules: Rules, target: str) -> str | None:
    """The explanation of the finding or claim whose id is ``target``; None when none has it."""
    finding = next((f for f in results.findings if f.id == target), None)
    if finding is not None:
        return _finding(finding, results)
    rows = results.claim_rows({target})
    return _claim(rows[0], results, rules) if rows else None


def _finding(f: Finding, results: Results) -> str:
    lines = [f"Finding {f.id}: {f.severity}, {f.kind} of {f.entity}, {f.attribute}" + (f" ({f.measure})" if f.measure else "")
             + f"; status {f.status}.", f"Measured against: {f.reference}.", f"Why: {f.explanation}"]
    lines += [f"Rule fact: {fact.value} ({fact.where})" + (f", source {fact.source}" if fact.source else "") for fact in f.facts]
    lines.append(f"Sources ({len(f.sources)}, {len(f.apart)} apart):")
    for s in f.sources:
        mark = f"APART ({s.by})" if s.apart and s.by else "APART" if s.apart else "agrees"
        lines.append(f"  {mark}: {s.article} says {s.value}" + (f", as of {s.as_of}" if s.as_of else "")
                     + (f"; about {f.entity} {s.linked}" if s.linked else "") + f"  [claim {s.claim}]")
    if f.acknowledged:
        lines.append(f"Acknowledged by {f.acknowledged['by']} ({f.acknowledged['where']}): {f.acknowledged['why']}")
    if f.confirmed:
        c = f.confirmed
        lines.append(f"Confirmed by {c['by']} on {c['date']} ({c['where']}): {c['rating']}. {c['verdict']} "
                     f"Correct: {c['correct']}. Correction: {c['url']}")
    lines.append(f"Explain a source: factcheck explain CLAIM-ID (e.g. {f.sources[0].claim})." if f.sources else "")
    return "\n".join(line for line in lines if line)


def _claim(row: dict, results: Results, rules: Rules) -> str:
    import re

    from factcheck.report import summary_of

    # what the article wrote, its line breaks and runs of spaces made one space (the ids kept as they are)
    row = {k: re.sub(r"\s+", " ", v).strip() if isinstance(v, str) and k not in ("id", "article") else v for k, v in row.items()}
    sentence = row.get("sentence") or ""
    lines = [f"Claim {row['id']}: {row['article']}, line {row['line']}, language {row['lang']}"
             + (f", published {row['published']}" if row.get("published") else ", no publication date") + ".",
             f"Text: \"{row['text']}\" in \"{sentence}\"",
             f"Read as: a {row['kind']}, {summary_of(row)}" + (f", as of {row['as_of']}" if row.get("as_of") else "")
             + (f", {row['calendar']} calendar" if row.get("calendar") not in (None, "gregorian") else "") + "."]
    lines += _linking(row, results, rules)
    holding = [f for f in results.findings if row["id"] in f.claims]
    for f in holding:
        source = next(s for s in f.sources if s.claim == row["id"])
        role = f"stands apart ({source.by})" if source.apart and source.by else "stands apart" if source.apart else \
            "agrees with what it is measured against, and is shown beside those apart"
        lines.append(f"Compared: in finding {f.id} ({f.severity}, {f.status}): it {role}; measured against {f.reference}. "
                     f"See: factcheck explain {f.id}")
    if not holding:
        why = results.unchecked.get(row["id"])
        lines.append(f"Not compared: {why}." if why else
                     "Compared with the rules and the other claims about the same entity and attribute: none of them "
                     "contradicts it, so it is in no finding.")
    return "\n".join(lines)


def _linking(row: dict, results: Results, rules: Rules) -> list[str]:
    """How the claim's subject, person and organisation were linked: the claims of its article linked
    again as the run linked them, with the name that matched and its score."""
    from factcheck.linking import Linker, link

    claims = results.claims
    article = [a for a in results.articles if a.id == row["article"]]
    linked = link(claims[claims["article"] == row["article"]], rules, article)
    mine = linked[linked["id"] == row["id"]].iloc[0].to_dict()
    linker = Linker(rules)
    lines = []
    text, entity, key = _text(mine.get("subject_text")), _text(mine.get("subject_id")), _text(mine.get("subject_key"))
    if entity:
        others = [] if linker.codes_in(text or "") else [e.id for _, e, _ in linker.scored("event", text, row["lang"])
                                                          if e.id != entity] if text else []
        choice = f"; other rule events matched too ({', '.join(others)}): the article's year, place or date chose" if others else ""
        lines.append(f"Linked to: {entity} (rules: {rules.entities[entity].where}), {link_reason(mine, entity, linker)}{choice}.")
    elif key:
        near = linker.scored("event", text, row["lang"], floor=0)[:1] if text and not _inferred(mine) else []
        closest = f"; the closest rule name is \"{near[0][2]}\" (score {near[0][0]:.0f})" if near else ""
        lines.append((f"Linked to: {key}, " if _inferred(mine) else "Linked to no rule entity: ") + f"{link_reason(mine, key, linker)}{closest}.")
    elif row["kind"] != "title":
        lines.append("Linked to nothing: the sentence names no event, and the article is not about one event.")
    for part, kind in (("person", "person"), ("org", "organisation")):
        if said := _said(mine, part):
            found = _text(mine.get(f"{part}_id"))
            lines.append(f"The {kind} \"{said}\" is " + (f"the rules' {found}, by {linker.how(kind, said, row['lang'], found)}." if found else
                                                          "no entity of the rules (no rule name matches it)."))
    return lines


LINK_COLUMNS = ["id", "kind", "lang", "role", "subject_text", "subject_id", "subject_key", "subject_inferred",
                "person_text", "person_full", "person_id", "org_text", "org_id"]


def link_sources(linked, findings: list[Finding], rules: Rules) -> None:
    """Say on each source of ``findings`` how its claim came to the finding's entity
    (``Source.linked``, which the report and the JSON output show): ``linked`` is the linked claims
    table. Each distinct name is scored once, however many claims write it."""
    wanted = {s.claim for f in findings for s in f.sources}
    if not wanted:
        return
    from factcheck.findings.model import among, as_records
    from factcheck.linking import Linker

    linker = Linker(rules)
    table = linked.loc[among(linked["id"], wanted), [c for c in LINK_COLUMNS if c in linked.columns]]
    rows = {r.pop("id"): r for r in as_records(table)}
    said: dict[tuple, str | None] = {}  # the reason of each distinct row and entity: an archive's sources repeat a few
    for f in findings:
        for s in f.sources:
            if (row := rows.get(s.claim)) is not None:
                key = (str(f.entity), *row.values())
                if key not in said:
                    said[key] = link_reason(row, str(f.entity), linker) or None
                s.linked = said[key]


def link_reason(row: dict, entity: str, linker) -> str:
    """Why the claim of ``row`` (a linked claims row) is about ``entity``, in an editor's words."""
    lang = row["lang"]
    for part, kind in (("person", "person"), ("org", "organisation")):
        if _text(row.get(f"{part}_id")) == entity:
            return f"its {kind}, by {linker.how(kind, _said(row, part) or '', lang, entity)}"
    if row.get("kind") == "title" and (role := _text(row.get("role"))):
        office = role.replace("_", " ") + (f" of {org}" if (org := _text(row.get("org_id")) or _text(row.get("org_text"))) else "")
        return f"as another holder of the office ({office})"
    text, named = _text(row.get("subject_text")), _text(row.get("subject_id"))
    if named:
        how = linker.how("event", text or "", lang, named)
        return f"by {how}" if named == entity else \
            f"by {how}, which names {named}; but its article gives that edition {entity}'s dates, so it speaks of {entity}"
    if _inferred(row):
        return "inferred: the sentence names no event, and most of the article's claims that name one name it"
    if text:
        return f'by the name "{text}" as the articles write it: no rule name matches it, so they are compared with each other'
    return ""


def _said(row: dict, part: str) -> str | None:
    """The person or organisation (``part``) as the article names it: a surname alone by the full name it gives."""
    return _text(row.get(f"{part}_full")) or _text(row.get(f"{part}_text"))


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _inferred(row: dict) -> bool:
    value = row.get("subject_inferred")
    return value is not None and str(value) == "True"  # a numpy or Python bool; pandas' NA is neither
