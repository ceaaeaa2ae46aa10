#!/usr/bin/env bash
# Installs what the workbench's browser tests need when missing: Debian's chromium and
# chromium-driver (WebDriver), and Selenium from PyPI (Tests/Browser/workbench_test.py).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y "${need[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"; }
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet selenium
