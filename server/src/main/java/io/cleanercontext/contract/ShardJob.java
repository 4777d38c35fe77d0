package io.cleanercontext.contract;

import io.vertx.core.Vertx;

/**
 * Body of {@link Addresses#cleanerShard(int)}: one queued job handed by its queue worker to the
 * conversation's owner, the cleaner shard, which answers a {@link ShardOutcome}. The shard and the
 * worker of a partition always run on the same node, so the record travels as it is ({@link
 * #register(Vertx)}): no JSON on the way.
 *
 * @param upToSeq the job's seq: every pending turn of the conversation up to it is to be handled
 * @param carried the turn at {@code upToSeq} as ingest stored it, or null (a recovery job): lets a
 *     shard that knows every earlier turn is stored skip reading it back from PostgreSQL
 */
public record ShardJob(String conversationId, long upToSeq, PendingTurn carried) {

  /** Registers the local codecs of the shard's request and answer, once per Vert.x instance. */
  public static void register(Vertx vertx) {
    LocalCodecs.register(vertx, ShardJob.class);
    LocalCodecs.register(vertx, ShardOutcome.class);
  }
}
