#!/usr/bin/env python3
"""A fake OpenAI-compatible server for weft's tests (standard library only).

    python3 fake_openai_server.py --port 0 [--idle-timeout 60]
        binds 127.0.0.1, prints the chosen port on stdout, serves until no
        request came for --idle-timeout seconds, then exits.
    python3 fake_openai_server.py --dump CASE
        writes the exact SSE body bytes of a streaming CASE to stdout (the
        unit tests feed these to the decoder).

POST /v1/chat/completions replays a case chosen by `case:NAME` in the last
user message (or the X-Fake-Case header); when the last message is a tool
result it answers "Tool result: <first line>". Cases (PROVIDERS.md numbers):

    1a text split mid-line and mid-UTF-8     1b CRLF endings
    1c keep-alive comments, id/retry fields  1d multi-line data
    1e bare CR endings                       len finish_reason "length"
    2a reasoning_content  2b reasoning  2c <think> tags split across chunks
    3a one tool call, fragmented arguments   3b parallel calls, indices 0, 1
    3c parallel calls reusing index 0        3d a new id on every chunk
    tool  a run_command call (needs approval in the UI)
    4a usage with choices []                 4b usage with choices null
    5a 400 with error body  5b 401 (echoes the key)  5c 429 + Retry-After
       then success  5d 500 then success  5e 503 forever
       5f the same 500 forever  5g 500 whose body blames the request
    6a mid-stream error event then [DONE]    6b connection dropped before [DONE]
    7  HTTP 200 with a JSON error body       8  slow drip, 50 ms per token
    9  100,000 tokens as fast as possible
    hang  a first chunk, then keep-alive comments every 50 ms for 30 s
    silent  a first chunk, then 5 s of silence
    gzip  a text reply compressed with gzip (Content-Encoding: gzip, as
          some proxies send unasked)
    hostile  HTTP 400 whose error message carries terminal escape sequences
    hostile-stream  a mid-stream error event whose message carries them
    anything else: echoes the message.

Like llama-cpp-python and mockllm, every message's content must be a
string: a null or missing content is answered with a plain-text HTTP 500.

GET /v1/models lists two models (404 when started with --no-models; with
--hostile their ids carry terminal escape sequences).
GET /debug/requests returns the recorded requests; GET /debug/state the
per-case attempt counters and the number of clients that went away early.
"""
import argparse
import gzip
import json
import sys
import time

from fake_http import FakeState, StreamingHandler, serve

CASE1_TEXT = "Hello, wörld! 日本語 and 😀 emoji, done."
# What a hostile server may try to make a terminal do: set the clipboard
# (OSC 52), the title, switch screens, ask for the cursor position, and the
# same through an 8-bit C1 CSI.
HOSTILE = "pwn\x1b]52;c;aGVsbG8=\x07\x1b]0;owned\x07\x1b[?1049h\x1b[6n\u009b2J\x07end"
REASONING = "Let me check the time."
ANSWER = "It is noon."
LONG_TOKENS = 100_000
DRIP_TOKENS = 40


def chunk(delta=None, finish=None, choices=True, usage=None, model="fake-model-1"):
    obj = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": model}
    if choices is None:
        obj["choices"] = None
    elif delta is None and finish is None:
        obj["choices"] = []
    else:
        obj["choices"] = [{"index": 0, "delta": delta or {}, "finish_reason": finish}]
    if usage is not None:
        obj["usage"] = {"prompt_tokens": usage[0], "completion_tokens": usage[1],
                        "total_tokens": usage[0] + usage[1]}
    return obj


def data(obj, nl="\n"):
    return ("data: " + json.dumps(obj, ensure_ascii=False) + nl + nl).encode()


def done(nl="\n"):
    return ("data: [DONE]" + nl + nl).encode()


