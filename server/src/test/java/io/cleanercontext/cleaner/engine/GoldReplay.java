package io.cleanercontext.cleaner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Replays the gold conversations (the repository's copy in {@code
 * src/test/resources/data/cleaning}, or {@code -Dcc.gold.dir}) through a {@link
 * ConversationContext} and {@link CleaningEngine} in order, exactly as the server does, and
 * computes the metrics of {@code tools/score_cleaning.py}: its {@code norm} and {@code edits} are
 * ported one to one, so the summary line here matches the scorer's for the same outputs.
 */
final class GoldReplay {

  /** One user turn that got worse, for the report. */
  record Worse(
      String transcript,
      String raw,
      String cleaned,
      String gold,
      int rawErrors,
      int cleanedErrors) {}

  /** One file's unambiguous word errors before and after cleaning, over its reference words. */
  record FileScore(
      String transcript,
      long rawErrors,
      long cleanedErrors,
      long referenceWords,
      int overCorrected,
      int worse) {
    double werr() {
      return GoldReplay.werr(rawErrors, cleanedErrors);
    }
  }

  /**
   * What one correction reason (one rule) did: how many corrections it made, and in how many user
   * turns carrying one of them the cleaned text ended closer to gold, equally far, or further.
   */
  record ReasonScore(
      String reason, int corrections, int turnsBetter, int turnsSame, int turnsWorse) {}

  /** Scorer metrics. */
  record Summary(
      int userTurns,
      int controls,
      double werRaw,
      double werClean,
      double werRawUnambiguous,
      double werCleanUnambiguous,
      double werr,
      double werrAll,
      int overCorrected,
      int turnsMadeWorse,
      List<String> details,
      List<String> outputs,
      List<FileScore> files,
      List<ReasonScore> reasons,
      List<String> overCorrections) {

    String line() {
      return String.format(
          Locale.ROOT,
          "WERR=%.3f WERR_all=%.3f over_corrected=%d turns_made_worse=%d",
          werr,
          werrAll,
          overCorrected,
          turnsMadeWorse);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private GoldReplay() {}

  /**
   * The gold directory: {@code -Dcc.gold.dir}, else the copy the repository carries. Missing data
   * is an error, never a skip: a replay over nothing would pass without measuring anything.
   */
  static Path goldDir() throws IOException {
    Path dir = Path.of(System.getProperty("cc.gold.dir", "src/test/resources/data/cleaning"));
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "gold set not found at " + dir.toAbsolutePath() + " (set -Dcc.gold.dir)");
    }
    return dir;
  }

  /** The engine's built-in domain lexicon, as a server with no lexicon of its own uses. */
  static Lexicon lexicon() {
    return Lexicon.builtIn();
  }

  static Summary replay(Path goldDir, CleaningEngine engine, CleaningLevel level)
      throws IOException {
    return replay(goldFiles(goldDir, "*"), engine, level);
  }

