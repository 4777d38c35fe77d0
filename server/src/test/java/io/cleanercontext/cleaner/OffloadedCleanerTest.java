package io.cleanercontext.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.ConversationContext;
import io.cleanercontext.cleaner.engine.Lexicon;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.Speaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shard cleans a turn that computes something on its worker thread, and one that is only tidied
 * (an AI turn, a user turn at NONE) in place, with the same result either way.
 */
class OffloadedCleanerTest {
  private static final CleaningEngine ENGINE = new CleaningEngine(Lexicon.empty());
  private static Vertx vertx;
  private static WorkerExecutor executor;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    executor = vertx.createSharedWorkerExecutor("cc-shard-test", 1);
  }

  @AfterAll
  static void stop() throws Exception {
    executor.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The engine, recording the thread each turn was cleaned on. */
  private static final class Recording implements TurnCleaner {
    final TurnCleaner engine = TurnCleaner.of(ENGINE);
    volatile String thread;

    @Override
    public Future<CleaningResult> clean(
        Speaker speaker,
        String rawText,
        CleaningLevel level,
        ConversationContext context,
        List<RecognizedWord> words) {
      thread = Thread.currentThread().getName();
      return engine.clean(speaker, rawText, level, context, words);
    }

    @Override
    public boolean computes(Speaker speaker, CleaningLevel level) {
      return engine.computes(speaker, level);
    }
  }

  private static String cleanedOn(Recording recording, Speaker speaker, CleaningLevel level)
      throws Exception {
    TurnCleaner offloaded = CleanerVerticle.offloaded(recording, executor);
    CleaningResult result =
        offloaded
            .clean(speaker, "um I I want the the quote", level, new ConversationContext())
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    CleaningResult direct =
        ENGINE.clean(speaker, "um I I want the the quote", level, new ConversationContext());
    assertThat(result.cleanedText()).isEqualTo(direct.cleanedText());
    return recording.thread;
  }

  @Test
  void aUserTurnToCleanIsCleanedOnTheShardsWorkerThread() throws Exception {
    assertThat(cleanedOn(new Recording(), Speaker.USER, CleaningLevel.FULL))
        .startsWith("cc-shard-test");
    assertThat(cleanedOn(new Recording(), Speaker.USER, CleaningLevel.LIGHT))
        .startsWith("cc-shard-test");
  }

  @Test
  void aTurnThatIsOnlyTidiedIsCleanedInPlace() throws Exception {
    String here = Thread.currentThread().getName();
    assertThat(cleanedOn(new Recording(), Speaker.AI, CleaningLevel.FULL)).isEqualTo(here);
    assertThat(cleanedOn(new Recording(), Speaker.USER, CleaningLevel.NONE)).isEqualTo(here);
  }

  @Test
  void theEngineSaysWhichTurnsCompute() {
    assertThat(ENGINE.computes(Speaker.USER, CleaningLevel.AUTO)).isTrue();
    assertThat(ENGINE.computes(Speaker.USER, null)).as("the conversation's level: AUTO").isTrue();
    assertThat(ENGINE.computes(Speaker.USER, CleaningLevel.NONE)).isFalse();
    assertThat(ENGINE.computes(Speaker.AI, CleaningLevel.FULL)).isFalse();
  }
}
