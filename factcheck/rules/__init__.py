"""Editors' rule files: entities, their known facts, and who held which office when.

``model`` defines the format, ``load`` reads and validates files (every error with file, line,
column and a hint), ``lint`` warns of rules that can never take effect.
"""

from factcheck.rules.lint import lint_rules
from factcheck.rules.load import Located, RuleError, Rules, load_rules
from factcheck.rules.model import (
    Acknowledgement,
    Confirmation,
    CountFact,
    DatasetExpectation,
    DatesFact,
    Entity,
    Example,
    Office,
    RuleFile,
)

__all__ = ["Acknowledgement", "Confirmation", "CountFact", "DatasetExpectation", "DatesFact", "Entity", "Example", "Located", "Office",
           "RuleError", "RuleFile", "Rules", "lint_rules", "load_rules"]
