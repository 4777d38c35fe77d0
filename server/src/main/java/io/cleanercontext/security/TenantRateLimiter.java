package io.cleanercontext.security;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns per second per tenant: a token bucket per tenant, shared by the API instances of one process
 * (so the limit is per node, not cluster-wide). 0 turns per second means unlimited.
 */
public final class TenantRateLimiter {
  private static final Map<Object, TenantRateLimiter> INSTANCES = new ConcurrentHashMap<>();
  private static final int MAX_TENANTS = 100_000;

  private final double ratePerSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TenantRateLimiter(double ratePerSecond, double burst) {
    this.ratePerSecond = ratePerSecond;
    this.burst = Math.max(burst, ratePerSecond);
  }

  /** The limiter of this process (keyed by the owner, e.g. the Vert.x instance). */
  public static TenantRateLimiter of(Object owner, SecuritySettings settings) {
    return INSTANCES.computeIfAbsent(owner, o -> new TenantRateLimiter(settings.turnsPerSecond(), settings.turnBurst()));
  }

  /** The most turns one request can ever be granted (unlimited when there is no rate). */
  public double burst() {
    return ratePerSecond <= 0 ? Double.MAX_VALUE : burst;
  }

  /** Takes {@code turns} tokens from the tenant's bucket, or throws 429 saying when to retry. */
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
      throw new RateLimited(tenant, turns, (int) Math.max(1, Math.ceil(waitMs / 1000.0)));
    }
  }

  /** 429 with the seconds to wait before retrying (the Retry-After header). */
  public static final class RateLimited extends ServiceException {
    private final int retryAfterSeconds;

    RateLimited(String tenant, int turns, int retryAfterSeconds) {
      super(ErrorCode.TOO_MANY_REQUESTS, "tenant " + tenant + " is over its turn rate limit (" + turns
          + " turn(s) refused); retry after " + retryAfterSeconds + " s");
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
