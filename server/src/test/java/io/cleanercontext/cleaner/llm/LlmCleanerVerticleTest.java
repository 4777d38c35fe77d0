package io.cleanercontext.cleaner.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.cleaner.CleanerVerticle;
import io.cleanercontext.cleaner.NodeResults;
import io.cleanercontext.cleaner.TurnCleaner;
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
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cleaner shard with the LLM mode on, against a real PostgreSQL and a fake provider whose answers
 * take different times: a conversation's turns are still cleaned one after another, each seeing the
 * ones before it, and a turn that cannot be cleaned still stops its batch. The jobs are sent as a
 * queue worker sends them ({@link TurnJob}); what was cleaned is read back from the store the shard
 * wrote to.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlmCleanerVerticleTest {
  private FakeProvider provider;
  private String conversation;
  private Pool pool;
  private SubmissionInserts inserts;
  private TurnStore turns;

  @BeforeEach
  void deployShard(Vertx vertx) {
    provider = FakeProvider.start(vertx).await();
    // Answers "Cleaned: <turn>", slowly for turns saying "slow", so a later request could overtake.
    provider.answer(
        (request, body) -> {
          String prompt = body.getJsonArray("messages").getJsonObject(1).getString("content");
          String raw = prompt.substring(prompt.lastIndexOf('\n') + 1);
          vertx.setTimer(
              raw.contains("slow") ? 400 : 1,
              id ->
                  FakeProvider.cleaned("Cleaned: " + raw, new JsonArray(), "HIGH")
                      .respond(request, body));
        });
    Database db =
        Database.start(
                vertx,
                DatabaseSettings.from(new JsonObject().put("url", TestDatabase.freshDatabaseUrl())))
            .await();
    pool = Database.pool(vertx, db.url(), 2, "test-" + UUID.randomUUID());
    inserts = new SubmissionInserts(pool);
    turns = new TurnStore(pool);
    conversation =
        new ConversationStore(pool)
            .create("default", "llm", new JsonObject(), 10, List.of())
            .map(ConversationRow::id)
            .await()
            .toString();
    TurnCleaner engine = TurnCleaner.of(new CleaningEngine(Lexicon.empty()));
    TurnCleaner poisoned =
        (speaker, raw, level, context, words) -> {
          if (raw.contains("POISON")) {
            throw new IllegalStateException("cannot clean this turn");
          }
          return engine.clean(speaker, raw, level, context, words);
        };
    JsonObject llm =
        new JsonObject()
            .put("enabled", true)
            .put("base_url", provider.baseUrl())
            .put("model", "test-model")
            .put("timeout_ms", 2000)
            .put("prompt_template", "prompts/clean-turn.txt");
    CleanerSettings config =
        CleanerSettings.from(new JsonObject().put("cache_size", 100).put("llm", llm));
    DatabaseSettings database = DatabaseSettings.from(new JsonObject().put("url", db.url()));
    ProductMetrics metrics = ProductMetrics.create(Duration.ofMinutes(1));
    vertx
        .deployVerticle(
            new CleanerVerticle(
                config,
                QueueSettings.from(new JsonObject()),
                database,
                0,
                poisoned,
                new NodeResults(vertx, database, metrics),
                metrics),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .await();
  }

  @Test
  void aConversationsRequestsAreCleanedInOrderEachWithTheTurnsBefore(Vertx vertx) {
    List<TurnToClean> stored =
        store(turn("user", "slow first"), turn("ai", "Noted, go on."), turn("user", "second"));
    List<TurnToClean> later = store(turn("user", "third"));
    Future<ShardOutcome> first = send(vertx, stored.get(2));
    Future<ShardOutcome> second = send(vertx, later.get(0));

    assertThat(first.await().kind()).isEqualTo(ShardOutcome.Kind.DONE);
    assertThat(second.await().kind()).isEqualTo(ShardOutcome.Kind.DONE);
    List<StoredTurn> firstResults = cleaned().subList(0, 3);
    List<StoredTurn> secondResults = cleaned().subList(3, 4);

    assertThat(texts(firstResults))
        .containsExactly("Cleaned: slow first", "Noted, go on.", "Cleaned: second");
    assertThat(models(firstResults))
        .containsExactly("llm:test-model", CleaningEngine.MODEL, "llm:test-model");
    assertThat(texts(secondResults)).containsExactly("Cleaned: third");
    List<String> prompts =
        provider.requests().stream()
            .map(r -> r.getJsonArray("messages").getJsonObject(1).getString("content"))
            .toList();
    assertThat(prompts).hasSize(3);
    assertThat(prompts.get(2))
        .contains("User: Cleaned: slow first\nAI: Noted, go on.\nUser: Cleaned: second")
        .endsWith("third");
  }

  @Test
  void aTurnThatCannotBeCleanedStopsTheBatchAndIsNamed(Vertx vertx) {
    List<TurnToClean> stored =
        store(turn("user", "fine"), turn("user", "POISON here"), turn("user", "after"));
    ShardOutcome reply = send(vertx, stored.get(2)).await();

    assertThat(texts(cleaned())).containsExactly("Cleaned: fine", null, null);
    assertThat(reply.turnId()).isEqualTo(stored.get(1).turnId());
    assertThat(reply.error()).contains("cannot clean this turn");
    assertThat(provider.requests()).hasSize(1);
  }

  /** Stores the turns as pending, as ingest does, and returns them as their jobs carry them. */
  private List<TurnToClean> store(TurnSubmission... submissions) {
    List<Accepted> accepted = inserts.insertPending(List.of(submissions)).await();
    List<TurnToClean> pending = new ArrayList<>();
    for (int i = 0; i < submissions.length; i++) {
      TurnSubmission s = submissions[i];
      pending.add(
          TurnToClean.stored(
              s,
              accepted.get(i).seq(),
              accepted.get(i).windowSize(),
              accepted.get(i).keytermsVersion()));
    }
    return pending;
  }

  /** The job of this turn, sent to the shard as the queue worker sends it. */
  private Future<ShardOutcome> send(Vertx vertx, TurnToClean carried) {
    return vertx
        .eventBus()
        .<ShardJobs.Answers>request(
            Addresses.cleanerShard(0),
            new ShardJobs(
                List.of(
                    new TurnJob("job", conversation, carried.seq(), 0, Speaker.USER, 0, carried))))
        .map(reply -> reply.body().outcomes().get(0));
  }

  private TurnSubmission turn(String role, String raw) {
    return new TurnSubmission(
        UUID.randomUUID().toString(),
        conversation,
        role.equals("ai") ? "AI" : "User",
        Speaker.ofWire(role),
        raw,
        "full",
        10,
        null,
        System.currentTimeMillis(),
        "default",
        List.of());
  }

  /** The conversation's turns as stored, in seq order. */
  private List<StoredTurn> cleaned() {
    return turns.page("default", UUID.fromString(conversation), 0, 100).await();
  }

  private static List<String> texts(List<StoredTurn> results) {
    return results.stream().map(StoredTurn::cleanedText).toList();
  }

  private static List<String> models(List<StoredTurn> results) {
    return results.stream().map(r -> r.metadata().getString("ai_model_used")).toList();
  }
}
