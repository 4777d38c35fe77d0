package io.cleanercontext.cleaner.llm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local OpenAI-compatible chat-completions server for tests: it records every request and answers
 * with what the test scripted (an assistant message, an HTTP status, or silence for a while).
 */
final class FakeProvider {
  /** How the provider answers one request. */
  @FunctionalInterface
  interface Answer {
    void respond(HttpServerRequest request, JsonObject body);
  }

  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile Answer answer = content("{}");
  private HttpServer server;

  static Future<FakeProvider> start(Vertx vertx) {
    FakeProvider provider = new FakeProvider();
    provider.server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            buffer -> {
                              if (!request.path().equals("/v1/chat/completions")) {
                                request.response().setStatusCode(404).end();
                                return;
                              }
                              JsonObject body = buffer.toJsonObject();
                              provider.requests.add(body);
                              provider.authorizations.add(
                                  String.valueOf(request.getHeader("Authorization")));
                              provider.answer.respond(request, body);
                            }));
    return provider.server.listen(0, "127.0.0.1").map(s -> provider);
  }

  /** Answers with an assistant message whose content is {@code text}. */
  static Answer content(String text) {
    return (request, body) ->
        request
            .response()
            .putHeader("Content-Type", "application/json")
            .end(completion(text).encode());
  }

  /** Answers with a cleaning result in the expected JSON shape. */
  static Answer cleaned(String cleanedText, JsonArray corrections, String confidence) {
    return content(
        new JsonObject()
            .put("cleaned_text", cleanedText)
            .put("corrections", corrections)
            .put("confidence", confidence)
            .encode());
  }

  static Answer status(int code) {
    return (request, body) ->
        request.response().setStatusCode(code).end("{\"error\":{\"message\":\"boom\"}}");
  }

  /** Answers only after {@code delayMs}, if the client is still there. */
  static Answer after(Vertx vertx, long delayMs, Answer then) {
    return (request, body) ->
        vertx.setTimer(
            delayMs,
            id -> {
              if (!request.response().closed()) {
                then.respond(request, body);
              }
            });
  }

  static JsonObject completion(String content) {
    return new JsonObject()
        .put("id", "chatcmpl-test")
        .put("object", "chat.completion")
        .put(
            "choices",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("index", 0)
                        .put("finish_reason", "stop")
                        .put(
                            "message",
                            new JsonObject().put("role", "assistant").put("content", content))));
  }

  void answer(Answer next) {
    this.answer = next;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  List<JsonObject> requests() {
    return requests;
  }

  List<String> authorizations() {
    return authorizations;
  }

  Future<Void> close() {
    return server.close();
  }
}
