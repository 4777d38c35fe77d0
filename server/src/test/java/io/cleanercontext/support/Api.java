package io.cleanercontext.support;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** The product's REST API as a test uses it. */
public final class Api {
  private final WebClient http;

  public Api(WebClient http) {
    this.http = http;
  }

  public String createConversation(String name) {
    return post("/api/v1/conversations", new JsonObject().put("name", name))
        .bodyAsJsonObject()
        .getString("id");
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return postAsync(path, body).await();
  }

  public Future<HttpResponse<Buffer>> postAsync(String path, JsonObject body) {
    return http.post(path)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer());
  }

  public Future<HttpResponse<Buffer>> realtime(String conversationId, String speaker, String text) {
    return postAsync(
        "/api/v1/conversations/" + conversationId + "/turns/realtime",
        new JsonObject().put("speaker", speaker).put("raw_text", text));
  }

  public JsonObject get(String path) {
    return http.get(path).send().await().bodyAsJsonObject();
  }

  public JsonArray turns(String conversationId) {
    return get("/api/v1/conversations/" + conversationId + "/turns?limit=500")
        .getJsonArray("items");
  }

  /** Waits until no turn of the conversation is pending; returns its turns. */
  public JsonArray awaitSettled(String conversationId, int expected, int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    JsonArray turns = turns(conversationId);
    while (System.currentTimeMillis() < deadline) {
      turns = turns(conversationId);
      boolean settled =
          turns.size() >= expected
              && turns.stream()
                  .noneMatch(t -> "pending".equals(((JsonObject) t).getString("status")));
      if (settled) {
        return turns;
      }
      Subscription.sleep(20);
    }
    throw new AssertionError(
        "turns of " + conversationId + " not settled in " + seconds + " s: " + turns);
  }

  public JsonObject queue(String action) {
    return post("/api/v1/conversations/queue/" + action, new JsonObject()).bodyAsJsonObject();
  }
}
