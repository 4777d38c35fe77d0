package io.cleanercontext.security;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections per client, shared by the verticles of one process: WebSockets per token subject
 * (or remote address when auth is off), refused before the upgrade; HTTP and TCP bridge connections
 * per remote address, closed as they arrive. A limit of 0 is no limit. WebSockets are also counted
 * in Redis ({@link RedisLimits}) by every node when it is configured: a crashed node's connections
 * stop counting when its Redis lease expires; when Redis does not answer, the per-process count
 * alone decides.
 */
public final class ConnectionLimiter {
  private final int max;
  private final Map<String, Lease> open = new ConcurrentHashMap<>();

  /** The cluster-wide counts, or null: per process only. */
  private final RedisLimits redis;

  /** A limiter of {@code max} connections per client (0: none), counted in this process. */
  public ConnectionLimiter(int max) {
    this(max, null);
  }

  /** Counted in this process and, when {@code redis} is not null, across the cluster. */
  public ConnectionLimiter(int max, RedisLimits redis) {
    this.max = max;
    this.redis = redis;
  }

  /**
   * Counts a new connection of the client, on this node and (with Redis) across the cluster: its
   * lease, or null (nothing counted) when the client is at its limit anywhere.
   */
  public Future<Lease> open(String client) {
    Lease lease = tryOpen(client);
    if (lease == null || redis == null || max <= 0) {
      return Future.succeededFuture(lease);
    }
    return redis
        .open(client, max)
        .transform(
            ar -> {
              if (ar.failed()) {
                return Future.succeededFuture(
                    lease); // Redis down: the per-process count alone decides
              }
              if (!ar.result()) {
                lease.releaseLocally();
                return Future.succeededFuture(null);
              }
              lease.countedInRedis.incrementAndGet();
              return Future.succeededFuture(lease);
            });
  }

  public int max() {
    return max;
  }

  /**
   * One client's open connections. Every connection of the client holds the same lease, so a socket
   * keeps a reference, not a copy of its client's name.
   */
  public final class Lease {
    private final String client;
    private int connections; // changed only inside the map's compute for this client

    /** Of its connections, those also counted in Redis (Redis answered when they opened). */
    private final AtomicInteger countedInRedis = new AtomicInteger();

    private Lease(String client) {
      this.client = client;
    }

    /**
     * One connection of the client has closed; call once per granted {@link #tryOpen} or {@link
     * #open}.
     */
    public void release() {
      if (redis != null && countedInRedis.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        // Not answered: this client's count stays one too high in Redis until this node's lease
        // expires (it stops or dies), never too low.
        redis.close(client);
      }
      releaseLocally();
    }

    private void releaseLocally() {
      open.computeIfPresent(
          client,
          (k, lease) -> {
            if (lease != this) {
              return lease;
            }
            lease.connections--;
            return lease.connections <= 0 ? null : lease;
          });
    }
  }

  /**
   * Counts a new connection of the client: its lease, or null (and nothing counted) at its limit.
   */
  public Lease tryOpen(String client) {
    Lease[] granted = new Lease[1];
    open.compute(
        client,
        (k, lease) -> {
          Lease current = lease == null ? new Lease(k) : lease;
          if (max > 0 && current.connections >= max) {
            return lease;
          }
          current.connections++;
          granted[0] = current;
          return current;
        });
    return granted[0];
  }

  /** Connections the client has open now. */
  public int openBy(String client) {
    Lease lease = open.get(client);
    return lease == null ? 0 : lease.connections;
  }
}
