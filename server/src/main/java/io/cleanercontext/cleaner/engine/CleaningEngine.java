package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Cleans turns: AI turns lose their voice tags; user turns lose noise tags and extra spaces. */
public final class CleaningEngine {
  private static final Pattern VOICE_TAG = Pattern.compile("##VT_[A-Z_]+##");
  private static final Pattern NOISE_TAG = Pattern.compile("<[a-z_]+>");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  public CleaningEngine(Lexicon lexicon) {
  }

  public CleaningResult clean(Speaker speaker, String rawText, CleaningLevel level, ConversationContext context) {
    long start = System.nanoTime();
    String text = SPACES.matcher(VOICE_TAG.matcher(rawText).replaceAll(" ")).replaceAll(" ").strip();
    if (speaker == Speaker.AI || level == CleaningLevel.NONE) {
      return result(text, CleaningLevel.NONE, List.of(), speaker == Speaker.AI ? "ai_response" : "none", start);
    }
    List<Correction> corrections = new ArrayList<>();
    String cleaned = SPACES.matcher(NOISE_TAG.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
    if (!cleaned.equals(text)) {
      corrections.add(new Correction(text, cleaned, Confidence.HIGH, "noise_tag"));
    }
    if (cleaned.isEmpty()) {
      return result("", CleaningLevel.SKIP, corrections, "garbage", start);
    }
    return result(cleaned, level == CleaningLevel.AUTO ? CleaningLevel.LIGHT : level, corrections,
        corrections.isEmpty() ? "clean" : "artifacts_removed", start);
  }

  private static CleaningResult result(String text, CleaningLevel level, List<Correction> corrections, String detected,
      long start) {
    double ms = (System.nanoTime() - start) / 1e6;
    return new CleaningResult(text, level, !corrections.isEmpty(), Confidence.HIGH, corrections, detected,
        "deterministic-v1", ms, Map.of("total", ms));
  }
}
