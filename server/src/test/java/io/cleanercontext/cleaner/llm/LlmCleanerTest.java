package io.cleanercontext.cleaner.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.Confidence;
import io.cleanercontext.cleaner.engine.ConversationContext;
import io.cleanercontext.cleaner.engine.Lexicon;
import io.cleanercontext.config.LlmSettings;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The LLM cleaner against a local fake provider speaking the chat-completions API. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LlmCleanerTest {
  private static final String RAW = "um so we use sales force for the the leads";
  private static final String DETERMINISTIC = CleaningEngine.MODEL;

  private final TurnCleaner engine = TurnCleaner.of(new CleaningEngine(Lexicon.empty()));
  private final ConversationContext context = new ConversationContext(10);
  private FakeProvider provider;
  private LlmCleaner cleaner;

  @BeforeEach
  void startProvider(Vertx vertx) {
    provider = FakeProvider.start(vertx).await();
    context.add(Speaker.AI, "Welcome back! Are you still using Salesforce for your leads?");
  }

  @AfterEach
  void stop() {
    if (cleaner != null) {
      cleaner.close().await();
    }
    provider.close().await();
  }

  private LlmCleaner cleaner(Vertx vertx, JsonObject overrides) {
    JsonObject json =
        new JsonObject()
            .put("enabled", true)
            .put("base_url", provider.baseUrl())
            .put("model", "test-model")
            .put("api_key_env", "CC_TEST_LLM_KEY")
            .put("timeout_ms", 2000)
            .put("prompt_template", "prompts/clean-turn.txt")
            .put("circuit", new JsonObject().put("max_failures", 5).put("reset_timeout_ms", 60_000))
            .mergeIn(overrides, true);
    cleaner =
        LlmCleaner.create(
                vertx,
                LlmSettings.fromJson(json),
                engine,
                "test",
                Map.of("CC_TEST_LLM_KEY", "test-key"))
            .await();
    return cleaner;
  }

  private CleaningResult clean(Speaker speaker, String raw, CleaningLevel level) {
    return cleaner.clean(speaker, raw, level, context).await();
  }

  @Test
  void aGoodAnswerIsUsed(Vertx vertx) {
    provider.answer(
        FakeProvider.cleaned(
            "So we use Salesforce for the leads.",
            new JsonArray()
                .add(correction("um", "", "HIGH", "filler"))
                .add(correction("sales force", "Salesforce", "MEDIUM", "entity")),
            "HIGH"));
    CleaningResult r =
        clean(cleaner(vertx, new JsonObject()), Speaker.USER, RAW, CleaningLevel.FULL);

    assertThat(r.cleanedText()).isEqualTo("So we use Salesforce for the leads.");
    assertThat(r.model()).isEqualTo("llm:test-model");
    assertThat(r.level()).isEqualTo(CleaningLevel.FULL);
    assertThat(r.cleaningApplied()).isTrue();
    assertThat(r.corrections()).extracting(c -> c.corrected()).containsExactly("", "Salesforce");
    assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
    assertThat(r.timingBreakdownMs()).containsKey("llm_request");
    assertThat(provider.requests()).hasSize(1);
  }

  @Test
  void thePromptCarriesTheCleanedContextAndTheRawTurn(Vertx vertx) {
    provider.answer(
        FakeProvider.cleaned("So we use Salesforce for the leads.", new JsonArray(), "HIGH"));
    context.add(Speaker.USER, "Hi, yes, this is Dana.");
    clean(cleaner(vertx, new JsonObject()), Speaker.USER, RAW, CleaningLevel.AUTO);

    JsonObject request = provider.requests().get(0);
    assertThat(request.getString("model")).isEqualTo("test-model");
    assertThat(request.getInteger("temperature")).isZero();
    assertThat(request.getJsonObject("response_format"))
        .isEqualTo(new JsonObject().put("type", "json_object"));
    JsonArray messages = request.getJsonArray("messages");
    assertThat(messages.getJsonObject(0).getString("role")).isEqualTo("system");
    String user = messages.getJsonObject(1).getString("content");
    assertThat(user)
        .contains(
            "AI: Welcome back! Are you still using Salesforce for your leads?\nUser: Hi, yes, this is Dana.")
        .contains(RAW)
        .contains("Cleaning level: auto")
        .doesNotContain("{raw_text}", "{conversation_context}", "{cleaning_level}");
    assertThat(provider.authorizations()).containsExactly("Bearer test-key");
  }

  @Test
  void aiTurnsNoneAndGarbageNeverReachTheModel(Vertx vertx) {
    provider.answer(FakeProvider.cleaned("should not be used", new JsonArray(), "HIGH"));
    cleaner(vertx, new JsonObject());

    CleaningResult ai =
        clean(Speaker.AI, "##VT_WARM## Great, tell me more about Salesforce.", CleaningLevel.FULL);
    CleaningResult none = clean(Speaker.USER, "um sales force", CleaningLevel.NONE);
    CleaningResult garbage = clean(Speaker.USER, "<noise>", CleaningLevel.FULL);

    assertThat(provider.requests()).isEmpty();
    assertThat(ai.cleanedText()).isEqualTo("Great, tell me more about Salesforce.");
    assertThat(ai.model()).isEqualTo(DETERMINISTIC);
    assertThat(none.model()).isEqualTo(DETERMINISTIC);
    assertThat(garbage.skipped()).isTrue();
    assertThat(garbage.model()).isEqualTo(DETERMINISTIC);
  }

  @Test
  void malformedJsonFallsBackToTheEngine(Vertx vertx) {
    provider.answer(FakeProvider.content("Sure! Here is the cleaned text: So we use Salesforce."));
    CleaningResult r =
        clean(cleaner(vertx, new JsonObject()), Speaker.USER, RAW, CleaningLevel.FULL);

    assertFallback(r, "llm malformed json");
  }

  @Test
  void anAnswerFailingValidationFallsBackToTheEngine(Vertx vertx) {
    cleaner(vertx, new JsonObject());
    provider.answer(
        FakeProvider.content(
            new JsonObject()
                .put("cleaned_text", 42)
                .put("corrections", new JsonArray())
                .put("confidence", "HIGH")
                .encode()));
    assertFallback(
        clean(Speaker.USER, RAW, CleaningLevel.FULL), "llm invalid answer: cleaned_text");

    provider.answer(FakeProvider.cleaned("So we use Salesforce.", new JsonArray(), "CERTAIN"));
    assertFallback(clean(Speaker.USER, RAW, CleaningLevel.FULL), "llm invalid answer: confidence");

    provider.answer(
        FakeProvider.cleaned(
            "So we use Salesforce.",
            new JsonArray().add(new JsonObject().put("original", "sales force")),
            "HIGH"));
    assertFallback(clean(Speaker.USER, RAW, CleaningLevel.FULL), "llm invalid answer: corrections");

    provider.answer(FakeProvider.cleaned("Salesforce ".repeat(20), new JsonArray(), "HIGH"));
    assertFallback(
        clean(Speaker.USER, "sales force", CleaningLevel.FULL),
        "sales force",
        "llm invalid answer: cleaned_text");
  }

  @Test
  void aSlowProviderFallsBackWhenTheTimeoutExpires(Vertx vertx) {
    provider.answer(
        FakeProvider.after(
            vertx, 10_000, FakeProvider.cleaned("too late", new JsonArray(), "HIGH")));
    cleaner(vertx, new JsonObject().put("timeout_ms", 300));

    long start = System.nanoTime();
    CleaningResult r = clean(Speaker.USER, RAW, CleaningLevel.FULL);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertFallback(r, "llm timeout");
    assertThat(elapsedMs).isLessThan(5_000);
  }

  @Test
  void aServerErrorFallsBackToTheEngine(Vertx vertx) {
    provider.answer(FakeProvider.status(500));
    assertFallback(
        clean(cleaner(vertx, new JsonObject()), Speaker.USER, RAW, CleaningLevel.FULL),
        "llm http 500");
  }

  @Test
  void afterMaxFailuresTheCircuitOpensAndTheProviderIsLeftAlone(Vertx vertx) {
    provider.answer(FakeProvider.status(503));
    cleaner(
        vertx,
        new JsonObject()
            .put(
                "circuit",
                new JsonObject().put("max_failures", 3).put("reset_timeout_ms", 60_000)));

    for (int i = 0; i < 3; i++) {
      assertFallback(clean(Speaker.USER, RAW, CleaningLevel.FULL), "llm http 503");
    }
    provider.answer(
        FakeProvider.cleaned("So we use Salesforce for the leads.", new JsonArray(), "HIGH"));
    for (int i = 0; i < 2; i++) {
      assertFallback(clean(Speaker.USER, RAW, CleaningLevel.FULL), "llm circuit open");
    }
    assertThat(provider.requests()).hasSize(3);
  }

  private CleaningResult clean(LlmCleaner llm, Speaker speaker, String raw, CleaningLevel level) {
    return llm.clean(speaker, raw, level, context).await();
  }

  private void assertFallback(CleaningResult r, String reason) {
    assertFallback(r, RAW, reason);
  }

  /** The engine's own result for {@code raw}, labelled with why the model's was not used. */
  private void assertFallback(CleaningResult r, String raw, String reason) {
    CleaningResult expected = engine.clean(Speaker.USER, raw, CleaningLevel.FULL, context).await();
    assertThat(r.model()).isEqualTo(DETERMINISTIC + " (fallback: " + reason + ")");
    assertThat(r.cleanedText()).isEqualTo(expected.cleanedText());
    assertThat(r.corrections()).isEqualTo(expected.corrections());
    assertThat(r.timingBreakdownMs()).containsKey("llm_request");
  }

  private static JsonObject correction(
      String original, String corrected, String confidence, String reason) {
    return new JsonObject()
        .put("original", original)
        .put("corrected", corrected)
        .put("confidence", confidence)
        .put("reason", reason);
  }
}
