"""Tunable thresholds of recognition, in one place (the benchmark reads and may vary them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # A printed row label matches a template row when their similarity reaches this.
    label_match: float = 0.62
    # ... and beats the second-best candidate by at least this much.
    label_margin: float = 0.08
    # A part heading is at most this many characters (longer lines are body text).
    heading_max: int = 40
    # A sub-heading that is not joined with the next paragraph is at most this long.
    subheading_max: int = 30
    # How many lines of the document's start may hold the title.
    title_lines: int = 4


DEFAULT = Settings()
