package io.cleanercontext.store;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnSubmission;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code idempotency_keys} table: a submission's key, claimed in the transaction that stores
 * its pending turns, and the first answer of a key claimed before. All of its SQL is here.
 */
public final class IdempotencyKeys {
  /**
   * Claims the keys, each for its own tenant's conversation only (another tenant's id claims
   * nothing), taking over a key older than the window that the purge has not removed yet. A key
   * claimed by a concurrent transaction waits for it: after its commit this one claims nothing.
   */
  private static final String CLAIM =
      "INSERT INTO idempotency_keys (tenant, conversation_id, key, request_hash, turns)"
          + " SELECT k.tenant, k.conversation_id, k.key, k.request_hash, k.turns::jsonb"
          + " FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[])"
          + " AS k(tenant, conversation_id, key, request_hash, turns)"
          + " JOIN conversations c ON c.id = k.conversation_id AND c.tenant = k.tenant"
          + " ON CONFLICT (tenant, conversation_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,"
          + " turns = EXCLUDED.turns, created_at = now()"
          + " WHERE idempotency_keys.created_at < now() - make_interval(secs => $6::float8 / 1000)"
          + " RETURNING tenant, conversation_id, key";

  /**
   * The first answers of keys: their request hash and turns, in the keys' order, each in request
   * order.
   */
  private static final String LOOKUP =
      "SELECT k.ord, i.request_hash, e.v->>'turn_id' AS turn_id, e.v->>'job_id' AS job_id,"
          + " (e.v->>'queued_at')::bigint AS queued_at, t.seq, t.role"
          + " FROM unnest($1::text[], $2::uuid[], $3::text[]) WITH ORDINALITY AS k(tenant, conversation_id, key, ord)"
          + " JOIN idempotency_keys i ON i.tenant = k.tenant AND i.conversation_id = k.conversation_id AND i.key = k.key"
          + " CROSS JOIN LATERAL jsonb_array_elements(i.turns) WITH ORDINALITY AS e(v, n)"
          + " JOIN turns t ON t.id = (e.v->>'turn_id')::uuid"
          + " ORDER BY k.ord, e.n";

  private static final String PURGE =
      "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1::float8 / 1000)";

  private IdempotencyKeys() {}

  /**
   * A submission's key and what its first answer will hold besides the seqs.
   *
   * @param jobIds one job id per turn, chosen before the insert so the answer can be stored with it
   * @param queuedAt epoch millis given as the answer's {@code queued_at}
   * @param windowMs how long a key holds
   */
  public record Idempotency(
      String key, String requestHash, List<String> jobIds, long queuedAt, long windowMs) {}

  /** One turn of a first answer, as stored. */
  public record AnsweredTurn(String turnId, String jobId, long queuedAt, long seq, Speaker role) {}

  /** The first answer of a key: whether the retry's body is the first one's, and its turns. */
  public record Replay(boolean sameRequest, List<AnsweredTurn> turns) {}

  /** A key to claim or look up: the group's tenant and conversation. */
  record Claim(
      String tenant, String conversationId, Idempotency idempotency, List<TurnSubmission> turns) {
    String id() {
      return tenant + "/" + conversationId + "/" + idempotency.key();
    }
  }

  /**
   * Claims the keys; returns the ids ({@link Claim#id()}) of those now held by this transaction.
   */
  static Future<Set<String>> claim(SqlClient client, List<Claim> claims) {
    int n = claims.size();
    String[] tenants = new String[n];
    UUID[] conversations = new UUID[n];
    String[] keys = new String[n];
    String[] hashes = new String[n];
    String[] turns = new String[n];
    for (int i = 0; i < n; i++) {
      Claim c = claims.get(i);
      tenants[i] = c.tenant();
      conversations[i] = UUID.fromString(c.conversationId());
      keys[i] = c.idempotency().key();
      hashes[i] = c.idempotency().requestHash();
      JsonArray answer = new JsonArray();
      for (int t = 0; t < c.turns().size(); t++) {
        answer.add(
            new JsonObject()
                .put("turn_id", c.turns().get(t).turnId())
                .put("job_id", c.idempotency().jobIds().get(t))
                .put("queued_at", c.idempotency().queuedAt()));
      }
      turns[i] = answer.encode();
    }
    long windowMs = claims.get(0).idempotency().windowMs();
    return client
        .preparedQuery(CLAIM)
        .execute(Tuple.of(tenants, conversations, keys, hashes, turns, windowMs))
        .map(
            rows -> {
              Set<String> claimed = new HashSet<>();
              for (Row row : rows) {
                claimed.add(
                    row.getString("tenant")
                        + "/"
                        + row.getUUID("conversation_id")
                        + "/"
                        + row.getString("key"));
              }
              return claimed;
            });
  }

  /**
   * The first answers of the keys, in their order: null for a key held by no one (no such
   * conversation).
   */
  static Future<List<Replay>> lookup(SqlClient client, List<Claim> claims) {
    int n = claims.size();
    String[] tenants = new String[n];
    UUID[] conversations = new UUID[n];
    String[] keys = new String[n];
    List<String> hashes = new ArrayList<>(n);
    List<List<AnsweredTurn>> turns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Claim c = claims.get(i);
      tenants[i] = c.tenant();
      conversations[i] = UUID.fromString(c.conversationId());
      keys[i] = c.idempotency().key();
      hashes.add(null);
      turns.add(new ArrayList<>());
    }
    return client
        .preparedQuery(LOOKUP)
        .execute(Tuple.of(tenants, conversations, keys))
        .map(
            rows -> {
              for (Row row : rows) {
                int i = (int) (row.getLong("ord") - 1);
                hashes.set(i, row.getString("request_hash"));
                turns
                    .get(i)
                    .add(
                        new AnsweredTurn(
                            row.getString("turn_id"),
                            row.getString("job_id"),
                            row.getLong("queued_at"),
                            row.getLong("seq"),
                            Speaker.ofWire(row.getString("role"))));
              }
              List<Replay> replays = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                replays.add(
                    hashes.get(i) == null
                        ? null
                        : new Replay(
                            hashes.get(i).equals(claims.get(i).idempotency().requestHash()),
                            turns.get(i)));
              }
              return replays;
            });
  }

  /** Deletes the keys older than the window; returns how many. */
  public static Future<Integer> purge(SqlClient client, long windowMs) {
    return client.preparedQuery(PURGE).execute(Tuple.of(windowMs)).map(rows -> rows.rowCount());
  }
}
