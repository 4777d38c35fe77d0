package io.cleanercontext.contract;

import java.util.Map;
import java.util.Set;

/**
 * Every {@code type} the server sends to a client, on the WebSocket, the SockJS bridge and the TCP
 * bridge, declared once, and the close codes it ends sockets with. The dashboard's copy is {@code
 * web-ui/src/lib/events.js}; a test keeps the two equal. Only turn events carry a {@code seq}: they
 * alone are ordered and deduplicated by it; every other event passes through in order of arrival.
 */
public final class EventTypes {
  /** A turn left pending: cleaned (or skipped). Carries {@code seq}. */
  public static final String TURN_CLEANED = "turn.cleaned";

  /** A turn failed for good after its attempts. Carries {@code seq}. */
  public static final String TURN_FAILED = "turn.failed";

  /**
   * A partial result of a voice pipeline (speech still being recognised), for live views: never
   * stored, no {@code seq}; the final result arrives later as a turn. Carries {@code speaker},
   * {@code role}, {@code text}, {@code words} and {@code source}.
   */
  public static final String TURN_INTERIM = "turn.interim";

  /** First WebSocket message: the conversation, its last seq, the resume point. */
  public static final String HELLO = "hello";

  /** The replay of a resuming subscription is done; live events follow. */
  public static final String REPLAY_COMPLETE = "replay.complete";

  /** A metrics snapshot (WebSocket feed {@code metrics}). */
  public static final String METRICS = "metrics";

  /** The queue's status (WebSocket feed {@code queue}). */
  public static final String QUEUE_STATUS = "queue.status";

  /** Body of the message confirming a bridge registration. */
  public static final String REGISTERED = "registered";

  /** TCP bridge frame: a message on an address. */
  public static final String MESSAGE = "message";

  /** SockJS bridge frame: a message on an address. */
  public static final String REC = "rec";

  /** Bridge frame: a refused frame or a failed request, with the reason. */
  public static final String ERR = "err";

  /** TCP bridge frame: the answer to a client's ping. */
  public static final String PONG = "pong";

  /** Every type above. */
  public static final Set<String> ALL =
      Set.of(
          TURN_CLEANED,
          TURN_FAILED,
          TURN_INTERIM,
          HELLO,
          REPLAY_COMPLETE,
          METRICS,
          QUEUE_STATUS,
          REGISTERED,
          MESSAGE,
          REC,
          ERR,
          PONG);

  /** The types that carry a {@code seq}: a conversation's turn events. */
  public static final Set<String> WITH_SEQ = Set.of(TURN_CLEANED, TURN_FAILED);

  /** The close codes of the server's sockets, by name (as in events.js). */
  public static final Map<String, Short> CLOSE_CODES =
      Map.of(
          "IDLE", Close.IDLE,
          "TOKEN_EXPIRED", Close.TOKEN_EXPIRED,
          "SLOW_CONSUMER", Close.SLOW_CONSUMER,
          "UNAUTHENTICATED", Close.UNAUTHENTICATED,
          "ORIGIN_REFUSED", Close.ORIGIN_REFUSED);

  /** Close codes of WebSockets and SockJS sockets (4000-4999 are the application's). */
  public static final class Close {
    /** No frame or pong for {@code idle_timeout_ms}. */
    public static final short IDLE = 4000;

    /** The token the socket was opened with has expired: reconnect with a fresh one. */
    public static final short TOKEN_EXPIRED = 4001;

    /** The client did not read fast enough: its outbound queue was full. */
    public static final short SLOW_CONSUMER = 4008;

    /** SockJS: the connection's token was refused. */
    public static final short UNAUTHENTICATED = 4401;

    /** SockJS: the Origin is not allowed. */
    public static final short ORIGIN_REFUSED = 4403;

    private Close() {}
  }

  private EventTypes() {}

  /** Whether events of this type carry a seq (and so are ordered and deduplicated by it). */
  public static boolean carriesSeq(String type) {
    return WITH_SEQ.contains(type);
  }
}
