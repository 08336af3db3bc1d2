#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver (Debian packages) for the slow
# browser test, only when they are missing. Selenium comes from PyPI.
# Usage: bash .ci/install-browser.sh   (as root, or with sudo available)
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-browser: not root and no sudo; skipping (the browser test will skip)" >&2
        exit 0
    fi
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # fonts-nanum: a Korean font, so labels in screenshots are not empty boxes.
    $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-nanum >/dev/null
fi

if ! python -c "import selenium" >/dev/null 2>&1; then
    python -m pip install --quiet "selenium>=4.15,<5"
fi

echo "install-browser: $(chromium --version 2>/dev/null || echo 'chromium missing'); chromedriver at $(command -v chromedriver || echo missing)"
