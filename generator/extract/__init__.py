"""Recognition: a neutral Document in, a Report and notes out. Knows the template, not formats."""

from .run import Extraction, extract

__all__ = ["Extraction", "extract"]
