"""The editors' commands: ``factcheck rules check|new|test|schema`` and ``factcheck init`` (a thin layer
over ``factcheck.rules``, ``factcheck.editor`` and ``factcheck.newsroom``)."""

from __future__ import annotations

import sys


def cmd_rules_check(args) -> int:
    from factcheck.rules import lint_rules, load_rules

    rules, errors = load_rules(args.dir or ["rules"])
    remarks = lint_rules(rules) if not errors else []
    for e in [*errors, *remarks]:
        print(e)
    warnings = sum(r.severity == "warning" for r in remarks)
    notices = f", {len(remarks) - warnings} notice(s)" if len(remarks) > warnings else ""
    print(f"{len(rules.files)} rule file(s): {len(errors)} error(s), {warnings} warning(s){notices}", file=sys.stderr)
    return 2 if errors else 0


def cmd_rules_new(args) -> int:
    from factcheck.editor import new_rule_file

    try:
        path = new_rule_file(args.kind, args.name, args.dir)
    except (FileExistsError, ValueError) as e:
        print(e, file=sys.stderr)
        return 2
    print(f"wrote {path}; fill it in, then run: factcheck rules check {args.dir}")
    return 0


def cmd_init(args) -> int:
    from factcheck.newsroom import init

    try:
        done = init(args.dir, args.factcheck)
    except OSError as e:
        print(f"{args.dir}: {e.strerror or e}; give a folder you can write to", file=sys.stderr)
        return 2
    for path, written in done:
        print(f"{'wrote' if written else 'kept '} {path.as_posix()}{'' if written else ' (it exists: not overwritten)'}")
    print(f"next: cd {args.dir} && python3 -m pip install nox uv && nox -s check   (its example article has a conflict, "
          "on purpose: exit 1)")
    return 0


def cmd_rules_test(args) -> int:
    from factcheck.editor import run_examples
    from factcheck.rules import load_rules

    rules, errors = load_rules(args.dir or ["rules"])
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        return 2
    results = run_examples(rules)
    failed = [r for r in results if not r.passed]
    for r in failed:
        print(r)
    print(f"{len(results)} example(s): {len(results) - len(failed)} passed, {len(failed)} failed", file=sys.stderr)
    return 1 if failed else 0


def cmd_rules_schema(args) -> int:
    from factcheck.editor import json_schema
    from factcheck.newsroom import SCHEMA
    from factcheck.writing import write

    if failed := write(json_schema(), args.output or SCHEMA):
        print(f"not written: {failed}", file=sys.stderr)
        return 2
    return 0


def add_editor_commands(sub) -> None:
    """The `rules` and `init` commands, on the main parser's subparsers ``sub``."""
    rules = sub.add_parser("rules", help="work on rule files: check, new, test, schema").add_subparsers(dest="action", required=True)
    p = rules.add_parser("check", help="validate rule files and list every problem as file:line:col")
    p.add_argument("dir", nargs="*", help="folders of rule files (default: rules)")
    p.set_defaults(func=cmd_rules_check)
    p = rules.add_parser("new", help="write a commented starter rule file")
    p.add_argument("kind", choices=("event", "person", "office"))
    p.add_argument("name", help="the event's or person's name")
    p.add_argument("--dir", default="rules")
    p.set_defaults(func=cmd_rules_new)
    p = rules.add_parser("test", help="run the example sentences of the rule files")
    p.add_argument("dir", nargs="*", help="folders of rule files (default: rules)")
    p.set_defaults(func=cmd_rules_test)
    p = rules.add_parser("schema", help="write the JSON Schema of rule files (for editors' YAML plugins)")
    p.add_argument("-o", "--output", help="default: docs/rules.schema.json in the current folder, where the rule "
                                           "files' $schema lines point from rules/")
    p.set_defaults(func=cmd_rules_schema)

    p = sub.add_parser("init", help="lay out a newsroom's repository: articles, rules, noxfile, CI workflow, editor settings")
    p.add_argument("dir", nargs="?", default=".", help="the repository's folder (default: here); made if missing")
    p.add_argument("--factcheck", metavar="REQUIREMENT",
                   help="what its noxfile installs: a version (factcheck==0.1.0), a wheel's path or a URL "
                        "(default: this factcheck's version)")
    p.set_defaults(func=cmd_init)
