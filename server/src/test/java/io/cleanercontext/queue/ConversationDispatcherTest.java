package io.cleanercontext.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One job per conversation at a time; the jobs that waited meanwhile are handled together. */
class ConversationDispatcherTest {
  private final List<List<String>> handled = new ArrayList<>();
  private final List<Promise<Void>> running = new ArrayList<>();
  private int afterEach;

  private final ConversationDispatcher dispatcher =
      new ConversationDispatcher(this::handle, () -> afterEach++);

  private Future<Void> handle(List<Delivery> jobs) {
    handled.add(jobs.stream().map(Delivery::id).toList());
    Promise<Void> done = Promise.promise();
    running.add(done);
    return done.future();
  }

  private static Delivery job(String id, String conversation, long seq) {
    return new Delivery(id, new TurnJob("job-" + id, conversation, seq, 0, "user", 0L), 1);
  }

  @Test
  void aConversationsJobsWaitForTheRunningOneAndAreThenHandledTogether() {
    dispatcher.dispatch(job("a1", "a", 1));
    dispatcher.dispatch(job("a2", "a", 2));
    dispatcher.dispatch(job("a3", "a", 3));
    assertThat(handled).containsExactly(List.of("a1"));
    assertThat(dispatcher.inFlight()).isEqualTo(3);
    assertThat(dispatcher.holds("a3")).isTrue();

    running.get(0).complete();
    assertThat(handled).containsExactly(List.of("a1"), List.of("a2", "a3"));
    assertThat(dispatcher.processed()).isEqualTo(1);
    assertThat(afterEach).isEqualTo(1);

    running.get(1).complete();
    assertThat(dispatcher.inFlight()).isZero();
    assertThat(dispatcher.processed()).isEqualTo(3);
    assertThat(dispatcher.holds("a3")).isFalse();
    assertThat(handled).hasSize(2);
  }

  @Test
  void differentConversationsRunConcurrently() {
    dispatcher.dispatch(job("a1", "a", 1));
    dispatcher.dispatch(job("b1", "b", 1));
    assertThat(handled).containsExactly(List.of("a1"), List.of("b1"));
  }

  @Test
  void aFailedGroupStillFreesItsConversationForTheNextJob() {
    dispatcher.dispatch(job("a1", "a", 1));
    dispatcher.dispatch(job("a2", "a", 2));
    running.get(0).fail("lost");
    assertThat(handled).containsExactly(List.of("a1"), List.of("a2"));
    running.get(1).complete();
    dispatcher.dispatch(job("a3", "a", 3));
    assertThat(handled).last().isEqualTo(List.of("a3"));
  }
}
