package io.cleanercontext.contract;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A unit of queued work: "clean conversation X up to seq N". PostgreSQL holds the turn itself; the
 * job only dispatches, so a duplicate job is harmless and a lost one is re-created from the pending
 * rows at start-up.
 *
 * <p>A queue worker hands the job itself to the conversation's owner, the cleaner shard of its
 * partition (with the other jobs of the same read for that shard, {@link ShardJobs}), which answers
 * a {@link ShardOutcome} for it: every pending turn of the conversation up to {@code seq} is to be
 * handled. The shard and the worker of a partition always run on the same node, so the job travels
 * by reference ({@link #register(Vertx)}): no JSON on the way.
 *
 * @param jobId stable id of the job (the backend adds its own delivery id)
 * @param role {@code user} or {@code ai}; user turns are served first between conversations
 * @param enqueuedAt epoch millis when the job entered the queue
 * @param carried the turn at {@code seq} as ingest stored it, or null (a recovery job): lets a
 *     shard that knows every earlier turn is stored skip reading it back from PostgreSQL
 */
public record TurnJob(
    String jobId,
    String conversationId,
    long seq,
    int partition,
    Speaker role,
    long enqueuedAt,
    TurnToClean carried) {

  /**
   * A job without a carried turn: the worker reads the conversation's pending turns from
   * PostgreSQL.
   */
  public TurnJob(
      String jobId, String conversationId, long seq, int partition, Speaker role, long enqueuedAt) {
    this(jobId, conversationId, seq, partition, role, enqueuedAt, null);
  }

  /**
   * Registers the local codecs of a job (the in-memory queue's messages carry it) and of the
   * shard's request and answer ({@link ShardJobs}), once per Vert.x instance.
   */
  public static void register(Vertx vertx) {
    LocalCodecs.register(vertx, TurnJob.class);
    LocalCodecs.register(vertx, ShardJobs.class);
    LocalCodecs.register(vertx, ShardJobs.Answers.class);
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("job_id", jobId)
            .put("conversation_id", conversationId)
            .put("seq", seq)
            .put("partition", partition)
            .put("role", role.wireName())
            .put("enqueued_at", enqueuedAt);
    if (carried != null) {
      json.put("turn", carried.toJson())
          .put("reply_to", carried.replyTo())
          .put("received_at", carried.receivedAt());
    }
    return json;
  }

  public static TurnJob fromJson(JsonObject json) {
    JsonObject turn = json.getJsonObject("turn");
    TurnToClean carried =
        turn == null
            ? null
            : TurnToClean.fromJson(turn, json.getString("reply_to"), json.getLong("received_at"));
    return new TurnJob(
        json.getString("job_id"),
        json.getString("conversation_id"),
        json.getLong("seq"),
        json.getInteger("partition"),
        Speaker.ofWire(json.getString("role")),
        json.getLong("enqueued_at"),
        carried);
  }
}
