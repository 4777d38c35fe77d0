package io.cleanercontext.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open WebSockets per client (the token's subject, or the remote address when auth is off), shared
 * by the API instances of one process: a client over the limit is refused before the upgrade.
 */
public final class ConnectionLimiter {
  private static final Map<Object, ConnectionLimiter> INSTANCES = new ConcurrentHashMap<>();

  private final int max;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  ConnectionLimiter(int max) {
    this.max = max;
  }

  public static ConnectionLimiter of(Object owner, SecuritySettings settings) {
    return INSTANCES.computeIfAbsent(owner, o -> new ConnectionLimiter(settings.maxWebSocketsPerClient()));
  }

  public int max() {
    return max;
  }

  /** Counts a new connection of the client; false (and nothing counted) when it is at its limit. */
  public boolean tryOpen(String client) {
    boolean[] ok = new boolean[1];
    open.compute(client, (k, n) -> {
      int current = n == null ? 0 : n;
      ok[0] = current < max;
      return ok[0] ? current + 1 : current == 0 ? null : current;
    });
    return ok[0];
  }

  public void closed(String client) {
    open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }
}
