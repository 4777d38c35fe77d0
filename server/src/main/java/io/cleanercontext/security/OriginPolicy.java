package io.cleanercontext.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which browser origins may open a WebSocket or SockJS connection: the server's own origin, and the
 * configured allow-list ({@code security.allowed_origins}, plus the older {@code
 * realtime.allowed_origins}). Non-browser clients send no Origin and are not affected.
 */
public final class OriginPolicy {
  private final Set<String> allowed;

  public OriginPolicy(List<String> allowed) {
    this.allowed = new HashSet<>(allowed);
  }

  public boolean allows(String origin, String host) {
    if (origin == null) {
      return true;
    }
    if (allowed.contains(origin) || allowed.contains("*")) {
      return true;
    }
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }
}