  /**
   * The gold files whose name (without .gold.json) matches the glob, sorted, from every directory
   * of {@code -Dcc.gold.dir} (several joined by ':', as {@code scripts/eval --gold A:B} passes
   * them: the evidence scorer fitted on the dev files and held-out set A together).
   */
  static List<Path> goldFiles(String glob) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir :
        System.getProperty("cc.gold.dir", "src/test/resources/data/cleaning").split(":")) {
      Path d = Path.of(dir);
      if (!Files.isDirectory(d)) {
        throw new IOException("gold set not found at " + d.toAbsolutePath());
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, glob + ".gold.json")) {
        ds.forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      throw new IOException("no gold files matching " + glob + ".gold.json");
    }
    files.sort(java.util.Comparator.comparing(f -> f.getFileName().toString()));
    return files;
  }

  /** The gold files of {@code goldDir} whose name (without .gold.json) matches the glob, sorted. */
  static List<Path> goldFiles(Path goldDir, String glob) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(goldDir, glob + ".gold.json")) {
      ds.forEach(files::add);
    }
    if (files.isEmpty()) {
      throw new IOException(
          "no gold files matching " + glob + ".gold.json in " + goldDir.toAbsolutePath());
    }
    files.sort(null);
    return files;
  }

  static Summary replay(List<Path> files, CleaningEngine engine, CleaningLevel level)
      throws IOException {
    return replay(files, engine, level, false);
  }

  /**
   * {@code withholdContext}: the engine gets neither the caller's keyterms nor the AI's turns as
   * context, so it meets every name as if nobody had said it first.
   */
  static Summary replay(
      List<Path> files, CleaningEngine engine, CleaningLevel level, boolean withholdContext)
      throws IOException {
    long raw = 0, clean = 0, ref = 0, rawC = 0, cleanC = 0, refC = 0;
    int over = 0, controls = 0, worse = 0, turns = 0;
    List<String> details = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<FileScore> fileScores = new ArrayList<>();
    List<String> overCorrections = new ArrayList<>();
    Map<String, int[]> byReason = new TreeMap<>(); // corrections, better, same, worse
    for (Path file : files) {
      JsonNode g = JSON.readTree(file.toFile());
      String transcript = g.path("transcript").asText();
      ConversationContext context = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      List<String> keyterms = new ArrayList<>();
      g.path("keyterms").forEach(k -> keyterms.add(k.asText()));
      if (!withholdContext) {
        context.setKeyterms(keyterms);
      }
      long fileRaw = 0, fileClean = 0, fileRef = 0;
      int fileOver = 0, fileWorse = 0;
      for (JsonNode turn : g.path("turns")) {
        Speaker speaker = Speaker.fromLabel(turn.path("speaker").asText()).orElseThrow();
        String rawText = turn.path("raw_text").asText();
        CleaningResult result = engine.clean(speaker, rawText, level, context);
        if (!withholdContext || speaker != Speaker.AI) {
          context.add(speaker, result.cleanedText());
        }
        String cleaned = result.cleanedText();
        outputs.add(cleaned);
        if (!turn.has("gold")) {
          if (!norm(cleaned).equals(norm(rawText))) {
            over++;
            fileOver++;
            overCorrections.add(
                "[" + transcript + "] AI turn changed: " + rawText + "\n    -> " + cleaned);
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
          fileRaw += eRaw;
          fileClean += eHyp;
          fileRef += Math.max(refW.size(), 1);
        }
        if (eHyp > eRaw) {
          worse++;
          fileWorse++;
        }
        if (rawW.equals(refW)) {
          controls++;
          if (!hypW.equals(refW)) {
            over++;
            fileOver++;
            overCorrections.add(
                String.format(
                    Locale.ROOT,
                    "[%s] clean turn changed: %s%n    -> %s%n    %s",
                    transcript,
                    rawText,
                    cleaned,
                    result.corrections()));
          }
        }
        Set<String> reasons = new TreeSet<>();
        for (Correction c : result.corrections()) {
          byReason.computeIfAbsent(c.reason(), r -> new int[4])[0]++;
          reasons.add(c.reason());
        }
        for (String r : reasons) {
          byReason.get(r)[eHyp < eRaw ? 1 : eHyp == eRaw ? 2 : 3]++;
        }
        if (eHyp != 0 || eRaw != 0) {
          details.add(
              String.format(
                  Locale.ROOT,
                  "[%s] raw_err=%d clean_err=%d%n    raw:   %s%n    clean: %s%n    gold:  %s%n    %s",
                  transcript,
                  eRaw,
                  eHyp,
                  rawText,
                  cleaned,
                  turn.path("gold").asText(),
                  result.corrections()));
        }
      }
      fileScores.add(new FileScore(transcript, fileRaw, fileClean, fileRef, fileOver, fileWorse));
    }
    List<ReasonScore> reasonScores = new ArrayList<>();
    byReason.forEach((r, c) -> reasonScores.add(new ReasonScore(r, c[0], c[1], c[2], c[3])));
    return new Summary(
        turns,
        controls,
        (double) raw / Math.max(ref, 1),
        (double) clean / Math.max(ref, 1),
        (double) rawC / Math.max(refC, 1),
        (double) cleanC / Math.max(refC, 1),
        werr(rawC, cleanC),
        werr(raw, clean),
        over,
        worse,
        details,
        outputs,
        fileScores,
        reasonScores,
        overCorrections);
  }

  static double werr(long r, long c) {
    return r == 0 ? 0.0 : (double) (r - c) / r;
  }

  // --- port of score_cleaning.py norm() and edits() ---

  private static final Pattern VT = Pattern.compile("##vt_[a-z_]+##");
  private static final Pattern DIGIT_GROUPING =
      Pattern.compile("(?<=\\d),(?=\\d{3})", Pattern.UNICODE_CHARACTER_CLASS);
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
    t.codePoints()
        .forEach(cp -> sb.appendCodePoint(isWord(cp) || isSpace(cp) || cp == '\'' ? cp : ' '));
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
    sb2.toString()
        .codePoints()
        .forEach(
            cp -> {
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
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || cp == 0x1C
        || cp == 0x1D
        || cp == 0x1E
        || cp == 0x1F
        || cp == 0x85;
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
