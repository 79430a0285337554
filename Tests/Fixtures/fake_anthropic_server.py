#!/usr/bin/env python3
"""A fake Anthropic Messages API server for weft's tests (standard library only).

    python3 fake_anthropic_server.py --port 0 [--idle-timeout 60] [--key KEY]
        binds 127.0.0.1, prints the chosen port on stdout, serves until no
        request came for --idle-timeout seconds, then exits. With --key,
        requests without that x-api-key get the API's 401.
    python3 fake_anthropic_server.py --dump CASE
        writes the exact SSE body bytes of a streaming CASE to stdout (the
        unit tests feed these to the parser).

POST /v1/messages checks the request as the real API does (headers,
max_tokens, alternating roles starting with user, every tool_use answered
by a tool_result at the start of the next user turn and no other
tool_result, thinking blocks signed, budget below max_tokens, at most four
cache_control blocks) and answers 400 invalid_request_error when it is
wrong. It then replays a case chosen by `case:NAME` in the last user text
(or the X-Fake-Case header). When the last user turn holds tool results it
answers "Tool result: <first line>"; when thinking is on and the request
carries the signed thinking of `case:thinktool` it says so. Cases:

    text       text split mid-line and mid-UTF-8, a ping, cache usage
    crlf       the same with CRLF line endings
    thinking   a thinking block (deltas + signature_delta), then text
    redacted   a redacted_thinking block, then text
    thinktool  thinking, then a tool_use (run_command) with a signature
    tool       text, then a tool_use with input_json_delta fragments
    tools2     two tool_use blocks in one reply
    badjson    a tool_use whose joined input is not valid JSON
    noinput    a tool_use with its input in content_block_start only
    maxtok     stop_reason max_tokens
    unknown    unknown event and delta types among the known ones
    midstream  text, then an error event (overloaded_error)
    overload   an overloaded_error event before any output, then (next try) text
    dropped    the connection drops before message_stop and any stop reason
    nostop     message_delta with a stop reason, then the connection ends
    malformed  a data line that is not JSON
    e400 e401 e404 e413  HTTP errors with the API's error body (e401 echoes the key)
    r429       429 with retry-after: 1, then success
    r529       529 (overloaded), then success
    r500       500, then success
    f529       529 forever
    json200    HTTP 200 with a JSON error body instead of SSE
    message    HTTP 200 with a whole (non-streamed) message
    drip       40 tokens, 50 ms apart
    hang       message_start, then pings every 50 ms for 30 s
    silent     message_start, then 5 s of silence
    anything else: echoes the last user text.

GET /v1/models lists two models (paginated with limit=1);
GET /v1/models/{id} gives max_input_tokens 200000.
GET /debug/requests returns the recorded requests (headers and bodies);
GET /debug/state the per-case attempt counters.
"""
import argparse
import json
import sys
import time

from fake_http import FakeState, StreamingHandler, serve

TEXT = "Hello, wörld! 日本語 and 😀 emoji, done."
THINKING = "Let me check the time."
ANSWER = "It is noon."
SIGNATURE = "EqQBCkgIARABGAIiQL2sig+/fake=="
REDACTED = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"
DRIP_TOKENS = 40


def ev(obj, nl="\n"):
    return ("event: " + obj["type"] + nl + "data: " + json.dumps(obj, ensure_ascii=False) + nl + nl).encode()


def message_start(input_tokens=12, cache_read=0, cache_write=0):
    return ev({"type": "message_start", "message": {
        "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-fake-1", "content": [],
        "stop_reason": None, "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": 1,
                  "cache_creation_input_tokens": cache_write, "cache_read_input_tokens": cache_read}}})


def block_start(index, block):
    return ev({"type": "content_block_start", "index": index, "content_block": block})


def delta(index, d):
    return ev({"type": "content_block_delta", "index": index, "delta": d})


def block_stop(index):
    return ev({"type": "content_block_stop", "index": index})


def message_end(stop="end_turn", output=7):
    return (ev({"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": {"output_tokens": output}})
            + ev({"type": "message_stop"}))


def tokens(text):
    out, cur = [], ""
    for ch in text:
        if ch == " " and cur:
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def text_block(index, text):
    body = block_start(index, {"type": "text", "text": ""})
    for t in tokens(text):
        body += delta(index, {"type": "text_delta", "text": t})
    return body + block_stop(index)


