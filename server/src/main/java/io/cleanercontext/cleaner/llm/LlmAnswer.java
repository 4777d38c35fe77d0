package io.cleanercontext.cleaner.llm;

import io.cleanercontext.cleaner.engine.Confidence;
import io.cleanercontext.cleaner.engine.Correction;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the LLM said about one turn, parsed from the assistant message and checked before it may
 * replace the engine's result. A model can answer anything, so every field is validated and any
 * doubt is an {@link LlmFailure}: the engine's result is the safe answer.
 *
 * @param cleanedText the cleaned turn, never blank
 * @param corrections the changes the model reports
 * @param confidence the model's overall confidence
 */
record LlmAnswer(String cleanedText, List<Correction> corrections, Confidence confidence) {
  /** More than this many corrections in one turn is a model run wild, not a cleaned turn. */
  private static final int MAX_CORRECTIONS = 50;

  private static final int MAX_REASON_CHARS = 64;

  LlmAnswer {
    corrections = List.copyOf(corrections);
  }

  /**
   * Parses and validates the assistant message content.
   *
   * @throws LlmFailure {@code llm malformed json} or {@code llm invalid answer: <field>}
   */
  static LlmAnswer parse(String content, String rawText) {
    JsonObject json;
    try {
      json = new JsonObject(withoutCodeFence(content));
    } catch (DecodeException | ClassCastException e) {
      throw new LlmFailure("llm malformed json");
    }
    // Cleaning removes and corrects, it does not write: a much longer turn is an invented one.
    int maxChars = 2 * rawText.length() + 50;
    String cleaned = string(json, "cleaned_text", maxChars);
    if (cleaned.isBlank()) {
      // Garbage never reaches the model, so an empty answer would drop a turn the engine keeps.
      throw invalid("cleaned_text");
    }
    if (!(json.getValue("corrections") instanceof JsonArray array)
        || array.size() > MAX_CORRECTIONS) {
      throw invalid("corrections");
    }
    List<Correction> corrections = new ArrayList<>(array.size());
    for (Object item : array) {
      corrections.add(correction(item, maxChars));
    }
    return new LlmAnswer(cleaned.strip(), corrections, confidence(json));
  }

  /** One correction; whatever is wrong with it is reported as {@code corrections}. */
  private static Correction correction(Object item, int maxChars) {
    try {
      if (item instanceof JsonObject c) {
        String original = string(c, "original", maxChars);
        String reason = string(c, "reason", MAX_REASON_CHARS);
        if (!original.isEmpty() && !reason.isBlank()) {
          return new Correction(
              original, string(c, "corrected", maxChars), confidence(c), reason.strip());
        }
      }
    } catch (LlmFailure e) {
      // reported below, as the list it belongs to
    }
    throw invalid("corrections");
  }

  /**
   * Some models wrap JSON in a Markdown code fence even when asked not to; that much is forgiven.
   */
  private static String withoutCodeFence(String content) {
    String s = content.strip();
    if (s.startsWith("```") && s.endsWith("```") && s.length() >= 6) {
      s = s.substring(3, s.length() - 3);
      int firstLine = s.indexOf('\n');
      return firstLine >= 0 && !s.substring(0, firstLine).contains("{")
          ? s.substring(firstLine + 1)
          : s;
    }
    return s;
  }

  private static String string(JsonObject json, String field, int maxChars) {
    if (!(json.getValue(field) instanceof String value) || value.length() > maxChars) {
      throw invalid(field);
    }
    return value;
  }

  private static Confidence confidence(JsonObject json) {
    if (json.getValue("confidence") instanceof String value) {
      try {
        return Confidence.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // falls through to invalid
      }
    }
    throw invalid("confidence");
  }

  private static LlmFailure invalid(String field) {
    return new LlmFailure("llm invalid answer: " + field);
  }
}
