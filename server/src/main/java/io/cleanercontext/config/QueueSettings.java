package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code queue} section: the backend, the workers and ingest around it (the node's one
 * producer, {@code ingest.Ingest}, on the event loop of the first API instance to start).
 *
 * @param backend {@code memory} or {@code redis} ({@code CC_QUEUE_BACKEND}; {@code CC_REDIS_URL}
 *     alone implies redis)
 * @param redisUrl the Redis URL ({@code CC_REDIS_URL}), needed by the redis backend
 * @param redisPrefix the prefix of every Redis key ({@code CC_REDIS_PREFIX})
 * @param redisPoolSize Redis connections of each client
 * @param allowMemoryFallback whether an unreachable Redis falls back to the in-memory queue (never
 *     in a cluster)
 * @param workerInstances queue workers per node ({@code CC_QUEUE_WORKERS})
 * @param batchSize jobs one worker read takes
 * @param maxInFlight jobs one worker holds at once
 * @param maxAttempts cleaning attempts of a turn before it is failed and dead-lettered
 * @param retryBackoffMs the first retry's delay, doubled at each attempt
 * @param claimIdleMs how long a delivered job may stay unacknowledged before it is reclaimed
 * @param pendingSweepAgeMs how old a pending turn with no job must be for the sweep to enqueue it
 * @param drainTimeoutMs how long a stopping worker waits for its jobs in flight
 * @param cleanTimeoutMs how long a worker waits for a shard's answer
 * @param syncTimeoutMs how long a synchronous {@code POST .../turns} waits for its result
 * @param idempotencyWindowMs how long an idempotency key is remembered
 * @param idempotencyPurgeMs how often expired idempotency keys are deleted
 * @param maxBacklog queued jobs above which submissions are refused (503)
 * @param backlogSampleMs how often ingest samples the queue's length
 */
public record QueueSettings(
    String backend,
    String redisUrl,
    String redisPrefix,
    int redisPoolSize,
    boolean allowMemoryFallback,
    int workerInstances,
    int batchSize,
    int maxInFlight,
    int maxAttempts,
    long retryBackoffMs,
    long claimIdleMs,
    long pendingSweepAgeMs,
    long drainTimeoutMs,
    long cleanTimeoutMs,
    long syncTimeoutMs,
    long idempotencyWindowMs,
    long idempotencyPurgeMs,
    long maxBacklog,
    long backlogSampleMs) {

  private static final long MAX = Long.MAX_VALUE;

  public static QueueSettings from(JsonObject section) {
    SectionReader s = new SectionReader("queue", section);
    String backend = s.string("backend", "memory");
    if (!backend.equals("memory") && !backend.equals("redis")) {
      throw new ConfigException("queue.backend must be 'memory' or 'redis', not '" + backend + "'");
    }
    String redisUrl = s.string("redis_url", null);
    if (backend.equals("redis") && redisUrl == null) {
      throw new ConfigException(
          "queue.backend is 'redis' but no queue.redis_url (CC_REDIS_URL) is set");
    }
    return new QueueSettings(
        backend,
        redisUrl,
        s.string("redis_prefix", "cc:jobs:"),
        s.integer("redis_pool_size", 16, 1, 1024),
        s.bool("allow_memory_fallback", false),
        s.integer("worker_instances", 1, 1, 64),
        s.integer("batch_size", 64, 1, 10_000),
        s.integer("max_in_flight", 512, 1, 1_000_000),
        s.integer("max_attempts", 3, 1, 100),
        s.longValue("retry_backoff_ms", 200L, 0, MAX),
        s.longValue("claim_idle_ms", 15_000L, 1, MAX),
        s.longValue("pending_sweep_age_ms", 30_000L, 1, MAX),
        s.longValue("drain_timeout_ms", 10_000L, 1, MAX),
        s.longValue("clean_timeout_ms", 10_000L, 1, MAX),
        s.longValue("sync_timeout_ms", 30_000L, 1, MAX),
        s.longValue("idempotency_window_ms", 86_400_000L, 1, MAX),
        s.longValue("idempotency_purge_ms", 600_000L, 1, MAX),
        s.longValue("max_backlog", 100_000L, 1, MAX),
        s.longValue("backlog_sample_ms", 500L, 1, MAX));
  }

  public boolean redis() {
    return backend.equals("redis");
  }

  /** The same settings on the in-memory queue (Redis unreachable and the fallback allowed). */
  public QueueSettings onMemory() {
    return with("memory", redisPoolSize);
  }

  /** The same settings with another Redis pool size (a probe needs one connection). */
  public QueueSettings withRedisPoolSize(int size) {
    return with(backend, size);
  }

  private QueueSettings with(String newBackend, int poolSize) {
    return new QueueSettings(
        newBackend,
        redisUrl,
        redisPrefix,
        poolSize,
        allowMemoryFallback,
        workerInstances,
        batchSize,
        maxInFlight,
        maxAttempts,
        retryBackoffMs,
        claimIdleMs,
        pendingSweepAgeMs,
        drainTimeoutMs,
        cleanTimeoutMs,
        syncTimeoutMs,
        idempotencyWindowMs,
        idempotencyPurgeMs,
        maxBacklog,
        backlogSampleMs);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("backend", backend)
        .put("redis_url", redisUrl)
        .put("redis_prefix", redisPrefix)
        .put("redis_pool_size", redisPoolSize)
        .put("allow_memory_fallback", allowMemoryFallback)
        .put("worker_instances", workerInstances)
        .put("batch_size", batchSize)
        .put("max_in_flight", maxInFlight)
        .put("max_attempts", maxAttempts)
        .put("retry_backoff_ms", retryBackoffMs)
        .put("claim_idle_ms", claimIdleMs)
        .put("pending_sweep_age_ms", pendingSweepAgeMs)
        .put("drain_timeout_ms", drainTimeoutMs)
        .put("clean_timeout_ms", cleanTimeoutMs)
        .put("sync_timeout_ms", syncTimeoutMs)
        .put("idempotency_window_ms", idempotencyWindowMs)
        .put("idempotency_purge_ms", idempotencyPurgeMs)
        .put("max_backlog", maxBacklog)
        .put("backlog_sample_ms", backlogSampleMs);
  }
}
