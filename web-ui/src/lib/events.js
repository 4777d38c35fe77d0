// Every `type` the server sends (WebSocket, SockJS bridge, TCP bridge) and the close codes it
// ends sockets with: the mirror of the server's contract.EventTypes. EventTypesMirrorTest (server)
// reads this file and fails when the two differ, so change both together.

export const EVENT_TYPES = Object.freeze({
  TURN_CLEANED: 'turn.cleaned',
  TURN_FAILED: 'turn.failed',
  TURN_INTERIM: 'turn.interim',
  HELLO: 'hello',
  REPLAY_COMPLETE: 'replay.complete',
  METRICS: 'metrics',
  QUEUE_STATUS: 'queue.status',
  REGISTERED: 'registered',
  MESSAGE: 'message',
  REC: 'rec',
  ERR: 'err',
  PONG: 'pong',
});

// Only turn events carry a seq: they alone are ordered and deduplicated by it.
export const WITH_SEQ = Object.freeze([EVENT_TYPES.TURN_CLEANED, EVENT_TYPES.TURN_FAILED]);

export const CLOSE_CODES = Object.freeze({
  IDLE: 4000,
  TOKEN_EXPIRED: 4001,
  SLOW_CONSUMER: 4008,
  UNAUTHENTICATED: 4401,
  ORIGIN_REFUSED: 4403,
});

export const carriesSeq = (type) => WITH_SEQ.includes(type);
