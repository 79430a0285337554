"""What weft's fake model servers share (standard library only): the
request counters, a handler that answers JSON or streams chunked
server-sent events, and a server that prints its port and exits when idle.

    from fake_http import FakeState, StreamingHandler, serve

A server script subclasses StreamingHandler (adding do_GET/do_POST) and
calls serve(Handler, state, port, idle_timeout).
"""
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeState:
    """Requests seen, attempts per case, and activity for the idle watchdog."""

    def __init__(self):
        self.lock = threading.Lock()
        self.attempts = {}
        self.requests = []
        self.went_away = 0
        self.last = time.time()
        self.active = 0

    def attempt(self, name):
        """Counts one more try of case `name`; returns the count."""
        with self.lock:
            self.attempts[name] = self.attempts.get(name, 0) + 1
            return self.attempts[name]


class StreamingHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with Nagle off; JSON and text answers; chunked event streams."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    @property
    def state(self):
        return self.server.state

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def touch(self):
        self.state.last = time.time()

    def send_body(self, status, content_type, body, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status, obj, extra=None):
        self.send_body(status, "application/json", json.dumps(obj).encode(), extra)

    def send_text(self, status, text):
        self.send_body(status, "text/plain; charset=utf-8", text.encode())

    def start_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def write_chunk(self, b):
        if b:
            self.wfile.write(b"%x\r\n" % len(b) + b + b"\r\n")
            self.wfile.flush()

    def stream(self, writes, delay=0.002, drop=False):
        """Streams `writes` as chunks `delay` seconds apart; with `drop`,
        cuts the connection instead of ending the body."""
        self.start_stream()
        for i, w in enumerate(writes):
            if i and delay:
                time.sleep(delay)
            self.write_chunk(w)
        if drop:
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def _watchdog(server, idle):
    while True:
        time.sleep(0.2)
        st = server.state
        if st.active == 0 and time.time() - st.last > idle:
            server.shutdown()
            return


def serve(handler, state, port, idle_timeout):
    """Binds 127.0.0.1:`port` (0: any), prints the port, serves until no
    request came for `idle_timeout` seconds."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.state = state
    print(server.server_address[1], flush=True)
    threading.Thread(target=_watchdog, args=(server, idle_timeout), daemon=True).start()
    server.serve_forever(poll_interval=0.1)
    return 0
