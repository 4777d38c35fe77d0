package io.cleanercontext.webhook;

import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.WebhookEvents;
import io.cleanercontext.store.Transcripts;
import io.cleanercontext.store.WebhookLines.Leased;
import io.cleanercontext.transcript.TimedTurn;
import io.cleanercontext.transcript.TranscriptExport;
import io.cleanercontext.transcript.TranscriptFigures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The body of a delivery, in the Standard Webhooks envelope {@code {type, timestamp, data}}. A turn
 * event's data is the turn as every client sees it ({@link StoredTurn#toJson()}), read when it is
 * sent; {@code conversation.completed} carries the whole transcript up to the turn the call ended
 * at, cleaned and raw, with its figures; the other events carry the payload stored with them.
 */
final class EventBodies {
  /** The most turns a completed event carries; a longer call says it was truncated. */
  static final int MAX_COMPLETED_TURNS = 5_000;

  private final Transcripts transcripts;

  EventBodies(Transcripts transcripts) {
    this.transcripts = transcripts;
  }

  Future<JsonObject> body(Leased d, Map<java.util.UUID, StoredTurn> turns) {
    return data(d, turns)
        .map(
            data ->
                new JsonObject()
                    .put("type", d.eventType())
                    .put("timestamp", d.createdAt().toString())
                    .put("data", data));
  }

  private Future<JsonObject> data(Leased d, Map<java.util.UUID, StoredTurn> turns) {
    if (d.turnId() != null) {
      StoredTurn turn = turns.get(d.turnId());
      if (turn == null) {
        // The conversation was deleted after the event: say so rather than send nothing.
        return Future.succeededFuture(
            new JsonObject()
                .put("conversation_id", String.valueOf(d.conversationId()))
                .put("turn_id", d.turnId().toString())
                .put("seq", d.seq())
                .put("deleted", true));
      }
      return Future.succeededFuture(
          new JsonObject()
              .put("conversation_id", turn.conversationId())
              .put("seq", turn.seq())
              .put(
                  "received_at_ms",
                  turn.receivedAt() == null ? null : turn.receivedAt().toInstant().toEpochMilli())
              .put("turn", turn.toJson()));
    }
    if (WebhookEvents.CONVERSATION_COMPLETED.equals(d.eventType())) {
      return transcripts
          .read(d.tenant(), d.conversationId(), d.seq(), MAX_COMPLETED_TURNS)
          .map(
              t -> {
                JsonObject data =
                    new JsonObject()
                        .put("conversation_id", d.conversationId().toString())
                        .put("reason", d.payload() == null ? null : d.payload().getString("reason"))
                        .put("last_seq", d.seq());
                if (t == null) {
                  return data.put("deleted", true);
                }
                TimedTurn.Timeline timeline = TimedTurn.place(t.turns(), t.words());
                return data.put("name", t.conversation().name())
                    .put("metadata", t.conversation().metadata())
                    .put("timing", timeline.timing().wireName())
                    .put("truncated", t.truncated())
                    .put("figures", TranscriptFigures.of(t.turns()))
                    .put("transcript", TranscriptExport.turns(timeline));
              });
    }
    return Future.succeededFuture(d.payload() == null ? new JsonObject() : d.payload());
  }
}
