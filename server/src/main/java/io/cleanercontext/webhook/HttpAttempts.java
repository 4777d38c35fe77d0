package io.cleanercontext.webhook;

import io.cleanercontext.security.Destinations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One HTTP attempt of a delivery: resolve the endpoint's host, refuse a non-public address (unless
 * allowed), connect to exactly the address that was checked (the name stays the Host header and the
 * TLS server name), POST the signed body, and report status, latency and the start of the response.
 * Redirects are not followed: a 3xx is a failed attempt, so a receiver cannot bounce the request to
 * an address that was never checked.
 */
final class HttpAttempts {
  static final int EXCERPT_CHARS = 500;
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Vertx vertx;
  private final WebClient client;
  private final Destinations destinations;
  private final long timeoutMs;

  /** What an attempt came to: an HTTP status, or an error before one (refused, timeout, reset). */
  record Outcome(Integer status, String error, int latencyMs, String excerpt) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  HttpAttempts(Vertx vertx, Destinations destinations, long timeoutMs) {
    this.vertx = vertx;
    this.destinations = destinations;
    this.timeoutMs = timeoutMs;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("CleanerContext-Webhooks/1")
                .setConnectTimeout((int) Math.min(timeoutMs, Integer.MAX_VALUE))
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(64));
  }

  Future<Outcome> post(String url, List<String> headers, String body) {
    long started = System.nanoTime();
    URI uri;
    try {
      uri = Destinations.parse(url);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(new Outcome(null, e.getMessage(), 0, null));
    }
    return resolve(uri.getHost())
        .compose(
            address -> {
              String refusal = destinations.refusal(address);
              if (refusal != null) {
                return Future.succeededFuture(new Outcome(null, "refused: " + refusal, 0, null));
              }
              boolean tls = uri.getScheme().equalsIgnoreCase("https");
              int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
              String path =
                  uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
              RequestOptions options =
                  new RequestOptions()
                      .setHost(uri.getHost())
                      .setPort(port)
                      .setSsl(tls)
                      .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
              var request =
                  client
                      .request(
                          HttpMethod.POST,
                          SocketAddress.inetSocketAddress(port, address.getHostAddress()),
                          options)
                      .timeout(timeoutMs)
                      .putHeader("Content-Type", "application/json");
              for (int i = 0; i + 1 < headers.size(); i += 2) {
                request.putHeader(headers.get(i), headers.get(i + 1));
              }
              return request
                  .sendBuffer(Buffer.buffer(body))
                  .map(
                      response ->
                          new Outcome(
                              response.statusCode(),
                              null,
                              elapsed(started),
                              excerpt(response.bodyAsString())));
            })
        .recover(
            e -> Future.succeededFuture(new Outcome(null, describe(e), elapsed(started), null)));
  }

  /**
   * The first address of the host: an address literal at once (no lookup, so no hop to a worker
   * thread per attempt), a name off the event loop.
   */
  private Future<InetAddress> resolve(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (IPV4_LITERAL.matcher(bare).matches() || bare.indexOf(':') >= 0) {
      try {
        return Future.succeededFuture(InetAddress.getByName(bare));
      } catch (UnknownHostException e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(() -> InetAddress.getAllByName(bare)[0], false);
  }

  void close() {
    client.close();
  }

  private static int elapsed(long started) {
    return (int) ((System.nanoTime() - started) / 1_000_000);
  }

  private static String excerpt(String body) {
    if (body == null) {
      return null;
    }
    return body.length() <= EXCERPT_CHARS ? body : body.substring(0, EXCERPT_CHARS);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() <= EXCERPT_CHARS ? message : message.substring(0, EXCERPT_CHARS);
  }
}