def tokens(text):
    """Splits text into word-ish tokens keeping the spaces."""
    out, cur = [], ""
    for ch in text:
        if ch == " " and cur:
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def text_body(text, nl="\n", finish="stop", usage=(10, 5)):
    body = data(chunk({"role": "assistant", "content": ""}), nl)
    for t in tokens(text):
        body += data(chunk({"content": t}), nl)
    body += data(chunk({}, finish), nl)
    if usage:
        body += data(chunk(usage=usage), nl)
    return body + done(nl)


def split_every(body, n):
    return [body[i:i + n] for i in range(0, len(body), n)]


def tool_delta(index, id=None, name=None, args=None):
    call = {"index": index}
    if id is not None:
        call["id"] = id
        call["type"] = "function"
    fn = {}
    if name is not None:
        fn["name"] = name
    if args is not None:
        fn["arguments"] = args
    call["function"] = fn
    return chunk({"tool_calls": [call]})


def tool_body(deltas):
    body = data(chunk({"role": "assistant", "content": None}))
    for d in deltas:
        body += data(d)
    body += data(chunk({}, "tool_calls")) + data(chunk(usage=(20, 8))) + done()
    return body


def case_1c():
    body = b": keep-alive\n\nretry: 1000\n"
    for part in text_body(CASE1_TEXT).split(b"\n\n"):
        if part:
            body += b"id: 7\n" + part + b"\n: ping\n\n:\n\n"
    return body


def case_1d():
    body = b""
    for part in text_body(CASE1_TEXT).split(b"\n\n"):
        if not part:
            continue
        text = part.decode()[len("data: "):]
        if text == "[DONE]":
            body += b"data: [DONE]\n\n"
            continue
        pretty = json.dumps(json.loads(text), ensure_ascii=False, indent=1)
        body += "".join("data: " + line + "\n" for line in pretty.split("\n")).encode() + b"\n"
    return body


def case_2c_writes():
    pieces = ["<thi", "nk>Let me", " check the time.</", "think>", "\n\nIt is", " noon."]
    body = data(chunk({"role": "assistant", "content": ""}))
    writes = [body]
    for p in pieces:
        writes.append(data(chunk({"content": p})))
    writes.append(data(chunk({}, "stop")) + data(chunk(usage=(10, 9))) + done())
    return writes


def reasoning_body(field):
    body = data(chunk({"role": "assistant", "content": ""}))
    for t in tokens(REASONING):
        body += data(chunk({field: t, "content": None}))
    for t in tokens(ANSWER):
        body += data(chunk({"content": t}))
    return body + data(chunk({}, "stop")) + data(chunk(usage=(10, 9))) + done()


STREAM_CASES = {
    "1a": lambda: split_every(text_body(CASE1_TEXT), 7),
    "1b": lambda: split_every(text_body(CASE1_TEXT, "\r\n"), 5),
    "1c": lambda: split_every(case_1c(), 13),
    "1d": lambda: split_every(case_1d(), 17),
    "1e": lambda: split_every(text_body(CASE1_TEXT, "\r"), 3),
    "len": lambda: [text_body("Cut short because", finish="length")],
    "2a": lambda: [reasoning_body("reasoning_content")],
    "2b": lambda: [reasoning_body("reasoning")],
    "2c": case_2c_writes,
    "3a": lambda: [tool_body([tool_delta(0, "call_1", "read_file", ""), tool_delta(0, args='{"pa'),
                              tool_delta(0, args='th": "REA'), tool_delta(0, args='DME.md"}')])],
    "3b": lambda: [tool_body([tool_delta(0, "call_a", "read_file", '{"path"'),
                              tool_delta(1, "call_b", "list_files", '{"path"'),
                              tool_delta(0, args=': "a.txt"}'), tool_delta(1, args=': "."}')])],
    "3c": lambda: [tool_body([tool_delta(0, "call_a", "read_file", '{"path": '), tool_delta(0, args='"a.txt"}'),
                              tool_delta(0, "call_b", "list_files", '{"path": '), tool_delta(0, args='"."}')])],
    "3d": lambda: [tool_body([tool_delta(0, "id_1", "read_file", '{"pa'), tool_delta(0, "id_2", None, 'th": '),
                              tool_delta(0, "id_3", None, '"b.txt"}')])],
    "tool": lambda: [tool_body([tool_delta(0, "call_run", "run_command", '{"command": '),
                                tool_delta(0, args='"echo hello-from-tool"}')])],
    "4a": lambda: [text_body("Counted.", usage=(12, 3))],
    "4b": lambda: [case_4b()],
    "hostile-stream": lambda: [data(chunk({"role": "assistant", "content": ""})) + data(chunk({"content": "Partial "})),
                               b"event: error\ndata: " + json.dumps({"error": {"message": HOSTILE, "type": "server_error"}}).encode()
                               + b"\n\n" + done()],
    "6a": lambda: [data(chunk({"role": "assistant", "content": ""})) + data(chunk({"content": "Partial "})),
                   b'event: error\ndata: {"error":{"message":"upstream model crashed","type":"server_error","code":500}}\n\n'
                   + done()],
}


