package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The weight file: one decision for the words, one of their own for names nobody said. */
class EvidenceScorerTest {

  private static WordEvidence listed(double distance) {
    return new WordEvidence(
        "barns lee", "Barnsley", "listed_name", distance, 1, -4, -8, 0, 0, 1, 4, 1, 1, 1);
  }

  @Test
  void aListedNameIsDecidedByItsOwnWeights() {
    double[] none = new double[WordEvidence.FEATURES.length];
    double[] names = new double[WordEvidence.FEATURES.length];
    names[List.of(WordEvidence.FEATURES).indexOf("phonetic_distance")] = -2;
    EvidenceScorer s = new EvidenceScorer(10, none, 0, new EvidenceScorer(3, names, 0));
    assertThat(s.accepts(listed(1.0))).isTrue(); // 3 - 2
    assertThat(s.accepts(listed(2.0))).isFalse(); // 3 - 4
    EvidenceScorer read = EvidenceScorer.parse(List.of(s.toText().split("\n")));
    assertThat(read.accepts(listed(1.0))).isTrue();
    assertThat(read.accepts(listed(2.0))).isFalse();
    assertThat(read.listed.threshold).isZero();
  }

  @Test
  void aWeightFileWithoutTheirWeightsNeverChangesAListedName() {
    double[] none = new double[WordEvidence.FEATURES.length];
    EvidenceScorer s = EvidenceScorer.parse(List.of(new EvidenceScorer(10, none, 0).toText()));
    assertThat(s.accepts(listed(0.0))).isFalse();
  }

  @Test
  void aRefitWithNoListedNameLeftToLearnFromKeepsTheShippedDecision() {
    int d = WordEvidence.FEATURES.length;
    double[] listedName = new double[d];
    listedName[List.of(WordEvidence.FEATURES).indexOf("listed_name")] = 1;
    double[] word = new double[d];
    word[List.of(WordEvidence.FEATURES).indexOf("lm_gain")] = 2;
    List<EvidenceFit.Instance> instances =
        List.of(
            new EvidenceFit.Instance("a", word, true, "a right word"),
            new EvidenceFit.Instance("a", new double[d], false, "a wrong word"),
            new EvidenceFit.Instance("b", listedName, false, "a wrong listed name"));
    EvidenceScorer refit = EvidenceFit.fit(instances, null, new boolean[d]);
    assertThat(refit.listed).isSameAs(EvidenceScorer.fitted().listed);
    assertThat(refit.accepts(listed(0.0))).isEqualTo(EvidenceScorer.fitted().accepts(listed(0.0)));
  }
}
