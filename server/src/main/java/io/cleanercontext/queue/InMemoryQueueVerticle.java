package io.cleanercontext.queue;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.MemoryQueueMessages;
import io.cleanercontext.queue.client.MemoryQueueMessages.DeadLetter;
import io.cleanercontext.queue.client.MemoryQueueMessages.Deliveries;
import io.cleanercontext.queue.client.MemoryQueueMessages.Read;
import io.cleanercontext.queue.client.MemoryQueueMessages.Reclaim;
import io.cleanercontext.queue.client.MemoryQueueMessages.Retry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The single-node queue: the same semantics as the Redis backend (in flight until acked, reclaim
 * after an idle timeout, retry, dead letter) held in this process. Deployed once per process, it
 * owns the queue's state on its own event loop; ingest and the workers reach it over the local
 * {@code queue.memory.*} addresses through {@code queue.client.InMemoryQueueClient}, one request
 * per operation. Jobs lost with the process are re-enqueued at start-up from the pending turns in
 * PostgreSQL.
 */
public final class InMemoryQueueVerticle extends VerticleBase {
  private static final List<Delivery> NONE = List.of();

  private final MemoryPartitions state;

  /** Reads waiting for a job, in arrival order. */
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(Read read, Message<Read> message, long timer) {}

  public InMemoryQueueVerticle(int partitions) {
    this.state = new MemoryPartitions(partitions);
  }

  @Override
  public Future<?> start() {
    MemoryQueueMessages.register(vertx.eventBus());
    TurnJob.register(vertx); // the node's, shared with the workers and shards: never unregistered
    return Future.all(
        List.of(
            consume(Addresses.MEMORY_QUEUE_ENQUEUE, this::enqueue),
            consume(Addresses.MEMORY_QUEUE_READ, this::read),
            consume(Addresses.MEMORY_QUEUE_ACK, this::ack),
            consume(Addresses.MEMORY_QUEUE_RETRY, this::retry),
            consume(Addresses.MEMORY_QUEUE_DEAD_LETTER, this::deadLetter),
            consume(Addresses.MEMORY_QUEUE_RECLAIM, this::reclaim),
            consume(Addresses.MEMORY_QUEUE_PARTITION_STATUS, this::partitionStatus),
            consume(Addresses.MEMORY_QUEUE_DEAD_LETTER_COUNT, m -> m.reply(state.deadLettered())),
            consume(Addresses.MEMORY_QUEUE_PROBE, m -> m.reply(null))));
  }

  @Override
  public Future<?> stop() {
    // Outstanding reads end empty, as a blocking read does when nothing arrives.
    for (Waiter w : waiters) {
      vertx.cancelTimer(w.timer());
      w.message().reply(new Deliveries(NONE));
    }
    waiters.clear();
    MemoryQueueMessages.unregister(vertx.eventBus());
    return Future.succeededFuture();
  }

  private <T> Future<Void> consume(String address, Handler<Message<T>> handler) {
    MessageConsumer<T> consumer =
        vertx
            .eventBus()
            .localConsumer(
                address,
                msg -> {
                  try {
                    handler.handle(msg);
                  } catch (RuntimeException e) {
                    msg.fail(ErrorCode.BAD_REQUEST.code(), String.valueOf(e.getMessage()));
                  }
                });
    return consumer.completion();
  }

  private void enqueue(Message<TurnJob> msg) {
    Delivery added = state.add(msg.body());
    msg.reply(null);
    serveWaiter(added.job().partition());
  }

  private void read(Message<Read> msg) {
    Read read = msg.body();
    List<Delivery> now = state.take(read.consumer(), read.partitions(), read.max());
    if (!now.isEmpty() || read.blockMs() <= 0) {
      msg.reply(new Deliveries(now));
      return;
    }
    long timer = vertx.setTimer(read.blockMs(), t -> expire(msg));
    waiters.add(new Waiter(read, msg, timer));
  }

  /** Nothing arrived within the read's {@code blockMs}: it ends empty. */
  private void expire(Message<Read> msg) {
    if (waiters.removeIf(w -> w.message() == msg)) {
      msg.reply(new Deliveries(NONE));
    }
  }

  /** The first read waiting on this partition takes what is there now. */
  private void serveWaiter(int partition) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.read().partitions().contains(partition)) {
        it.remove();
        vertx.cancelTimer(w.timer());
        Read read = w.read();
        w.message()
            .reply(new Deliveries(state.take(read.consumer(), read.partitions(), read.max())));
        return;
      }
    }
  }

  private void ack(Message<Delivery> msg) {
    state.release(msg.body());
  }

  private void retry(Message<Retry> msg) {
    Delivery delivery = msg.body().delivery();
    msg.reply(null);
    if (msg.body().delayMs() <= 0) {
      requeue(delivery);
    } else {
      vertx.setTimer(msg.body().delayMs(), t -> requeue(delivery));
    }
  }

  /** Back to waiting, unless it was acked or dead-lettered meanwhile. */
  private void requeue(Delivery delivery) {
    if (state.release(delivery)) {
      state.add(delivery);
      serveWaiter(delivery.job().partition());
    }
  }

  private void deadLetter(Message<DeadLetter> msg) {
    state.deadLetter(msg.body().delivery());
    msg.reply(null);
  }

  private void reclaim(Message<Reclaim> msg) {
    Reclaim r = msg.body();
    msg.reply(new Deliveries(state.reclaim(r.consumer(), r.partitions(), r.idleMs(), r.max())));
  }

  private void partitionStatus(Message<Integer> msg) {
    msg.reply(state.status(msg.body()));
  }
}
