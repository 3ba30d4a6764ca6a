"""Import originals into a content folder: read → recognise → report YAML, never losing work.

``batch`` runs a batch; ``read`` turns one file into a recognised report (in a worker process,
``workers``, within a time limit); ``register`` decides which agency a report belongs to and
registers new ones; ``write`` writes the report and the original.
"""

from .batch import DEFAULT_TIMEOUT, Options, collect, run_import
from .read import Parsed, parse_file, path_hints
from .register import Register, agency_id, agency_kind, short_name, valid_id
from .write import IMPORT, Outcome

__all__ = [
    "DEFAULT_TIMEOUT", "IMPORT", "Options", "Outcome", "Parsed", "Register", "agency_id", "agency_kind",
    "collect", "parse_file", "path_hints", "run_import", "short_name", "valid_id",
]
