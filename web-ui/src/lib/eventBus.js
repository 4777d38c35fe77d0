// A minimal client of the server's Vert.x event-bus bridge at /eventbus, for receiving
// published messages (e.g. diagnostics.progress). It speaks the bridge's JSON frames
// ({type:'register'|'unregister'|'ping', address} out; {type:'rec'|'err', address, body} in,
// as binary frames) over the raw WebSocket transport the SockJS endpoint offers at /eventbus/websocket, so it
// needs neither sockjs-client nor @vertx/eventbus-bridge-client.js. It never reconnects by
// itself: the caller decides (the Diagnostics view falls back to polling).

// With a token (server with auth on) it goes on the connection, `?access_token=`: the server
// verifies it there and again on every frame.
import { withAccessToken } from './auth.js';
import { EVENT_TYPES } from './events.js';

export function bridgeUrl(loc = globalThis.location, token = null) {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return withAccessToken(`${proto}//${loc.host}/eventbus/websocket`, token);
}

/**
 * Opens the bridge. Handlers: onOpen(), onClose({code, reason, wasOpen}), onError(message)
 * for 'err' frames (e.g. access_denied). Returns {subscribe(address, fn) -> unsubscribe,
 * close(), get open()}.
 */
export function openEventBus({ url = bridgeUrl(), WebSocketImpl = globalThis.WebSocket, pingMs = 10000, onOpen, onClose, onError } = {}) {
  const handlers = new Map(); // address -> Set(fn)
  let ws;
  let open = false;
  let closed = false;
  let pinger = null;

  const send = (frame) => {
    if (open && ws.readyState === 1) ws.send(JSON.stringify(frame));
  };

  try {
    ws = new WebSocketImpl(url);
  } catch (e) {
    queueMicrotask(() => onClose?.({ code: 0, reason: e.message, wasOpen: false }));
    return { subscribe: () => () => {}, close() {}, get open() { return false; } };
  }

  ws.onopen = () => {
    if (closed) {
      ws.close(1000, 'done'); // closed while connecting (see close())
      return;
    }
    open = true;
    for (const address of handlers.keys()) send({ type: 'register', address, headers: {} });
    // The bridge drops a socket that stays silent longer than its ping timeout.
    pinger = setInterval(() => send({ type: 'ping' }), pingMs);
    onOpen?.();
  };
  // The raw transport sends the bridge's JSON in binary frames.
  try {
    ws.binaryType = 'arraybuffer';
  } catch {
    /* not settable: strings or Blobs then */
  }
  const decoder = new TextDecoder();
  ws.onmessage = (ev) => {
    const data = ev.data;
    if (typeof data === 'string') onFrame(data);
    else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) onFrame(decoder.decode(data));
    else if (data && typeof data.text === 'function') data.text().then(onFrame, () => {});
  };
  const onFrame = (text) => {
    if (closed) return;
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame?.type === EVENT_TYPES.ERR) {
      onError?.(String(frame.body ?? frame.message ?? 'bridge error'));
      return;
    }
    if (frame?.type !== EVENT_TYPES.REC && frame?.type !== 'send' && frame?.type !== 'publish') return;
    for (const fn of handlers.get(frame.address) ?? []) {
      try {
        fn(frame.body, frame);
      } catch (e) {
        onError?.(`handler of ${frame.address}: ${e.message}`);
      }
    }
  };
  ws.onclose = (ev) => {
    const wasOpen = open;
    open = false;
    clearInterval(pinger);
    if (closed) return;
    closed = true;
    onClose?.({ code: ev?.code ?? 0, reason: ev?.reason ?? '', wasOpen });
  };
  ws.onerror = () => {}; // onclose follows and says what is needed

  return {
    subscribe(address, fn) {
      if (!handlers.has(address)) {
        handlers.set(address, new Set());
        send({ type: 'register', address, headers: {} });
      }
      handlers.get(address).add(fn);
      return () => {
        const set = handlers.get(address);
        if (!set) return;
        set.delete(fn);
        if (set.size === 0) {
          handlers.delete(address);
          send({ type: 'unregister', address, headers: {} });
        }
      };
    },
    close() {
      if (closed) return;
      closed = true;
      open = false;
      clearInterval(pinger);
      // Closing a socket that is still connecting makes Chromium log a console error: let
      // it open first (onopen closes it), or fail by itself.
      if (ws.readyState === 0) return;
      try {
        ws.close(1000, 'done');
      } catch {
        /* already closing */
      }
    },
    get open() {
      return open;
    },
  };
}
