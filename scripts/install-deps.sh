#!/usr/bin/env bash
# Installs the Debian packages qtrader needs to build and test (see docs/architecture.md).
# Quiet and quick when everything is already there; needs root (or sudo) otherwise.
# Optional groups, named as arguments, add more:
#   fuzz  clang 14 with libFuzzer and the sanitizer runtimes (libclang-rt-14-dev holds
#         libclang_rt.fuzzer-x86_64.a), llvm for llvm-symbolizer (`make fuzz`, docs/fuzzing.md)
set -euo pipefail

packages=(
  cmake ninja-build g++ make pkg-config git ca-certificates
  libxgboost-dev xgboost libsqlite3-dev libcurl4-openssl-dev nlohmann-json3-dev
  libcli11-dev libfmt-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
  python3-dev pybind11-dev python3-pytest python3-numpy python3-pandas python3-matplotlib
  nodejs chromium
)
# The dashboard's front end and browser tests (web/): npm ci at build time, Playwright driving
# chromium. A node from elsewhere (NodeSource) brings its own npm, which Debian's npm would fight.
command -v npm >/dev/null || packages+=(npm)
for group in "$@"; do
  case "$group" in
    fuzz) packages+=(clang clang-14 libclang-rt-14-dev llvm) ;;
    *) echo "install-deps: unknown group '$group' (known: fuzz)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
