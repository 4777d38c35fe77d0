package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recogniser's confidences reach the word stages aligned to the text as they see it, after
 * earlier stages removed words.
 */
class StageInputTest {
  private static RecognizedWord w(String word, Double confidence) {
    return new RecognizedWord(word, confidence, null, null);
  }

  @Test
  void aTurnWithoutWordsHasNoConfidences() {
    assertThat(new StageInput(null, null).confidences("we use sales force")).isNull();
  }

  @Test
  void tokensFindTheirWordsPastRemovedFillersAndStutters() {
    List<RecognizedWord> heard =
        List.of(
            w("Um,", 0.4),
            w("we", 0.99),
            w("we", 0.98),
            w("use", 0.9),
            w("sails", 0.31),
            w("force.", null));
    double[] confidences = new StageInput(null, null, heard).confidences("We use sails force.");
    assertThat(confidences[0]).isEqualTo(0.99);
    assertThat(confidences[1]).isEqualTo(0.9);
    assertThat(confidences[2]).isEqualTo(0.31);
    assertThat(confidences[3]).isNaN(); // the recogniser gave no confidence for it
  }

  @Test
  void aTokenTheRecogniserNeverSaidHasNone() {
    double[] confidences =
        new StageInput(null, null, List.of(w("hello", 0.5))).confidences("Hello, HubSpot");
    assertThat(confidences[0]).isEqualTo(0.5);
    assertThat(confidences[1]).isNaN();
  }

  @Test
  void doubtIsOneMinusConfidenceAndNothingWithoutOne() {
    double[] confidences = {0.25, Double.NaN};
    assertThat(StageInput.doubt(confidences, 0)).isEqualTo(0.75);
    assertThat(StageInput.doubt(confidences, 1)).isZero();
    assertThat(StageInput.doubt(confidences, 2)).isZero();
    assertThat(StageInput.doubt(null, 0)).isZero();
  }
}
