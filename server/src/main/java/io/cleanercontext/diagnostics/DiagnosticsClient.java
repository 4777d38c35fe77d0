package io.cleanercontext.diagnostics;

import io.cleanercontext.config.HttpSettings;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.util.Set;

/**
 * A client of the product's own HTTP and WebSocket port, with the run's own token (internal key,
 * tenant "diagnostics"): with auth on it goes through the same checks as anyone.
 */
final class DiagnosticsClient {
  private final Vertx vertx;
  private final String host;
  private final int port;
  private final long requestTimeoutMs;
  private final String token;
  private final WebClient http;

  /**
   * @param httpSettings the host and port the server listens on
   */
  DiagnosticsClient(
      Vertx vertx, HttpSettings httpSettings, long requestTimeoutMs, InternalKey internalKey) {
    this.vertx = vertx;
    this.host = connectHost(httpSettings.host());
    this.port = httpSettings.port();
    this.requestTimeoutMs = requestTimeoutMs;
    this.token =
        Authenticator.internalToken(
            vertx, internalKey, "diagnostics", Set.of(Principal.READ, Principal.WRITE), 300);
    this.http =
        WebClientSession.create(
                WebClient.create(
                    vertx, new WebClientOptions().setDefaultHost(host).setDefaultPort(port)))
            .addHeader("Authorization", "Bearer " + token);
  }

  private static String connectHost(String bindHost) {
    return "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost;
  }

  long requestTimeoutMs() {
    return requestTimeoutMs;
  }

  Future<HttpResponse<Buffer>> post(String path, JsonObject body) {
    return http.post(path)
        .timeout(requestTimeoutMs)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer())
        .recover(
            e ->
                Future.failedFuture(
                    "POST "
                        + path
                        + ": no answer within "
                        + requestTimeoutMs
                        + " ms ("
                        + e.getMessage()
                        + "); are the queue workers running?"));
  }

  Future<HttpResponse<Buffer>> get(String path) {
    return http.get(path).timeout(requestTimeoutMs).send();
  }

  Future<HttpResponse<Buffer>> delete(String path) {
    return http.delete(path).timeout(requestTimeoutMs).send();
  }

  /** A WebSocket on the conversation's turns, from {@code since} when it is not null. */
  Future<WebSocket> subscribe(String conversationId, Long since) {
    WebSocketClient client = vertx.createWebSocketClient();
    String uri = "/ws/conversations/" + conversationId + (since == null ? "" : "?since=" + since);
    return client
        .connect(
            new WebSocketConnectOptions()
                .setPort(port)
                .setHost(host)
                .setURI(uri)
                .addHeader("Authorization", "Bearer " + token))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                ar.result().closeHandler(v -> client.close());
              } else {
                client.close();
              }
            });
  }

  void close() {
    http.close();
  }
}
