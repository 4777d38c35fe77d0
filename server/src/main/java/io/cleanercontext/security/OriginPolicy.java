package io.cleanercontext.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which browser origins may open a WebSocket or SockJS connection: the configured allow-list
 * ({@code security.allowed_origins}, plus the older {@code realtime.allowed_origins}), and the
 * server's own origin when the request's {@code Host} is an IP address or {@code localhost}.
 * Non-browser clients send no Origin and are not affected.
 *
 * <p>Same-origin is not judged from {@code Host} alone for a DNS name: a page of {@code
 * evil.example} whose name the attacker rebinds to this server's address sends {@code Origin:
 * http://evil.example} and {@code Host: evil.example}, which match (DNS rebinding). An IP literal
 * or {@code localhost} cannot be rebound, so those stay same-origin; a deployment that serves the
 * dashboard under a name lists that origin in {@code security.allowed_origins}.
 */
public final class OriginPolicy {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

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
    return host != null
        && cannotBeRebound(host)
        && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  /**
   * Whether a {@code Host} header value ({@code name[:port]}) is an IP literal or {@code
   * localhost}, which no DNS answer can point elsewhere.
   */
  public static boolean cannotBeRebound(String host) {
    String h = host.strip();
    if (h.startsWith("[")) {
      return h.indexOf(']') > 0; // an IPv6 literal
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return name.equalsIgnoreCase("localhost") || IPV4.matcher(name).matches();
  }
}
