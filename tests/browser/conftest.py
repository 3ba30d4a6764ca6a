"""One demo site built per test session, served under a sub-path, and one Chromium for all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build

from .serve import block_other_hosts, launch, serve

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build(ROOT / "content", out, base_url="https://www.example.gov.cn/xxgk/ndbg/", audit=True)
    return out


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site, "xxgk/ndbg") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def context(browser):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.blocked = block_other_hosts(ctx)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def tab(context):  # type: ignore[no-untyped-def]
    return context.new_page()


@pytest.fixture(scope="session")
def synth_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small synthetic portal (bench.synth) with non-zero figures, so charts are drawn."""
    from bench.synth import write_portal

    root = tmp_path_factory.mktemp("synth")
    write_portal(root / "content", 3, range(2019, 2023))
    build(root / "content", root / "site", search=False)
    with serve(root / "site", "") as url:
        yield url
