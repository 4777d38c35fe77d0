package io.cleanercontext.realtime;

import io.vertx.core.json.JsonObject;

/**
 * The events a conversation's subscribers receive, as JSON with a {@code type} field. The same
 * objects travel on {@code conversation.<id>.turns}, over WebSockets and over the bridges.
 */
public final class TurnEvents {
  public static final String TURN_CLEANED = "turn.cleaned";
  public static final String TURN_FAILED = "turn.failed";

  private TurnEvents() {
  }

  /** {@code turn.cleaned} (cleaned or skipped) or {@code turn.failed} for a stored turn. */
  public static JsonObject of(JsonObject turn) {
    String type = "failed".equals(turn.getString("status")) ? TURN_FAILED : TURN_CLEANED;
    return new JsonObject()
        .put("type", type)
        .put("conversation_id", turn.getString("conversation_id"))
        .put("seq", turn.getLong("seq"))
        .put("sent_at", System.currentTimeMillis())
        .put("turn", turn);
  }
}
