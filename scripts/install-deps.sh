#!/usr/bin/env bash
# Installs Braid's system dependencies on Debian/Ubuntu when they are missing:
# libglpk-dev (GLPK, linked by the C shim), glpk-utils (glpsol, used by cross-check tests) and
# libxlsxwriter-dev (Excel workbooks out) and libsqlite3-dev (the workbench's run history, GRDB).
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
[ -f /usr/include/xlsxwriter.h ] || need+=(libxlsxwriter-dev)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y "${need[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"; }
fi
