package io.cleanercontext.security;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns per second per tenant: a token bucket per tenant, shared by the API instances of one
 * process, and with Redis ({@link RedisLimits}) by every node of the deployment, so the limit is
 * cluster-wide. When Redis does not answer, each node falls back to its own bucket (the per-node
 * limit) rather than refusing every turn or admitting any number (docs/SECURITY.md). 0 turns per
 * second means unlimited.
 */
public final class TenantRateLimiter {
  private static final int MAX_TENANTS = 100_000;

  private final double ratePerSecond;
  private final double burst;
  private static final Logger LOG = LoggerFactory.getLogger(TenantRateLimiter.class);

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** The cluster-wide buckets, or null: per process only. */
  private final RedisLimits redis;

  private final AtomicLong lastFallbackLog = new AtomicLong();

  TenantRateLimiter(double ratePerSecond, double burst) {
    this(ratePerSecond, burst, null);
  }

  /** Counted in {@code redis} when it is not null (cluster-wide), else in this process. */
  public TenantRateLimiter(double ratePerSecond, double burst, RedisLimits redis) {
    this.ratePerSecond = ratePerSecond;
    this.burst = Math.max(burst, ratePerSecond);
    this.redis = redis;
  }

  /**
   * Takes {@code turns} tokens: in Redis when configured (cluster-wide), else, or when Redis fails,
   * from this process's bucket. Fails with {@link RateLimited} (429) when over the limit.
   */
  public Future<Void> take(String tenant, int turns) {
    if (ratePerSecond <= 0) {
      return Future.succeededFuture();
    }
    if (redis == null) {
      return local(tenant, turns);
    }
    return redis
        .take(tenant, turns, ratePerSecond, burst)
        .transform(
            ar -> {
              if (ar.failed()) {
                long now = System.currentTimeMillis();
                long last = lastFallbackLog.get();
                if (now - last > 10_000 && lastFallbackLog.compareAndSet(last, now)) {
                  LOG.warn(
                      "Redis rate limit unavailable ({}); counting turns per node until it answers",
                      ar.cause().toString());
                }
                return local(tenant, turns);
              }
              long waitMs = ar.result();
              return waitMs > 0
                  ? Future.failedFuture(limited(tenant, turns, waitMs))
                  : Future.succeededFuture();
            });
  }

  private Future<Void> local(String tenant, int turns) {
    try {
      acquire(tenant, turns);
      return Future.succeededFuture();
    } catch (RateLimited e) {
      return Future.failedFuture(e);
    }
  }

  private static RateLimited limited(String tenant, int turns, long waitMs) {
    return new RateLimited(tenant, turns, (int) Math.max(1, Math.ceil(waitMs / 1000.0)));
  }

  /** The most turns one request can ever be granted (unlimited when there is no rate). */
  public double burst() {
    return ratePerSecond <= 0 ? Double.MAX_VALUE : burst;
  }

  /** Takes {@code turns} tokens from this process's bucket, or throws 429 saying when to retry. */
  public void acquire(String tenant, int turns) {
    if (ratePerSecond <= 0) {
      return;
    }
    if (buckets.size() > MAX_TENANTS) {
      buckets.clear(); // bounded memory: forgetting buckets only ever lets a burst through
    }
    Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket(burst));
    long waitMs = bucket.take(turns, ratePerSecond, burst);
    if (waitMs > 0) {
      throw limited(tenant, turns, waitMs);
    }
  }

  /** 429 with the seconds to wait before retrying (the Retry-After header). */
  public static final class RateLimited extends ServiceException {
    private final int retryAfterSeconds;

    RateLimited(String tenant, int turns, int retryAfterSeconds) {
      super(
          ErrorCode.TOO_MANY_REQUESTS,
          "tenant "
              + tenant
              + " is over its turn rate limit ("
              + turns
              + " turn(s) refused); retry after "
              + retryAfterSeconds
              + " s");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(double tokens) {
      this.tokens = tokens;
    }

    /** 0 when taken, else the milliseconds until enough tokens are there. */
    synchronized long take(int n, double rate, double burst) {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
      refilledAt = now;
      if (tokens >= n) {
        tokens -= n;
        return 0;
      }
      if (n > burst) {
        return (long) Math.ceil(burst / rate * 1000);
      }
      return (long) Math.ceil((n - tokens) / rate * 1000);
    }
  }
}
