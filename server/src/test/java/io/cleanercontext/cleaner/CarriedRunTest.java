package io.cleanercontext.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.contract.TurnToClean;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When jobs of a conversation are handled together, their carried turns replace the read of the
 * pending rows only if they are exactly the turns after the last one stored, each once.
 */
class CarriedRunTest {
  private static TurnJob job(long seq) {
    TurnToClean turn =
        new TurnToClean(
            "turn-" + seq, seq, Speaker.USER, "text " + seq, "full", 10, 0, 1_000L + seq);
    return new TurnJob("job-" + seq, "c", seq, 0, Speaker.USER, 0, turn);
  }

  /** A recovery job: nothing carried. */
  private static TurnJob bare(long seq) {
    return new TurnJob("job-" + seq, "c", seq, 0, Speaker.USER, 0);
  }

  private static List<Long> seqs(List<TurnToClean> run) {
    return run.stream().map(p -> p.seq()).toList();
  }

  @Test
  void theTurnsAfterTheLastStoredOneAreCleanedFromTheJobsInSeqOrder() {
    assertThat(seqs(ConversationOwner.carriedRun(4L, List.of(job(7), job(5), job(6)))))
        .containsExactly(5L, 6L, 7L);
    assertThat(seqs(ConversationOwner.carriedRun(0L, List.of(job(1))))).containsExactly(1L);
  }

  @Test
  void aJobWhoseTurnAnEarlierReadStoredNeedsNoRead() {
    assertThat(ConversationOwner.alreadyStored(7L, job(6))).as("cleaned ahead of its job").isTrue();
    assertThat(ConversationOwner.alreadyStored(7L, job(7))).isTrue();
    assertThat(ConversationOwner.alreadyStored(7L, job(8))).as("the next turn").isFalse();
    assertThat(ConversationOwner.alreadyStored(null, job(1)))
        .as("nothing known stored yet")
        .isFalse();
    assertThat(ConversationOwner.alreadyStored(7L, bare(6)))
        .as("a recovery job reads whatever the shard believes")
        .isFalse();
  }

  @Test
  void anythingElseReadsThePendingRows() {
    assertThat(ConversationOwner.carriedRun(null, List.of(job(1))))
        .as("nothing known stored yet")
        .isNull();
    assertThat(ConversationOwner.carriedRun(4L, List.of(job(5), job(7)))).as("a gap").isNull();
    assertThat(ConversationOwner.carriedRun(4L, List.of(job(6))))
        .as("the next turn is not carried")
        .isNull();
    assertThat(ConversationOwner.carriedRun(4L, List.of(job(5), job(5))))
        .as("a duplicate")
        .isNull();
    assertThat(ConversationOwner.carriedRun(6L, List.of(job(5), job(6), job(7))))
        .as("some already stored")
        .isNull();
    assertThat(ConversationOwner.carriedRun(7L, List.of(bare(8))))
        .as("a job without its turn")
        .isNull();
  }
}