def case_4b():
    body = data(chunk({"role": "assistant", "content": ""})) + data(chunk({"content": "Counted."}))
    body += data(chunk({}, "stop")) + data(chunk(choices=None, usage=(12, 3))) + done()
    return body


ERROR_400 = {"error": {"message": "This model's maximum context length is 4096 tokens.",
                       "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}


class State(FakeState):
    def __init__(self, models, hostile=False):
        super().__init__()
        self.models = models
        self.hostile = hostile


class Handler(StreamingHandler):
    server_version = "FakeOpenAI/1"

    def do_GET(self):
        self.touch()
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            if not self.state.models:
                return self.send_json(404, {"error": {"message": "no such route", "type": "not_found"}})
            suffix = HOSTILE if self.state.hostile else ""
            return self.send_json(200, {"object": "list", "data": [
                {"id": "fake-model-1" + suffix, "object": "model", "owned_by": "fake"},
                {"id": "fake-model-2" + suffix, "object": "model", "owned_by": "fake"}]})
        if self.path == "/debug/requests":
            with self.state.lock:
                return self.send_json(200, self.state.requests)
        if self.path == "/debug/state":
            with self.state.lock:
                return self.send_json(200, {"attempts": self.state.attempts, "went_away": self.state.went_away,
                                            "active": self.state.active})
        self.send_json(404, {"error": {"message": "no route " + self.path}})

    def do_POST(self):
        self.touch()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            req = json.loads(raw or b"{}")
        except ValueError:
            return self.send_json(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
        if not self.path.rstrip("/").endswith("/chat/completions"):
            return self.send_json(404, {"error": {"message": "no route " + self.path}})
        with self.state.lock:
            self.state.requests.append({"path": self.path, "authorization": self.headers.get("Authorization"),
                                        "accept": self.headers.get("Accept"), "body": req})
        self.state.active += 1
        try:
            self.reply(req)
        except (BrokenPipeError, ConnectionResetError):
            with self.state.lock:
                self.state.went_away += 1
            self.close_connection = True
        finally:
            self.state.active -= 1
            self.touch()

    def reply(self, req):
        messages = req.get("messages") or []
        if any(not isinstance(m.get("content"), (str, list)) for m in messages if isinstance(m, dict)):
            self.state.attempt("strict")
            return self.send_text(500, "Internal Server Error")
        last = messages[-1] if messages else {}
        if last.get("role") == "tool":
            first = str(last.get("content") or "").strip().split("\n")[0][:80]
            return self.stream([text_body("Tool result: " + first)])
        name = self.headers.get("X-Fake-Case") or case_name(last)
        if name in STREAM_CASES:
            return self.stream(STREAM_CASES[name]())
        if name == "5a":
            return self.send_json(400, ERROR_400)
        if name == "hostile":
            return self.send_json(400, {"error": {"message": HOSTILE, "type": "invalid_request_error"}})
        if name == "5b":
            key = (self.headers.get("Authorization") or "").replace("Bearer ", "")
            return self.send_json(401, {"error": {"message": "Incorrect API key provided: " + key + ".",
                                                  "type": "invalid_request_error", "code": "invalid_api_key"}})
        if name in ("5c", "5d"):
            if self.state.attempt(name) % 2 == 1:
                if name == "5c":
                    return self.send_json(429, {"error": {"message": "Rate limit reached, slow down",
                                                          "type": "rate_limit_error"}}, {"Retry-After": "1"})
                return self.send_json(500, {"error": {"message": "internal hiccup", "type": "server_error"}})
            return self.stream([text_body("Recovered after " + ("429" if name == "5c" else "500") + ".")])
        if name == "5f":
            self.state.attempt(name)
            return self.send_text(500, "Internal Server Error")
        if name == "5g":
            self.state.attempt(name)
            return self.send_json(500, {"error": {"message": "messages.1.content: Input should be a valid string",
                                                  "type": "invalid_request_error"}})
        if name == "5e":
            self.state.attempt(name)
            return self.send_json(503, {"object": "error", "message": "The server is overloaded",
                                        "type": "ServiceUnavailableError", "code": 503}, {"Retry-After": "0"})
        if name == "6b":
            return self.stream([data(chunk({"role": "assistant", "content": ""})) + data(chunk({"content": "Partial"}))
                                + data(chunk({"content": " answer"}))], drop=True)
        if name == "7":
            return self.send_json(200, {"error": {"message": "model 'nope' does not exist", "type": "NotFoundError",
                                                  "code": 404}})
        if name == "8":
            return self.stream(drip_writes(), delay=0.05)
        if name == "9":
            return self.stream(long_writes())
        if name == "hang":
            return self.hang()
        if name == "gzip":
            body = gzip.compress(text_body("Compressed, and read."))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if name == "silent":
            self.start_stream()
            self.write_chunk(data(chunk({"role": "assistant", "content": ""})))
            time.sleep(5)
            return
        text = "You said: " + str(last.get("content") or "")
        return self.stream([text_body(text)])

    def hang(self):
        self.start_stream()
        self.write_chunk(data(chunk({"role": "assistant", "content": ""})))
        for _ in range(600):
            time.sleep(0.05)
            self.write_chunk(b": keep-alive\n\n")  # raises once the client is gone


def case_name(message):
    content = message.get("content")
    if isinstance(content, list):
        content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    text = str(content or "")
    at = text.find("case:")
    if at < 0:
        return ""
    return text[at + 5:].split()[0] if text[at + 5:].split() else ""


def drip_writes():
    writes = [data(chunk({"role": "assistant", "content": ""}))]
    writes += [data(chunk({"content": "tok%d " % i})) for i in range(DRIP_TOKENS)]
    writes.append(data(chunk({}, "stop")) + data(chunk(usage=(5, DRIP_TOKENS))) + done())
    return writes


def long_writes():
    yield data(chunk({"role": "assistant", "content": ""}))
    batch = []
    for i in range(LONG_TOKENS):
        batch.append(data(chunk({"content": ("\n" if i % 16 == 15 else " ") + "w%d" % (i % 1000)})))
        if len(batch) == 1000:
            yield b"".join(batch)
            batch = []
    if batch:
        yield b"".join(batch)
    yield data(chunk({}, "stop")) + data(chunk(usage=(5, LONG_TOKENS))) + done()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--idle-timeout", type=float, default=60.0)
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--hostile", action="store_true", help="model ids carry terminal escape sequences")
    ap.add_argument("--dump", metavar="CASE")
    args = ap.parse_args()
    if args.dump:
        if args.dump not in STREAM_CASES:
            print("not a streaming case: " + args.dump, file=sys.stderr)
            return 2
        sys.stdout.buffer.write(b"".join(STREAM_CASES[args.dump]()))
        return 0
    return serve(Handler, State(models=not args.no_models, hostile=args.hostile), args.port, args.idle_timeout)


if __name__ == "__main__":
    sys.exit(main())
