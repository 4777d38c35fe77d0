package io.cleanercontext.cleaner.llm;

/**
 * Why an LLM answer was not used. The reason is short and bounded (no provider text in it) because
 * it ends up in the turn's {@code ai_model_used}, e.g. {@code deterministic-v1 (fallback: llm http
 * 500)}.
 */
final class LlmFailure extends RuntimeException {

  LlmFailure(String reason) {
    this(reason, null);
  }

  LlmFailure(String reason, Throwable cause) {
    // No stack trace: these are expected outcomes, counted by the circuit breaker, not bugs.
    super(reason, cause, false, false);
  }

  /** The short reason, e.g. {@code llm timeout}, {@code llm malformed json}. */
  String reason() {
    return getMessage();
  }
}
