package io.cleanercontext.intake;

import io.cleanercontext.contract.IsoInstant;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.contract.TurnAccepted;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The intake's answer step: what tells a client its turns were accepted, in the bodies each entry
 * point sends (HTTP 202, the bridges' reply, a transcript import's list).
 *
 * @param conversationId the conversation, as validated
 * @param accepted ingest's acceptance of every turn, in order
 * @param replayed true when this is the first answer given again for an idempotency key (nothing
 *     was stored)
 * @param queueTimeMs how long the request took to be accepted
 */
public record Answer(
    String conversationId, List<TurnAccepted> accepted, boolean replayed, long queueTimeMs) {

  static Answer of(String conversationId, SubmissionAccepted reply, long receivedAt) {
    return new Answer(
        conversationId, reply.turns(), reply.replayed(), System.currentTimeMillis() - receivedAt);
  }

  /** The first (or only) turn accepted. */
  public TurnAccepted first() {
    return accepted.get(0);
  }

  /** One accepted turn, followed by how long the request took to be accepted. */
  public JsonObject turnBody() {
    return turn(first()).put("queue_time_ms", queueTimeMs);
  }

  /** A batch's accepted turns, in order, for {@code POST .../turns/realtime/batch}. */
  public JsonObject batchBody() {
    return new JsonObject()
        .put("conversation_id", conversationId)
        .put("accepted", turns())
        .put("queue_time_ms", queueTimeMs);
  }

  /** A batch's accepted turns, in order, as the bridges answer them. */
  public JsonObject bridgeBatchBody() {
    return new JsonObject()
        .put("accepted", turns())
        .put("conversation_id", conversationId)
        .put("queue_time_ms", queueTimeMs);
  }

  /** Each turn's id and seq: what a transcript import answers per turn. */
  public JsonArray idsAndSeqs() {
    JsonArray into = new JsonArray();
    for (TurnAccepted turn : accepted) {
      into.add(new JsonObject().put("turn_id", turn.turnId()).put("seq", turn.seq()));
    }
    return into;
  }

  private JsonArray turns() {
    JsonArray array = new JsonArray();
    accepted.forEach(t -> array.add(turn(t)));
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
        .put("priority", accepted.role() == Speaker.USER ? "high" : "normal")
        .put("queued_at", IsoInstant.format(Instant.ofEpochMilli(accepted.queuedAt())))
        .put("queue_backend", accepted.queueBackend());
  }
}
