package io.cleanercontext.cleaner.llm;

import io.cleanercontext.config.LlmSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * A minimal client of the OpenAI-compatible {@code POST /chat/completions} API, which OpenAI,
 * Gemini's compatible endpoint, Ollama, vLLM and the llama.cpp server all speak. It returns the
 * assistant message's text; every failure is an {@link LlmFailure} with a short reason.
 */
final class ChatCompletionsClient {
  private final WebClient client;
  private final LlmSettings settings;
  private final String apiKey;

  /**
   * @param apiKey the bearer token, or null to send none (local servers need none)
   */
  ChatCompletionsClient(Vertx vertx, LlmSettings settings, String apiKey) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("cleanercontext-realtime")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeoutMs())));
    this.settings = settings;
    this.apiKey = apiKey;
  }

  /** Sends the messages at temperature 0 and returns the assistant's content. */
  Future<String> complete(JsonArray messages) {
    JsonObject body =
        new JsonObject()
            .put("model", settings.model())
            .put("messages", messages)
            .put("temperature", 0);
    if (settings.jsonMode()) {
      body.put("response_format", new JsonObject().put("type", "json_object"));
    }
    // The request's own timeout closes the connection; the circuit breaker bounds the turn either
    // way.
    HttpRequest<Buffer> request =
        client.postAbs(settings.chatCompletionsUrl()).timeout(settings.timeoutMs());
    if (apiKey != null) {
      request.bearerTokenAuthentication(apiKey);
    }
    return request
        .sendJsonObject(body)
        .transform(
            ar ->
                ar.succeeded()
                    ? Future.succeededFuture(content(ar.result()))
                    : Future.failedFuture(transportFailure(ar.cause())));
  }

  void close() {
    client.close();
  }

  private static String content(HttpResponse<Buffer> response) {
    if (response.statusCode() / 100 != 2) {
      throw new LlmFailure("llm http " + response.statusCode());
    }
    try {
      JsonObject body = response.bodyAsJsonObject();
      JsonArray choices = body == null ? null : body.getJsonArray("choices");
      JsonObject message =
          choices == null || choices.isEmpty()
              ? null
              : choices.getJsonObject(0).getJsonObject("message");
      if (message != null && message.getValue("content") instanceof String content) {
        return content;
      }
    } catch (DecodeException | ClassCastException e) {
      // falls through: not the API's response shape
    }
    throw new LlmFailure("llm malformed response");
  }

  private static LlmFailure transportFailure(Throwable cause) {
    if (cause instanceof TimeoutException) {
      return new LlmFailure("llm timeout", cause);
    }
    if (cause instanceof ConnectException) {
      return new LlmFailure("llm unreachable", cause);
    }
    return new LlmFailure("llm request failed", cause);
  }
}
