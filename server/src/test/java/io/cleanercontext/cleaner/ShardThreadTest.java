package io.cleanercontext.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.cleaner.engine.Lexicon;
import io.cleanercontext.config.CleanerSettings;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ShardJobs;
import io.cleanercontext.contract.ShardOutcome;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.store.ConversationRow;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.SubmissionInserts;
import io.cleanercontext.store.SubmissionInserts.Accepted;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.support.TestDatabase;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A shard is a worker verticle on a thread of its own: every turn, an AI turn or a user turn at any
 * level, is cleaned on {@code cc-shard-<shard>}, never on an event loop, and the cleaned turn is
 * stored as with any other deployment. A shard deployed on an event loop refuses to start, so no
 * deployment can make an event loop compute a turn.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShardThreadTest {
  private static final int SHARD = 3;

  @Test
  void everyTurnIsCleanedOnTheShardsOwnThread(Vertx vertx) {
    Database db =
        Database.start(
                vertx,
                DatabaseSettings.from(new JsonObject().put("url", TestDatabase.freshDatabaseUrl())))
            .await();
    Pool pool = Database.pool(vertx, db.url(), 2, "test-" + UUID.randomUUID());
    String conversation =
        new ConversationStore(pool)
            .create("default", "threads", new JsonObject(), 10, List.of())
            .map(ConversationRow::id)
            .await()
            .toString();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    TurnCleaner engine = TurnCleaner.of(new CleaningEngine(Lexicon.empty()));
    TurnCleaner recording =
        (speaker, raw, level, context, words) -> {
          threads.add(Thread.currentThread().getName());
          return engine.clean(speaker, raw, level, context, words);
        };
    vertx
        .deployVerticle(shard(vertx, db.url(), recording), CleanerVerticle.deployment(SHARD))
        .await();

    List<TurnSubmission> submissions =
        List.of(
            turn(conversation, Speaker.AI, "What can I help with?", "full"),
            turn(conversation, Speaker.USER, "um I I want the the quote", "full"),
            turn(conversation, Speaker.USER, "and the the price", "none"));
    List<Accepted> accepted = new SubmissionInserts(pool).insertPending(submissions).await();
    for (int i = 0; i < submissions.size(); i++) {
      TurnSubmission s = submissions.get(i);
      TurnToClean carried =
          TurnToClean.stored(
              s,
              accepted.get(i).seq(),
              accepted.get(i).windowSize(),
              accepted.get(i).keytermsVersion());
      ShardOutcome outcome =
          vertx
              .eventBus()
              .<ShardJobs.Answers>request(
                  Addresses.cleanerShard(SHARD),
                  new ShardJobs(
                      List.of(
                          new TurnJob(
                              "job-" + i, conversation, carried.seq(), 0, s.role(), 0, carried))))
              .await()
              .body()
              .outcomes()
              .get(0);
      assertThat(outcome.kind()).isEqualTo(ShardOutcome.Kind.DONE);
    }

    assertThat(threads).containsExactly("cc-shard-" + SHARD + "-0"); // the pool's one thread
    assertThat(
            new TurnStore(pool)
                .page("default", UUID.fromString(conversation), 0, 10).await().stream()
                    .map(StoredTurn::status)
                    .toList())
        .containsExactly(TurnStatus.CLEANED, TurnStatus.CLEANED, TurnStatus.CLEANED);
  }

  @Test
  void aShardDeployedOnAnEventLoopRefusesToStart(Vertx vertx) {
    CleanerVerticle shard =
        shard(
            vertx,
            "postgresql://postgres@127.0.0.1:1/never-connected",
            TurnCleaner.of(new CleaningEngine(Lexicon.empty())));
    assertThatThrownBy(() -> vertx.deployVerticle(shard, new DeploymentOptions()).await())
        .hasMessageContaining("CleanerVerticle.deployment(shard)");
  }

  private static CleanerVerticle shard(Vertx vertx, String url, TurnCleaner cleaner) {
    DatabaseSettings database = DatabaseSettings.from(new JsonObject().put("url", url));
    ProductMetrics metrics = ProductMetrics.create(Duration.ofMinutes(1));
    return new CleanerVerticle(
        CleanerSettings.from(new JsonObject().put("cache_size", 100)),
        QueueSettings.from(new JsonObject()),
        database,
        SHARD,
        cleaner,
        new NodeResults(vertx, database, metrics),
        metrics);
  }

  private static TurnSubmission turn(String conversation, Speaker role, String raw, String level) {
    return new TurnSubmission(
        UUID.randomUUID().toString(),
        conversation,
        role == Speaker.AI ? "AI" : "User",
        role,
        raw,
        level,
        10,
        null,
        System.currentTimeMillis(),
        "default",
        List.of());
  }
}
