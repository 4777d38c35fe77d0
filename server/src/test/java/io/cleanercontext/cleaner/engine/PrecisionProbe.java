package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The precision probe ({@code data/precision-probe}, {@code scripts/update-precision-probe}):
 * sentences known to be correct English, each run through the engine at FULL as the first user turn
 * of a call (no history, the built-in lexicon). A sentence is changed when its words change as the
 * scorer counts them ({@link GoldReplay#norm}: casing and punctuation are no change); every
 * correction of a changed sentence whose own words change is a word correction, counted by its
 * reason. A casing of a lower-case word is counted apart (the scorer does not see it). {@code
 * scripts/eval --clean-text --sentences FILE} prints them; {@code PrecisionProbeTest} holds the
 * counts.
 */
final class PrecisionProbe {

  /** One word correction: the sentence, what was changed to what, and the stage's reason. */
  record Change(String sentence, String original, String corrected, String reason) {
    @Override
    public String toString() {
      return original + " -> " + corrected + " (" + reason + "): " + sentence;
    }
  }

  /**
   * Sentences run, sentences changed, every word correction of the changed ones, sentences with a
   * lower-case word cased ("we grow sage" → "Sage": no change to the scorer, wrong all the same),
   * and those casings.
   */
  record Result(
      int sentences,
      int changed,
      List<Change> changes,
      int cased,
      List<Change> casings,
      int fixed) {

    /** Word corrections by reason, reasons sorted. */
    Map<String, Integer> byReason() {
      return byReason(changes);
    }

    private static Map<String, Integer> byReason(List<Change> list) {
      Map<String, Integer> out = new TreeMap<>();
      list.forEach(c -> out.merge(c.reason(), 1, Integer::sum));
      return out;
    }

    /** The summary line {@code scripts/eval} prints last. */
    String line() {
      return "sentences: "
          + sentences
          + ", changed: "
          + changed
          + ", fixed (errors of the probe's own, errors-in-probe.txt): "
          + fixed
          + ", corrections by reason: "
          + byReason()
          + ", cased: "
          + cased
          + ", casings by reason: "
          + byReason(casings);
    }
  }

  private PrecisionProbe() {}

  /** The sentences of a probe file: every line but blank ones and {@code #} comments. */
  static List<String> sentences(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /**
   * The probe's sentences that carry a real error ({@code errors-in-probe.txt} beside the probe),
   * each with the fixes the engine makes ("ever yone -> everyone"; several joined by "; ").
   */
  static Map<String, String> errors(Path probe) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path file = probe.resolveSibling("errors-in-probe.txt");
    if (Files.exists(file)) {
      for (String line : sentences(file)) {
        String[] parts = line.split("\t", 2);
        out.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return out;
  }

  static Result run(CleaningEngine engine, List<String> sentences) {
    return run(engine, sentences, Map.of());
  }

  /**
   * A sentence of {@code errors} whose word corrections are exactly its listed fixes counts as
   * fixed, not changed; any other change to it is counted like any sentence's.
   */
  static Result run(CleaningEngine engine, List<String> sentences, Map<String, String> errors) {
    int changed = 0;
    int fixed = 0;
    int cased = 0;
    List<Change> changes = new ArrayList<>();
    List<Change> casings = new ArrayList<>();
    for (String s : sentences) {
      CleaningResult r =
          engine.clean(Speaker.USER, s, CleaningLevel.FULL, new ConversationContext());
      int before = casings.size();
      for (Correction c : r.corrections()) {
        if (casesALowerCaseWord(c.original(), c.corrected())) {
          casings.add(new Change(s, c.original(), c.corrected(), c.reason()));
        }
      }
      cased += casings.size() > before ? 1 : 0;
      if (GoldReplay.norm(r.cleanedText()).equals(GoldReplay.norm(s))) {
        continue;
      }
      List<Change> mine = new ArrayList<>();
      for (Correction c : r.corrections()) {
        if (!GoldReplay.norm(c.original()).equals(GoldReplay.norm(c.corrected()))) {
          mine.add(new Change(s, c.original(), c.corrected(), c.reason()));
        }
      }
      if (errors.containsKey(s) && fixes(mine).equals(errors.get(s))) {
        fixed++;
        continue;
      }
      changed++;
      changes.addAll(mine);
    }
    return new Result(sentences.size(), changed, changes, cased, casings, fixed);
  }

  private static String fixes(List<Change> changes) {
    List<String> out = new ArrayList<>();
    changes.forEach(c -> out.add(c.original() + " -> " + c.corrected()));
    return String.join("; ", out);
  }

  /** "sage" → "Sage", "vice president" → "Vice President": the same letters, a capital added. */
  private static boolean casesALowerCaseWord(String original, String corrected) {
    return !original.isEmpty()
        && !original.equals(corrected)
        && original.equalsIgnoreCase(corrected)
        && Character.isLowerCase(original.charAt(0));
  }

  /**
   * {@code scripts/eval --clean-text --sentences FILE}: every word correction, then the summary.
   */
  static void main(Path file) throws IOException {
    Result r = run(new CleaningEngine(GoldReplay.lexicon()), sentences(file), errors(file));
    r.changes().forEach(c -> System.out.println("  " + c));
    r.casings().forEach(c -> System.out.println("  cased: " + c));
    System.out.println(r.line());
  }
}
