// A small stand-in for the CleanerContext server, implementing the REST +
// WebSocket contract in memory with a toy cleaner. Only for developing the
// dashboard while the real server is not at hand: `node e2e/mock-server.js`
// (PORT env, serves dist/ at /). scripts/test-ui always uses the real server.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTranscript, roleOf } from '../src/lib/transcript.js';
import { dedupeKeyterms } from '../src/lib/keyterms.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const convs = new Map(); // id -> {conv, turns: [], sockets: Set}
const queue = [];
let running = true;
const counters = { processed: 0, failed: 0, accepted: 0, cleaned: 0, skipped: 0 };
const now = () => new Date().toISOString();

function problem(res, status, title, detail, field) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, ...(field ? { field } : {}) }));
}
function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const readBody = (req) =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => {
      try {
        resolve(s ? JSON.parse(s) : {});
      } catch {
        resolve(null);
      }
    });
  });

function clean(raw, level) {
  const corrections = [];
  let text = raw.replace(/<noise>/gi, ' ').replace(/[\u0E00-\u0E7F]+/g, ' ');
  if (level !== 'none' && level !== 'light') {
    text = text.replace(/\b(um|uh)\b,?\s*/gi, (m) => (corrections.push({ original: m.trim(), corrected: '', confidence: 0.95, reason: 'filler' }), ''));
    text = text.replace(/\b(\w+) \1\b/gi, (m, w) => (corrections.push({ original: m, corrected: w, confidence: 0.9, reason: 'stutter' }), w));
    text = text.replace(/\bvector\b/g, () => (corrections.push({ original: 'vector', corrected: 'Director', confidence: 0.82, reason: 'context: title' }), 'Director'));
    text = text.replace(/\bGoogle adds\b/g, () => (corrections.push({ original: 'Google adds', corrected: 'Google Ads', confidence: 0.88, reason: 'lexicon' }), 'Google Ads'));
  }
  return { text: text.replace(/\s+/g, ' ').trim(), corrections };
}

function processNext() {
  if (!running || !queue.length) return;
  const job = queue.shift();
  const c = convs.get(job.conversation_id);
  const turn = c?.turns.find((t) => t.turn_id === job.turn_id);
  if (turn) finish(c, turn, job.level);
  setTimeout(processNext, 2);
}

function finish(c, turn, level) {
  const t0 = performance.now();
  if (turn.role === 'ai') {
    turn.cleaned_text = turn.raw_text;
    turn.status = 'cleaned';
  } else {
    const r = clean(turn.raw_text, level);
    turn.cleaned_text = r.text;
    turn.status = r.text ? 'cleaned' : 'skipped';
    turn.metadata.corrections = r.corrections;
  }
  Object.assign(turn.metadata, {
    confidence_score: turn.metadata.corrections.length ? 'MEDIUM' : 'HIGH',
    cleaning_applied: turn.role !== 'ai',
    cleaning_level: turn.role === 'ai' ? 'none' : turn.status === 'skipped' ? 'skip' : level === 'auto' ? 'full' : level,
    context_detected: 'sales_call',
    ai_model_used: 'mock-deterministic',
    processing_time_ms: +(performance.now() - t0).toFixed(2),
    timing_breakdown: { normalise: 0.1, artifacts: 0.2, context: 0.1 },
  });
  turn.processed_at = now();
  counters.processed++;
  counters[turn.status]++;
  const ev = JSON.stringify({ type: 'turn.cleaned', seq: turn.seq, turn });
  for (const s of c.sockets) s.sendText(ev);
}

