"""YAML in and out: safe loading with the line of every value, and the printed-table layout.

PyYAML (the de-facto YAML library for Python, with libyaml's fast parser and exact marks)
does the parsing and the scalar quoting. What is ours, one module each:

* :mod:`.load` — plain values with the line and column of every key path; aliases, tags,
  deep nesting and oversized files refused; duplicate keys named with both lines.
* :mod:`.scalars` — no number silently changed: a plain scalar that YAML 1.1 reads as
  something other than it says (``012`` octal, ``1:30`` base 60, ``1_000``, ``0x1A``,
  ``yes``/``no``/``on``/``off``), or that cannot be made a value (``2022-02-30``, an integer of
  thousands of digits), is a finding with file, line, column and field, never a value.
* :mod:`.save` — a report laid out like the printed report, byte-identical on load → save.
* :mod:`.comments` — the editor's comments carried over into a new layout (``xxgk fmt``).
* :mod:`.files` — UTF-8 text read within a size limit; files written atomically, keeping
  their permissions and their symbolic links.

Only this package touches YAML.
"""

from .comments import keep_comments
from .files import MAX_BYTES, copy_atomic, read_text, too_big, write_atomic
from .load import MAX_DEPTH, TABLE_KEYS, Loaded, load_file, load_text
from .save import dumps, dumps_report, layout_comments

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "TABLE_KEYS",
    "Loaded",
    "dumps",
    "dumps_report",
    "copy_atomic",
    "keep_comments",
    "layout_comments",
    "load_file",
    "load_text",
    "read_text",
    "too_big",
    "write_atomic",
]
