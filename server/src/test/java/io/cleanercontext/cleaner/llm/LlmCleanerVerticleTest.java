package io.cleanercontext.cleaner.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.cleaner.CleanerVerticle;
import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.cleaner.engine.Lexicon;
import io.cleanercontext.config.CleanerSettings;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanRequest;
import io.cleanercontext.contract.CleanRequest.TurnToClean;
import io.cleanercontext.store.Database;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
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
 * ones before it, and a turn that cannot be cleaned still stops its batch.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlmCleanerVerticleTest {
  private FakeProvider provider;
  private final String conversation = UUID.randomUUID().toString();

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
    TurnCleaner engine = TurnCleaner.of(new CleaningEngine(Lexicon.empty()));
    TurnCleaner poisoned =
        (speaker, raw, level, context) -> {
          if (raw.contains("POISON")) {
            throw new IllegalStateException("cannot clean this turn");
          }
          return engine.clean(speaker, raw, level, context);
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
    vertx
        .deployVerticle(
            new CleanerVerticle(config, database, 0, poisoned),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .await();
  }

  @Test
  void aConversationsRequestsAreCleanedInOrderEachWithTheTurnsBefore(Vertx vertx) {
    Future<Message<JsonObject>> first =
        send(
            vertx,
            turn(1, "user", "slow first"),
            turn(2, "ai", "Noted, go on."),
            turn(3, "user", "second"));
    Future<Message<JsonObject>> second = send(vertx, turn(4, "user", "third"));

    JsonArray firstResults = first.await().body().getJsonArray("results");
    JsonArray secondResults = second.await().body().getJsonArray("results");

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
    JsonObject reply =
        send(
                vertx,
                turn(1, "user", "fine"),
                turn(2, "user", "POISON here"),
                turn(3, "user", "after"))
            .await()
            .body();

    assertThat(texts(reply.getJsonArray("results"))).containsExactly("Cleaned: fine");
    assertThat(reply.getString("failed_turn_id")).isEqualTo("t2");
    assertThat(reply.getString("error")).contains("cannot clean this turn");
    assertThat(provider.requests()).hasSize(1);
  }

  private Future<Message<JsonObject>> send(Vertx vertx, TurnToClean... turns) {
    return vertx
        .eventBus()
        .request(
            Addresses.cleanerShard(0), new CleanRequest(conversation, List.of(turns)).toJson());
  }

  private static TurnToClean turn(long seq, String role, String raw) {
    return new TurnToClean("t" + seq, seq, role, raw, "full", 10, 0);
  }

  private static List<String> texts(JsonArray results) {
    return results.stream().map(r -> ((JsonObject) r).getString("cleaned_text")).toList();
  }

  private static List<String> models(JsonArray results) {
    return results.stream()
        .map(r -> ((JsonObject) r).getJsonObject("metadata").getString("ai_model_used"))
        .toList();
  }
}