function queueStatus() {
  return {
    running,
    state: running ? 'running' : 'stopped',
    workers: running ? 2 : 0,
    partitions: [0, 1].map((p) => ({ partition: p, length: queue.filter((j) => j.part === p).length, in_flight: 0 })),
    length: queue.length,
    in_flight: 0,
    processed: counters.processed,
    failed: 0,
    retried: 0,
    dead_lettered: 0,
    queue_wait_ms: { p50: 1.2, p99: 3.4 },
    processing_ms: { p50: 0.4, p99: 1.1 },
  };
}
function snapshot() {
  const j = () => +(Math.random() * 2).toFixed(2);
  return {
    timestamp: now(),
    throughput_per_s: +(Math.random() * 5).toFixed(2),
    turns: { accepted: counters.accepted, cleaned: counters.cleaned, skipped: counters.skipped, failed: 0 },
    latency_ms: {
      queue_wait: { p50: 1 + j(), p95: 2 + j(), p99: 3 + j() },
      processing: { p50: 0.5 + j(), p95: 1 + j(), p99: 2 + j() },
      delivery: { p50: 0.8 + j(), p95: 1.5 + j(), p99: 2.5 + j() },
    },
    queue: { length: queue.length, in_flight: 0, workers: running ? 2 : 0, running },
    connections: { websocket: [...convs.values()].reduce((n, c) => n + c.sockets.size, 0), bridge: 0 },
    targets: [
      { name: 'websocket delivery p99', target_ms: 18.87, actual_ms: 2.9, met: true },
      { name: 'queue time p99', target_ms: 1.71, actual_ms: 3.1, met: false },
    ],
    alerts: running ? [] : [{ name: 'workers_stopped', message: 'queue workers are stopped', since: now() }],
    jvm: { heap_used_mb: 120, heap_max_mb: 512, cpu_percent: 3 },
  };
}

function publishQueue() {
  const ev = JSON.stringify({ type: 'queue.status', status: queueStatus() });
  for (const c of convs.values()) for (const s of c.sockets) s.sendText(ev);
}

// Diagnostics: a canned report after ~1 s (realtime_path fails while the workers are stopped),
// one run at a time (409), one per 10 s (429 + Retry-After). No event-bus bridge here: the
// dashboard shows progress when the report arrives.
const diagHistory = [];
let diagRunning = false;
let diagLastStart = 0;
function runDiagnostics(res) {
  if (diagRunning) return problem(res, 409, 'Conflict', 'a diagnostics run is already in progress');
  const wait = diagLastStart + 10000 - Date.now();
  if (wait > 0) {
    res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
    return problem(res, 429, 'Too Many Requests', `diagnostics may run once every 10000 ms; retry in ${wait} ms`);
  }
  diagRunning = true;
  diagLastStart = Date.now();
  const t0 = Date.now();
  setTimeout(() => {
    const sc = (name, description, extra = {}) => ({ name, description, passed: true, detail: null, figures: {}, checks: [], duration_ms: 40, ...extra });
    const fig = (figure, value, target) => ({ figure, value, target_ms: target, met: value < target });
    const scenarios = [
      sc('scratch_conversation', 'create a scratch conversation, hidden from listings', { checks: [{ expectation: '201 Created, got 201', met: true }] }),
      sc('ai_turn_bypass', 'an AI turn bypasses cleaning, quickly', { figures: { processing_time_ms: 0.05 }, checks: [fig('processing_time_ms', 0.05, 10)] }),
      sc('user_turn_cleaning', 'known noisy user turns come back cleaned', { figures: { max_processing_time_ms: 1.2 }, checks: [fig('max_processing_time_ms', 1.2, 500)] }),
      running
        ? sc('realtime_path', 'real-time accept and post-to-delivery over a WebSocket, in order', { figures: { accept_ms_max: 4.1, post_to_delivery_ms_max: 9.8 }, checks: [fig('accept_ms_max', 4.1, 100), fig('post_to_delivery_ms_max', 9.8, 100)] })
        : sc('realtime_path', 'real-time accept and post-to-delivery over a WebSocket, in order', { passed: false, detail: 'only 0 of 5 real-time turns delivered within 3000 ms; the queue workers are stopped (POST /api/v1/conversations/queue/start)' }),
      sc('resume', 'reconnecting with since returns exactly the missed turns', running ? {} : { passed: false, detail: 'turn 9 still pending after 3000 ms' }),
      sc('dependencies', 'PostgreSQL, Redis, queue workers and cleaner shards answer', { figures: { queue_backend: 'memory', queue_workers: running ? 2 : 0 } }),
    ];
    const report = { id: crypto.randomUUID(), started_at: new Date(t0).toISOString(), finished_at: now(), duration_ms: Date.now() - t0, passed: scenarios.every((x) => x.passed), scenarios };
    diagHistory.unshift(report);
    diagHistory.length = Math.min(diagHistory.length, 10);
    diagRunning = false;
    json(res, 200, report);
  }, 1000);
}

