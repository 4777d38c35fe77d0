package io.cleanercontext.contract;

/**
 * Every event-bus address of the product, declared once. Verticles talk only through these, so any
 * of them can be scaled out or moved to another node of a cluster.
 */
public final class Addresses {

  /**
   * Request from event-bus bridge clients: submit a turn for real-time cleaning. Body {@code
   * {conversation_id, speaker, raw_text, cleaning_level?}}, validated exactly like the HTTP route;
   * replies what {@code POST .../turns/realtime} answers. A body {@code {conversation_id, turns:
   * [...]}} is a batch and replies what {@code POST .../turns/realtime/batch} answers.
   */
  public static final String BRIDGE_TURN_SUBMIT = "bridge.turns.submit";

  /** Request: run the diagnostics suite against the live system; replies the report. */
  public static final String DIAGNOSTICS_RUN = "diagnostics.run";

  /** Request: the latest diagnostics report and the history of recent runs. */
  public static final String DIAGNOSTICS_LAST = "diagnostics.last";

  /** Publish: progress of a diagnostics run, one event per scenario started or finished. */
  public static final String DIAGNOSTICS_PROGRESS = "diagnostics.progress";

  /** Publish: the latest metrics snapshot, once a second. */
  public static final String METRICS_SNAPSHOT = "metrics.snapshot";

  /** Request: the latest metrics snapshot. */
  public static final String METRICS_QUERY = "metrics.query";

  /** Publish: an alert raised or cleared for a missed performance target. */
  public static final String METRICS_ALERT = "metrics.alert";

  /**
   * Publish, to every node: a tenant's or a conversation's privacy settings or spelling rules
   * changed ({@code {"tenant": ..., "conversation_id": ...}}, the id absent for a tenant-wide
   * change); ingest drops the rules it holds for them.
   */
  public static final String PRIVACY_CHANGED = "privacy.changed";

  /** Request: queue status (whole queue, or one conversation when the body names it). */
  public static final String QUEUE_STATUS = "queue.status";

  /**
   * Request: start or stop every queue worker ({@code {"action": "start"|"stop"}}); replies the
   * status.
   */
  public static final String QUEUE_CONTROL = "queue.control";

  /**
   * Request, local only: a participant in the graceful shutdown joins it. Body: the participant's
   * own address ({@link #shutdownParticipant}); see {@link Shutdown}.
   */
  public static final String SHUTDOWN_PARTICIPANTS = "lifecycle.shutdown.participants";

  /** Publish: queue status pushed to dashboards once a second. */
  public static final String QUEUE_STATUS_FEED = "queue.status.feed";

  /**
   * Local requests to the in-memory queue of this process ({@code queue.InMemoryQueueVerticle}),
   * one address per queue operation; bodies are the queue's records, passed by reference through a
   * local codec. Single node by definition, so the consumers are local only.
   */
  public static final String MEMORY_QUEUE_ENQUEUE = "queue.memory.enqueue";

  public static final String MEMORY_QUEUE_READ = "queue.memory.read";
  public static final String MEMORY_QUEUE_ACK = "queue.memory.ack";
  public static final String MEMORY_QUEUE_RETRY = "queue.memory.retry";
  public static final String MEMORY_QUEUE_DEAD_LETTER = "queue.memory.dead-letter";
  public static final String MEMORY_QUEUE_RECLAIM = "queue.memory.reclaim";
  public static final String MEMORY_QUEUE_PARTITION_STATUS = "queue.memory.partition-status";
  public static final String MEMORY_QUEUE_DEAD_LETTER_COUNT = "queue.memory.dead-letter-count";
  public static final String MEMORY_QUEUE_PROBE = "queue.memory.probe";

  private static final String CONVERSATION_PREFIX = "conversation.";
  private static final String CONVERSATION_SUFFIX = ".turns";

  private Addresses() {}

  /** Publish: every event of one conversation, to every subscriber on every node. */
  public static String conversationTurns(String conversationId) {
    return CONVERSATION_PREFIX + conversationId + CONVERSATION_SUFFIX;
  }

  /** Regex matching every conversation address, for the event-bus bridge permissions. */
  public static String conversationTurnsPattern() {
    return "conversation\\.[0-9a-f\\-]{36}\\.turns";
  }

  /** The conversation id named by a conversation address, or null if it is not one. */
  public static String conversationIdOf(String address) {
    if (address == null
        || !address.startsWith(CONVERSATION_PREFIX)
        || !address.endsWith(CONVERSATION_SUFFIX)) {
      return null;
    }
    return address.substring(
        CONVERSATION_PREFIX.length(), address.length() - CONVERSATION_SUFFIX.length());
  }

  /**
   * Request (jobs local only: a partition's worker and shard share a node): a queued job for the
   * conversation's owner, the one cleaner shard of its partition. Body the queue's {@link TurnJob}
   * itself; replies {@link ShardOutcome}. Any other body (from any node) is a health check's ping,
   * answered with {@code {shard}}.
   */
  public static String cleanerShard(int shard) {
    return "cleaner.shard." + shard;
  }

  /**
   * Request: control of one queue worker (start, stop, status). Qualified by node so the workers of
   * different cluster nodes never share an address; the node's queue control verticle, which serves
   * {@code queue.status} and {@code queue.control}, reaches every worker through the cluster-wide
   * registry {@link #QUEUE_WORKER_REGISTRY}.
   */
  public static String queueWorker(String nodeId, String worker) {
    return "queue.worker." + nodeId + "." + worker;
  }

  /**
   * Name of the cluster-wide map of live queue workers: control address -> {node, worker,
   * partitions}.
   */
  public static final String QUEUE_WORKER_REGISTRY = "cc.queue.workers";

  /**
   * Request: which cleaner shards this node owns, {@code {node_id, shards}}; one consumer per
   * shard-owning node.
   */
  public static final String CLUSTER_SHARD_OWNERS = "cluster.shard.owners";

  /**
   * Request, local only: one shutdown phase for one participant (body: the {@link Shutdown.Phase}
   * name), answered when the participant has done it.
   */
  public static String shutdownParticipant(String participantId) {
    return "lifecycle.shutdown." + participantId;
  }

  /** Send: results of synchronous turns, to the API instance that waits for them. */
  public static String turnResults(String apiInstanceId) {
    return "api.results." + apiInstanceId;
  }
}
