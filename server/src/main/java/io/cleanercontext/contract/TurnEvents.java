package io.cleanercontext.contract;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The events a conversation's subscribers receive, as JSON with a {@code type} field. The same
 * objects travel on {@code conversation.<id>.turns}, over WebSockets and over the bridges.
 *
 * <p>Published with {@link #PUBLISH}: the consumers of the publishing node receive the event object
 * itself, not a copy each (the event bus copies a {@code JsonObject} for every local consumer
 * otherwise); another node receives it as JSON, as any {@code JsonObject}. So a published event is
 * read-only: a consumer that needs another shape builds a new object around it.
 */
public final class TurnEvents {
  public static final String TURN_CLEANED = EventTypes.TURN_CLEANED;
  public static final String TURN_FAILED = EventTypes.TURN_FAILED;

  /** How a turn event is published (its codec, {@link #register}). */
  public static final DeliveryOptions PUBLISH = new DeliveryOptions().setCodecName(Shared.NAME);

  private TurnEvents() {}

  /**
   * Registers the events' codec on this Vert.x instance (every node, for the events it receives); a
   * second call changes nothing.
   */
  public static void register(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new Shared());
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle of this Vert.x instance registered it
    }
  }

  /** A JSON object shared as it is with local consumers, sent as JSON to other nodes. */
  static final class Shared implements MessageCodec<JsonObject, JsonObject> {
    static final String NAME = "cc-turn-event";

    @Override
    public void encodeToWire(Buffer buffer, JsonObject event) {
      Buffer encoded = event.toBuffer();
      buffer.appendInt(encoded.length());
      buffer.appendBuffer(encoded);
    }

    @Override
    public JsonObject decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return new JsonObject(buffer.slice(pos + 4, pos + 4 + length));
    }

    @Override
    public JsonObject transform(JsonObject event) {
      return event;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  /**
   * {@code turn.cleaned} (cleaned or skipped) or {@code turn.failed} for a stored turn, with {@code
   * sent_at} (publish time) and {@code received_at_ms} (when its HTTP request arrived), both epoch
   * milliseconds, so every hop's latency can be told apart. Built from the record, not from its
   * JSON: the arrival time is read as a number, not parsed back from its text.
   */
  public static JsonObject of(StoredTurn turn) {
    return new JsonObject()
        .put("type", turn.status() == TurnStatus.FAILED ? TURN_FAILED : TURN_CLEANED)
        .put("conversation_id", turn.conversationId())
        .put("seq", turn.seq())
        .put("sent_at", System.currentTimeMillis())
        .put(
            "received_at_ms",
            turn.receivedAt() == null ? null : turn.receivedAt().toInstant().toEpochMilli())
        .put("turn", turn.toJson());
  }
}
