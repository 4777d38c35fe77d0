package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/eval --fit | --lofo | --ablation}: fits the evidence scorer on the gold files and
 * writes server/src/main/resources/cleaning/evidence-weights.txt ({@code --fit}); scores each file
 * with weights fitted without it ({@code --lofo}); refits and scores with each kind of evidence
 * removed in turn ({@code --ablation}). With {@code --fit}, the environment variable {@code
 * CC_EVIDENCE_DUMP=N} also prints the N best-scored candidates and every good one, with their
 * evidence (for reading what the scorer gets wrong, never for tuning a sentence).
 */
final class EvidenceEval {

  private static final String WEIGHTS = "server/src/main/resources/cleaning/evidence-weights.txt";

  /** Kinds of evidence, each as the features it covers. */
  private static final String[][] KINDS = {
    {"pronunciation", "phonetic_distance"},
    {"language model", "lm_gain", "heard_surprise"},
    {"context", "said_in_call"},
    {"prior", "prior_heard", "prior_candidate", "unknown_words"},
    {"cue (pattern beside the word)", "cue"},
    {"listed name (nobody said it; near a named place)", "listed_name", "near_place"}
  };

  private EvidenceEval() {}

  /**
   * @param files the gold files every decision is fitted on
   * @param namesAlso more gold files whose candidates for names nobody said (only those) are added
   *     to that decision's fit: it has few examples in the dev files (held-out set A's, said so
   *     where the figures are reported)
   */
  static void main(String mode, List<Path> files, List<Path> namesAlso) throws Exception {
    Lexicon lexicon = GoldReplay.lexicon();
    List<EvidenceFit.Instance> instances = new ArrayList<>(EvidenceFit.collect(files, lexicon));
    int listed = List.of(WordEvidence.FEATURES).indexOf("listed_name");
    for (EvidenceFit.Instance i : EvidenceFit.collect(namesAlso, lexicon)) {
      if (i.x()[listed] > 0) {
        instances.add(i);
      }
    }
    long good = instances.stream().filter(EvidenceFit.Instance::good).count();
    System.out.printf(
        Locale.ROOT, "candidates weighed: %d (good changes: %d)%n", instances.size(), good);
    boolean[] none = new boolean[WordEvidence.FEATURES.length];
    switch (mode) {
      case "--fit" -> {
        EvidenceScorer s = EvidenceFit.fit(instances, null, none);
        EvidenceFit.write(
            s,
            Path.of(WEIGHTS),
            String.format(Locale.ROOT, "%d files, %d candidates.", files.size(), instances.size()));
        System.out.println("fitted: " + EvidenceFit.describe(s) + " -> " + WEIGHTS);
        report("in-sample", score(files, lexicon, s));
        if (System.getenv("CC_EVIDENCE_DUMP") != null) {
          instances.stream()
              .sorted(
                  (a, b) ->
                      Double.compare(
                          s.logit(EvidenceFit.evidence(b.x())),
                          s.logit(EvidenceFit.evidence(a.x()))))
              .limit(Integer.parseInt(System.getenv("CC_EVIDENCE_DUMP")))
              .forEach(
                  i ->
                      System.out.printf(
                          Locale.ROOT,
                          "%s %.2f %s %s%n",
                          i.good() ? "GOOD" : "bad ",
                          s.logit(EvidenceFit.evidence(i.x())),
                          java.util.Arrays.toString(i.x()),
                          i.what()));
          instances.stream()
              .filter(EvidenceFit.Instance::good)
              .forEach(
                  i ->
                      System.out.printf(
                          Locale.ROOT,
                          "good %.2f %s %s%n",
                          s.logit(EvidenceFit.evidence(i.x())),
                          java.util.Arrays.toString(i.x()),
                          i.what()));
        }
      }
      case "--lofo" -> {
        lofo(files, lexicon, instances, none);
        if (!namesAlso.isEmpty()) {
          lofo(namesAlso, lexicon, instances, none);
        }
      }
      case "--ablation" -> {
        report("all evidence", score(files, lexicon, EvidenceFit.fit(instances, null, none)));
        for (String[] kind : KINDS) {
          boolean[] mask = new boolean[WordEvidence.FEATURES.length];
          for (int k = 1; k < kind.length; k++) {
            mask[List.of(WordEvidence.FEATURES).indexOf(kind[k])] = true;
          }
          EvidenceScorer s = EvidenceFit.fit(instances, null, mask);
          report("without " + kind[0], score(files, lexicon, s));
        }
        report("no evidence stage", score(files, lexicon, EvidenceScorer.NEVER));
      }
      default -> throw new IllegalArgumentException(mode);
    }
  }

  private static void lofo(
      List<Path> files, Lexicon lexicon, List<EvidenceFit.Instance> instances, boolean[] none)
      throws Exception {
    long raw = 0;
    long clean = 0;
    int over = 0;
    int worse = 0;
    System.out.printf(
        Locale.ROOT,
        "%-30s %7s %5s %5s  %s%n",
        "file (weights fitted without it)",
        "WERR",
        "over",
        "worse",
        "weights");
    for (Path file : files) {
      String name = file.getFileName().toString().replace(".gold.json", "");
      EvidenceScorer s = EvidenceFit.fit(instances, name, none);
      GoldReplay.FileScore f = score(List.of(file), lexicon, s).files().get(0);
      raw += f.rawErrors();
      clean += f.cleanedErrors();
      over += f.overCorrected();
      worse += f.worse();
      System.out.printf(
          Locale.ROOT,
          "%-30s %7.3f %5d %5d  %s%n",
          name,
          f.werr(),
          f.overCorrected(),
          f.worse(),
          EvidenceFit.describe(s));
    }
    System.out.printf(
        Locale.ROOT,
        "LOFO WERR=%.3f over_corrected=%d turns_made_worse=%d%n",
        GoldReplay.werr(raw, clean),
        over,
        worse);
  }

  private static GoldReplay.Summary score(List<Path> files, Lexicon lexicon, EvidenceScorer s)
      throws Exception {
    return GoldReplay.replay(files, new CleaningEngine(lexicon, s, null), CleaningLevel.FULL);
  }

  private static void report(String label, GoldReplay.Summary s) {
    System.out.printf(Locale.ROOT, "%-28s %s%n", label, s.line());
  }
}
