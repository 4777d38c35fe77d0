package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The events a conversation's subscribers receive, as JSON with a {@code type} field. The same
 * objects travel on {@code conversation.<id>.turns}, over WebSockets and over the bridges.
 */
public final class TurnEvents {
  public static final String TURN_CLEANED = EventTypes.TURN_CLEANED;
  public static final String TURN_FAILED = EventTypes.TURN_FAILED;

  private TurnEvents() {}

  /**
   * {@code turn.cleaned} (cleaned or skipped) or {@code turn.failed} for a stored turn, with {@code
   * sent_at} (publish time) and {@code received_at_ms} (when its HTTP request arrived), both epoch
   * milliseconds, so every hop's latency can be told apart.
   */
  public static JsonObject of(JsonObject turn) {
    String type =
        TurnStatus.FAILED.wireName().equals(turn.getString("status")) ? TURN_FAILED : TURN_CLEANED;
    String receivedAt = turn.getString("received_at");
    return new JsonObject()
        .put("type", type)
        .put("conversation_id", turn.getString("conversation_id"))
        .put("seq", turn.getLong("seq"))
        .put("sent_at", System.currentTimeMillis())
        .put("received_at_ms", receivedAt == null ? null : Instant.parse(receivedAt).toEpochMilli())
        .put("turn", turn);
  }
}
