package io.cleanercontext.cleaner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Replays the gold conversations ({@code <cc.shared.dir>/data/cleaning/*.gold.json}) through a
 * {@link ConversationContext} and {@link CleaningEngine} in order, exactly as the server does, and
 * computes the metrics of {@code tools/score_cleaning.py}: its {@code norm} and {@code edits} are
 * ported one to one, so the summary line here matches the scorer's for the same outputs.
 */
final class GoldReplay {

  /** One user turn that got worse, for the report. */
  record Worse(String transcript, String raw, String cleaned, String gold, int rawErrors, int cleanedErrors) {}

  /** Scorer metrics. */
  record Summary(int userTurns, int controls, double werRaw, double werClean, double werRawUnambiguous,
      double werCleanUnambiguous, double werr, double werrAll, int overCorrected, int turnsMadeWorse,
      List<String> details, List<String> outputs) {

    String line() {
      return String.format(Locale.ROOT, "WERR=%.3f WERR_all=%.3f over_corrected=%d turns_made_worse=%d",
          werr, werrAll, overCorrected, turnsMadeWorse);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private GoldReplay() {}

  /** The gold directory: system property {@code cc.shared.dir} (default /work/shared) + /data/cleaning. */
  static Path goldDir() {
    return Path.of(System.getProperty("cc.shared.dir", "/work/shared"), "data", "cleaning");
  }

  /** The lexicon: {@code cc.config.dir} (default ../config) + /lexicon/domain-lexicon.txt. */
  static Lexicon lexicon() throws IOException {
    Path file = Path.of(System.getProperty("cc.config.dir", "../config"), "lexicon", "domain-lexicon.txt");
    return Files.isRegularFile(file) ? Lexicon.load(file) : Lexicon.empty();
  }

  static Summary replay(Path goldDir, CleaningEngine engine, CleaningLevel level) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(goldDir, "*.gold.json")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    long raw = 0, clean = 0, ref = 0, rawC = 0, cleanC = 0, refC = 0;
    int over = 0, controls = 0, worse = 0, turns = 0;
    List<String> details = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (Path file : files) {
      JsonNode g = JSON.readTree(file.toFile());
      String transcript = g.path("transcript").asText();
      ConversationContext context = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      for (JsonNode turn : g.path("turns")) {
        Speaker speaker = Speaker.fromLabel(turn.path("speaker").asText()).orElseThrow();
        String rawText = turn.path("raw_text").asText();
        CleaningResult result = engine.clean(speaker, rawText, level, context);
        context.add(speaker, result.cleanedText());
        String cleaned = result.cleanedText();
        outputs.add(cleaned);
        if (!turn.has("gold")) {
          if (!norm(cleaned).equals(norm(rawText))) {
            over++;
            details.add("AI CHANGED: " + rawText + "\n  -> " + cleaned);
          }
          continue;
        }
        turns++;
        List<String> refW = norm(turn.path("gold").asText());
        List<String> rawW = norm(rawText);
        List<String> hypW = norm(cleaned);
        int eRaw = edits(refW, rawW);
        int eHyp = edits(refW, hypW);
        raw += eRaw;
        clean += eHyp;
        ref += Math.max(refW.size(), 1);
        if (!turn.path("ambiguous").asBoolean(false)) {
          rawC += eRaw;
          cleanC += eHyp;
          refC += Math.max(refW.size(), 1);
        }
        if (eHyp > eRaw) {
          worse++;
        }
        if (rawW.equals(refW)) {
          controls++;
          if (!hypW.equals(refW)) {
            over++;
          }
        }
        if (eHyp != 0 || eRaw != 0) {
          details.add(String.format(Locale.ROOT, "[%s] raw_err=%d clean_err=%d%n    raw:   %s%n    clean: %s%n    gold:  %s%n    %s",
              transcript, eRaw, eHyp, rawText, cleaned, turn.path("gold").asText(), result.corrections()));
        }
      }
    }
    return new Summary(turns, controls, (double) raw / Math.max(ref, 1), (double) clean / Math.max(ref, 1),
        (double) rawC / Math.max(refC, 1), (double) cleanC / Math.max(refC, 1), werr(rawC, cleanC),
        werr(raw, clean), over, worse, details, outputs);
  }

  private static double werr(long r, long c) {
    return r == 0 ? 0.0 : (double) (r - c) / r;
  }

  // --- port of score_cleaning.py norm() and edits() ---

  private static final Pattern VT = Pattern.compile("##vt_[a-z_]+##");
  private static final Pattern DIGIT_GROUPING = Pattern.compile("(?<=\\d),(?=\\d{3})", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern TAG = Pattern.compile("<([a-z_]+)>");

  /** Python's {@code text.lower()} then the scorer's regex pipeline, then {@code split()}. */
  static List<String> norm(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    t = VT.matcher(t).replaceAll(" ");
    t = DIGIT_GROUPING.matcher(t).replaceAll("");
    t = t.replace("-", " ").replace("\u2013", " ").replace("\u2014", " ").replace("\u2026", " ");
    t = TAG.matcher(t).replaceAll(" TAG$1 ");
    // re.sub(r"[^\w\s']", " ", t) with Python's Unicode \w (str.isalnum() or '_') and \s
    StringBuilder sb = new StringBuilder(t.length());
    t.codePoints().forEach(cp -> sb.appendCodePoint(isWord(cp) || isSpace(cp) || cp == '\'' ? cp : ' '));
    // re.sub(r"(?<!\w)'|'(?!\w)", " ", t)
    int[] cps = sb.toString().codePoints().toArray();
    StringBuilder sb2 = new StringBuilder(cps.length);
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if (cp == '\'') {
        boolean wordBefore = i > 0 && isWord(cps[i - 1]);
        boolean wordAfter = i + 1 < cps.length && isWord(cps[i + 1]);
        if (!wordBefore || !wordAfter) {
          cp = ' ';
        }
      }
      sb2.appendCodePoint(cp);
    }
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    sb2.toString().codePoints().forEach(cp -> {
      if (isSpace(cp)) {
        if (word.length() > 0) {
          out.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.appendCodePoint(cp);
      }
    });
    if (word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }

  private static boolean isWord(int cp) {
    if (cp == '_' || Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x1C || cp == 0x1D
        || cp == 0x1E || cp == 0x1F || cp == 0x85;
  }

  /** Word-level Levenshtein distance, as the scorer's {@code edits(ref, hyp)}. */
  static int edits(List<String> ref, List<String> hyp) {
    int[] prev = new int[hyp.size() + 1];
    for (int j = 0; j <= hyp.size(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= ref.size(); i++) {
      int[] cur = new int[hyp.size() + 1];
      cur[0] = i;
      for (int j = 1; j <= hyp.size(); j++) {
        int sub = prev[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
        cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), sub);
      }
      prev = cur;
    }
    return prev[hyp.size()];
  }
}
