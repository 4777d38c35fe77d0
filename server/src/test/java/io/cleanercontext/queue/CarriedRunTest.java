package io.cleanercontext.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleanRequest.TurnToClean;
import io.cleanercontext.contract.PendingTurn;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When jobs of a conversation are handled together, their carried turns replace the read of the
 * pending rows only if they are exactly the turns after the last one stored, each once.
 */
class CarriedRunTest {
  private static Delivery job(long seq) {
    TurnToClean turn = new TurnToClean("turn-" + seq, seq, "user", "text " + seq, "full", 10, 0);
    return new Delivery(
        "d" + seq,
        new TurnJob(
            "job-" + seq, "c", seq, 0, "user", 0L, new PendingTurn(turn, null, 1_000L + seq)),
        1);
  }

  private static List<Long> seqs(List<PendingTurn> run) {
    return run.stream().map(p -> p.turn().seq()).toList();
  }

  @Test
  void theTurnsAfterTheLastStoredOneAreCleanedFromTheJobsInSeqOrder() {
    assertThat(seqs(StoredTurns.carriedRun(4L, List.of(job(7), job(5), job(6)))))
        .containsExactly(5L, 6L, 7L);
    assertThat(seqs(StoredTurns.carriedRun(0L, List.of(job(1))))).containsExactly(1L);
  }

  @Test
  void anythingElseReadsThePendingRows() {
    assertThat(StoredTurns.carriedRun(null, List.of(job(1))))
        .as("nothing known stored yet")
        .isNull();
    assertThat(StoredTurns.carriedRun(4L, List.of(job(5), job(7)))).as("a gap").isNull();
    assertThat(StoredTurns.carriedRun(4L, List.of(job(6))))
        .as("the next turn is not carried")
        .isNull();
    assertThat(StoredTurns.carriedRun(4L, List.of(job(5), job(5)))).as("a duplicate").isNull();
    assertThat(StoredTurns.carriedRun(6L, List.of(job(5), job(6), job(7))))
        .as("some already stored")
        .isNull();
    Delivery bare = new Delivery("d8", new TurnJob("job-8", "c", 8, 0, "user", 0L), 1);
    assertThat(StoredTurns.carriedRun(7L, List.of(bare))).as("a job without its turn").isNull();
  }
}
