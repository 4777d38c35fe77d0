package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleanercontext.contract.CleaningLevel;
import java.io.File;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cleaning quality on the gold development set, measured like tools/score_cleaning.py. */
class GoldReplayTest {

  private static final Logger LOG = LoggerFactory.getLogger(GoldReplayTest.class);

  @Test
  void fullCleaningNeverMakesATurnWorseNorTouchesCleanOnes() throws Exception {
    CleaningEngine engine = new CleaningEngine(GoldReplay.lexicon());

    GoldReplay.Summary s = GoldReplay.replay(GoldReplay.goldDir(), engine, CleaningLevel.FULL);

    String dump = System.getProperty("cc.gold.dump");
    if (dump != null) { // cleaned texts in replay order, to cross-check against score_cleaning.py
      new ObjectMapper().writeValue(new File(dump), s.outputs());
    }
    s.details().forEach(d -> LOG.info("{}", d));
    s.overCorrections().forEach(o -> LOG.info("over-corrected: {}", o));
    LOG.info(
        "user turns: {} (clean controls: {}), WER raw {} -> cleaned {} (unambiguous {} -> {})",
        s.userTurns(),
        s.controls(),
        s.werRaw(),
        s.werClean(),
        s.werRawUnambiguous(),
        s.werCleanUnambiguous());
    LOG.info("{}", s.line());
    assertThat(s.files()).as("gold files replayed").hasSizeGreaterThanOrEqualTo(22);
    assertThat(s.overCorrected()).as("over-corrected turns").isZero();
    assertThat(s.turnsMadeWorse()).as("turns made worse").isZero();
    assertThat(s.werr()).as("WERR on unambiguous turns").isGreaterThanOrEqualTo(0.905);
  }
}
