package io.cleanercontext.security;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.config.SecuritySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The limits' counters in Redis, shared by every node that uses the same Redis and key prefix, so N
 * nodes together admit the limit once, not N times.
 *
 * <p>Turn rate: a token bucket per tenant (a hash: tokens, last refill), refilled and taken in one
 * Lua script on Redis's own clock ({@code TIME}), so nodes with skewed clocks agree. Open
 * connections: a hash per client of this node's count per node id; every node keeps a heartbeat key
 * ({@code <prefix>node:<id>}, expiring after {@code leaseMs}), and the acquire script drops the
 * counts of nodes whose heartbeat is gone, so a crashed node's connections stop counting once its
 * lease expires. Each call has a short timeout; callers decide what a failure means (see
 * docs/SECURITY.md: they fall back to the per-process limit).
 */
public final class RedisLimits {
  static final long CALL_TIMEOUT_MS = 500;

  /** Returns the milliseconds to wait (0: taken). KEYS[1] bucket; ARGV rate/s, burst, n. */
  private static final String TAKE =
      String.join(
          "\n",
          "local rate = tonumber(ARGV[1])",
          "local burst = tonumber(ARGV[2])",
          "local n = tonumber(ARGV[3])",
          "local t = redis.call('TIME')",
          "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
          "local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')",
          "local tokens = tonumber(b[1]) or burst",
          "local at = tonumber(b[2]) or now",
          "tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)",
          "local wait = 0",
          "if tokens >= n then tokens = tokens - n",
          "elseif n > burst then wait = math.ceil(burst / rate * 1000)",
          "else wait = math.ceil((n - tokens) / rate * 1000) end",
          "redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))",
          "redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)",
          "return wait");

  /**
   * 1 when counted, 0 at the limit. KEYS[1] client hash; ARGV node id, max, heartbeat prefix, lease
   * ms.
   */
  private static final String OPEN =
      String.join(
          "\n",
          "redis.call('SET', ARGV[3] .. ARGV[1], '1', 'PX', ARGV[4])",
          "local fields = redis.call('HGETALL', KEYS[1])",
          "local total = 0",
          "for i = 1, #fields, 2 do",
          "  if fields[i] ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. fields[i]) == 0 then",
          "    redis.call('HDEL', KEYS[1], fields[i])",
          "  else total = total + tonumber(fields[i + 1]) end",
          "end",
          "if total >= tonumber(ARGV[2]) then return 0 end",
          "redis.call('HINCRBY', KEYS[1], ARGV[1], 1)",
          "return 1");

  /** KEYS[1] client hash; ARGV node id. */
  private static final String CLOSE =
      String.join(
          "\n",
          "local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)",
          "if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end",
          "return n");

  private final RedisAPI api;
  private final String prefix;
  private final String nodeId = UUID.randomUUID().toString();
  private final long leaseMs;
  private final Vertx vertx;
  private final long heartbeatTimer;

  RedisLimits(Vertx vertx, String url, String prefix, long leaseMs) {
    Redis client =
        Redis.createClient(
            vertx,
            new RedisOptions().setConnectionString(url).setMaxPoolSize(4).setMaxPoolWaiting(4096));
    this.api = RedisAPI.api(client);
    this.prefix = prefix;
    this.leaseMs = leaseMs;
    this.vertx = vertx;
    // The heartbeat that keeps this node's connection counts alive; they expire leaseMs after it
    // stops.
    this.heartbeatTimer = vertx.setPeriodic(Math.max(100, leaseMs / 3), t -> heartbeat());
  }

  /**
   * The limits' Redis for a deployment, or null for per-process limits. {@code
   * security.cluster_limits}: {@code auto} (default) counts in Redis whenever the queue is the
   * Redis queue, which every clustered deployment is (nodes sharing a queue are one deployment, and
   * must share limits); {@code redis} requires it; {@code local} keeps per-process limits. Keys
   * start with the queue's {@code redis_prefix} + {@code limits:}.
   */
  public static RedisLimits forDeployment(
      Vertx vertx, SecuritySettings security, QueueSettings queue) {
    String mode = security.clusterLimits();
    boolean redisQueue = queue.redis() && queue.redisUrl() != null;
    if ("local".equals(mode) || ("auto".equals(mode) && !redisQueue)) {
      return null;
    }
    if (queue.redisUrl() == null) {
      throw new IllegalStateException(
          "security.cluster_limits is 'redis' but queue.redis_url is not set");
    }
    return new RedisLimits(
        vertx, queue.redisUrl(), queue.redisPrefix() + "limits:", security.connectionLeaseMs());
  }

  /** A process-independent instance (tests: two "nodes" in one JVM). */
  public static RedisLimits create(Vertx vertx, String url, String prefix, long leaseMs) {
    return new RedisLimits(vertx, url, prefix, leaseMs);
  }

  String nodeId() {
    return nodeId;
  }

  private Future<Void> heartbeat() {
    return api.set(List.of(prefix + "node:" + nodeId, "1", "PX", Long.toString(leaseMs)))
        .mapEmpty();
  }

  /**
   * Takes {@code n} tokens of the tenant's bucket: 0, or the milliseconds until they would be
   * there.
   */
  Future<Long> take(String tenant, int n, double ratePerSecond, double burst) {
    return api.eval(
            List.of(
                TAKE,
                "1",
                prefix + "rate:" + tenant,
                Double.toString(ratePerSecond),
                Double.toString(burst),
                Integer.toString(n)))
        .timeout(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(r -> r.toLong());
  }

  /**
   * Counts a connection of the client on this node if the cluster-wide total is below {@code max}.
   */
  Future<Boolean> open(String client, int max) {
    return api.eval(
            List.of(
                OPEN,
                "1",
                prefix + "conn:" + client,
                nodeId,
                Integer.toString(max),
                prefix + "node:",
                Long.toString(leaseMs)))
        .timeout(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(r -> r.toLong() == 1L);
  }

  /** One connection of the client on this node has closed. */
  Future<Void> close(String client) {
    return api.eval(List.of(CLOSE, "1", prefix + "conn:" + client, nodeId))
        .timeout(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .mapEmpty();
  }

  /**
   * Stops the heartbeat and drops this node's key now, as if the node had died and its lease
   * expired.
   */
  Future<Void> stopAsIfDead() {
    vertx.cancelTimer(heartbeatTimer);
    return api.del(List.of(prefix + "node:" + nodeId)).mapEmpty();
  }
}
