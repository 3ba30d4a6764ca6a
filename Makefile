# One entry point for every task. The virtual environment is made on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site test lint fmt golden serve bench bench-import bench-heldout bench-scan bench-build bench-serve docs install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev,docs]'
	touch $(STAMP)

install: $(STAMP)

## site: check the demo content in content/ and build it into site/
site: $(STAMP)
	$(BIN)/xxgk build content --out site
	@echo "网站已生成：site/index.html（可直接用浏览器打开，或放到任何网站子路径下）"

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: static checks, and the demo content in canonical layout
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/xxgk fmt --check content

## golden: rewrite the golden files of the build output after a reviewed change
golden: $(STAMP)
	XXGK_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_site_golden.py

## fmt: rewrite the demo content's report files in canonical layout
fmt: $(STAMP)
	$(BIN)/xxgk fmt content

## bench: speed and memory of `xxgk check` on synthetic portals (medians of several runs)
bench: $(STAMP)
	$(BIN)/python -m bench.check_bench

## docs: the editors' handbook (Chinese, offline) into docs-site/; reference pages generated from the code
docs: $(STAMP)
	$(BIN)/python -m generator.handbook docs/reference
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --quiet
	@echo "编辑手册已生成：docs-site/index.html"

## bench-import: import accuracy per kind of document (committed corpus, the wild sample, held-out
## documents made outside the repository, scans) and speed against pdfplumber's own extraction
bench-import: $(STAMP)
	$(BIN)/python -m bench.import_bench
	$(BIN)/python -m bench.heldout.make
	$(BIN)/python -m bench.heldout.score
	$(BIN)/python -m bench.scan_bench --quick --engines rapidocr

## bench-scan: scanned reports: cells right and seconds per page, PP-OCRv4 (RapidOCR) against tesseract
## (001's scan and the 150 dpi scans, 3 runs; every scan kind: python -m bench.scan_bench --runs 1)
bench-scan: $(STAMP)
	$(BIN)/python -m bench.scan_bench --quick --runs 3

## bench-heldout: import accuracy per kind on held-out documents made outside the repository ($$XXGK_HELDOUT or /tmp/xxgk-heldout)
bench-heldout: $(STAMP)
	$(BIN)/python -m bench.heldout.make
	$(BIN)/python -m bench.heldout.score

## bench-build: build speed and memory on synthetic portals against Hugo (+ Pagefind) and against
## xxgk at revision BEFORE (default: the commit before the build was split into stages)
BEFORE ?= 75ada81
bench-build: $(STAMP)
	$(BIN)/python -m bench.build_bench --sizes 50x7,300x7,3000x7 --runs 5 --large-runs 1 \
		--tools xxgk,xxgk-before,hugo,hugo+pagefind --before $(BEFORE)

## serve: the live preview of content/ for editors (Ctrl-C stops it)
serve: $(STAMP)
	$(BIN)/xxgk serve content

## bench-serve: time from saving a report to the new page being served, on a 300 x 7 portal
bench-serve: $(STAMP)
	$(BIN)/python -m bench.serve_bench --agencies 300 --years 7 --edits 100 --builds 3

clean:
	rm -rf $(VENV) site docs-site docs/reference .pytest_cache
