package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real-time pipeline end to end, on both queue backends: HTTP -> ingest -> queue -> shard ->
 * PostgreSQL -> WebSocket subscribers. Real PostgreSQL, real Redis.
 */
@ExtendWith(VertxExtension.class)
@Timeout(180)
class PipelineIT {

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void manyTurnsToManyConversationsArriveInOrderExactlyOnce(String backend, Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.config(backend)).await();
    Api api = new Api(app.client());
    int conversations = 12;
    int turnsEach = 15;
    List<String> ids = new ArrayList<>();
    List<Subscription> subscribers = new ArrayList<>();
    for (int c = 0; c < conversations; c++) {
      String id = api.createConversation("order " + c);
      ids.add(id);
      subscribers.add(Subscription.open(vertx, app.port(), id, null));
      subscribers.add(Subscription.open(vertx, app.port(), id, null));
    }
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int t = 0; t < turnsEach; t++) {
      for (String id : ids) {
        posts.add(
            api.realtime(
                id, t % 3 == 0 ? "AI" : "User", "turn number " + t + " um of the the call"));
      }
    }
    Future.all(posts).await();
    assertThat(posts).allSatisfy(p -> assertThat(p.result().statusCode()).isEqualTo(202));
    for (Subscription s : subscribers) {
      assertThat(s.awaitTurns(turnsEach, 60)).containsExactlyElementsOf(oneTo(turnsEach));
    }
    Subscription.sleep(300); // nothing more arrives: no duplicates
    for (Subscription s : subscribers) {
      assertThat(s.turnSeqs()).containsExactlyElementsOf(oneTo(turnsEach));
      s.close().await();
    }
    app.stop().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void aWorkerUpToDateWithAConversationCleansTheTurnItsJobCarriesWithoutReadingItBack(
      String backend, Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.config(backend)).await();
    Api api = new Api(app.client());
    String id = api.createConversation("carried turns");
    Subscription tail = Subscription.open(vertx, app.port(), id, null);
    for (int t = 1; t <= 10; t++) {
      // One at a time, each cleaned before the next is posted, so each job is processed alone.
      api.realtime(id, t % 2 == 0 ? "AI" : "User", "turn " + t + " um of the the call").await();
      assertThat(tail.awaitTurns(t, 30)).containsExactlyElementsOf(oneTo(t));
    }
    // Only the conversation's first job reads its pending turns from PostgreSQL.
    var reads =
        app.metrics().registry().find("cc.batch.size").tag("kind", "pending_read").summary();
    assertThat(reads).isNotNull();
    assertThat(reads.totalAmount()).isEqualTo(1.0);
    JsonArray stored = api.turns(id);
    assertThat(stored).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(stored.getJsonObject(i).getString("raw_text"))
          .isEqualTo("turn " + (i + 1) + " um of the the call");
      assertThat(stored.getJsonObject(i).getString("status")).isIn("cleaned", "skipped");
    }
    tail.close().await();
    app.stop().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void resumeWithSinceGetsExactlyTheMissedTurnsThenLiveOnes(String backend, Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.config(backend)).await();
    Api api = new Api(app.client());
    String id = api.createConversation("resume");
    Subscription first = Subscription.open(vertx, app.port(), id, null);
    api.realtime(id, "User", "one").await();
    api.realtime(id, "AI", "two").await();
    assertThat(first.awaitTurns(2, 20)).containsExactly(1L, 2L);
    first.close().await();

    for (String text : List.of("three", "four", "five")) {
      api.realtime(id, "User", text).await();
    }
    api.awaitSettled(id, 5, 20);
    Subscription resumed = Subscription.open(vertx, app.port(), id, 2L);
    assertThat(resumed.awaitTurns(3, 20)).containsExactly(3L, 4L, 5L);
    assertThat(resumed.turnEvents()).allSatisfy(e -> assertThat(e.getBoolean("replayed")).isTrue());
    api.realtime(id, "User", "six").await();
    assertThat(resumed.awaitTurns(4, 20)).containsExactly(3L, 4L, 5L, 6L);
    Subscription.sleep(200);
    assertThat(resumed.turnSeqs()).containsExactly(3L, 4L, 5L, 6L);
    resumed.close().await();
    app.stop().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void poisonTurnEndsDeadLetteredAndFailedWhileTheRestFlowOn(String backend, Vertx vertx) {
    JsonObject config = TestApp.config(backend);
    CleaningEngine engine = TestApp.engine(config);
    TurnCleaner poisoned =
        TurnCleaner.sync(
            (speaker, raw, level, context) -> {
              if (raw.contains("POISON")) {
                throw new IllegalStateException("cannot clean this turn");
              }
              return engine.clean(speaker, raw, level, context);
            });
    TestApp app = TestApp.start(vertx, config, poisoned).await();
    Api api = new Api(app.client());
    String id = api.createConversation("poison");
    String other = api.createConversation("healthy neighbour");
    Subscription tail = Subscription.open(vertx, app.port(), id, null);
    api.realtime(id, "User", "before the poison").await();
    api.realtime(id, "User", "POISON here").await();
    api.realtime(id, "User", "after the poison").await();
    api.realtime(other, "User", "unaffected").await();

    JsonArray turns = api.awaitSettled(id, 3, 30);
    assertThat(turns.stream().map(t -> ((JsonObject) t).getString("status")))
        .containsExactly("cleaned", "failed", "cleaned");
    JsonObject failed = turns.getJsonObject(1);
    assertThat(failed.getString("error")).contains("cannot clean this turn");
    assertThat(failed.getInteger("attempts"))
        .isEqualTo(config.getJsonObject("queue").getInteger("max_attempts"));
    assertThat(tail.awaitTurns(3, 20)).containsExactly(1L, 2L, 3L);
    assertThat(tail.turnEvents().get(1).getString("type")).isEqualTo("turn.failed");
    assertThat(api.awaitSettled(other, 1, 10).getJsonObject(0).getString("status"))
        .isEqualTo("cleaned");
    JsonObject status = api.get("/api/v1/queue/status");
    assertThat(status.getLong("dead_lettered")).isEqualTo(1L);
    tail.close().await();
    app.stop().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void jobHeldByADeadWorkerIsReclaimedAndFinished(String backend, Vertx vertx) {
    JsonObject config = TestApp.config(backend);
    TestApp app = TestApp.start(vertx, config).await();
    Api api = new Api(app.client());
    String id = api.createConversation("reclaim");
    api.queue("stop");
    api.realtime(id, "User", "taken by a worker that dies").await();
    // A worker takes the job and dies without acknowledging it.
    JobQueue deadWorker =
        JobQueues.open(vertx, app.running().queue(), TestApp.SHARDS, app.metrics()).await();
    List<Delivery> taken = deadWorker.read("dead-worker", List.of(0, 1), 10, 100).await();
    assertThat(taken).extracting(d -> d.job().conversationId()).containsExactly(id);
    api.queue("start");
    JsonArray turns = api.awaitSettled(id, 1, 30);
    assertThat(turns.getJsonObject(0).getString("status")).isEqualTo("cleaned");
    assertThat(api.get("/api/v1/queue/status").getDouble("reclaimed")).isGreaterThanOrEqualTo(1.0);
    app.stop().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void turnsPendingWhenTheServerDiesAreCleanedAndDeliveredAfterRestart(String backend) {
    JsonObject config = TestApp.config(backend);
    Vertx first = Vertx.vertx();
    TestApp app = TestApp.start(first, config).await();
    Api api = new Api(app.client());
    String id = api.createConversation("restart");
    api.queue("stop");
    for (int i = 1; i <= 5; i++) {
      assertThat(
              api.realtime(id, i % 2 == 0 ? "AI" : "User", "pending turn " + i)
                  .await()
                  .statusCode())
          .isEqualTo(202);
    }
    first.close().await(); // the whole server goes away with its in-memory queue

    Vertx second = Vertx.vertx();
    TestApp restarted = TestApp.start(second, config).await();
    Subscription tail = Subscription.open(second, restarted.port(), id, 0L);
    assertThat(tail.awaitTurns(5, 30)).containsExactlyElementsOf(oneTo(5));
    JsonArray turns = new Api(restarted.client()).awaitSettled(id, 5, 30);
    assertThat(turns.stream().map(t -> ((JsonObject) t).getString("status")))
        .containsOnly("cleaned");
    Subscription.sleep(300);
    assertThat(tail.turnSeqs()).containsExactlyElementsOf(oneTo(5));
    assertThat(
            TestDatabase.query(restarted.databaseUrl(), "SELECT count(*) FROM turns").get(0).get(0))
        .isEqualTo(5L);
    tail.close().await();
    second.close().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void turnsPastTheBacklogLimitAreRefusedWithRetryAfterAndNothingIsLost(
      String backend, Vertx vertx) {
    JsonObject config = TestApp.config(backend);
    config.getJsonObject("queue").put("max_backlog", 3).put("backlog_sample_ms", 50);
    TestApp app = TestApp.start(vertx, config).await();
    Api api = new Api(app.client());
    String id = api.createConversation("backlog");
    api.queue("stop");
    for (int i = 1; i <= 4; i++) {
      assertThat(api.realtime(id, "User", "queued " + i).await().statusCode()).isEqualTo(202);
    }
    HttpResponse<Buffer> refused = null;
    long deadline = System.currentTimeMillis() + 5_000;
    while (refused == null && System.currentTimeMillis() < deadline) {
      Subscription.sleep(100); // the backlog is sampled, not read per request
      HttpResponse<Buffer> response = api.realtime(id, "User", "one too many").await();
      if (response.statusCode() != 202) {
        refused = response;
      }
    }
    assertThat(refused).isNotNull();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("over its limit of 3");
    long accepted = api.get("/api/v1/conversations/" + id).getLong("last_seq");
    api.queue("start");
    JsonArray turns = api.awaitSettled(id, (int) accepted, 30);
    assertThat(turns.stream().map(t -> ((JsonObject) t).getString("status")))
        .hasSize((int) accepted)
        .containsOnly("cleaned");
    app.stop().await();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory"})
  void slowSubscriberIsCutOffWhileOthersGetEverything(String backend, Vertx vertx) {
    JsonObject config = TestApp.config(backend);
    config.getJsonObject("realtime").put("max_outbound_queue", 8);
    TestApp app = TestApp.start(vertx, config).await();
    Api api = new Api(app.client());
    String id = api.createConversation("slow client");
    // The healthy client reads on event loops of its own, as a real client does: on the server's,
    // it could not read while they write the burst, and the server would rightly cut it off too.
    Vertx client = Vertx.vertx();
    Subscription healthy = Subscription.open(client, app.port(), id, null);
    Subscription slow =
        Subscription.open(
            vertx,
            app.port(),
            id,
            null,
            new WebSocketClientOptions().setReceiveBufferSize(4096).setMaxFrameSize(65_536));
    slow.socket().pause(); // never reads again
    int turns = 300;
    String text = "this is a long turn of the call ".repeat(150);
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int i = 0; i < turns; i++) {
      posts.add(api.realtime(id, "User", text + i));
    }
    Future.all(posts).await();
    List<Long> received;
    try {
      received = healthy.awaitTurns(turns, 90);
    } catch (AssertionError e) {
      // Say whether the server closed the healthy socket too (once in a full run on 2026-12-06 it
      // got 295 of 300 and waited out the 90 s): a cut-off, not a lost event, is what to look at.
      throw new AssertionError(
          e.getMessage().substring(0, Math.min(300, e.getMessage().length()))
              + " ... healthy socket close code "
              + healthy.closeCode()
              + " ("
              + healthy.closeReason()
              + ")",
          e);
    }
    assertThat(received).containsExactlyElementsOf(oneTo(turns));
    slow.socket().resume();
    long deadline = System.currentTimeMillis() + 20_000;
    while (slow.closeCode() == null && System.currentTimeMillis() < deadline) {
      Subscription.sleep(20);
    }
    assertThat(slow.closeCode()).isEqualTo((short) 4008);
    assertThat(slow.closeReason()).contains("slow consumer");
    assertThat(slow.turnSeqs().size()).isLessThan(turns);
    healthy.close().await();
    client.close().await();
    app.stop().await();
  }
}
