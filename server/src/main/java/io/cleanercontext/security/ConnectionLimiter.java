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
  private final Map<String, Lease> open = new ConcurrentHashMap<>();

  ConnectionLimiter(int max) {
    this.max = max;
  }

  public static ConnectionLimiter of(Object owner, SecuritySettings settings) {
    return INSTANCES.computeIfAbsent(owner, o -> new ConnectionLimiter(settings.maxWebSocketsPerClient()));
  }

  public int max() {
    return max;
  }

  /**
   * One client's open connections. Every connection of the client holds the same lease, so a
   * socket keeps a reference, not a copy of its client's name.
   */
  public final class Lease {
    private final String client;
    private int connections; // changed only inside the map's compute for this client

    private Lease(String client) {
      this.client = client;
    }

    /** One connection of the client has closed; call once per granted {@link #tryOpen}. */
    public void release() {
      open.computeIfPresent(client, (k, lease) -> {
        if (lease != this) {
          return lease;
        }
        lease.connections--;
        return lease.connections <= 0 ? null : lease;
      });
    }
  }

  /** Counts a new connection of the client: its lease, or null (and nothing counted) at its limit. */
  public Lease tryOpen(String client) {
    Lease[] granted = new Lease[1];
    open.compute(client, (k, lease) -> {
      Lease current = lease == null ? new Lease(k) : lease;
      if (current.connections >= max) {
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
