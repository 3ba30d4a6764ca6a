"""One synthetic report (what was printed) and its truth file, in exactly the format of
``shared/corpus/wild/*/truth.yaml`` so that ``shared/tools/score_import.py`` scores it.

The YAML is written by PyYAML with a small Dumper (lists of cells in flow style, text parts as
literal blocks, keys in the sample's order) rather than by hand."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import yaml

from . import numbers, prose
from .places import Agency, clashes, match_for, title_for

NOTE = "synthetic report (invented agency details and numbers), made for testing the importer."
MONEY_KEYS = {"gb2021": ("fees", 0), "gb2019": ("procurement", 1)}


@dataclass
class Report:
    n: int
    agency: Agency
    year: int
    template: str
    title: str
    printed_name: str
    title_form: str
    match: str
    published: dt.date
    contact: dict
    tables: dict
    variants: list[str]
    as_printed: dict = field(default_factory=dict)
    inconsistent: list | None = None
    preamble: str = ""
    opening: str = ""
    sections: list = field(default_factory=list)
    problems: str = ""
    other: str = ""
    intros: dict = field(default_factory=dict)
    signature: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.n:03d}_{self.year}_{self.template}_{self.agency.kind}"

    @property
    def overview(self) -> str:
        parts = [self.opening]
        for head, text in self.sections:
            parts += [head, text] if head.startswith("（") else [head + text]
        return "\n\n".join(parts)

    def has(self, variant: str) -> bool:
        return variant in self.variants

    @property
    def blank(self) -> bool:
        return self.has("blank_tables")

    @property
    def single_other(self) -> bool:
        return "other_processing" in self.tables["requests"]


def _published(rng: random.Random, year: int) -> dt.date:
    late = rng.random() < 0.08
    month, day = (rng.choice([2, 3]), rng.randint(1, 28)) if late else (1, rng.randint(8, 31))
    return dt.date(year + 1, month, day)


def build(rng: random.Random, n: int, agency: Agency, year: int, agencies: list[Agency]) -> Report:
    template = "gb2019" if year <= 2020 else "gb2021"
    clash = clashes(agency, agencies)
    title, printed, form = title_for(rng, agency, year, clash)
    variants: list[str] = []
    single_other = template == "gb2019" or rng.random() < 0.2
    if template == "gb2021" and single_other:
        variants.append("single_other_row")
    tables = {
        "proactive": numbers.proactive_table(rng, template, agency.kind, agency.load),
        "requests": numbers.requests_table(rng, agency.load, year, single_other),
    }
    tables["review_litigation"] = numbers.review_table(rng, tables["requests"]["received_new"][6])
    for v, p in [("money_yuan", 0.3), ("label_typos", 0.15), ("spaced_labels", 0.15), ("halfwidth_parens", 0.15),
                 ("fullwidth_digits", 0.06), ("short_labels", 0.25), ("title_two_lines", 0.3), ("proactive_one_table", 0.25)]:
        if rng.random() < p:
            variants.append(v)
    inconsistent = None
    if rng.random() < 0.07:
        variants.append("blank_tables")
    elif rng.random() < 0.08:
        inconsistent = numbers.make_inconsistent(rng, tables)
        variants.append("inconsistent")
    c = prose.contact(rng, agency)
    r = Report(n, agency, year, template, title, printed, form, match_for(agency, year, clash), _published(rng, year), c,
               tables, variants, inconsistent=inconsistent)
    key, col = MONEY_KEYS[template]
    amount = tables["proactive"][key][col]
    if r.has("money_yuan") and amount:
        r.as_printed[key] = f"{round(amount * 10_000)}元"
    elif r.has("money_yuan"):
        r.variants.remove("money_yuan")
    r.preamble = prose.preamble(rng, agency, year, agency.full_name(year), c, template) if rng.random() < 0.85 else ""
    r.opening, r.sections = prose.overview(rng, agency, year, tables, numbered=rng.random() < 0.8)
    r.problems = prose.problems(rng, year)
    r.other = prose.other(rng, agency, year, template)
    r.intros = prose.part_intros(rng, agency, year, tables)
    pub = r.published
    r.signature = [agency.full_name(year), f"{pub.year}年{pub.month}月{pub.day}日"]
    if r.blank:
        for t in tables.values():
            for k in t:
                t[k] = [None] * len(t[k])
        r.as_printed = {}
        r.variants = [v for v in r.variants if v != "money_yuan"]
    r.variants.sort()
    return r


class _Dumper(yaml.SafeDumper):
    pass


class _Flow(list):
    pass


class _Block(str):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_Block, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|"))


def truth_dict(r: Report, files: list[str]) -> dict:
    d: dict = {"note": NOTE, "agency": r.agency.full_name(r.year), "agency_match": r.match, "year": r.year,
               "template": r.template, "title": r.title, "published": r.published, "contact": dict(r.contact),
               "variants": _Flow(r.variants)}
    if r.inconsistent:
        d["inconsistent"] = _Flow(r.inconsistent)
    for t in ("proactive", "requests", "review_litigation"):
        rows = {}
        for k, v in r.tables[t].items():
            rows[k] = _Flow(v)
            if k in r.as_printed:
                rows[f"{k}_as_printed"] = r.as_printed[k]
        d[t] = rows
    d["overview"] = _Block(r.overview + "\n")
    d["problems"] = _Block(r.problems + "\n")
    d["other"] = _Block(r.other + "\n")
    d["extra_text"] = {"preamble": r.preamble or None, **r.intros, "signature": _Flow(r.signature)}
    d["files"] = _Flow(files)
    return d


def truth_yaml(r: Report, files: list[str]) -> str:
    return yaml.dump(truth_dict(r, files), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
