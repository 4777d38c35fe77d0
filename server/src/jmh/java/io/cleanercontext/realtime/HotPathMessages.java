package io.cleanercontext.realtime;

import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnEvents;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.contract.TurnJob;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Messages shaped like the ones a cleaned user turn produces, for the hot-path benchmarks. */
public final class HotPathMessages {
  private static final String CONVERSATION = UUID.randomUUID().toString();
  private static final String TURN = UUID.randomUUID().toString();
  private static final String RAW = "um so we we use sales force for the the pipeline and uh hub spot for marketing";

  private HotPathMessages() {
  }

  public static String conversationId() {
    return CONVERSATION;
  }

  /** The stored turn as the API and the events show it. */
  public static JsonObject turn() {
    return storedTurn().toJson();
  }

  /** The stored turn as PostgreSQL hands it back. */
  public static StoredTurn storedTurn() {
    JsonObject metadata = new JsonObject().put("label", "entity_correction").put("confidence", "medium")
        .put("applied_level", "full").put("processing_ms", 0.412)
        .put("corrections", new JsonArray().add(new JsonObject().put("from", "sales force").put("to", "Salesforce")
            .put("confidence", "medium").put("reason", "split_term")))
        .put("timings_ms", new JsonObject().put("normalizer", 0.01).put("stutter", 0.02).put("fillers", 0.03)
            .put("contextual", 0.2));
    return new StoredTurn(TURN, CONVERSATION, 42L, "User", Speaker.USER, RAW,
        "So we use Salesforce for the pipeline and HubSpot for marketing.", TurnStatus.CLEANED, "full", metadata,
        null, 0, OffsetDateTime.parse("2026-11-26T23:00:00.123456Z"), OffsetDateTime.parse("2026-11-26T23:00:00.125Z"),
        OffsetDateTime.parse("2026-11-26T23:00:00.131Z"), List.of());
  }

  /** The event every subscriber of the conversation receives. */
  public static JsonObject turnEvent() {
    return TurnEvents.of(storedTurn());
  }

  /** The queue entry of the turn's job, carrying the turn. */
  public static JsonObject jobEntry() {
    long now = System.currentTimeMillis();
    return new TurnJob(UUID.randomUUID().toString(), CONVERSATION, 42, 1, Speaker.USER, now,
        new TurnToClean(TURN, 42, Speaker.USER, RAW, "full", 10, 0, now)).toJson();
  }
}
