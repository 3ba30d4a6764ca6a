"""Every document of the generated corpus imports to its truth, cell by cell, with no
wrong number written silently (the benchmark measures the same on more; this keeps it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import yamlio
from generator.importer import parse_file

CORPUS = Path(__file__).resolve().parent / "data" / "import"
DOCS = sorted((CORPUS / "docs").glob("*"))
LAYOUTS = {d.name.split(".", 1)[1] for d in DOCS}


def test_corpus_has_every_layout_the_issue_asks_for() -> None:
    assert {"gov.html", "gbk.html", "docx", "lo.pdf", "chrome.pdf", "borderless.pdf", "txt"} <= LAYOUTS
    truths = {p.stem for p in (CORPUS / "truth").glob("*.yaml")}
    templates = {yamlio.load_file(CORPUS / "truth" / f"{t}.yaml", t)[0].data["template"] for t in truths}  # type: ignore[union-attr]
    assert templates == {"gb2019", "gb2021"}
    total = sum(f.stat().st_size for f in CORPUS.rglob("*") if f.is_file())
    assert total < 3 * 1024 * 1024


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_document_imports_to_truth(doc: Path) -> None:
    name = doc.name.split(".", 1)[0]
    truth = yamlio.load_file(CORPUS / "truth" / f"{name}.yaml", name)[0].data  # type: ignore[union-attr]
    parsed = parse_file(doc, None, None)
    assert parsed.error == ""
    report = parsed.report
    assert report is not None
    assert (report.agency_name, report.year, report.template) == (truth["agency_name"], truth["year"], truth["template"])
    for table in ("proactive", "requests", "review_litigation"):
        assert getattr(report, table) == truth[table], table
    assert report.published.isoformat() == str(truth["published"])  # type: ignore[union-attr]
    assert report.contact.phone == "0000-1234567"  # type: ignore[union-attr]
    assert report.other == truth["other"]
