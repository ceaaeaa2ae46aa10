#!/usr/bin/env bash
# Installs Braid's system dependencies on Debian/Ubuntu when they are missing:
# libglpk-dev (GLPK, linked by the C shim) and glpk-utils (glpsol, used by cross-check tests).
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y "${need[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"; }
fi
