#!/usr/bin/env python3
"""Tail a conversation over the TCP event-bus bridge (Python standard library only).

    scripts/bridge-clients/tail.py CONVERSATION_ID [--host 127.0.0.1] [--port 7000] [--since SEQ]
                                   [--send "User: text"]... [--count N]

Registers on conversation.<id>.turns and prints one line per cleaned turn, in seq order. With
--since SEQ the server first replays the stored turns after SEQ, then goes live, each turn once
(a reconnecting client passes the last seq it printed). The client waits for the server's
confirmation of the registration ({"type": "registered"} on the address) before anything else, so
a turn it sends is never published before it listens. Each --send submits a turn through
bridge.turns.submit (validated like the HTTP API) and prints the reply. The bridge protocol:
4-byte big-endian length, then a JSON frame.
"""
import argparse, json, socket, struct, sys, uuid


def send_frame(sock, frame):
    data = json.dumps(frame).encode("utf-8")
    sock.sendall(struct.pack(">I", len(data)) + data)


def read_exactly(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("bridge closed the connection")
        buf += chunk
    return buf


def read_frame(sock):
    (length,) = struct.unpack(">I", read_exactly(sock, 4))
    return json.loads(read_exactly(sock, length).decode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("conversation_id")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=7000)
    ap.add_argument("--send", action="append", default=[], help='"Speaker: text" to submit first')
    ap.add_argument("--count", type=int, default=0, help="exit after this many turn events (0 = forever)")
    ap.add_argument("--since", type=int, default=None, help="replay the stored turns after this seq first")
    a = ap.parse_args()

    sock = socket.create_connection((a.host, a.port), timeout=30)
    address = "conversation.%s.turns" % a.conversation_id
    register = {"type": "register", "address": address, "headers": {}}
    if a.since is not None:
        register["since"] = a.since
    send_frame(sock, register)
    early = []  # turn events that came with the confirmation (a replay starts right after it)
    while True:
        frame = read_frame(sock)
        if frame.get("type") == "err":
            print("error:", frame.get("message"), file=sys.stderr)
            sys.exit(1)
        body = frame.get("body") or {}
        if frame.get("address") == address and body.get("type") == "registered":
            break
        early.append(frame)
    for line in a.send:
        speaker, _, text = line.partition(":")
        reply_to = "tail-py-" + str(uuid.uuid4())
        send_frame(sock, {"type": "send", "address": "bridge.turns.submit", "replyAddress": reply_to, "headers": {},
                          "body": {"conversation_id": a.conversation_id, "speaker": speaker.strip(), "raw_text": text.strip()}})
    seen = 0
    while a.count == 0 or seen < a.count:
        frame = early.pop(0) if early else read_frame(sock)
        if frame.get("type") == "err":
            print("error:", frame.get("message"), file=sys.stderr)
            continue
        body = frame.get("body") or {}
        if frame.get("address") == address and str(body.get("type", "")).startswith("turn."):
            turn = body.get("turn", {})
            print("%5d %-6s %-8s %s" % (body["seq"], turn.get("speaker"), turn.get("status"), turn.get("cleaned_text")), flush=True)
            seen += 1
        elif frame.get("type") == "message":
            print("accepted: seq %s turn %s" % (body.get("seq"), body.get("turn_id")), flush=True)
    sock.close()


if __name__ == "__main__":
    main()
