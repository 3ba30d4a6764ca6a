"""Wrong types anywhere (issue 12, row 16): every key of a report, of site.yaml and of
agencies.yaml, given each kind of wrong value, gives an error naming that field, or keeps the
value exactly; never an exception. And files written keep their folder's modes (issue 11)."""

from __future__ import annotations

import copy
import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from generator import yamlio
from generator.checks.run import check_report
from generator.findings import Locator
from generator.model.portal import AGENCY_FIELDS, SITE_SETTINGS, agencies_from_data, site_from_data
from generator.model.report import CONTACT_KEYS, KEY_ORDER, SOURCE_KEYS, report_from_data

from .conftest import DEMO

CANDIDATES: list[Any] = [None, True, 7, -1, 1.5, 10**400, [1], {"a": 1}, dt.date(2020, 1, 1), "文字", "shiwo\n", ""]
REPORT = yamlio.load_file(DEMO / "reports/baofeng/2020.yaml", "r")[0].data  # type: ignore[union-attr]
SITE = yamlio.load_file(DEMO / "site.yaml", "s")[0].data  # type: ignore[union-attr]
AGENCIES = yamlio.load_file(DEMO / "agencies.yaml", "a")[0].data  # type: ignore[union-attr]

REPORT_PATHS = (
    [(k,) for k in KEY_ORDER]
    + [("source", k) for k in SOURCE_KEYS]
    + [("contact", k) for k in CONTACT_KEYS]
    + [("requests", "received_new"), ("requests", "received_new", 0), ("proactive", "procurement", 1)]
    + [("proactive", "procurement_as_printed"), ("proactive", "licensing", 1)]
)


def put(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    at = data
    for key in path[:-1]:
        at = at.setdefault(key, {}) if isinstance(at, dict) else at[key]
    at[path[-1]] = value
    return data


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def kept_or_reported(value: Any, kept: Any, findings: list[Any], field: str) -> bool:
    if value is None and kept in (None, {}, [], 0):
        return True  # null is "not given": the default (a required key is reported as missing)
    errors = [f.field for f in findings if f.severity == "error"]
    return any(e == field or e.startswith(field + ".") for e in errors) or (type(kept) is type(value) and kept == value)


@pytest.mark.parametrize("path", REPORT_PATHS, ids=lambda p: ".".join(map(str, p)))
def test_every_report_key_with_every_wrong_value(path: tuple[Any, ...]):
    for value in CANDIDATES:
        report, findings = report_from_data(put(REPORT, path, value), "t.yaml")
        if report is not None:
            findings += check_report(report)
            kept = get(report.to_data(), path)
            if not any(f.severity == "error" for f in findings):
                yamlio.dumps_report(report.to_data())  # what fmt would write: no crash either
        else:
            kept = None
        field = ".".join(map(str, path))
        if path[0] in ("requests", "proactive") and len(path) == 3:  # a cell: named by its address
            field = ".".join(map(str, path[:2]))
        assert kept_or_reported(value, kept, findings, field), (path, value, [f.message for f in findings])


def test_schema_true_is_not_schema_one():
    loaded, _ = yamlio.load_text(yamlio.dumps_report(put(REPORT, ("schema",), True)), "t.yaml")
    _, findings = report_from_data(loaded.data, "t.yaml", loaded.locate)  # type: ignore[union-attr]
    errors = [(f.field, f.message) for f in findings if f.severity == "error"]
    assert errors == [("schema", "schema 应为 1，实为 真假值 true")]


@pytest.mark.parametrize("key", [s.key for s in SITE_SETTINGS] + ["contact.phone", "contact.email"])
def test_every_site_setting_with_every_wrong_value(key: str):
    path = tuple(key.split("."))
    for value in CANDIDATES:
        site, findings = site_from_data(put(SITE, path, value), Locator("s.yaml"))
        kept = None if site is None else get(vars(site), path)
        assert kept_or_reported(value, kept, findings, key), (key, value, [f.message for f in findings])


@pytest.mark.parametrize("key", [f.key for f in AGENCY_FIELDS])
def test_every_agency_field_with_every_wrong_value(key: str):
    for value in CANDIDATES:
        data = put(AGENCIES, (1, key), value)
        agencies, findings = agencies_from_data(data, "a.yaml", Locator("a.yaml"))
        agency = next((a for a in agencies if a.name == get(data, (1, "name"))), None)
        kept = None if agency is None else getattr(agency, key)
        assert kept_or_reported(value, kept, findings, f"1.{key}"), (key, value, [f.message for f in findings])


def test_rewritten_files_keep_their_mode_and_new_ones_take_their_folders(tmp_path: Path):
    old = os.umask(0o022)
    try:
        shared = tmp_path / "shared"
        shared.mkdir()
        existing = shared / "agencies.yaml"
        existing.write_text("[]\n", encoding="utf-8")
        existing.chmod(0o664)
        yamlio.write_atomic(existing, "- id: a\n")
        assert stat.S_IMODE(existing.stat().st_mode) == 0o664
        yamlio.write_atomic(shared / "site.yaml", "title: x\n")  # new, beside a 0664 file
        assert stat.S_IMODE((shared / "site.yaml").stat().st_mode) == 0o664
        yamlio.write_atomic(tmp_path / "empty" / "2020.yaml", "a: 1\n")  # new, alone: as the umask says
        assert stat.S_IMODE((tmp_path / "empty" / "2020.yaml").stat().st_mode) == 0o644
        assert sorted(p.name for p in shared.iterdir()) == ["agencies.yaml", "site.yaml"]
    finally:
        os.umask(old)


def test_write_atomic_through_a_link_writes_its_target_and_keeps_the_link(tmp_path: Path):
    target = tmp_path / "inside" / "real.yaml"
    target.parent.mkdir()
    target.write_text("a: 1\n", encoding="utf-8")
    link = tmp_path / "inside" / "link.yaml"
    link.symlink_to("real.yaml")
    yamlio.write_atomic(link, "a: 2\n", inside=tmp_path / "inside")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "a: 2\n"
    outside = tmp_path / "outside.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "inside" / "out.yaml").symlink_to(outside)
    with pytest.raises(PermissionError):
        yamlio.write_atomic(tmp_path / "inside" / "out.yaml", "a: 3\n", inside=tmp_path / "inside")
    assert outside.read_text(encoding="utf-8") == "a: 1\n"