async function api(req, res, url) {
  const p = url.pathname.replace(/^\/api\/v1/, '');
  const m = (re) => re.exec(p);
  let g;
  if (req.method === 'GET' && p === '/conversations') {
    const limit = +(url.searchParams.get('limit') ?? 50);
    const offset = +(url.searchParams.get('offset') ?? 0);
    const all = [...convs.values()].map((c) => view(c)).reverse();
    return json(res, 200, { items: all.slice(offset, offset + limit), total: all.length, limit, offset });
  }
  if (req.method === 'POST' && p === '/conversations') {
    const b = await readBody(req);
    if (!b?.name) return problem(res, 400, 'Bad Request', 'name is required', 'name');
    const id = crypto.randomUUID();
    convs.set(id, { conv: { id, name: b.name, metadata: b.metadata ?? {}, created_at: now(), updated_at: now() }, turns: [], sockets: new Set() });
    return json(res, 201, view(convs.get(id)));
  }
  if (req.method === 'POST' && p === '/conversations/parse-transcript') {
    const b = await readBody(req);
    return json(res, 200, parseTranscript(b?.transcript ?? ''));
  }
  if (req.method === 'POST' && (g = m(/^\/conversations\/queue\/(stop|start)$/))) {
    running = g[1] === 'start';
    if (running) processNext();
    publishQueue();
    return json(res, 200, queueStatus());
  }
  if (req.method === 'GET' && p === '/queue/status') return json(res, 200, queueStatus());
  if (req.method === 'POST' && p === '/diagnostics/run') return runDiagnostics(res);
  if (req.method === 'GET' && p === '/diagnostics/last') {
    const summary = (r) => ({ id: r.id, started_at: r.started_at, duration_ms: r.duration_ms, passed: r.passed, failed: r.scenarios.filter((x) => !x.passed).map((x) => x.name) });
    return json(res, 200, { running: diagRunning, last: diagHistory[0] ?? null, history: diagHistory.map(summary) });
  }
  if (req.method === 'GET' && p === '/metrics/snapshot') return json(res, 200, snapshot());
  if ((g = m(/^\/conversations\/([^/]+)\/keyterms$/))) {
    // The real server's rules are stricter (at most 1,000, 100 characters, 6 words each); the mock only normalises.
    const c = convs.get(g[1]);
    if (!c) return problem(res, 404, 'Not Found', `no conversation ${g[1]}`, 'id');
    if (req.method === 'GET') return json(res, 200, { keyterms: c.keyterms ?? [] });
    if (req.method === 'PUT') {
      const b = await readBody(req);
      if (!Array.isArray(b?.keyterms)) return problem(res, 400, 'Bad Request', 'keyterms must be an array of strings', 'keyterms');
      const bad = b.keyterms.findIndex((t) => typeof t !== 'string' || !t.trim());
      if (bad >= 0) return problem(res, 400, 'Bad Request', `keyterms[${bad}] must be a non-empty string`, `keyterms[${bad}]`);
      c.keyterms = dedupeKeyterms(b.keyterms);
      return json(res, 200, { keyterms: c.keyterms });
    }
  }
  if ((g = m(/^\/conversations\/([^/]+)(\/turns(\/realtime)?)?$/))) {
    const c = convs.get(g[1]);
    if (!c) return problem(res, 404, 'Not Found', `no conversation ${g[1]}`);
    if (!g[2]) {
      if (req.method === 'GET') return json(res, 200, view(c));
      if (req.method === 'DELETE') return convs.delete(g[1]), json(res, 204);
    }
    if (g[2] && req.method === 'GET' && !g[3]) {
      const since = +(url.searchParams.get('since_seq') ?? 0);
      const limit = +(url.searchParams.get('limit') ?? 500);
      const items = c.turns.filter((t) => t.seq > since).slice(0, limit);
      return json(res, 200, { items, since_seq: since, limit });
    }
    if (g[2] && req.method === 'POST') {
      const b = await readBody(req);
      const role = roleOf(b?.speaker);
      if (!role) return problem(res, 400, 'Bad Request', 'unknown speaker', 'speaker');
      if (!b.raw_text) return problem(res, 400, 'Bad Request', 'raw_text is required', 'raw_text');
      const turn = {
        turn_id: crypto.randomUUID(),
        conversation_id: c.conv.id,
        seq: c.turns.length + 1,
        speaker: b.speaker,
        role,
        raw_text: b.raw_text,
        cleaned_text: '',
        status: 'pending',
        metadata: { corrections: [] },
        created_at: now(),
        processed_at: null,
      };
      c.turns.push(turn);
      c.conv.updated_at = now();
      counters.accepted++;
      if (!g[3]) {
        finish(c, turn, b.cleaning_level ?? 'auto');
        return json(res, 200, turn);
      }
      queue.push({ conversation_id: c.conv.id, turn_id: turn.turn_id, level: b.cleaning_level ?? 'auto', part: turn.seq % 2 });
      setTimeout(processNext, 5);
      return json(res, 202, { success: true, job_id: crypto.randomUUID(), turn_id: turn.turn_id, seq: turn.seq, conversation_id: c.conv.id, queued_at: now(), queue_time_ms: 0.1, priority: 'normal' });
    }
  }
  return problem(res, 404, 'Not Found', `no route ${req.method} ${p}`);
}

