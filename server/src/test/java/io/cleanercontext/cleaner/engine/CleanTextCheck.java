package io.cleanercontext.cleaner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scripts/eval --clean-text}: a precision check of the word corrections on text known to be
 * right. Every AI turn (voice tags dropped) and every gold user turn of the files goes through the
 * engine at FULL as a user turn, with the call's context as it stands there; every evidence change
 * it makes (and every place {@link KnownNameStage} heard as other words: a change of words by
 * evidence too) is an over-correction, printed with its text; {@link #inCalls} does the same for
 * correct sentences said inside each call. The held-out set B is refused: its text must never be
 * printed.
 */
final class CleanTextCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CleanTextCheck() {}

  /** A change of words by evidence: the evidence stage's, or a place heard as other words. */
  private static boolean wordChange(Correction c) {
    return c.reason().startsWith(EvidenceStage.REASON)
        || c.reason().equals(KnownNameStage.HEARD_PLACE);
  }

  static void main(List<Path> files) throws Exception {
    CleaningEngine engine = new CleaningEngine(GoldReplay.lexicon());
    int texts = 0;
    int changes = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (GoldEval.scoredOnly(name)) {
        throw new IllegalArgumentException(name + ": sets B and C are never printed");
      }
      JsonNode g = JSON.readTree(file.toFile());
      ConversationContext context = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      List<String> keyterms = new ArrayList<>();
      g.path("keyterms").forEach(k -> keyterms.add(k.asText()));
      context.setKeyterms(keyterms);
      for (JsonNode turn : g.path("turns")) {
        String text =
            turn.has("gold")
                ? turn.path("gold").asText()
                : turn.path("raw_text").asText().replaceAll("##VT_[^#]*##", "").strip();
        if (!text.isEmpty()) {
          texts++;
          for (Correction c :
              engine.clean(Speaker.USER, text, CleaningLevel.FULL, context).corrections()) {
            if (wordChange(c)) {
              changes++;
              System.out.printf(
                  "  [%s] %s -> %s (%s): %s%n",
                  name.replace(".gold.json", ""), c.original(), c.corrected(), c.reason(), text);
            }
          }
        }
        context.add(Speaker.fromLabel(turn.path("speaker").asText()).orElseThrow(), text);
      }
    }
    System.out.printf("clean texts: %d, evidence changes (over-corrections): %d%n", texts, changes);
  }

  /**
   * {@code scripts/eval --clean-text --sentences FILE --in-calls}: every correct sentence of the
   * file as a user turn inside each call of the files, with all its AI turns and its keyterms as
   * context (so the call's names can be heard in it); every evidence change is printed, then a
   * summary line. Set B is refused.
   */
  static void inCalls(List<Path> files, List<String> sentences) throws Exception {
    CleaningEngine engine = new CleaningEngine(GoldReplay.lexicon());
    int runs = 0;
    int changes = 0;
    Map<String, Integer> byReason = new TreeMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (GoldEval.scoredOnly(name)) {
        throw new IllegalArgumentException(name + ": sets B and C are never printed");
      }
      JsonNode g = JSON.readTree(file.toFile());
      ConversationContext context = new ConversationContext(g.path("turns").size());
      List<String> keyterms = new ArrayList<>();
      g.path("keyterms").forEach(k -> keyterms.add(k.asText()));
      context.setKeyterms(keyterms);
      for (JsonNode turn : g.path("turns")) {
        if (!turn.has("gold")) {
          context.add(Speaker.AI, turn.path("raw_text").asText().replaceAll("##VT_[^#]*##", ""));
        }
      }
      for (String text : sentences) {
        runs++;
        for (Correction c :
            engine.clean(Speaker.USER, text, CleaningLevel.FULL, context).corrections()) {
          if (wordChange(c)) {
            changes++;
            byReason.merge(c.reason(), 1, Integer::sum);
            System.out.printf(
                "  [%s] %s -> %s (%s): %s%n",
                name.replace(".gold.json", ""), c.original(), c.corrected(), c.reason(), text);
          }
        }
      }
    }
    System.out.printf(
        "sentences in calls: %d, evidence changes (over-corrections): %d, by reason: %s%n",
        runs, changes, byReason);
  }
}
