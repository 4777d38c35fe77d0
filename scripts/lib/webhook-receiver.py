#!/usr/bin/env python3
"""A webhook receiver for scripts/steady-state --webhook: a minimal HTTP/1.1 keep-alive server on
127.0.0.1 (asyncio, no framework: it must cost the machine little at 1,000 events/s) that answers
200 to every POST and records, for each turn event, accepted-to-delivered: its arrival here minus
the turn's data.received_at_ms (when the server received the turn's HTTP request; same clock), and
stored-to-delivered: its arrival minus the turn's processed_at (when its result was stored), which
leaves out the wait in the cleaning queue: the webhook path's own latency.

  webhook-receiver.py PORT_FILE   writes its port to PORT_FILE, then serves until stdin closes.
  Lines on stdin: "mark" starts the measured window, "end" ends it (only events arriving in between
  count for its rate and latencies); "count" prints "count N duplicates D": the distinct events
  (webhook-id) received since start and the repeats (at least once allows them); "stop" prints the
  window's figures and exits.
"""
import asyncio
import json
import sys
import time
from datetime import datetime

latencies = []
after_store = []
counting = False
events = 0
seen = set()
duplicates = 0


async def handle(reader, writer):
    global events, duplicates
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:].strip())
            body = await reader.readexactly(length) if length else b""
            now_ms = time.time() * 1000
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            for line in head.split(b"\r\n"):
                if line[:11].lower() == b"webhook-id:":
                    message = line[11:].strip()
                    if message in seen:
                        duplicates += 1
                    seen.add(message)
            if counting:
                events += 1
                try:
                    data = json.loads(body)["data"]
                    at = data.get("received_at_ms")
                    if at:
                        latencies.append(now_ms - at)
                    stored = (data.get("turn") or {}).get("processed_at")
                    if stored:
                        stored_ms = datetime.fromisoformat(stored.replace("Z", "+00:00")).timestamp() * 1000
                        after_store.append(now_ms - stored_ms)
                except (ValueError, KeyError, AttributeError):
                    pass
    except (asyncio.IncompleteReadError, asyncio.CancelledError, ConnectionError):
        pass
    finally:
        writer.close()


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main():
    global counting
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    loop = asyncio.get_running_loop()
    started = ended = 0.0
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if line.strip() == "mark":
            counting, started = True, time.time()
        elif line.strip() == "end":
            counting, ended = False, time.time()
        elif line.strip() == "count":
            print(f"count {len(seen)} duplicates {duplicates}", flush=True)
        elif line.strip() == "stop" or not line:
            wall = max((ended or time.time()) - started, 1e-9)
            print(f"webhook: {events} events in the window ({events / wall:.0f}/s); accepted-to-delivered "
                  f"p50 {pct(latencies, 50):.1f} ms, p99 {pct(latencies, 99):.1f} ms, max {max(latencies or [float('nan')]):.1f} ms; "
                  f"stored-to-delivered p50 {pct(after_store, 50):.1f} ms, p99 {pct(after_store, 99):.1f} ms",
                  flush=True)
            return


asyncio.run(main())
