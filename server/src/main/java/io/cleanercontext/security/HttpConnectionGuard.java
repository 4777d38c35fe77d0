package io.cleanercontext.security;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Limits on the HTTP port's connections that vertx-core does not have: a connection whose first
 * request's headers have not arrived within {@code http_header_read_timeout_ms} is closed (a slow
 * header sender, slowloris), and connections per client address are capped ({@code
 * max_http_connections_per_address}, shared by the API instances of the process): the first request
 * of a connection over the cap is answered 429 with the reason, then the connection is closed. One
 * guard per API verticle instance, used on its event loop only.
 */
public final class HttpConnectionGuard {
  private final Vertx vertx;
  private final HttpServerOptions options;
  private final long headerTimeoutMs;
  private final ConnectionLimiter perAddress;

  /** Connections whose first request has not arrived yet, with their header timer. */
  private final Map<HttpConnection, Long> awaitingHeaders = new HashMap<>();

  /** Connections over their address's cap, answered 429 on their first request. */
  private final Map<HttpConnection, Boolean> refused = new HashMap<>();

  /**
   * @param options the server's options (its request decoder is rebuilt with them, {@link
   *     HttpRequestChecks})
   * @param perAddress the process's HTTP connections per client address, shared by its API
   *     instances
   */
  public HttpConnectionGuard(
      Vertx vertx,
      HttpServerOptions options,
      SecuritySettings settings,
      ConnectionLimiter perAddress) {
    this.vertx = vertx;
    this.options = options;
    this.headerTimeoutMs = settings.httpHeaderReadTimeoutMs();
    this.perAddress = perAddress;
  }

  /** The server's connection handler. */
  public void connected(HttpConnection connection) {
    if (connection instanceof Http1xServerConnection base
        && base.channel().pipeline().get("handler") != null
        && base.channel().pipeline().get("httpDecoder") != null) {
      // nothing has been decoded yet: Vert.x hands the connection over before its first read
      base.channel()
          .pipeline()
          .replace("httpDecoder", "httpDecoder", new HttpRequestChecks.Decoder(options));
      base.channel().pipeline().addBefore("handler", "cc-request-checks", new HttpRequestChecks());
    }
    ConnectionLimiter.Lease lease =
        connection.remoteAddress() == null
            ? null
            : perAddress.tryOpen(connection.remoteAddress().hostAddress());
    if (lease == null) {
      refused.put(connection, Boolean.TRUE);
    }
    long timer =
        vertx.setTimer(
            headerTimeoutMs,
            t -> {
              if (awaitingHeaders.remove(connection) != null) {
                refused.remove(connection);
                connection.close();
              }
            });
    awaitingHeaders.put(connection, timer);
    whenClosed(
        connection,
        () -> {
          Long pending = awaitingHeaders.remove(connection);
          if (pending != null) {
            vertx.cancelTimer(pending);
          }
          refused.remove(connection);
          if (lease != null) {
            lease.release();
          }
        });
  }

  /**
   * Runs {@code closed} once, when the connection's channel closes, whatever closed it. Not {@code
   * HttpConnection.closeHandler}: an upgrade to a WebSocket (plain or SockJS) replaces the
   * connection's Netty handler, and that handler is never told of the close, so every upgraded
   * socket kept its address's slot for good (HttpConnectionLimitsIT opens and closes 1,000
   * WebSockets, and fails if a Vert.x upgrade changes this).
   */
  private void whenClosed(HttpConnection connection, Runnable closed) {
    Context context = vertx.getOrCreateContext();
    AtomicBoolean done = new AtomicBoolean();
    Runnable once =
        () -> {
          if (done.compareAndSet(false, true)) {
            closed.run();
          }
        };
    if (connection instanceof ConnectionBase base) {
      // back on this verticle's context: the guard's maps are confined to it
      base.channel().closeFuture().addListener(f -> context.runOnContext(v -> once.run()));
    } else {
      connection.closeHandler(v -> once.run());
    }
  }

  /** Called for every request before routing: false when it was answered here (over the cap). */
  public boolean admit(HttpServerRequest request) {
    if (awaitingHeaders.isEmpty() && refused.isEmpty()) {
      return true;
    }
    HttpConnection connection = request.connection();
    Long pending = awaitingHeaders.remove(connection);
    if (pending != null) {
      vertx.cancelTimer(pending);
    }
    if (refused.remove(connection) == null) {
      return true;
    }
    request
        .response()
        .setStatusCode(429)
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .putHeader("Connection", "close")
        .putHeader("Retry-After", "10")
        .end(
            Problem.of(
                    429,
                    "too many connections from this address (at most " + perAddress.max() + ")",
                    request.path())
                .encode())
        .eventually(connection::close);
    return false;
  }
}
