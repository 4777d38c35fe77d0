package io.cleanercontext.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the server may send a tenant's webhooks. A URL is http or https with a host; its addresses
 * must be public unless configuration allows private ones: loopback, RFC 1918 private,
 * carrier-grade NAT, link-local (cloud metadata services live there), unique-local IPv6, multicast
 * and the unspecified address would let a tenant reach the server's own network. The check runs
 * when an endpoint is saved and again on the addresses resolved for each attempt, which is what is
 * then connected to, so a name re-pointed after the first check (DNS rebinding) is refused too.
 */
public final class Destinations {
  private final boolean allowPrivate;

  public Destinations(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** The parsed URL, or an {@link IllegalArgumentException} saying what is wrong with it. */
  public static URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("url must be http or https");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("url must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("url must not carry credentials");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("url must not have a fragment");
    }
    return uri;
  }

  /** Null when the address may be sent to, else why not. */
  public String refusal(InetAddress address) {
    if (allowPrivate || isPublic(address)) {
      return null;
    }
    return address.getHostAddress()
        + " is not a public address (loopback, private or link-local destinations are refused;"
        + " webhooks.allow_private_destinations allows them)";
  }

  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isPublicV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return false; // fc00::/7 unique local
      }
      if (first == 0 && allZero(b, 1, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        return isPublicV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff); // ::ffff:a.b.c.d
      }
      if (first == 0x00
          && (b[1] & 0xff) == 0x64
          && (b[2] & 0xff) == 0xff
          && (b[3] & 0xff) == 0x9b) {
        return isPublicV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff); // 64:ff9b::/96 NAT64
      }
    }
    return true;
  }

  private static boolean isPublicV4(int a, int b, int c) {
    return !(a == 0
        || a == 10
        || a == 127
        || (a == 100 && b >= 64 && b < 128)
        || (a == 169 && b == 254)
        || (a == 172 && b >= 16 && b < 32)
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 224);
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
