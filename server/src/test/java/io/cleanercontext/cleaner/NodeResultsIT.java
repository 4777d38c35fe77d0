package io.cleanercontext.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.PendingTurns;
import io.cleanercontext.store.PendingTurns.PendingRange;
import io.cleanercontext.store.SubmissionInserts;
import io.cleanercontext.support.TestDatabase;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node's one result store against a real PostgreSQL: two shards (two verticles, two contexts)
 * hand it their results; each gets its own answer back on its own context (a shard's state is only
 * touched on its own thread), the rows leave 'pending', and a result stored before comes back null
 * (a duplicate delivery is not published again). The store stays open when a shard that used it is
 * undeployed (a cluster hands shards over).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class NodeResultsIT {

  /** A shard's side: stores one result from its own context and notes where the answer arrived. */
  private static final class Shard extends VerticleBase {
    private final NodeResults results;
    private final List<CleanedTurn> completions;
    final Promise<List<StoredTurn>> stored = Promise.promise();
    volatile boolean answeredOnItsContext;

    Shard(NodeResults results, List<CleanedTurn> completions) {
      this.results = results;
      this.completions = completions;
    }

    @Override
    public Future<?> start() {
      Context own = context;
      results
          .complete(completions)
          .onComplete(
              ar -> {
                answeredOnItsContext = Vertx.currentContext() == own;
                stored.handle(ar);
              });
      return Future.succeededFuture();
    }
  }

  private static TurnSubmission turn(String conversationId, String text) {
    return new TurnSubmission(
        UUID.randomUUID().toString(),
        conversationId,
        "User",
        Speaker.USER,
        text,
        "full",
        null,
        null,
        System.currentTimeMillis(),
        "default",
        List.of());
  }

  private static CleanedTurn cleaned(String conversationId, TurnToClean pending, String text) {
    return new CleanedTurn(
        conversationId, pending, TurnStatus.CLEANED, text, new JsonObject(), null);
  }

  @Test
  void eachShardGetsItsOwnResultsBackOnItsOwnContext(Vertx vertx) {
    String url = TestDatabase.freshDatabaseUrl();
    DatabaseSettings database = DatabaseSettings.from(new JsonObject().put("url", url));
    Database.start(vertx, database).await();
    Pool pool = Database.pool(vertx, url, 2, "test-" + UUID.randomUUID());
    ConversationStore conversations = new ConversationStore(pool);
    String first =
        conversations
            .create("default", "a", new JsonObject(), 10, List.of())
            .await()
            .id()
            .toString();
    String second =
        conversations
            .create("default", "b", new JsonObject(), 10, List.of())
            .await()
            .id()
            .toString();
    new SubmissionInserts(pool)
        .insertPending(List.of(turn(first, "um hello"), turn(second, "uh bye")))
        .await();
    List<List<TurnToClean>> pending =
        new PendingTurns(pool)
            .pendingUpTo(List.of(new PendingRange(first, 0, 1), new PendingRange(second, 0, 1)), 10)
            .await();
    ProductMetrics metrics = ProductMetrics.create(Duration.ofMinutes(1));
    NodeResults results = new NodeResults(vertx, database, metrics);

    Shard a = new Shard(results, List.of(cleaned(first, pending.get(0).get(0), "Hello.")));
    Shard b = new Shard(results, List.of(cleaned(second, pending.get(1).get(0), "Bye.")));
    String firstShard = vertx.deployVerticle(a).await();
    vertx.deployVerticle(b).await();
    List<StoredTurn> storedA = a.stored.future().await();
    List<StoredTurn> storedB = b.stored.future().await();

    assertThat(a.answeredOnItsContext).as("answered on the first shard's context").isTrue();
    assertThat(b.answeredOnItsContext).as("answered on the second shard's context").isTrue();
    assertThat(storedA).hasSize(1);
    assertThat(storedA.get(0).toJson().getString("cleaned_text")).isEqualTo("Hello.");
    assertThat(storedB.get(0).toJson().getString("cleaned_text")).isEqualTo("Bye.");
    assertThat(
            TestDatabase.query(
                url,
                "SELECT count(*) FROM turns WHERE status = '"
                    + TurnStatus.PENDING.wireName()
                    + "'"))
        .containsExactly(List.of(0L));

    // The store is the node's, not a shard's: it outlives a shard that used it.
    vertx.undeploy(firstShard).await();
    Shard again = new Shard(results, List.of(cleaned(first, pending.get(0).get(0), "Hello.")));
    vertx.deployVerticle(again).await();
    assertThat(again.stored.future().await())
        .as("no longer pending: stored before, not published again")
        .containsExactly((StoredTurn) null);
    assertThat(again.answeredOnItsContext).isTrue();
    results.close().await();
    pool.close().await();
  }
}
