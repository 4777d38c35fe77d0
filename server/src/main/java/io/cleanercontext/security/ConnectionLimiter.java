package io.cleanercontext.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client, shared by the verticles of one process: WebSockets per token subject
 * (or remote address when auth is off), refused before the upgrade; HTTP and TCP bridge connections
 * per remote address, closed as they arrive. A limit of 0 is no limit.
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

  /** A limiter of {@code max} connections per client, one per owner (e.g. the Vert.x instance and a name). */
  public static ConnectionLimiter of(Object owner, int max) {
    return INSTANCES.computeIfAbsent(owner, o -> new ConnectionLimiter(max));
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
