package io.cleanercontext.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CoalescerTest {

  /** A batch function that records what it was sent and answers each request with its square. */
  private static final class Recorder {
    final List<List<Integer>> batches = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    final List<Promise<Void>> gates = new ArrayList<>();
    boolean hold;

    Future<List<Integer>> send(List<Integer> input) {
      batches.add(List.copyOf(input));
      if (input.contains(-1)) {
        return Future.failedFuture("bad request -1");
      }
      List<Integer> out = input.stream().map(i -> i * i).toList();
      if (!hold) {
        return Future.succeededFuture(out);
      }
      Promise<Void> gate = Promise.promise();
      gates.add(gate);
      return gate.future().map(out);
    }
  }

  @Test
  void requestsOfOneBurstLeaveTogetherAndEachGetsItsOwnResult(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    Recorder recorder = new Recorder();
    context.runOnContext(
        v -> {
          Coalescer<Integer, Integer> coalescer =
              new Coalescer<>(
                  "test",
                  context,
                  100,
                  1,
                  5_000,
                  (size, waited, roundTrip) -> recorder.sizes.add(size),
                  recorder::send);
          List<Future<Integer>> results = new ArrayList<>();
          for (int i = 1; i <= 5; i++) {
            results.add(coalescer.submit(i));
          }
          Future.all(results)
              .onComplete(
                  test.succeeding(
                      all ->
                          test.verify(
                              () -> {
                                assertThat(recorder.batches)
                                    .containsExactly(List.of(1, 2, 3, 4, 5));
                                assertThat(results.stream().map(Future::result).toList())
                                    .containsExactly(1, 4, 9, 16, 25);
                                assertThat(recorder.sizes).containsExactly(5);
                                test.completeNow();
                              })));
        });
  }

  @Test
  void whileBatchesAreOutRequestsGatherForTheNextOneUpToTheMaximumSize(
      Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    Recorder recorder = new Recorder();
    recorder.hold = true;
    List<Future<Integer>> results = new ArrayList<>();
    context.runOnContext(
        v -> {
          Coalescer<Integer, Integer> coalescer =
              new Coalescer<>(
                  "test",
                  context,
                  3,
                  1,
                  5_000,
                  (size, waited, roundTrip) -> recorder.sizes.add(size),
                  recorder::send);
          results.add(coalescer.submit(1));
          context.runOnContext(
              v2 -> {
                // The first batch is out (and held): the next seven requests wait behind it.
                for (int i = 2; i <= 8; i++) {
                  results.add(coalescer.submit(i));
                }
                context.runOnContext(
                    v3 -> {
                      test.verify(() -> assertThat(recorder.batches).containsExactly(List.of(1)));
                      Future.all(results)
                          .onComplete(
                              test.succeeding(
                                  all ->
                                      test.verify(
                                          () -> {
                                            assertThat(recorder.batches)
                                                .containsExactly(
                                                    List.of(1),
                                                    List.of(2, 3, 4),
                                                    List.of(5, 6, 7),
                                                    List.of(8));
                                            assertThat(recorder.sizes).containsExactly(1, 3, 3, 1);
                                            assertThat(
                                                    results.stream().map(Future::result).toList())
                                                .containsExactly(1, 4, 9, 16, 25, 36, 49, 64);
                                            test.completeNow();
                                          })));
                      releaseOneAtATime(recorder, results, context, 0);
                    });
              });
        });
  }

  @Test
  void aLingeringCoalescerGathersRequestsSpreadOverItsLingerIntoOneBatch(
      Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    Recorder recorder = new Recorder();
    List<Long> waits = new ArrayList<>();
    List<Future<Integer>> results = new ArrayList<>();
    context.runOnContext(
        v -> {
          Coalescer<Integer, Integer> coalescer =
              new Coalescer<Integer, Integer>(
                      "test",
                      context,
                      4,
                      1,
                      5_000,
                      (size, waited, roundTrip) -> {
                        recorder.sizes.add(size);
                        waits.add(waited);
                      },
                      recorder::send)
                  .lingering(200);
          // Three requests 20 ms apart, each alone on the event loop: without the linger each
          // would leave in a batch of its own.
          results.add(coalescer.submit(1));
          vertx.setTimer(20, t1 -> results.add(coalescer.submit(2)));
          vertx.setTimer(
              40,
              t2 -> {
                results.add(coalescer.submit(3));
                test.verify(() -> assertThat(recorder.batches).as("still lingering").isEmpty());
              });
          // Five at once later: four fill a batch, which leaves without waiting; the fifth lingers.
          vertx.setTimer(
              400,
              t3 -> {
                for (int i = 4; i <= 8; i++) {
                  results.add(coalescer.submit(i));
                }
                test.verify(
                    () ->
                        assertThat(recorder.batches)
                            .containsExactly(List.of(1, 2, 3), List.of(4, 5, 6, 7)));
              });
          vertx.setTimer(
              800,
              t4 ->
                  Future.all(results)
                      .onComplete(
                          test.succeeding(
                              all ->
                                  test.verify(
                                      () -> {
                                        assertThat(recorder.batches)
                                            .containsExactly(
                                                List.of(1, 2, 3), List.of(4, 5, 6, 7), List.of(8));
                                        assertThat(results.stream().map(Future::result).toList())
                                            .containsExactly(1, 4, 9, 16, 25, 36, 49, 64);
                                        assertThat(waits.get(0))
                                            .as("the first batch waited out its linger")
                                            .isGreaterThanOrEqualTo(150_000_000L);
                                        test.completeNow();
                                      }))));
        });
  }

  /** Lets the held batches return one by one, each a turn of the event loop after the previous. */
  private static void releaseOneAtATime(
      Recorder recorder, List<Future<Integer>> results, Context context, int next) {
    if (next < recorder.gates.size()) {
      recorder.gates.get(next).complete();
      context.runOnContext(v -> releaseOneAtATime(recorder, results, context, next + 1));
    } else if (!results.stream().allMatch(Future::isComplete)) {
      context.runOnContext(v -> releaseOneAtATime(recorder, results, context, next));
    }
  }

  @Test
  void aFailingBatchIsRetriedOneByOneSoOnlyTheBadRequestFails(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    Recorder recorder = new Recorder();
    context.runOnContext(
        v -> {
          Coalescer<Integer, Integer> coalescer =
              new Coalescer<>(
                  "test",
                  context,
                  100,
                  1,
                  5_000,
                  (size, waited, roundTrip) -> recorder.sizes.add(size),
                  recorder::send);
          Future<Integer> good = coalescer.submit(3);
          Future<Integer> bad = coalescer.submit(-1);
          Future<Integer> alsoGood = coalescer.submit(4);
          Future.join(good, bad, alsoGood)
              .onComplete(
                  ar ->
                      test.verify(
                          () -> {
                            assertThat(good.result()).isEqualTo(9);
                            assertThat(alsoGood.result()).isEqualTo(16);
                            assertThat(bad.failed()).isTrue();
                            assertThat(bad.cause()).hasMessageContaining("bad request -1");
                            assertThat(recorder.batches.get(0)).containsExactly(3, -1, 4);
                            assertThat(recorder.batches.subList(1, 4))
                                .containsExactlyInAnyOrder(List.of(3), List.of(-1), List.of(4));
                            test.completeNow();
                          }));
        });
  }

  @Test
  void aBatchFunctionThatThrowsFailsItsRequestsInsteadOfTheCaller(
      Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          Coalescer<Integer, Integer> coalescer =
              new Coalescer<>(
                  "test",
                  context,
                  100,
                  2,
                  5_000,
                  (size, waited, roundTrip) -> {},
                  input -> {
                    throw new IllegalStateException("boom");
                  });
          coalescer
              .submit(1)
              .onComplete(
                  test.failing(
                      e ->
                          test.verify(
                              () -> {
                                assertThat(e).hasMessage("boom");
                                test.completeNow();
                              })));
        });
  }

  @Test
  void aBatchWithoutAnswerFailsItsRequestsAndFreesItsSlot(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    List<List<Integer>> sent = new ArrayList<>();
    context.runOnContext(
        v -> {
          Coalescer<Integer, Integer> coalescer =
              new Coalescer<>(
                  "test",
                  context,
                  100,
                  1,
                  200,
                  (size, waited, roundTrip) -> {},
                  input -> {
                    sent.add(List.copyOf(input));
                    // The first batch is never answered; the next ones are.
                    return sent.size() == 1
                        ? Promise.<List<Integer>>promise().future()
                        : Future.succeededFuture(input);
                  });
          Future<Integer> lost = coalescer.submit(1);
          Future<Integer> alsoLost = coalescer.submit(2);
          Future.join(lost, alsoLost)
              .onComplete(
                  test.failing(
                      e ->
                          test.verify(
                              () -> {
                                assertThat(lost.cause())
                                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
                                assertThat(alsoLost.cause())
                                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
                                // Not sent again one by one, and the slot is free for what comes
                                // next.
                                coalescer
                                    .submit(3)
                                    .onComplete(
                                        test.succeeding(
                                            three ->
                                                test.verify(
                                                    () -> {
                                                      assertThat(three).isEqualTo(3);
                                                      assertThat(sent)
                                                          .containsExactly(
                                                              List.of(1, 2), List.of(3));
                                                      test.completeNow();
                                                    })));
                              })));
        });
  }
}
