package io.cleanercontext.api;

import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.contract.TurnAccepted;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The bodies that tell a client its turns were accepted (HTTP 202, and the bridge's reply), from
 * ingest's {@link SubmissionAccepted}.
 */
final class AcceptedBodies {
  private AcceptedBodies() {}

  /** One accepted turn, followed by how long the request took to be accepted. */
  static JsonObject turn(TurnAccepted accepted, long queueTimeMs) {
    return turn(accepted).put("queue_time_ms", queueTimeMs);
  }

  /** A batch's accepted turns, in order, for {@code POST .../turns/realtime/batch}. */
  static JsonObject batch(String conversationId, SubmissionAccepted accepted, long queueTimeMs) {
    return new JsonObject()
        .put("conversation_id", conversationId)
        .put("accepted", turns(accepted))
        .put("queue_time_ms", queueTimeMs);
  }

  /** A batch's accepted turns, in order, as the bridge answers them. */
  static JsonObject bridgeBatch(
      String conversationId, SubmissionAccepted accepted, long queueTimeMs) {
    return new JsonObject()
        .put("accepted", turns(accepted))
        .put("conversation_id", conversationId)
        .put("queue_time_ms", queueTimeMs);
  }

  /** Each turn's id and seq: what a transcript import answers per turn. */
  static void addIdsAndSeqs(SubmissionAccepted accepted, JsonArray into) {
    for (TurnAccepted turn : accepted.turns()) {
      into.add(new JsonObject().put("turn_id", turn.turnId()).put("seq", turn.seq()));
    }
  }

  private static JsonArray turns(SubmissionAccepted accepted) {
    JsonArray array = new JsonArray();
    accepted.turns().forEach(t -> array.add(turn(t)));
    return array;
  }

  private static JsonObject turn(TurnAccepted accepted) {
    return new JsonObject()
        .put("success", true)
        .put("job_id", accepted.jobId())
        .put("turn_id", accepted.turnId())
        .put("seq", accepted.seq())
        .put("conversation_id", accepted.conversationId())
        .put("partition", accepted.partition())
        .put("priority", "user".equals(accepted.role()) ? "high" : "normal")
        .put("queued_at", Instant.ofEpochMilli(accepted.queuedAt()).toString())
        .put("queue_backend", accepted.queueBackend());
  }
}
