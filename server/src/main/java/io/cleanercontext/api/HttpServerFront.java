package io.cleanercontext.api;

import io.cleanercontext.config.HttpSettings;
import io.cleanercontext.config.RealtimeSettings;
import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Problem;
import io.cleanercontext.security.OriginPolicy;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server in front of the router: its options, and the answers for requests that cannot
 * reach the router (undecodable, or without a Host header).
 */
final class HttpServerFront {
  private HttpServerFront() {}

  /**
   * Answers 400 for an HTTP/1 request without a Host header (Vert.x would throw on the first read
   * of the request's authority, a 500), and, while authentication is off, for one whose Host is a
   * DNS name: the server then listens on loopback only, and a browser page whose name an attacker
   * rebinds to 127.0.0.1 (DNS rebinding) would otherwise call the API as a same-origin page, with
   * every scope. Returns whether it answered.
   */
  static boolean hostRefused(HttpServerRequest request, boolean authOff) {
    if (request.version() == HttpVersion.HTTP_2) {
      return false;
    }
    String host = request.getHeader("Host");
    if (host == null) {
      problem(request, 400, "the Host header is required");
      return true;
    }
    if (authOff && !OriginPolicy.cannotBeRebound(host)) {
      problem(
          request,
          400,
          "while security.auth is off only an IP address or localhost is accepted as Host");
      return true;
    }
    return false;
  }

  /**
   * Requests Netty could not decode: an unknown HTTP version is 505, the rest as Vert.x answers
   * them.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    boolean version =
        request.version() == null
            || (cause != null
                && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("version"));
    if (version) {
      problem(request, 505, "only HTTP/1.0 and HTTP/1.1 are supported");
      return;
    }
    HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
  }

  private static void problem(HttpServerRequest request, int status, String detail) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .putHeader("Connection", "close")
        .end(Problem.of(status, detail, request.path()).encode());
  }

  /**
   * Every request and WebSocket of this server is handled and written on its verticle's event loop,
   * so strict thread mode lets each HTTP/1 connection write directly instead of through a
   * multi-producer queue: that queue (a 1,024-slot chunk) would otherwise stay allocated for every
   * upgraded WebSocket, whose HTTP connection Vert.x keeps. WebSocket compression
   * (permessage-deflate, offered by browsers and Gatling) costs a zlib deflater and inflater per
   * socket for short JSON frames, so it is off unless {@code realtime.websocket_compression}. HTTP
   * response compression is off unless {@code http.compression}: its handler stays in every
   * upgraded socket's pipeline, and a proxy in front usually compresses anyway (what each costs:
   * docs/PERFORMANCE.md). A connection with no bytes read or written for {@code
   * security.http_idle_timeout_ms} is closed (WebSockets are pinged more often than that, so only
   * dead ones are). Cleartext HTTP/2 (h2c upgrade and prior knowledge) is off unless {@code
   * security.http2_cleartext}: nothing of ours uses it, and while it is on Vert.x waits for a
   * connection's first bytes to tell HTTP/1 from HTTP/2 before it makes the connection, so a client
   * that sends nothing escaped the header-read timeout and the per-address cap; with it off, a
   * prior-knowledge preface is answered 505 like any unknown version.
   */
  static HttpServerOptions options(
      HttpSettings http, RealtimeSettings realtime, SecuritySettings security) {
    boolean wsCompression = realtime.websocketCompression();
    return new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port())
        .setCompressionSupported(http.compression())
        .setStrictThreadMode(true)
        .setPerMessageWebSocketCompressionSupported(wsCompression)
        .setPerFrameWebSocketCompressionSupported(wsCompression)
        .setMaxWebSocketFrameSize(65_536)
        .setMaxWebSocketMessageSize(262_144)
        // after our close frame, how long a peer has to answer with its own before the TCP
        // connection goes: a client that never reads (a slow SockJS subscriber closed 4008) never
        // will, and would hold what was queued for it for Vert.x's default 10 s
        .setWebSocketClosingTimeout((int) Math.max(1, realtime.closeGraceMs() / 1000))
        .setHttp2ClearTextEnabled(security.http2Cleartext())
        .setIdleTimeout((int) security.httpIdleTimeoutMs())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
