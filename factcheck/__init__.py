"""factcheck: catch factual conflicts in news before readers do."""

from factcheck.api import Results, extract
from factcheck.corpus import Article, Problem, read_corpus

__all__ = ["Article", "Problem", "Results", "extract", "read_corpus"]
__version__ = "0.1.0"
