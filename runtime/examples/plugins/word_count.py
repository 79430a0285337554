#!/usr/bin/env python3
"""A weft process plugin: tools served over JSON lines on stdin/stdout.

weft starts this script as a job (see init.lua next to it). The protocol
(docs/plugins.md) is one JSON object per line in each direction:

  plugin -> weft, once at start:
    {"type": "hello", "name": "word_count", "version": 1,
     "tools": [{"name", "description", "parameters", "needs_approval"}]}
  weft -> plugin, a tool call:
    {"id": 7, "method": "call", "tool": "word_count", "arguments": {...}}
  plugin -> weft, its answer (same id):
    {"id": 7, "result": {"output": "...", "is_error": false}}
    or {"id": 7, "error": "what went wrong"}
  plugin -> weft, any time:
    {"type": "log", "level": "info", "message": "..."}

The plugin exits when its stdin closes. Standard library only.
"""
import json
import sys

TOOLS = [
    {
        "name": "word_count",
        "description": "Count the words, lines and characters of a text.",
        "parameters": {
            "type": "object",
            "properties": {"text": {"type": "string", "description": "the text to count"}},
            "required": ["text"],
        },
        "needs_approval": False,
    }
]


def word_count(args):
    text = args.get("text")
    if not isinstance(text, str):
        return {"output": "word_count: 'text' must be a string", "is_error": True}
    words = len(text.split())
    lines = len(text.splitlines()) if text else 0
    return {"output": f"{words} words, {lines} lines, {len(text)} characters", "is_error": False}


HANDLERS = {"word_count": word_count}


def send(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def answer(msg):
    req_id = msg.get("id")
    if msg.get("method") != "call":
        return {"id": req_id, "error": f"unknown method: {msg.get('method')!r}"}
    handler = HANDLERS.get(msg.get("tool"))
    if handler is None:
        return {"id": req_id, "error": f"unknown tool: {msg.get('tool')!r}"}
    args = msg.get("arguments")
    if not isinstance(args, dict):
        args = {}
    try:
        return {"id": req_id, "result": handler(args)}
    except Exception as exc:  # a bug in a tool must not kill the plugin
        return {"id": req_id, "error": f"{type(exc).__name__}: {exc}"}


def main():
    send({"type": "hello", "name": "word_count", "version": 1, "tools": TOOLS})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
        except json.JSONDecodeError as exc:
            send({"type": "log", "level": "warn", "message": f"bad JSON from weft: {exc}"})
            continue
        if not isinstance(msg, dict):
            send({"type": "log", "level": "warn", "message": "expected a JSON object"})
            continue
        send(answer(msg))


if __name__ == "__main__":
    main()
