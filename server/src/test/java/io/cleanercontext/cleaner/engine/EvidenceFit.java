package io.cleanercontext.cleaner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits {@link EvidenceScorer}'s weights and threshold on the gold dev files: every candidate the
 * evidence stage weighs in a user turn (with nothing accepted) is labelled by the gold text (good
 * when the change alone brings the turn closer to gold and the gold has the candidate's words), a
 * logistic regression is fitted on the labelled candidates, and the threshold is the one that
 * maximises good changes minus {@link #WRONG_COST} times bad ones on the fitting files (precision
 * first). No per-sentence tuning: the only free values are the weights, fitted.
 */
final class EvidenceFit {

  /**
   * A wrong change costs this many right ones: a clean turn changed is worse than an error left.
   */
  static final double WRONG_COST = 4.0;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One weighed candidate, labelled. */
  record Instance(String file, double[] x, boolean good, String what) {}

  private EvidenceFit() {}

  static List<Instance> collect(List<Path> files, Lexicon lexicon) throws IOException {
    List<Instance> out = new ArrayList<>();
    List<EvidenceStage.Considered> seen = new ArrayList<>();
    CleaningEngine engine = new CleaningEngine(lexicon, EvidenceScorer.NEVER, seen::add);
    for (Path file : files) {
      JsonNode g = JSON.readTree(file.toFile());
      String name = g.path("transcript").asText();
      ConversationContext context = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      List<String> keyterms = new ArrayList<>();
      g.path("keyterms").forEach(k -> keyterms.add(k.asText()));
      context.setKeyterms(keyterms);
      for (JsonNode turn : g.path("turns")) {
        Speaker speaker = Speaker.fromLabel(turn.path("speaker").asText()).orElseThrow();
        seen.clear();
        CleaningResult r =
            engine.clean(speaker, turn.path("raw_text").asText(), CleaningLevel.FULL, context);
        List<EvidenceStage.Considered> weighed = new ArrayList<>(seen);
        // perfect text (the AI's turn, the user's gold), as an STT would write it in lower case
        String clean = speaker == Speaker.AI ? r.cleanedText() : turn.path("gold").asText("");
        out.addAll(negatives(engine, seen, name, clean, context));
        context.add(speaker, r.cleanedText());
        if (!turn.has("gold") || weighed.isEmpty()) {
          continue;
        }
        List<String> gold = GoldReplay.norm(turn.path("gold").asText());
        List<Tokens.Token> tokens = Tokens.split(r.cleanedText());
        int base = GoldReplay.edits(gold, GoldReplay.norm(r.cleanedText()));
        for (EvidenceStage.Considered c : weighed) {
          List<Tokens.Token> changed = new ArrayList<>(tokens);
          for (int k = 1; k < c.length(); k++) {
            changed.remove(c.token() + 1);
          }
          changed.set(c.token(), tokens.get(c.token()).withCore(c.evidence().candidate()));
          int e = GoldReplay.edits(gold, GoldReplay.norm(Tokens.join(changed)));
          // good: the change alone brings the turn closer, and the gold says the candidate's
          // words (two heard words merged into some other one-word name are not closer)
          boolean said = gold.containsAll(GoldReplay.norm(c.evidence().candidate()));
          out.add(
              new Instance(
                  name,
                  c.evidence().features(),
                  e < base && said,
                  c.evidence().heard()
                      + "->"
                      + c.evidence().candidate()
                      + " in: "
                      + r.cleanedText()));
        }
      }
    }
    return out;
  }

  /**
   * The AI's turns and the users' gold turns are perfect text: said by a user and written by an STT
   * in lower case, every change the stage would weigh there is a wrong one ("a text from oak
   * hollow" is no Waikoloa). Only the listed names' candidates are kept: their decision has few
   * examples in the user turns (names nobody said are rare there), the other sources have hundreds
   * and are fitted as before.
   */
  private static List<Instance> negatives(
      CleaningEngine engine,
      List<EvidenceStage.Considered> seen,
      String file,
      String aiText,
      ConversationContext context) {
    seen.clear();
    if (aiText.isBlank()) {
      return List.of();
    }
    String text = aiText.toLowerCase(Locale.ROOT);
    engine.clean(Speaker.USER, text, CleaningLevel.FULL, context);
    List<Instance> out = new ArrayList<>();
    for (EvidenceStage.Considered c : seen) {
      if (!c.evidence().source().equals(EvidenceStage.LISTED_NAME)) {
        continue;
      }
      String what =
          c.evidence().heard() + "->" + c.evidence().candidate() + " in clean text: " + text;
      out.add(new Instance(file, c.evidence().features(), false, what));
    }
    seen.clear();
    return out;
  }

  /**
   * The evidence a name nobody said is weighed by, with the way each speaks: the closer it sounds,
   * the likelier the sentence reads with it, the rarer the heard words and the more surprising
   * where they stand, the more for the name; a place near one the call named is more likely. (The
   * cue is its precondition, the call never said it, and whether the model knows a name says
   * nothing of whether it was meant: few examples, few weights, their signs fixed.)
   */
  private static final java.util.Map<String, Integer> NAME_EVIDENCE =
      java.util.Map.of(
          "lm_gain",
          1,
          "phonetic_distance",
          -1,
          "prior_heard",
          -1,
          "heard_surprise",
          1,
          "near_place",
          1);

  /**
   * Fits on the instances whose file is not {@code leftOut} (null: all), features not masked: one
   * scorer for every source but the listed names, and one of their own for those ({@link
   * EvidenceScorer#listed}).
   */
  static EvidenceScorer fit(List<Instance> all, String leftOut, boolean[] masked) {
    List<Instance> words = new ArrayList<>();
    List<Instance> names = new ArrayList<>();
    int listed = List.of(WordEvidence.FEATURES).indexOf("listed_name");
    for (Instance i : all) {
      if (!i.file().equals(leftOut)) {
        (i.x()[listed] > 0 ? names : words).add(i);
      }
    }
    int d = WordEvidence.FEATURES.length;
    EvidenceScorer own = fitOne(words, masked, new int[d]);
    boolean[] nameMask = masked.clone();
    int[] signs = new int[d];
    for (int k = 0; k < d; k++) {
      nameMask[k] |= !NAME_EVIDENCE.containsKey(WordEvidence.FEATURES[k]);
      signs[k] = NAME_EVIDENCE.getOrDefault(WordEvidence.FEATURES[k], 0);
    }
    // The listed names' positive examples are few, and a stage before this one may take them all
    // (HeardPlaces makes the places that were its only ones, session 20): with none left, keep the
    // shipped decision rather than fit "never", which would switch off every name nobody said.
    EvidenceScorer forNames =
        names.stream().anyMatch(Instance::good)
            ? fitOne(names, nameMask, signs)
            : EvidenceScorer.fitted().listed;
    return new EvidenceScorer(own.bias, own.weights, own.threshold, forNames);
  }

  /**
   * A class-weighted logistic regression on {@code train}; {@code signs[k]} of +1 or -1 holds the
   * weight of feature k to that sign (0: free), so that a handful of examples fits how strongly
   * each kind of evidence speaks, never which way.
   */
  private static EvidenceScorer fitOne(List<Instance> train, boolean[] masked, int[] signs) {
    if (train.stream().noneMatch(Instance::good)) {
      return EvidenceScorer.NEVER; // nothing to learn from: never change
    }
    int d = WordEvidence.FEATURES.length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (Instance i : train) {
      for (int k = 0; k < d; k++) {
        mean[k] += i.x()[k] / train.size();
      }
    }
    for (Instance i : train) {
      for (int k = 0; k < d; k++) {
        sd[k] += Math.pow(i.x()[k] - mean[k], 2) / train.size();
      }
    }
    masked = masked.clone();
    for (int k = 0; k < d; k++) {
      sd[k] = Math.sqrt(sd[k]) + 1e-9;
      masked[k] |= sd[k] < 1e-6; // a feature that never varies here tells nothing
    }
    int positives = (int) train.stream().filter(Instance::good).count();
    // class-weighted; a set with no wrong change left (the gates turned every one away) unweighted
    double posWeight =
        positives == train.size() ? 1.0 : (double) (train.size() - positives) / positives;
    double[] w = new double[d];
    double b = 0;
    for (int iter = 0; iter < 400; iter++) {
      double[] gw = new double[d];
      double gb = 0;
      double norm = 0;
      for (Instance i : train) {
        double z = b;
        for (int k = 0; k < d; k++) {
          z += masked[k] ? 0 : w[k] * (i.x()[k] - mean[k]) / sd[k];
        }
        double p = 1 / (1 + Math.exp(-z));
        double weight = i.good() ? posWeight : 1.0;
        double err = (p - (i.good() ? 1 : 0)) * weight;
        norm += weight;
        gb += err;
        for (int k = 0; k < d; k++) {
          gw[k] += masked[k] ? 0 : err * (i.x()[k] - mean[k]) / sd[k];
        }
      }
      b -= 0.5 * gb / norm;
      for (int k = 0; k < d; k++) {
        w[k] -= 0.5 * (gw[k] / norm + 0.01 * w[k]);
        w[k] = signs[k] * w[k] < 0 ? 0 : w[k];
      }
    }
    // back to raw feature units
    double[] raw = new double[d];
    double bias = b;
    for (int k = 0; k < d; k++) {
      raw[k] = masked[k] ? 0 : w[k] / sd[k];
      bias -= raw[k] * mean[k];
    }
    EvidenceScorer unthresholded = new EvidenceScorer(bias, raw, 0);
    return new EvidenceScorer(bias, raw, threshold(train, unthresholded));
  }

  private static double threshold(List<Instance> train, EvidenceScorer s) {
    List<double[]> scored = new ArrayList<>();
    for (Instance i : train) {
      scored.add(new double[] {s.own(evidence(i.x())), i.good() ? 1 : 0});
    }
    scored.sort((p, q) -> Double.compare(q[0], p[0]));
    double best = 0;
    double bestT = scored.isEmpty() ? 0 : scored.get(0)[0] + 1;
    double value = 0;
    for (int k = 0; k < scored.size(); k++) {
      value += scored.get(k)[1] > 0 ? 1 : -WRONG_COST;
      boolean cut = k + 1 == scored.size() || scored.get(k + 1)[0] < scored.get(k)[0];
      if (cut && value > best) {
        best = value;
        bestT =
            k + 1 < scored.size()
                ? (scored.get(k)[0] + scored.get(k + 1)[0]) / 2
                : scored.get(k)[0] - 1;
      }
    }
    return bestT;
  }

  static WordEvidence evidence(double[] x) {
    return new WordEvidence(
        "", "", "", x[1], x[0], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10]);
  }

  static void write(EvidenceScorer s, Path file, String comment) throws IOException {
    Files.writeString(
        file,
        "# Evidence weights and threshold, fitted by scripts/eval --fit (EvidenceFit) on the gold\n"
            + "# dev files: do not edit by hand. "
            + comment
            + "\n"
            + s.toText());
  }

  static String describe(EvidenceScorer s) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < s.weights.length; k++) {
      sb.append(String.format(Locale.ROOT, "%s=%.3f ", WordEvidence.FEATURES[k], s.weights[k]));
    }
    sb.append(String.format(Locale.ROOT, "bias=%.3f t=%.3f", s.bias, s.threshold));
    if (s.listed != null) {
      sb.append(" | listed names: ").append(describe(s.listed));
    }
    return sb.toString();
  }
}
