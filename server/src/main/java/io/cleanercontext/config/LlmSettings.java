package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code cleaner.llm} configuration, validated. The API key itself is never in the config: only
 * the name of the environment variable that holds it.
 *
 * @param enabled whether shards clean user turns with the LLM (false: deterministic engine only)
 * @param baseUrl the OpenAI-compatible API root, e.g. {@code http://127.0.0.1:11434/v1}; requests
 *     go to {@code {baseUrl}/chat/completions}
 * @param model the model name sent to the provider and reported as {@code llm:<model>}
 * @param apiKeyEnv environment variable holding the bearer token; unset or empty sends none
 *     (Ollama)
 * @param timeoutMs how long one request may take before the turn falls back to the engine
 * @param promptTemplate the prompt file, relative to the config directory (or absolute)
 * @param jsonMode whether to ask for {@code response_format: {type: json_object}}
 * @param maxFailures failures within {@code failureWindowMs} that open the circuit
 * @param resetTimeoutMs how long the circuit stays open before one trial request
 * @param failureWindowMs how far back failures count; longer than {@code maxFailures} timeouts, so
 *     that one conversation timing out turn after turn does open the circuit
 */
public record LlmSettings(
    boolean enabled,
    String baseUrl,
    String model,
    String apiKeyEnv,
    long timeoutMs,
    String promptTemplate,
    boolean jsonMode,
    int maxFailures,
    long resetTimeoutMs,
    long failureWindowMs) {

  /**
   * Reads and checks the {@code cleaner.llm} object; null or absent means disabled.
   *
   * @throws IllegalArgumentException naming the offending key when an enabled config is unusable
   */
  public static LlmSettings fromJson(JsonObject json) {
    JsonObject llm = json == null ? new JsonObject() : json;
    JsonObject circuit = llm.getJsonObject("circuit", new JsonObject());
    long timeout = llm.getLong("timeout_ms", 3000L);
    int maxFailures = circuit.getInteger("max_failures", 5);
    LlmSettings settings =
        new LlmSettings(
            llm.getBoolean("enabled", false),
            stripTrailingSlash(llm.getString("base_url", "http://127.0.0.1:11434/v1")),
            llm.getString("model", "llama3.1"),
            llm.getString("api_key_env", "CC_LLM_API_KEY"),
            timeout,
            llm.getString("prompt_template", "prompts/clean-turn.txt"),
            llm.getBoolean("json_mode", true),
            maxFailures,
            circuit.getLong("reset_timeout_ms", 30_000L),
            circuit.getLong("failure_window_ms", Math.max(60_000L, 2L * maxFailures * timeout)));
    if (settings.enabled) {
      settings.validate();
    }
    return settings;
  }

  /** {@code {baseUrl}/chat/completions}. */
  public String chatCompletionsUrl() {
    return baseUrl + "/chat/completions";
  }

  private void validate() {
    if (baseUrl == null || !baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new IllegalArgumentException(
          "cleaner.llm.base_url must be an http(s) URL, not '" + baseUrl + "'");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("cleaner.llm.model must be set");
    }
    if (promptTemplate == null || promptTemplate.isBlank()) {
      throw new IllegalArgumentException("cleaner.llm.prompt_template must be set");
    }
    if (timeoutMs < 1 || maxFailures < 1 || resetTimeoutMs < 1 || failureWindowMs < 1) {
      throw new IllegalArgumentException(
          "cleaner.llm.timeout_ms and circuit.max_failures, reset_timeout_ms, failure_window_ms must be positive");
    }
  }

  private static String stripTrailingSlash(String url) {
    return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
