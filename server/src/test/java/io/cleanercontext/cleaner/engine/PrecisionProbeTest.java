package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The precision probe ({@code data/precision-probe}): 11,519 correct English sentences from
 * LanguageTool's rule examples, each run through the engine as a call's first user turn. Every
 * sentence whose words change is an over-correction (a few probe sentences carry a real error, see
 * its README), so the count may only go down.
 */
class PrecisionProbeTest {

  private static final Logger LOG = LoggerFactory.getLogger(PrecisionProbeTest.class);

  private static final Path PROBE =
      Path.of("src/test/resources/data/precision-probe/languagetool-correct.txt");

  /**
   * Sentences changed (2026-12-07: 275 when the probe was made, 226 after that session's fixes, 216
   * after the function words' grammar guards; MAX_CHANGED once the sentences with an error of their
   * own were listed in {@code errors-in-probe.txt}, see docs/CLEANING.md). A ratchet: when a change
   * lowers the count ({@code scripts/eval --clean-text --sentences
   * server/src/test/resources/data/precision-probe/languagetool-correct.txt} prints it last), lower
   * this number to it in the same commit; never raise it.
   */
  private static final int MAX_CHANGED = 208;

  @Test
  void changesNoMoreCorrectSentencesThanTheRatchet() throws Exception {
    PrecisionProbe.Result r =
        PrecisionProbe.run(
            new CleaningEngine(GoldReplay.lexicon()),
            PrecisionProbe.sentences(PROBE),
            PrecisionProbe.errors(PROBE));
    r.changes().forEach(c -> LOG.info("changed: {}", c));
    LOG.info("{}", r.line());
    assertThat(r.sentences()).as("probe sentences").isEqualTo(11_519);
    assertThat(r.fixed())
        .as("listed errors of the probe's own, fixed as listed")
        .isEqualTo(PrecisionProbe.errors(PROBE).size());
    assertThat(r.changed()).as("correct sentences changed").isLessThanOrEqualTo(MAX_CHANGED);
  }
}
