# Two promises: `make run` serves on http://127.0.0.1:8000 and `make test` checks everything,
# both on a fresh machine. uv is installed with pip where it is missing.
UV := $(shell command -v uv >/dev/null 2>&1 && echo uv || echo "python3 -m uv")
HOST ?= 127.0.0.1
PORT ?= 8000

# System packages beyond Python: cairo and a font render diagrams to PNG/PDF (the service runs without
# them); Chromium runs the browser tests, LibreOffice Calc opens the xlsx downloads, poppler-utils reads printed PDFs. tools/ensure-system-packages installs them with apt-get as root.
RUNTIME_PACKAGES := libcairo2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := chromium libreoffice-calc-nogui poppler-utils

.PHONY: install system-runtime system-test run test check lint typecheck pytest bench clean

install: .venv/.installed

.venv/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

run: install system-runtime
	$(UV) run beleidsgraaf serve --host $(HOST) --port $(PORT)

test: system-runtime system-test check

system-runtime:
	@tools/ensure-system-packages $(RUNTIME_PACKAGES)

system-test:
	@tools/ensure-system-packages --required $(TEST_PACKAGES)

check: lint typecheck pytest

lint: install
	$(UV) run ruff format --check api tests benchmarks
	$(UV) run ruff check api tests benchmarks

typecheck: install
	$(UV) run mypy

pytest: install
	$(UV) run pytest --durations=15

bench: install
	$(UV) run python benchmarks/run.py

clean:
	rm -rf .venv var .pytest_cache .mypy_cache .ruff_cache
