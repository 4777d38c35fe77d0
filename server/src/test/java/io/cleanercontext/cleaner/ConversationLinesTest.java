package io.cleanercontext.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.ShardOutcome;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shard's one sequencer: a conversation's jobs wait for its running group and are then handled
 * together, covered jobs answered DONE; conversations do not wait for each other.
 */
class ConversationLinesTest {
  private final List<List<String>> handled = new ArrayList<>();
  private final List<Promise<ShardOutcome>> running = new ArrayList<>();

  private final ConversationLines lines = new ConversationLines(this::handle);

  private Future<ShardOutcome> handle(List<TurnJob> jobs) {
    handled.add(jobs.stream().map(j -> j.conversationId() + j.seq()).toList());
    Promise<ShardOutcome> done = Promise.promise();
    running.add(done);
    return done.future();
  }

  private static TurnJob job(String conversation, long seq) {
    return new TurnJob("job-" + seq, conversation, seq, 0, Speaker.USER, 0);
  }

  @Test
  void aConversationsJobsWaitForTheRunningOneAndAreThenHandledTogether() {
    Future<ShardOutcome> a1 = lines.submit(job("a", 1));
    Future<ShardOutcome> a2 = lines.submit(job("a", 2));
    Future<ShardOutcome> a3 = lines.submit(job("a", 3));
    assertThat(handled).containsExactly(List.of("a1"));

    running.get(0).complete(ShardOutcome.DONE);
    assertThat(a1.result()).isEqualTo(ShardOutcome.DONE);
    assertThat(handled)
        .as("the covering job first")
        .containsExactly(List.of("a1"), List.of("a3", "a2"));
    assertThat(a2.isComplete()).isFalse();

    ShardOutcome retry = ShardOutcome.retry("t3", 1, "boom");
    running.get(1).complete(retry);
    assertThat(a3.result()).as("the covering job gets the outcome").isEqualTo(retry);
    assertThat(a2.result()).as("a covered job is done").isEqualTo(ShardOutcome.DONE);
    assertThat(handled).hasSize(2);
  }

  @Test
  void differentConversationsRunConcurrently() {
    lines.submit(job("a", 1));
    lines.submit(job("b", 1));
    assertThat(handled).containsExactly(List.of("a1"), List.of("b1"));
  }

  @Test
  void aFailedGroupStillFreesItsConversationForTheNextJob() {
    Future<ShardOutcome> a1 = lines.submit(job("a", 1));
    lines.submit(job("a", 2));
    running.get(0).fail("lost");
    assertThat(a1.failed()).isTrue();
    assertThat(handled).containsExactly(List.of("a1"), List.of("a2"));
    running.get(1).complete(ShardOutcome.DONE);
    lines.submit(job("a", 3));
    assertThat(handled).last().isEqualTo(List.of("a3"));
  }
}
