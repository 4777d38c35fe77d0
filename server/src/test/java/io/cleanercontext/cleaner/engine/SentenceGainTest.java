package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The language model's verdict on a changed sentence, and its shortcut for one word. */
class SentenceGainTest {

  private final LanguageModel lm = LanguageModel.get();
  private final SentenceGain gains = new SentenceGain(lm);

  private int[] ids(String sentence) {
    String[] words = sentence.split(" ");
    int[] out = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      out[i] = lm.id(words[i]);
    }
    return out;
  }

  @Test
  void aLikelierWordGainsAndTheOneWordShortcutAgreesWithTheWholeSentence() {
    SentenceGain.Sentence heard = gains.sentence(ids("people have to weight twenty minutes"));
    double asHeard = gains.asHeard(heard, 3, 1);
    assertThat(gains.gain(heard, 3, lm.id("wait"), asHeard)).isPositive();
    List<String> sentences =
        List.of(
            "people have to weight twenty minutes",
            "no brake till six",
            "we use car and dean in stock",
            "hiring a temp",
            "xqzv",
            "the zzqv of the");
    List<String> replacements = List.of("wait", "break", "the", "karndean", "to", "of", "temp");
    for (String s : sentences) {
      SentenceGain.Sentence sentence = gains.sentence(ids(s));
      for (int at = 0; at < sentence.ids.length; at++) {
        double before = gains.asHeard(sentence, at, 1);
        for (String r : replacements) {
          int id = lm.id(r);
          if (id < 0) {
            continue;
          }
          assertThat(gains.gain(sentence, at, id, before))
              .as("%s: %s at %d", s, r, at)
              .isEqualTo(gains.gain(sentence, at, 1, new int[] {id}, before));
        }
      }
    }
  }

  @Test
  void aGainAboveItsLeastIsTheGainItselfAndAnyOtherStaysAtOrBelowIt() {
    List<String> sentences =
        List.of(
            "people have to weight twenty minutes",
            "no brake till six",
            "we use car and dean in stock",
            "hiring a temp",
            "the zzqv of the");
    List<String> replacements = List.of("wait", "break", "the", "karndean", "to", "of", "temp");
    for (String s : sentences) {
      SentenceGain.Sentence sentence = gains.sentence(ids(s));
      for (int at = 0; at < sentence.ids.length; at++) {
        double before = gains.asHeard(sentence, at, 1);
        for (String r : replacements) {
          int id = lm.id(r);
          if (id < 0) {
            continue;
          }
          double gain = gains.gain(sentence, at, id, before);
          for (double least : new double[] {Double.NEGATIVE_INFINITY, -3.0, -1.0, 0.0, 2.0}) {
            double above = gains.gainAbove(sentence, at, id, before, least);
            if (gain > least) {
              assertThat(above).as("%s: %s at %d above %s", s, r, at, least).isEqualTo(gain);
            } else {
              assertThat(above)
                  .as("%s: %s at %d above %s", s, r, at, least)
                  .isLessThanOrEqualTo(least);
            }
          }
        }
      }
    }
  }

  @Test
  void aSentencesHeardScoresAreTheSameAskedOnceOrAgain() {
    SentenceGain.Sentence once = gains.sentence(ids("we use car and dean in stock"));
    double surprise = gains.surprise(once, 2, 3);
    double asHeard = gains.asHeard(once, 2, 3);
    assertThat(surprise).isGreaterThan(2.0); // a misheard name reads far above plain English
    SentenceGain.Sentence again = gains.sentence(ids("we use car and dean in stock"));
    for (int at = 0; at < again.ids.length; at++) {
      gains.asHeard(again, at, 1);
    }
    assertThat(gains.surprise(again, 2, 3)).isEqualTo(surprise);
    assertThat(gains.asHeard(again, 2, 3)).isEqualTo(asHeard);
  }
}
