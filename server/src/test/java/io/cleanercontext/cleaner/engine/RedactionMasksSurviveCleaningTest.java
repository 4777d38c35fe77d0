package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.privacy.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A turn redacted before cleaning carries masks ({@code [CARD]}); no stage may eat or change them
 * (the noise-tag stage removes bracketed non-speech events, the casing and confusion stages touch
 * words), or the final pass could no longer record them.
 */
class RedactionMasksSurviveCleaningTest {
  private final CleaningEngine engine = new CleaningEngine(Lexicon.of(List.of("CRM")));

  @Test
  void everyMaskSurvivesEveryLevelAmongFillersStuttersAndNoiseTags() {
    for (PiiType type : PiiType.values()) {
      String mask = type.mask();
      for (String raw :
          List.of(
              "um so my my number is " + mask + " [noise] okay",
              mask + ", uh, that's it",
              "it's " + mask + " and " + mask + " yeah",
              "yeah the the " + mask)) {
        for (CleaningLevel level : List.of(CleaningLevel.LIGHT, CleaningLevel.FULL)) {
          String cleaned =
              engine.clean(Speaker.USER, raw, level, new ConversationContext(10)).cleanedText();
          long expected = raw.split(java.util.regex.Pattern.quote(mask), -1).length - 1;
          long found = cleaned.split(java.util.regex.Pattern.quote(mask), -1).length - 1;
          assertThat(found).as(level + ": " + raw + " -> " + cleaned).isEqualTo(expected);
        }
      }
    }
  }
}
