#!/usr/bin/env node
// Tail a conversation over the TCP event-bus bridge from Node.js, no browser and no dependencies.
//
//   node scripts/bridge-clients/tail.mjs CONVERSATION_ID [--host 127.0.0.1] [--port 7000] [--since SEQ]
//                                        [--send "User: text"] [--count N]
//
// Registers on conversation.<id>.turns and prints one line per cleaned turn, in seq order. With
// --since SEQ the server first replays the stored turns after SEQ, then goes live, each turn once.
// It waits for the server's confirmation of the registration ({type: "registered"} on the address)
// before sending --send's turn through bridge.turns.submit, so that turn cannot be missed. Frames
// are a 4-byte big-endian length followed by JSON (the vertx-tcp-eventbus-bridge protocol).
import net from 'node:net';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const conversationId = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!conversationId) {
  console.error('usage: tail.mjs CONVERSATION_ID [--host H] [--port P] [--since SEQ] [--send "User: text"] [--count N]');
  process.exit(2);
}
const host = option('--host', '127.0.0.1');
const port = Number(option('--port', '7000'));
const count = Number(option('--count', '0'));
const since = option('--since', null);
const toSend = option('--send', null);
const address = `conversation.${conversationId}.turns`;

const register = { type: 'register', address, headers: {} };
if (since !== null) register.since = Number(since);
const socket = net.connect({ host, port }, () => send(register));
function send(frame) {
  const data = Buffer.from(JSON.stringify(frame), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(data.length);
  socket.write(Buffer.concat([header, data]));
}

let pending = Buffer.alloc(0);
let seen = 0;
socket.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
    const length = pending.readUInt32BE(0);
    const frame = JSON.parse(pending.subarray(4, 4 + length).toString('utf8'));
    pending = pending.subarray(4 + length);
    if (frame.type === 'err') {
      console.error('error:', frame.message);
    } else if (frame.address === address && frame.body?.type === 'registered') {
      if (toSend !== null) {
        const at = toSend.indexOf(':');
        send({ type: 'send', address: 'bridge.turns.submit', replyAddress: `tail-mjs-${Date.now()}`, headers: {},
          body: { conversation_id: conversationId, speaker: toSend.slice(0, at).trim(), raw_text: toSend.slice(at + 1).trim() } });
      }
    } else if (frame.type === 'message' && frame.address?.startsWith('tail-mjs-')) {
      console.log(`accepted: seq ${frame.body?.seq} turn ${frame.body?.turn_id}`);
    } else if (frame.address === address && String(frame.body?.type).startsWith('turn.')) {
      const { seq, turn } = frame.body;
      console.log(`${String(seq).padStart(5)} ${turn.speaker.padEnd(6)} ${turn.status.padEnd(8)} ${turn.cleaned_text ?? ''}`);
      if (count && ++seen >= count) socket.end();
    }
  }
});
socket.on('error', (e) => {
  console.error(`bridge ${host}:${port}: ${e.message}`);
  process.exit(1);
});
