package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/eval}'s in-process half: replays gold files through the engine and prints the
 * per-file and per-rule breakdown, every over-correction and turn made worse, and the scorer's
 * summary line last.
 *
 * <p>Arguments: {@code [--files GLOB] [--level full|light|auto] [--verbose] [--without-context]},
 * or {@code [--files GLOB] [--names-also GLOB] --fit | --lofo | --ablation | --clean-text}, or
 * {@code --clean-text --sentences FILE} (a file of correct sentences, one per line, each run as a
 * call's first user turn: {@link PrecisionProbe}; with {@code --in-calls}, inside each call of the
 * files instead: {@link CleanTextCheck#inCalls}) ({@code --names-also}: files whose listed-name
 * candidates only are added to that decision's fit, see {@link EvidenceEval}); ({@code
 * --without-context}: no keyterms and no AI turns as context, so names are met as if nobody had
 * said them); GLOB matches file names without {@code .gold.json} ({@code dev-*}, {@code
 * {dev-solar,dev-hvac}}).
 */
public final class GoldEval {

  private GoldEval() {}

  /**
   * Held-out sets B, C and E are only ever scored (cleaning-heldout/README.md): no scorer is fitted
   * on them and no check prints their text, whatever the glob.
   */
  static boolean scoredOnly(String fileName) {
    return fileName.startsWith("ho-b-")
        || fileName.startsWith("ho-c-")
        || fileName.startsWith("ho-e-");
  }

  private static boolean fittable(Path file) {
    return !scoredOnly(file.getFileName().toString());
  }

  public static void main(String[] args) throws Exception {
    String glob = "*";
    CleaningLevel level = CleaningLevel.FULL;
    boolean verbose = false;
    boolean withholdContext = false;
    String evidenceMode = null;
    String namesGlob = null;
    String sentences = null;
    boolean inCalls = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--fit", "--lofo", "--ablation", "--clean-text" -> evidenceMode = args[i];
        case "--files" -> glob = args[++i];
        case "--names-also" -> namesGlob = args[++i];
        case "--sentences" -> sentences = args[++i];
        case "--in-calls" -> inCalls = true;
        case "--level" ->
            level =
                CleaningLevel.fromWire(args[++i])
                    .orElseThrow(() -> new IllegalArgumentException("unknown level"));
        case "--verbose", "-v" -> verbose = true;
        case "--without-context" -> withholdContext = true;
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (use --files GLOB, --level LEVEL, --verbose, --without-context,"
                    + " --fit, --lofo, --ablation, --clean-text [--sentences FILE [--in-calls]],"
                    + " --names-also GLOB)");
      }
    }
    if (sentences != null) {
      if (!"--clean-text".equals(evidenceMode)) {
        throw new IllegalArgumentException("--sentences FILE goes with --clean-text");
      }
      if (inCalls) {
        CleanTextCheck.inCalls(
            GoldReplay.goldFiles(glob), PrecisionProbe.sentences(Path.of(sentences)));
      } else {
        PrecisionProbe.main(Path.of(sentences));
      }
      return;
    }
    List<Path> files = GoldReplay.goldFiles(glob);
    if ("--clean-text".equals(evidenceMode)) {
      CleanTextCheck.main(files);
      return;
    }
    if (evidenceMode != null) {
      // held-out set B is only ever scored: the scorer is never fitted on it
      files = files.stream().filter(GoldEval::fittable).toList();
      List<Path> names =
          namesGlob == null
              ? List.of()
              : GoldReplay.goldFiles(namesGlob).stream().filter(GoldEval::fittable).toList();
      EvidenceEval.main(evidenceMode, files, names);
      return;
    }
    GoldReplay.Summary s =
        GoldReplay.replay(files, new CleaningEngine(GoldReplay.lexicon()), level, withholdContext);
    if (verbose) {
      s.details().forEach(d -> System.out.println(d));
    }
    System.out.println("== per file (unambiguous turns)");
    System.out.printf(
        Locale.ROOT,
        "%-30s %8s %8s %7s %5s %5s%n",
        "file",
        "WER raw",
        "cleaned",
        "WERR",
        "over",
        "worse");
    for (GoldReplay.FileScore f : s.files()) {
      System.out.printf(
          Locale.ROOT,
          "%-30s %8.3f %8.3f %7.3f %5d %5d%n",
          f.transcript(),
          (double) f.rawErrors() / Math.max(f.referenceWords(), 1),
          (double) f.cleanedErrors() / Math.max(f.referenceWords(), 1),
          f.werr(),
          f.overCorrected(),
          f.worse());
    }
    System.out.println(
        "== per rule (reason code): corrections, user turns carrying one that got better / same / worse");
    for (GoldReplay.ReasonScore r : s.reasons()) {
      System.out.printf(
          Locale.ROOT,
          "%-28s %5d %5d %5d %5d%n",
          r.reason(),
          r.corrections(),
          r.turnsBetter(),
          r.turnsSame(),
          r.turnsWorse());
    }
    System.out.println("== over-corrections (" + s.overCorrections().size() + ")");
    s.overCorrections().forEach(o -> System.out.println("  " + o));
    System.out.printf(
        Locale.ROOT, "user turns: %d (clean controls: %d)%n", s.userTurns(), s.controls());
    System.out.printf(
        Locale.ROOT,
        "WER raw %.3f -> cleaned %.3f  (unambiguous turns)%n",
        s.werRawUnambiguous(),
        s.werCleanUnambiguous());
    System.out.println(s.line());
  }
}
