package io.cleanercontext.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request per path (headers, body, when it
 * arrived) and answers as the test sets that path to: a status, or a status after a delay (a
 * timeout from the sender's side). Verifies Standard Webhooks signatures with its own code, so the
 * server's signer is checked against an independent implementation.
 */
public final class WebhookReceiver {
  /** One request as received. */
  public record Received(
      String path, String id, String timestamp, String signature, String body, long atMs) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** How a path answers its next requests. */
  public record Answer(int status, long delayMs) {}

  private final Vertx vertx;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, List<Answer>> scripts = new ConcurrentHashMap<>();
  private HttpServer server;

  public WebhookReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<WebhookReceiver> start() {
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .map(
            s -> {
              server = s;
              return this;
            });
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** The answers of the path's next requests, in order; the last one repeats. */
  public void answer(String path, Answer... answers) {
    scripts.put(path, new CopyOnWriteArrayList<>(List.of(answers)));
  }

  public List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until the path has requests matching; returns them. */
  public List<Received> await(String path, Predicate<List<Received>> done, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      List<Received> now = at(path);
      if (done.test(now)) {
        return now;
      }
      Subscription.sleep(20);
    }
    throw new AssertionError("receiver " + path + " after " + timeoutMs + " ms: " + at(path));
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    request
        .body()
        .onSuccess(
            body -> {
              received.add(
                  new Received(
                      path,
                      request.getHeader("webhook-id"),
                      request.getHeader("webhook-timestamp"),
                      request.getHeader("webhook-signature"),
                      body.toString(StandardCharsets.UTF_8),
                      System.currentTimeMillis()));
              Answer answer = next(path);
              Runnable reply =
                  () ->
                      request
                          .response()
                          .setStatusCode(answer.status())
                          .end("ok " + answer.status());
              if (answer.delayMs() > 0) {
                vertx.setTimer(answer.delayMs(), t -> reply.run());
              } else {
                reply.run();
              }
            });
  }

  private Answer next(String path) {
    List<Answer> script = scripts.get(path);
    if (script == null || script.isEmpty()) {
      return new Answer(200, 0);
    }
    return script.size() > 1 ? script.remove(0) : script.get(0);
  }

  /** True when one of the header's {@code v1,} signatures is the HMAC of the message. */
  public static boolean verifies(String secret, Received r) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String expected =
          Base64.getEncoder()
              .encodeToString(
                  mac.doFinal(
                      (r.id() + "." + r.timestamp() + "." + r.body())
                          .getBytes(StandardCharsets.UTF_8)));
      List<String> given = new ArrayList<>();
      for (String part : r.signature().split(" ")) {
        if (part.startsWith("v1,")) {
          given.add(part.substring(3));
        }
      }
      return given.contains(expected);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
