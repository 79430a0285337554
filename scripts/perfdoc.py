#!/usr/bin/env python3
"""Writes docs/performance.md from the benchmark outputs (make bench)."""
import argparse

TARGETS = """| scenario | target (shared/PERF.md) |
|---|---|
| `render.stream_append` | <= 100 us per frame; 10,000 vs 10 messages <= 1.1x; <= 200 bytes |
| `render.full_redraw` (dense) | <= 500 us; bytes <= 61 KB (half of Neovim's 122 KB) |
| `render.scroll_page` (10,000 messages) | <= 300 us per frame |
| `render.resize_reflow` 120 -> 80, 10,000 messages | <= 2 ms |
| `measure.ascii` / `measure.mixed` | >= 1 GB/s / >= 150 MB/s |
| `wrap.prose` 1 MB at 80 columns | <= 10 ms |
| `extmark.insert_100k` / `extmark.edit_shift` | <= 100 ms total / <= 50 us per edit |
"""

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--date", required=True)
    p.add_argument("--machine", required=True)
    p.add_argument("--benchmarks", required=True)
    p.add_argument("--bytes", required=True)
    p.add_argument("--startup", required=True)
    p.add_argument("--provider", required=True)
    p.add_argument("--compare", default="")
    a = p.parse_args()
    bench = open(a.benchmarks).read().strip()
    bytes_rows = open(a.bytes).read().strip()
    startup_rows = open(a.startup).read().strip()
    provider_rows = open(a.provider).read().strip()
    print(f"""# Performance

Measured with `make bench` on {a.date}, on {a.machine}.
Benchmarks measure; tests never assert on time. Release build, medians and
percentiles from ordo-one/benchmark; bytes are exact (deterministic).

## Targets

{TARGETS}
## Bytes written to the terminal

| frame | bytes | target / peer |
|---|---|---|
{bytes_rows}

## Startup

| scenario | median | target |
|---|---|---|
{startup_rows}

## Provider throughput

The local fake server (Tests/Fixtures/fake_openai_server.py, Python) is the
limit here, not the client.

| scenario | wall time | rate |
|---|---|---|
{provider_rows}

## Timings

{bench}
""")
    if a.compare.strip():
        print("## Against Neovim (same run)\n")
        print(a.compare.strip())

if __name__ == "__main__":
    main()
