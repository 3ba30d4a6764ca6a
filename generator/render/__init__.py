"""Rendering only: the Jinja environment and the theme, Markdown text, charts as SVG."""
