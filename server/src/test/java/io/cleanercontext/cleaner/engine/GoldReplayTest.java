package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cleaning quality on the gold development set, measured like tools/score_cleaning.py. */
class GoldReplayTest {

  private static final Logger LOG = LoggerFactory.getLogger(GoldReplayTest.class);

  @Test
  void fullCleaningNeverMakesATurnWorseNorTouchesCleanOnes() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(GoldReplay.goldDir()), "gold set not present: " + GoldReplay.goldDir());
    CleaningEngine engine = new CleaningEngine(GoldReplay.lexicon());

    GoldReplay.Summary s = GoldReplay.replay(GoldReplay.goldDir(), engine, CleaningLevel.FULL);

    String dump = System.getProperty("cc.gold.dump");
    if (dump != null) { // cleaned texts in replay order, to cross-check against score_cleaning.py
      new com.fasterxml.jackson.databind.ObjectMapper().writeValue(new java.io.File(dump), s.outputs());
    }
    s.details().forEach(d -> LOG.info("{}", d));
    LOG.info("user turns: {} (clean controls: {}), WER raw {} -> cleaned {} (unambiguous {} -> {})",
        s.userTurns(), s.controls(), s.werRaw(), s.werClean(), s.werRawUnambiguous(), s.werCleanUnambiguous());
    LOG.info("{}", s.line());
    assertThat(s.overCorrected()).as("over-corrected turns").isZero();
    assertThat(s.turnsMadeWorse()).as("turns made worse").isZero();
    assertThat(s.werr()).as("WERR on unambiguous turns").isGreaterThan(0.5);
  }
}
