"""Broken MCP servers for weft's end-to-end tests (no MCP library needed).

Usage: python3 broken_server.py MODE
  garbage  prints non-JSON on stdout and never answers
  silent   reads its input and never answers the handshake
  exit     exits at once with status 7 and a message on stderr
"""
import sys
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "silent"
if mode == "garbage":
    print("Hello! This is not JSON-RPC.", flush=True)
    print("\x1b[31mcolourful garbage\x1b[0m", flush=True)
    for line in sys.stdin:
        print("still not json", flush=True)
elif mode == "exit":
    sys.stderr.write("broken_server: cannot start (missing API key)\n")
    sys.exit(7)
else:
    for line in sys.stdin:
        pass
    time.sleep(3600)
