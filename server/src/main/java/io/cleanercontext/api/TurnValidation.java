package io.cleanercontext.api;

import io.cleanercontext.config.ApiSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.security.TenantRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** The rules a submitted turn must meet, shared by the HTTP routes and the event-bus bridges. */
final class TurnValidation {
  // Ingest runs beside every API verticle: local delivery keeps a cluster node's submissions off
  // other nodes, so a node that dies cannot take accepted-or-not requests of its peers with it.
  private static final DeliveryOptions SUBMIT =
      new DeliveryOptions().setSendTimeout(10_000).setLocalOnly(true);

  private final int maxChars;
  private final TenantRateLimiter limiter;

  TurnValidation(ApiSettings api, TenantRateLimiter limiter) {
    this.maxChars = api.maxTextChars();
    this.limiter = limiter;
  }

  /**
   * Counts turns against the tenant's rate (cluster-wide with Redis); fails with 429 (with the
   * seconds to wait) when over it, and with 413 when more turns than the tenant's burst come at
   * once.
   */
  Future<Void> limit(String tenant, int turns) {
    if (turns > limiter.burst()) {
      // more than the bucket can ever hold: a 429 would tell the client to retry what can never
      // pass
      return Future.failedFuture(
          new ServiceException(
              ErrorCode.PAYLOAD_TOO_LARGE,
              turns
                  + " turns in one request; at most "
                  + (long) limiter.burst()
                  + " (the tenant's burst, turn_burst_per_tenant) can be accepted at once",
              "turns"));
    }
    return limiter.take(tenant, turns);
  }

  int maxChars() {
    return maxChars;
  }

  /** Validates a turn body into a submission; every problem names its field. */
  TurnSubmission submission(
      UUID conversationId, JsonObject body, String replyTo, long receivedAt, String tenant) {
    String speaker = Requests.requiredString(body, "speaker").strip();
    Speaker role =
        Speaker.fromLabel(speaker)
            .orElseThrow(
                () ->
                    new ServiceException(
                        ErrorCode.BAD_REQUEST,
                        "speaker '"
                            + abbreviate(speaker)
                            + "' is not a known label; use one of "
                            + Speaker.labels(),
                        "speaker"));
    String rawText = Requests.requiredString(body, "raw_text");
    Requests.checkText(rawText, "raw_text", maxChars);
    String level = Requests.optionalString(body, "cleaning_level");
    CleaningLevel cleaningLevel =
        level == null
            ? CleaningLevel.FULL
            : CleaningLevel.fromWire(level)
                .orElseThrow(
                    () ->
                        new ServiceException(
                            ErrorCode.BAD_REQUEST,
                            "cleaning_level must be one of none, light, full, auto",
                            "cleaning_level"));
    Integer window = Requests.optionalInt(body, "sliding_window_size", 1, 100);
    return new TurnSubmission(
        UUID.randomUUID().toString(),
        conversationId.toString(),
        speaker,
        role.wireName(),
        rawText,
        cleaningLevel.wireName(),
        window,
        replyTo,
        receivedAt,
        tenant);
  }

  /**
   * Hands the submission to ingest; replies {turn_id, seq, job_id, ...} once it is stored and
   * enqueued.
   */
  static Future<SubmissionAccepted> submit(Vertx vertx, TurnSubmission submission) {
    return submit(vertx, submission, null);
  }

  /**
   * {@link #submit(Vertx, TurnSubmission)} with an idempotency key (or null): a key already used
   * for the conversation replies the first answer with {@code idempotent_replay: true}.
   */
  static Future<SubmissionAccepted> submit(Vertx vertx, TurnSubmission submission, Key key) {
    JsonObject body = submission.toJson();
    if (key != null) {
      body.put(TurnSubmission.IDEMPOTENCY_KEY, key.value())
          .put(TurnSubmission.REQUEST_HASH, key.requestHash("turn", List.of(submission)));
    }
    return vertx
        .eventBus()
        .<SubmissionAccepted>request(Addresses.TURNS_SUBMIT, body, SUBMIT)
        .map(reply -> reply.body());
  }

  /** Longest Idempotency-Key accepted. */
  static final int MAX_KEY_LENGTH = 255;

  /**
   * An idempotency key as the client sent it (the {@code Idempotency-Key} header, or {@code
   * idempotency_key} on a bridge submit), checked: 1 to 255 printable ASCII characters.
   */
  record Key(String value) {
    /**
     * The checked key, or null when none was sent; {@code field} names the header or field in a
     * 400.
     */
    static Key of(String value, String field) {
      if (value == null) {
        return null;
      }
      boolean printable =
          !value.isBlank()
              && value.length() <= MAX_KEY_LENGTH
              && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
      if (!printable) {
        throw new ServiceException(
            ErrorCode.BAD_REQUEST,
            field + " must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters",
            field);
      }
      return new Key(value);
    }

    /**
     * What makes two requests the same: the kind of request and each validated turn's fields (not
     * its server-chosen id). A retry with another body is told apart by this hash.
     */
    String requestHash(String kind, List<TurnSubmission> submissions) {
      StringBuilder canonical = new StringBuilder(kind);
      for (TurnSubmission s : submissions) {
        canonical
            .append('\0')
            .append(s.speaker())
            .append('\0')
            .append(s.rawText())
            .append('\0')
            .append(s.cleaningLevel())
            .append('\0')
            .append(s.windowSize())
            .append('\0')
            .append(s.replyTo() != null);
      }
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Validates every turn of a batch body ({@code {turns: [...]}}, 1 to {@code maxTurns}) before any
   * is stored; a problem names the turn, e.g. {@code turns[3].raw_text}.
   */
  List<TurnSubmission> submissions(
      UUID conversationId, JsonObject body, long receivedAt, String tenant, int maxTurns) {
    Object value = body.getValue("turns");
    if (!(value instanceof JsonArray turns) || turns.isEmpty() || turns.size() > maxTurns) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "turns must be an array of 1 to " + maxTurns + " turns", "turns");
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

  /**
   * Hands turns of one conversation to ingest as one unit; replies {accepted: [...]} once all are
   * stored and enqueued.
   */
  static Future<SubmissionAccepted> submitAll(Vertx vertx, List<TurnSubmission> submissions) {
    return submitAll(vertx, submissions, null);
  }

  /** {@link #submitAll(Vertx, List)} with an idempotency key for the whole batch (or null). */
  static Future<SubmissionAccepted> submitAll(
      Vertx vertx, List<TurnSubmission> submissions, Key key) {
    JsonArray array = new JsonArray();
    submissions.forEach(s -> array.add(s.toJson()));
    JsonObject body = new JsonObject().put("submissions", array);
    if (key != null) {
      body.put(TurnSubmission.IDEMPOTENCY_KEY, key.value())
          .put(TurnSubmission.REQUEST_HASH, key.requestHash("batch", submissions));
    }
    return vertx
        .eventBus()
        .<SubmissionAccepted>request(Addresses.TURNS_SUBMIT_BATCH, body, SUBMIT)
        .map(reply -> reply.body());
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
