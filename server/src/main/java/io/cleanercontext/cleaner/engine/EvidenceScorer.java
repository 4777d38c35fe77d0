package io.cleanercontext.cleaner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one decision for word corrections: a logistic score over the evidence ({@link
 * WordEvidence#features()}), a change made only when the score clears the threshold. Weights and
 * threshold are fitted on the gold dev files (test-scope EvidenceFit, {@code scripts/eval --fit},
 * checked by leave-one-file-out with {@code --lofo}) and read from {@code
 * cleaning/evidence-weights.txt}: no weight is set by hand.
 */
public final class EvidenceScorer {

  private static final String RESOURCE = "/cleaning/evidence-weights.txt";

  /** A scorer that never accepts: the stage still measures, nothing changes. */
  static final EvidenceScorer NEVER =
      new EvidenceScorer(0.0, new double[WordEvidence.FEATURES.length], Double.POSITIVE_INFINITY);

  private static final class Holder {
    static final EvidenceScorer DEFAULT = load();
  }

  /** The prefix of the weight file's lines for names nobody in the call said. */
  static final String LISTED = "listed_name.";

  final double bias;
  final double[] weights;
  final double threshold;

  /**
   * The decision for names of the lists nobody in the call said ({@link WordEvidence#listedName}):
   * fitted on their own candidates, so that a source with a handful of examples neither moves the
   * other sources' weights nor borrows them (a call's name is unknown to the model and said in the
   * call; a listed name is only the former). {@link #NEVER}'s when the weight file has none.
   */
  final EvidenceScorer listed;

  EvidenceScorer(double bias, double[] weights, double threshold) {
    this(bias, weights, threshold, null);
  }

  EvidenceScorer(double bias, double[] weights, double threshold, EvidenceScorer listed) {
    if (weights.length != WordEvidence.FEATURES.length) {
      throw new IllegalArgumentException("one weight per feature");
    }
    this.bias = bias;
    this.weights = weights.clone();
    this.threshold = threshold;
    this.listed = listed;
  }

  /** The scorer fitted on the dev files, shipped as a resource. */
  static EvidenceScorer fitted() {
    return Holder.DEFAULT;
  }

  /** The logistic score's log-odds for the evidence. */
  double logit(WordEvidence e) {
    if (e.listedName() > 0 && this != NEVER) {
      return (listed == null ? NEVER : listed).own(e);
    }
    return own(e);
  }

  /** This scorer's own log-odds, whatever the candidate's source. */
  double own(WordEvidence e) {
    double[] x = e.features();
    double s = bias;
    for (int i = 0; i < x.length; i++) {
      s += weights[i] * x[i];
    }
    return s;
  }

  boolean accepts(WordEvidence e) {
    EvidenceScorer decides = e.listedName() > 0 ? (listed == null ? NEVER : listed) : this;
    return decides.own(e) > decides.threshold;
  }

  /** The weight file's text: one {@code name value} line per weight, then bias and threshold. */
  String toText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < weights.length; i++) {
      sb.append(String.format(Locale.ROOT, "%s %.6f%n", WordEvidence.FEATURES[i], weights[i]));
    }
    sb.append(String.format(Locale.ROOT, "bias %.6f%nthreshold %.6f%n", bias, threshold));
    if (listed != null) {
      for (String line : listed.toText().split("\n")) {
        sb.append(LISTED).append(line).append('\n');
      }
    }
    return sb.toString();
  }

  static EvidenceScorer parse(List<String> lines) {
    List<String> own = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(LISTED)) {
        names.add(line.substring(LISTED.length()));
      } else {
        own.add(line);
      }
    }
    return parseOne(own, names.isEmpty() ? null : parseOne(names, null));
  }

  private static EvidenceScorer parseOne(List<String> lines, EvidenceScorer listed) {
    double[] w = new double[WordEvidence.FEATURES.length];
    double bias = 0;
    double threshold = Double.POSITIVE_INFINITY;
    for (String line : lines) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      String[] kv = s.split("\\s+");
      double v = Double.parseDouble(kv[1]);
      switch (kv[0]) {
        case "bias" -> bias = v;
        case "threshold" -> threshold = v;
        default -> {
          int i = Arrays.asList(WordEvidence.FEATURES).indexOf(kv[0]);
          if (i < 0) {
            throw new IllegalArgumentException("unknown evidence " + kv[0]);
          }
          w[i] = v;
        }
      }
    }
    return new EvidenceScorer(bias, w, threshold, listed);
  }

  private static EvidenceScorer load() {
    try (InputStream in = EvidenceScorer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return NEVER; // no fitted weights: measure, never change
      }
      return parse(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
