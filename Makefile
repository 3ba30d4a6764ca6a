# One entry point for every task. The virtual environment is made on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site test lint fmt serve bench bench-import docs install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev,docs]'
	touch $(STAMP)

install: $(STAMP)

## site: check the demo content in content/ (pages come with the site issue)
site: $(STAMP)
	$(BIN)/xxgk check content
	@echo "内容检查通过。网页生成（xxgk build → site/）尚未实现，将随站点功能提供。"

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: static checks, and the demo content in canonical layout
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/xxgk fmt --check content

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

## bench-import: import accuracy per format and part, and speed against pdfplumber's own extraction
bench-import: $(STAMP)
	$(BIN)/python -m bench.import_bench

## serve: the live preview (not built yet: see the editors' issue)
serve:
	@echo "xxgk serve 尚未实现（预览服务器随编辑功能提供）。" >&2; exit 2

clean:
	rm -rf $(VENV) site docs-site docs/reference .pytest_cache
