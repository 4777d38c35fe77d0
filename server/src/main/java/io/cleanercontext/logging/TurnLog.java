package io.cleanercontext.logging;

import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Log lines about one turn carry its conversation id, turn id and seq in the MDC (shown by the text
 * layout, and as fields by the JSON layout). Set and cleared around each line: event-loop threads
 * serve many turns, so a thread-bound MDC must not outlive the statement.
 */
public final class TurnLog {
  private TurnLog() {}

  public static void warn(
      Logger log, String conversationId, String turnId, Long seq, String format, Object... args) {
    with(conversationId, turnId, seq, () -> log.warn(format, args));
  }

  public static void error(
      Logger log, String conversationId, String turnId, Long seq, String format, Object... args) {
    with(conversationId, turnId, seq, () -> log.error(format, args));
  }

  private static void with(String conversationId, String turnId, Long seq, Runnable line) {
    put("conversation_id", conversationId);
    put("turn_id", turnId);
    put("seq", seq == null ? null : seq.toString());
    try {
      line.run();
    } finally {
      MDC.remove("conversation_id");
      MDC.remove("turn_id");
      MDC.remove("seq");
    }
  }

  private static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
