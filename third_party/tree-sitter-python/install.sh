#!/usr/bin/env bash
# Installs the Python grammar that dimsum compiles in: npm tree-sitter-python at the version
# package-lock.json pins (0.23.6, whose generated parser is language ABI 14, which Debian 12's
# libtree-sitter 0.20.7 accepts; 0.25 is not). Only its src/parser.c and src/scanner.c are used.
# Run by scripts/install-deps; does nothing when the pinned version is already installed.
set -euo pipefail
cd "$(dirname "$0")"
grammar=node_modules/tree-sitter-python
if [ -f "$grammar/src/parser.c" ] && [ ! package-lock.json -nt node_modules ]; then exit 0; fi
command -v npm >/dev/null ||
  { echo "third_party/tree-sitter-python/install.sh: npm is needed to install the Python grammar" >&2; exit 1; }
# --ignore-scripts: the package's install script would build a Node.js binding, which dimsum does
# not use (and which needs node-gyp and the network).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
touch node_modules