function view(c) {
  return { ...c.conv, turn_count: c.turns.length, last_seq: c.turns.length };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/api/v1/')) return api(req, res, url);
  if (url.pathname === '/health') return json(res, 200, { status: 'UP', checks: [{ id: 'mock', status: 'UP' }] });
  const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return problem(res, 404, 'Not Found', url.pathname);
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});

// Minimal RFC 6455 server side: text frames out, close/ping in.
server.on('upgrade', (req, socket) => {
  const url = new URL(req.url, 'http://x');
  const g = /^\/ws\/conversations\/([^/]+)$/.exec(url.pathname);
  const c = g && convs.get(g[1]);
  if (!c) return socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const frame = (op, payload) => {
    const len = payload.length;
    const head = len < 126 ? Buffer.from([0x80 | op, len]) : len < 65536 ? Buffer.from([0x80 | op, 126, len >> 8, len & 255]) : Buffer.concat([Buffer.from([0x80 | op, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
    if (!socket.destroyed) socket.write(Buffer.concat([head, payload]));
  };
  const client = { sendText: (s) => frame(1, Buffer.from(s)) };
  let buf = Buffer.alloc(0);
  socket.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 2) {
      const op = buf[0] & 15;
      let len = buf[1] & 127;
      let off = 2;
      if (len === 126) (len = buf.readUInt16BE(2)), (off = 4);
      else if (len === 127) (len = Number(buf.readBigUInt64BE(2))), (off = 10);
      if (buf.length < off + 4 + len) return;
      const mask = buf.subarray(off, off + 4);
      const payload = Buffer.from(buf.subarray(off + 4, off + 4 + len).map((b, i) => b ^ mask[i % 4]));
      buf = buf.subarray(off + 4 + len);
      if (op === 8) {
        frame(8, payload.subarray(0, 2));
        socket.end();
      } else if (op === 9) frame(10, payload);
    }
  });
  const cleanup = () => (c.sockets.delete(client), clearInterval(timer));
  socket.on('close', cleanup);
  socket.on('error', cleanup);
  const since = +(url.searchParams.get('since') ?? 0);
  client.sendText(JSON.stringify({ type: 'hello', conversation_id: c.conv.id, last_seq: c.turns.length }));
  for (const t of c.turns) if (t.seq > since && t.status !== 'pending') client.sendText(JSON.stringify({ type: 'turn.cleaned', seq: t.seq, turn: t }));
  c.sockets.add(client);
  const timer = setInterval(() => client.sendText(JSON.stringify({ type: 'metrics', snapshot: snapshot() })), 1000);
});

const port = +(process.env.PORT ?? 8080);
server.listen(port, '127.0.0.1', () => console.log(`mock server on http://127.0.0.1:${port}`));
