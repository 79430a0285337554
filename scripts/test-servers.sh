#!/usr/bin/env bash
# Installs the OpenAI-compatible servers that the end-to-end tests run
# weft against (servers nobody here wrote) into a venv under .build:
#   mockllm 0.0.8  (FastAPI; strict request validation: it answers HTTP 500
#                   to an assistant message whose content is null)
#   mcp 1.30.0     (the Python MCP SDK: its FastMCP server over stdio and
#                   streamable HTTP, for the MCP client tests)
# Prints the venv's python on success. Exits 1 with a message when the venv
# cannot be built (no network, no python3-venv): the tests that need it
# then skip with that message instead of failing.
set -uo pipefail
cd "$(dirname "$0")/.."
venv=.build/test-servers-venv
stamp=$venv/.weft-installed-2
if [ -f "$stamp" ]; then echo "$PWD/$venv/bin/python"; exit 0; fi
log=$(mktemp)
if python3 -m venv "$venv" >"$log" 2>&1 \
   && "$venv/bin/pip" install --disable-pip-version-check -q "mockllm==0.0.8" "mcp==1.30.0" >>"$log" 2>&1; then
  touch "$stamp"
  rm -f "$log"
  echo "$PWD/$venv/bin/python"
  exit 0
fi
echo "test servers: could not build $venv (offline?): $(tail -1 "$log")" >&2
rm -f "$log"
exit 1