def thinking_block(index, text=THINKING, signature=SIGNATURE):
    body = block_start(index, {"type": "thinking", "thinking": ""})
    for t in tokens(text):
        body += delta(index, {"type": "thinking_delta", "thinking": t})
    half = len(signature) // 2
    body += delta(index, {"type": "signature_delta", "signature": signature[:half]})
    body += delta(index, {"type": "signature_delta", "signature": signature[half:]})
    return body + block_stop(index)


def tool_block(index, id, name, fragments):
    body = block_start(index, {"type": "tool_use", "id": id, "name": name, "input": {}})
    for f in fragments:
        body += delta(index, {"type": "input_json_delta", "partial_json": f})
    return body + block_stop(index)


def text_body(text, nl="\n", cache=(0, 0), input_tokens=12):
    body = message_start(input_tokens, cache[0], cache[1]) + ev({"type": "ping"}) + text_block(0, text) + message_end()
    return body.replace(b"\n", nl.encode()) if nl != "\n" else body


def split_every(body, n):
    return [body[i:i + n] for i in range(0, len(body), n)]


STREAM_CASES = {
    "text": lambda: split_every(text_body(TEXT, cache=(100, 20)), 7),
    "crlf": lambda: split_every(text_body(TEXT, "\r\n"), 5),
    "thinking": lambda: [message_start() + thinking_block(0) + text_block(1, ANSWER) + message_end()],
    "redacted": lambda: [message_start() + block_start(0, {"type": "redacted_thinking", "data": REDACTED})
                         + block_stop(0) + text_block(1, ANSWER) + message_end()],
    "thinktool": lambda: [message_start() + thinking_block(0, "I should run it.", SIGNATURE)
                          + tool_block(1, "toolu_think", "run_command", ['{"command": ', '"echo hi"}'])
                          + message_end("tool_use")],
    "tool": lambda: [message_start() + text_block(0, "Let me read it.")
                     + tool_block(1, "toolu_01", "read_file", ['{"pa', 'th": "REA', 'DME.md"}'])
                     + message_end("tool_use")],
    "tools2": lambda: [message_start()
                       + tool_block(0, "toolu_a", "read_file", ['{"path": ', '"a.txt"}'])
                       + tool_block(1, "toolu_b", "list_files", ['{"path": "."}'])
                       + message_end("tool_use")],
    "badjson": lambda: [message_start() + tool_block(0, "toolu_bad", "read_file", ['{"path": ', '"a.txt'])
                        + message_end("tool_use")],
    "noinput": lambda: [message_start()
                        + block_start(0, {"type": "tool_use", "id": "toolu_n", "name": "list_files",
                                          "input": {"path": "src"}})
                        + block_stop(0) + message_end("tool_use")],
    "maxtok": lambda: [message_start() + text_block(0, "Cut short because") + message_end("max_tokens")],
    "unknown": lambda: [message_start() + ev({"type": "future_event", "x": 1})
                        + block_start(0, {"type": "text", "text": ""})
                        + delta(0, {"type": "citations_delta", "citation": {"cited_text": "x"}})
                        + delta(0, {"type": "text_delta", "text": "Known "})
                        + delta(0, {"type": "hologram_delta", "beam": 3})
                        + delta(0, {"type": "text_delta", "text": "parts."}) + block_stop(0)
                        + block_start(1, {"type": "server_tool_use", "id": "srv_1", "name": "web_search", "input": {}})
                        + delta(1, {"type": "input_json_delta", "partial_json": "{}"}) + block_stop(1)
                        + message_end()],
    "midstream": lambda: [message_start() + block_start(0, {"type": "text", "text": ""})
                          + delta(0, {"type": "text_delta", "text": "Partial "}),
                          ev({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})],
    "nostop": lambda: [message_start() + text_block(0, "Almost done.")
                       + ev({"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 3}})],
    "malformed": lambda: [message_start() + b"event: content_block_start\ndata: {not json\n\n"],
    "dropped": lambda: [message_start() + block_start(0, {"type": "text", "text": ""})
                        + delta(0, {"type": "text_delta", "text": "Partial answer"})],
}

ERRORS = {
    "e400": (400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
    "e401": (401, "authentication_error", "invalid x-api-key"),
    "e404": (404, "not_found_error", "model: claude-nope"),
    "e413": (413, "request_too_large", "Request exceeds the maximum allowed number of bytes."),
}


def error_body(kind, message):
    return {"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_fake_1"}


def validate(headers, req, required_key):
    """The real API's checks that weft could get wrong; None when valid."""
    if not headers.get("anthropic-version"):
        return "anthropic-version header is required"
    if required_key is not None and headers.get("x-api-key") != required_key:
        return None  # answered as 401 by the caller
    if not isinstance(req.get("max_tokens"), int) or req["max_tokens"] < 1:
        return "max_tokens: Field required"
    if not req.get("model"):
        return "model: Field required"
    if req.get("stream") is not True:
        return "this fake only streams"
    thinking = req.get("thinking")
    if thinking:
        if thinking.get("type") != "enabled" or thinking.get("budget_tokens", 0) < 1024:
            return "thinking.budget_tokens: must be >= 1024"
        if thinking["budget_tokens"] >= req["max_tokens"]:
            return "max_tokens must be greater than thinking.budget_tokens"
    messages = req.get("messages")
    if not isinstance(messages, list) or not messages:
        return "messages: at least one message is required"
    if messages[0].get("role") != "user":
        return "messages: first message must use the \"user\" role"
    cache_marks = 0
    for block in req.get("system") or []:
        cache_marks += 1 if "cache_control" in block else 0
    for tool in req.get("tools") or []:
        cache_marks += 1 if "cache_control" in tool else 0
        if not isinstance(tool.get("input_schema"), dict):
            return "tools: input_schema is required"
    pending = []
    for i, m in enumerate(messages):
        role, content = m.get("role"), m.get("content")
        if i and role == messages[i - 1].get("role"):
            return "messages: roles must alternate between \"user\" and \"assistant\""
        if isinstance(content, str):
            content = [{"type": "text", "text": content}]
        if not content:
            return "messages.%d: all messages must have non-empty content" % i
        results = []
        seen_other = False
        for b in content:
            cache_marks += 1 if "cache_control" in b else 0
            t = b.get("type")
            if t == "text" and not b.get("text"):
                return "messages.%d: text content blocks must be non-empty" % i
            if t == "tool_result":
                if role != "user":
                    return "messages.%d: tool_result only in user messages" % i
                if seen_other:
                    return "messages.%d: tool_result blocks must come first" % i
                results.append(b.get("tool_use_id"))
            else:
                seen_other = True
            if t == "thinking" and not b.get("signature"):
                return "messages.%d: thinking blocks need their signature" % i
            if t == "tool_use" and not isinstance(b.get("input"), dict):
                return "messages.%d: tool_use.input must be an object" % i
        if role == "user":
            if sorted(results) != sorted(pending):
                return "messages.%d: tool_use ids were found without tool_result blocks: %s" % (
                    i, ",".join(p for p in pending if p not in results) or ",".join(results))
            pending = []
        else:
            pending = [b.get("id") for b in content if b.get("type") == "tool_use"]
    if cache_marks > 4:
        return "A maximum of 4 blocks with cache_control may be provided. Found %d." % cache_marks
    return None


class State(FakeState):
    def __init__(self, key):
        super().__init__()
        self.key = key


def last_user_text(messages):
    for m in reversed(messages):
        if m.get("role") != "user":
            continue
        content = m.get("content")
        if isinstance(content, str):
            return content, []
        texts = [b.get("text", "") for b in content if b.get("type") == "text"]
        results = [b for b in content if b.get("type") == "tool_result"]
        return " ".join(texts), results
    return "", []


def case_name(text):
    at = text.find("case:")
    if at < 0:
        return ""
    rest = text[at + 5:].split()
    return rest[0] if rest else ""


class Handler(StreamingHandler):
    server_version = "FakeAnthropic/1"

    def do_GET(self):
        self.touch()
        path, _, query = self.path.partition("?")
        if path == "/v1/models":
            models = [{"type": "model", "id": "claude-fake-1", "display_name": "Fake 1"},
                      {"type": "model", "id": "claude-fake-2", "display_name": "Fake 2"}]
            after = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("after_id")
            page = models[1:] if after == "claude-fake-1" else models[:1]
            return self.send_json(200, {"data": page, "has_more": page[-1]["id"] == "claude-fake-1",
                                        "first_id": page[0]["id"], "last_id": page[-1]["id"]})
        if path.startswith("/v1/models/"):
            return self.send_json(200, {"type": "model", "id": path.rsplit("/", 1)[1], "max_input_tokens": 200000,
                                        "max_tokens": 64000})
        if path == "/debug/requests":
            with self.state.lock:
                return self.send_json(200, self.state.requests)
        if path == "/debug/state":
            with self.state.lock:
                return self.send_json(200, {"attempts": self.state.attempts})
        self.send_json(404, error_body("not_found_error", "no route " + self.path))

    def do_POST(self):
        self.touch()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            req = json.loads(raw or b"{}")
        except ValueError:
            return self.send_json(400, error_body("invalid_request_error", "body is not JSON"))
        if self.path.rstrip("/") != "/v1/messages":
            return self.send_json(404, error_body("not_found_error", "no route " + self.path))
        headers = {k.lower(): v for k, v in self.headers.items()}
        with self.state.lock:
            self.state.requests.append({"path": self.path, "headers": headers, "body": req})
        if self.state.key is not None and headers.get("x-api-key") != self.state.key:
            return self.send_json(401, error_body("authentication_error", "invalid x-api-key"))
        problem = validate(headers, req, self.state.key)
        if problem:
            return self.send_json(400, error_body("invalid_request_error", problem))
        self.state.active += 1
        try:
            self.reply(req, headers)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.state.active -= 1
            self.touch()

    def reply(self, req, headers):
        messages = req["messages"]
        text, results = last_user_text(messages)
        if results:
            first = str(results[0].get("content") or "").strip().split("\n")[0][:80]
            prefix = "Tool error: " if results[0].get("is_error") else "Tool result: "
            signed = any(b.get("type") == "thinking" and b.get("signature") == SIGNATURE
                         for m in messages if m["role"] == "assistant" for b in m["content"])
            note = " (thinking returned)" if signed else ""
            return self.stream([text_body(prefix + first + note)])
        name = headers.get("x-fake-case") or case_name(text)
        if name in STREAM_CASES:
            if name == "dropped":
                return self.stream(STREAM_CASES[name](), drop=True)
            return self.stream(STREAM_CASES[name]())
        if name in ERRORS:
            status, kind, message = ERRORS[name]
            if name == "e401":
                message += ": " + headers.get("x-api-key", "")
            return self.send_json(status, error_body(kind, message))
        if name in ("r429", "r529", "r500"):
            if self.state.attempt(name) % 2 == 1:
                status = int(name[1:])
                kind = {429: "rate_limit_error", 529: "overloaded_error", 500: "api_error"}[status]
                extra = {"retry-after": "1"} if status == 429 else {}
                return self.send_json(status, error_body(kind, "try again later"), extra)
            return self.stream([text_body("Recovered after " + name[1:] + ".")])
        if name == "f529":
            self.state.attempt(name)
            return self.send_json(529, error_body("overloaded_error", "Overloaded"), {"retry-after": "0"})
        if name == "overload":
            if self.state.attempt(name) % 2 == 1:
                return self.stream([message_start() + ev({"type": "error", "error": {
                    "type": "overloaded_error", "message": "Overloaded"}})])
            return self.stream([text_body("Recovered after overload.")])
        if name == "json200":
            return self.send_json(200, error_body("invalid_request_error", "model 'nope' does not exist"))
        if name == "message":
            return self.send_json(200, {"type": "message", "id": "msg_2", "role": "assistant", "model": "claude-fake-1",
                                        "content": [{"type": "text", "text": "Whole message."},
                                                    {"type": "tool_use", "id": "toolu_w", "name": "read_file",
                                                     "input": {"path": "x"}}],
                                        "stop_reason": "tool_use",
                                        "usage": {"input_tokens": 9, "output_tokens": 4}})
        if name == "drip":
            writes = [message_start() + block_start(0, {"type": "text", "text": ""})]
            writes += [delta(0, {"type": "text_delta", "text": "tok%d " % i}) for i in range(DRIP_TOKENS)]
            writes.append(block_stop(0) + message_end())
            return self.stream(writes, delay=0.05)
        if name == "silent":
            self.start_stream()
            self.write_chunk(message_start())
            time.sleep(5)
            return
        if name == "hang":
            self.start_stream()
            self.write_chunk(message_start())
            for _ in range(600):
                time.sleep(0.05)
                self.write_chunk(ev({"type": "ping"}))
            return
        cached = any("cache_control" in b for m in messages for b in m["content"] if isinstance(m["content"], list))
        return self.stream([text_body("You said: " + text, cache=(50, 0) if cached else (0, 0))])

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--idle-timeout", type=float, default=60.0)
    ap.add_argument("--key")
    ap.add_argument("--dump", metavar="CASE")
    args = ap.parse_args()
    if args.dump:
        if args.dump not in STREAM_CASES:
            print("not a streaming case: " + args.dump, file=sys.stderr)
            return 2
        sys.stdout.buffer.write(b"".join(STREAM_CASES[args.dump]()))
        return 0
    return serve(Handler, State(args.key), args.port, args.idle_timeout)


if __name__ == "__main__":
    sys.exit(main())
