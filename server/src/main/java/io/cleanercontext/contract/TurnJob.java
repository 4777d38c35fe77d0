package io.cleanercontext.contract;

import io.vertx.core.json.JsonObject;

/**
 * A unit of queued work: "clean conversation X up to seq N". PostgreSQL holds the turn itself;
 * the job only dispatches, so a duplicate job is harmless and a lost one is re-created from the
 * pending rows at start-up.
 *
 * @param jobId      stable id of the job (the backend adds its own delivery id)
 * @param role       {@code user} or {@code ai}; user turns are served first between conversations
 * @param enqueuedAt epoch millis when the job entered the queue
 */
public record TurnJob(String jobId, String conversationId, long seq, int partition, String role, long enqueuedAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("job_id", jobId)
        .put("conversation_id", conversationId)
        .put("seq", seq)
        .put("partition", partition)
        .put("role", role)
        .put("enqueued_at", enqueuedAt);
  }

  public static TurnJob fromJson(JsonObject json) {
    return new TurnJob(json.getString("job_id"), json.getString("conversation_id"), json.getLong("seq"),
        json.getInteger("partition"), json.getString("role"), json.getLong("enqueued_at"));
  }
}
