package io.cleanercontext.contract;

/**
 * Which cleaner shard (and queue partition) owns a conversation. The same on every node and across
 * restarts: String.hashCode is specified by the language, and the shard count is fixed per
 * deployment.
 */
public final class ShardRouter {
  private ShardRouter() {}

  public static int shardOf(String conversationId, int shards) {
    return Math.floorMod(conversationId.hashCode(), shards);
  }
}
