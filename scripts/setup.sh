#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine that has Swift 6.3 for building and testing Weft: installs the Debian
# packages listed below when they are missing. Safe to run again; it changes nothing that is already in place.
set -euo pipefail

# Debian packages the build needs: SQLite for the queue store; image codecs and later capabilities add theirs here.
packages=(git libsqlite3-dev)
# Image codecs for CImageCodecs/WeftImage: libpng, libjpeg-turbo, libwebp, zlib, and pkg-config.
packages+=(libpng-dev libjpeg62-turbo-dev libwebp-dev zlib1g-dev pkg-config)
# OpenBLAS (CBLAS headers and the pthread library) for COpenBLAS/WeftTensor's matrix products.
packages+=(libopenblas-dev)

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: Swift 6.3 is not installed; install the Swift toolchain first" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} > 0)); then
    echo "setup: installing ${missing[*]}"
    run_as_root=()
    [ "$(id -u)" -eq 0 ] || run_as_root=(sudo)
    "${run_as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${run_as_root[@]}" apt-get install -y -qq "${missing[@]}"
fi
