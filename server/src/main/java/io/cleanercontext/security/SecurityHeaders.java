package io.cleanercontext.security;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every HTTP answer (dashboard, API, docs): a Content-Security-Policy that lets the
 * Svelte dashboard load only its own scripts and talk only to its own origin (REST and WebSocket),
 * no framing, no MIME sniffing, no referrer to other sites.
 */
public final class SecurityHeaders {
  /** The dashboard: its own bundled scripts and styles; fetch and WebSocket to its own origin. */
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none';"
          + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void handle(RoutingContext ctx) {
    apply(ctx.response().headers(), CSP);
    ctx.next();
  }

  /** The same headers with another script policy (e.g. a page with one hashed inline script). */
  public static void apply(MultiMap headers, String csp) {
    headers
        .set("Content-Security-Policy", csp)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Cross-Origin-Opener-Policy", "same-origin");
  }
}
