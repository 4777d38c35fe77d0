package io.cleanercontext.cleaner.llm;

import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.Confidence;
import io.cleanercontext.cleaner.engine.ConversationContext;
import io.cleanercontext.cleaner.engine.Correction;
import io.cleanercontext.config.LlmSettings;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.Speaker;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans user turns with an LLM behind a circuit breaker, with the deterministic engine as the
 * safety net. The engine runs first on every turn: AI turns, {@code none} and garbage keep its
 * result and never reach the model; for the rest its result is the fallback, ready before the
 * request leaves, so a timeout, an HTTP error, an unusable answer or an open circuit costs nothing
 * more than the wait. A fallback result names its reason in the model, e.g. {@code deterministic-v1
 * (fallback: llm timeout)}; an LLM result says {@code llm:<model>}.
 *
 * <p>One instance per cleaner shard, created on the shard's context: its HTTP client and breaker
 * live there, and the breaker opens per shard.
 */
public final class LlmCleaner implements TurnCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(LlmCleaner.class);

  private final TurnCleaner engine;
  private final PromptTemplate prompt;
  private final ChatCompletionsClient chat;
  private final CircuitBreaker breaker;
  private final String model;

  private LlmCleaner(
      Vertx vertx,
      LlmSettings settings,
      TurnCleaner engine,
      PromptTemplate prompt,
      String apiKey,
      String name) {
    this.engine = engine;
    this.prompt = prompt;
    this.chat = new ChatCompletionsClient(vertx, settings, apiKey);
    this.model = "llm:" + settings.model();
    this.breaker =
        CircuitBreaker.create(
                "llm-cleaner-" + name,
                vertx,
                new CircuitBreakerOptions()
                    .setMaxFailures(settings.maxFailures())
                    .setTimeout(settings.timeoutMs())
                    .setResetTimeout(settings.resetTimeoutMs())
                    .setFailuresRollingWindow(settings.failureWindowMs())
                    .setNotificationAddress(
                        null)) // no periodic event-bus status per shard: nobody listens
            .openHandler(
                v ->
                    LOG.warn(
                        "LLM cleaner {}: circuit opened, cleaning with the deterministic engine for {} ms",
                        name,
                        settings.resetTimeoutMs()))
            .halfOpenHandler(
                v -> LOG.info("LLM cleaner {}: circuit half-open, trying the model again", name))
            .closeHandler(
                v -> LOG.info("LLM cleaner {}: circuit closed, cleaning with {}", name, model));
  }

  /**
   * An LLM cleaner on the caller's Vert.x context, once its prompt template is read. The API key is
   * read from the environment variable {@link LlmSettings#apiKeyEnv()}.
   *
   * @param engine the deterministic cleaner, for AI turns, garbage and fallback
   * @param name distinguishes this instance in logs, e.g. the shard
   */
  public static Future<LlmCleaner> create(
      Vertx vertx, LlmSettings settings, TurnCleaner engine, String name) {
    return create(vertx, settings, engine, name, System.getenv());
  }

  static Future<LlmCleaner> create(
      Vertx vertx, LlmSettings settings, TurnCleaner engine, String name, Map<String, String> env) {
    String key = settings.apiKeyEnv() == null ? null : env.get(settings.apiKeyEnv());
    String apiKey = key == null || key.isBlank() ? null : key.strip();
    return PromptTemplate.load(vertx, settings.promptTemplate())
        .map(
            prompt -> {
              LOG.info(
                  "LLM cleaner {}: {} at {} ({} API key)",
                  name,
                  settings.model(),
                  settings.chatCompletionsUrl(),
                  apiKey == null ? "no" : "with");
              return new LlmCleaner(vertx, settings, engine, prompt, apiKey, name);
            });
  }

  @Override
  public Future<CleaningResult> clean(
      Speaker speaker,
      String rawText,
      CleaningLevel level,
      ConversationContext context,
      List<RecognizedWord> words) {
    long start = System.nanoTime();
    String raw = rawText == null ? "" : rawText;
    return engine
        .clean(speaker, raw, level, context, words)
        .compose(
            base -> {
              if (speaker == Speaker.AI || level == CleaningLevel.NONE || base.skipped()) {
                return Future.succeededFuture(base);
              }
              JsonArray messages = prompt.messages(context.window(), raw, level);
              long sent = System.nanoTime();
              return breaker
                  .<LlmAnswer>execute(
                      () -> chat.complete(messages).map(content -> LlmAnswer.parse(content, raw)))
                  .transform(
                      ar ->
                          Future.succeededFuture(
                              ar.succeeded()
                                  ? fromModel(ar.result(), base, raw, start, sent)
                                  : fallback(base, ar.cause(), start, sent)));
            });
  }

  /** Closes the HTTP client and the breaker's timers. */
  public Future<Void> close() {
    breaker.close();
    chat.close();
    return Future.succeededFuture();
  }

  private CleaningResult fromModel(
      LlmAnswer answer, CleaningResult base, String raw, long start, long sent) {
    Confidence confidence = answer.confidence();
    for (Correction c : answer.corrections()) {
      confidence = confidence.min(c.confidence());
    }
    boolean applied =
        !answer.corrections().isEmpty()
            || !collapseSpaces(answer.cleanedText()).equals(collapseSpaces(raw));
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("deterministic_engine", base.processingTimeMs());
    timings.put("llm_request", millisSince(sent));
    // AUTO is reported as the level the engine resolved it to: the model is not asked to say.
    return new CleaningResult(
        answer.cleanedText(),
        base.level(),
        applied,
        confidence,
        answer.corrections(),
        applied ? "llm_correction" : "clean",
        model,
        millisSince(start),
        timings);
  }

  private static CleaningResult fallback(
      CleaningResult base, Throwable cause, long start, long sent) {
    String reason = reason(cause);
    if (cause instanceof OpenCircuitException) {
      LOG.debug("LLM skipped, circuit open");
    } else {
      // An LlmFailure's reason says it all, unless it wraps a transport error worth seeing.
      Throwable detail = cause instanceof LlmFailure ? cause.getCause() : cause;
      LOG.warn("LLM answer not used ({}){}", reason, detail == null ? "" : ": " + detail);
    }
    Map<String, Double> timings = new LinkedHashMap<>(base.timingBreakdownMs());
    timings.put("llm_request", millisSince(sent));
    return new CleaningResult(
        base.cleanedText(),
        base.level(),
        base.cleaningApplied(),
        base.confidence(),
        base.corrections(),
        base.contextDetected(),
        base.model() + " (fallback: " + reason + ")",
        millisSince(start),
        timings);
  }

  private static String reason(Throwable cause) {
    if (cause instanceof LlmFailure failure) {
      return failure.reason();
    }
    if (cause instanceof OpenCircuitException) {
      return "llm circuit open";
    }
    if (cause instanceof TimeoutException) {
      return "llm timeout";
    }
    return "llm error";
  }

  private static String collapseSpaces(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000.0;
  }
}
