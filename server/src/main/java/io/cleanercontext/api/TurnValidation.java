package io.cleanercontext.api;

import io.cleanercontext.cleaner.engine.CleaningLevel;
import io.cleanercontext.cleaner.engine.Speaker;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.security.TenantRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The rules a submitted turn must meet, shared by the HTTP routes and the event-bus bridges. */
final class TurnValidation {
  // Ingest runs beside every API verticle: local delivery keeps a cluster node's submissions off
  // other nodes, so a node that dies cannot take accepted-or-not requests of its peers with it.
  private static final DeliveryOptions SUBMIT = new DeliveryOptions().setSendTimeout(10_000).setLocalOnly(true);

  private final int maxChars;
  private final TenantRateLimiter limiter;

  TurnValidation(JsonObject config, TenantRateLimiter limiter) {
    this.maxChars = config.getJsonObject("api").getInteger("max_text_chars", 10_000);
    this.limiter = limiter;
  }

  /** Counts turns against the tenant's rate; throws 429 (with the seconds to wait) when over it. */
  void limit(String tenant, int turns) {
    if (turns > limiter.burst()) {
      // more than the bucket can ever hold: a 429 would tell the client to retry what can never pass
      throw new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, turns + " turns in one request; at most "
          + (long) limiter.burst() + " (the tenant's burst, turn_burst_per_tenant) can be accepted at once", "turns");
    }
    limiter.acquire(tenant, turns);
  }

  int maxChars() {
    return maxChars;
  }

  /** Validates a turn body into a submission; every problem names its field. */
  TurnSubmission submission(UUID conversationId, JsonObject body, String replyTo, long receivedAt, String tenant) {
    String speaker = Requests.requiredString(body, "speaker").strip();
    Speaker role = Speaker.fromLabel(speaker).orElseThrow(() -> new ServiceException(ErrorCode.BAD_REQUEST,
        "speaker '" + abbreviate(speaker) + "' is not a known label; use one of " + Speaker.labels(), "speaker"));
    String rawText = Requests.requiredString(body, "raw_text");
    Requests.checkText(rawText, "raw_text", maxChars);
    String level = Requests.optionalString(body, "cleaning_level");
    CleaningLevel cleaningLevel = level == null ? CleaningLevel.FULL : CleaningLevel.fromWire(level)
        .orElseThrow(() -> new ServiceException(ErrorCode.BAD_REQUEST,
            "cleaning_level must be one of none, light, full, auto", "cleaning_level"));
    Integer window = Requests.optionalInt(body, "sliding_window_size", 1, 100);
    return new TurnSubmission(UUID.randomUUID().toString(), conversationId.toString(), speaker, role.wireName(),
        rawText, cleaningLevel.wireName(), window, replyTo, receivedAt, tenant);
  }

  /** Hands the submission to ingest; replies {turn_id, seq, job_id, ...} once it is stored and enqueued. */
  static Future<JsonObject> submit(Vertx vertx, TurnSubmission submission) {
    return vertx.eventBus().<JsonObject>request(Addresses.TURNS_SUBMIT, submission.toJson(), SUBMIT)
        .map(reply -> reply.body());
  }

  /**
   * Validates every turn of a batch body ({@code {turns: [...]}}, 1 to {@code maxTurns}) before any
   * is stored; a problem names the turn, e.g. {@code turns[3].raw_text}.
   */
  List<TurnSubmission> submissions(UUID conversationId, JsonObject body, long receivedAt, String tenant,
      int maxTurns) {
    Object value = body.getValue("turns");
    if (!(value instanceof JsonArray turns) || turns.isEmpty() || turns.size() > maxTurns) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "turns must be an array of 1 to " + maxTurns + " turns", "turns");
    }
    List<TurnSubmission> submissions = new ArrayList<>(turns.size());
    for (int i = 0; i < turns.size(); i++) {
      String at = "turns[" + i + "]";
      if (!(turns.getValue(i) instanceof JsonObject turn)) {
        throw new ServiceException(ErrorCode.BAD_REQUEST, at + " must be an object", at);
      }
      try {
        submissions.add(submission(conversationId, turn, null, receivedAt, tenant));
      } catch (ServiceException e) {
        String field = e.field() == null ? at : at + "." + e.field();
        throw new ServiceException(e.code(), at + ": " + e.getMessage(), field);
      }
    }
    return submissions;
  }

  /** Hands turns of one conversation to ingest as one unit; replies {accepted: [...]} once all are stored and enqueued. */
  static Future<JsonObject> submitAll(Vertx vertx, List<TurnSubmission> submissions) {
    JsonArray array = new JsonArray();
    submissions.forEach(s -> array.add(s.toJson()));
    return vertx.eventBus().<JsonObject>request(Addresses.TURNS_SUBMIT_BATCH, new JsonObject().put("submissions", array),
        SUBMIT).map(reply -> reply.body());
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
