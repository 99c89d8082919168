"""factcheck: catch factual conflicts in news before readers do."""

from factcheck.api import Results, check, extract
from factcheck.corpus import Article, Problem, read_corpus

__all__ = ["Article", "Problem", "Results", "check", "extract", "load_rules", "read_corpus"]
__version__ = "0.1.0"


def load_rules(directory):
    """Load and validate the rule files under ``directory``: (rules, errors)."""
    from factcheck.rules import load_rules as _load

    return _load(directory)
