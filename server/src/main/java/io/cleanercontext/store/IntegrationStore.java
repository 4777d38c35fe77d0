package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Integrations with voice pipelines and the calls they opened, in PostgreSQL. All of their SQL is
 * here. Every read and write of a tenant's integrations is scoped by the tenant, except {@link
 * #find}, which a platform's request uses before anything tells its tenant (its secret then proves
 * it is the integration's).
 */
public final class IntegrationStore {
  private static final String COLUMNS =
      "id, tenant, source, name, secret, speakers, options, public_url, cleaning_level,"
          + " created_at, updated_at";
  private static final String INSERT =
      "INSERT INTO integrations (id, tenant, source, name, secret, speakers, options, public_url,"
          + " cleaning_level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "
          + COLUMNS;
  private static final String UPDATE =
      "UPDATE integrations SET name = $3, secret = COALESCE($4, secret), speakers = $5,"
          + " options = $6, public_url = $7, cleaning_level = $8, updated_at = now()"
          + " WHERE id = $1 AND tenant = $2 RETURNING "
          + COLUMNS;
  private static final String SELECT_ONE =
      "SELECT " + COLUMNS + " FROM integrations WHERE id = $1 AND tenant = $2";
  private static final String FIND = "SELECT " + COLUMNS + " FROM integrations WHERE id = $1";
  private static final String SELECT_ALL =
      "SELECT "
          + COLUMNS
          + " FROM integrations WHERE tenant = $1 ORDER BY created_at DESC, id LIMIT $2";
  private static final String DELETE = "DELETE FROM integrations WHERE id = $1 AND tenant = $2";

  /**
   * Claims the call for a new conversation; a concurrent or earlier first message has claimed it
   * already when nothing is returned (the primary key decides, the loser waits for its commit).
   */
  private static final String CLAIM_CALL =
      "INSERT INTO integration_calls (tenant, source, external_call_id, integration_id,"
          + " conversation_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING"
          + " RETURNING conversation_id";

  private static final String INSERT_CONVERSATION =
      "INSERT INTO conversations (id, name, metadata, tenant) VALUES ($1, $2, $3, $4)";
  private static final String CALL_CONVERSATION =
      "SELECT conversation_id FROM integration_calls"
          + " WHERE tenant = $1 AND source = $2 AND external_call_id = $3";
  private static final String END_CALL =
      "UPDATE integration_calls SET ended_at = COALESCE(ended_at, now())"
          + " WHERE tenant = $1 AND source = $2 AND external_call_id = $3";

  private final Pool pool;

  public IntegrationStore(Pool pool) {
    this.pool = pool;
  }

  /** What a tenant sets on an integration; {@code secret} null on an update keeps the old one. */
  public record Settings(
      String source,
      String name,
      String secret,
      JsonObject speakers,
      JsonObject options,
      String publicUrl,
      String cleaningLevel) {}

  public Future<IntegrationRow> create(String tenant, Settings s) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(UUID.randomUUID(), tenant, s.source(), s.name(), s.secret(), s.speakers())
                .addValue(s.options())
                .addValue(s.publicUrl())
                .addValue(s.cleaningLevel()))
        .map(rows -> IntegrationRow.of(rows.iterator().next()));
  }

  /** The updated integration, or null when the tenant has none with this id. */
  public Future<IntegrationRow> update(String tenant, UUID id, Settings s) {
    return pool.preparedQuery(UPDATE)
        .execute(
            Tuple.of(id, tenant, s.name(), s.secret(), s.speakers(), s.options())
                .addValue(s.publicUrl())
                .addValue(s.cleaningLevel()))
        .map(IntegrationStore::first);
  }

  /** The tenant's integration, or null. */
  public Future<IntegrationRow> get(String tenant, UUID id) {
    return pool.preparedQuery(SELECT_ONE)
        .execute(Tuple.of(id, tenant))
        .map(IntegrationStore::first);
  }

  /** Any tenant's integration by id, or null: for a platform's request, verified after. */
  public Future<IntegrationRow> find(UUID id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(IntegrationStore::first);
  }

  public Future<List<IntegrationRow>> list(String tenant, int limit) {
    return pool.preparedQuery(SELECT_ALL)
        .execute(Tuple.of(tenant, limit))
        .map(
            rows -> {
              List<IntegrationRow> out = new ArrayList<>(rows.size());
              rows.forEach(r -> out.add(IntegrationRow.of(r)));
              return out;
            });
  }

  /** Whether the tenant had the integration (its calls' conversations stay). */
  public Future<Boolean> delete(String tenant, UUID id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id, tenant)).map(r -> r.rowCount() > 0);
  }

  /**
   * The conversation of a platform's call, created (named after the call, its metadata naming the
   * source, call and integration) on the call's first message. Concurrent first messages get the
   * same conversation.
   */
  public Future<UUID> conversationOf(IntegrationRow integration, String externalCallId) {
    // Most messages are of a call already known: one primary-key read, no write.
    return pool.preparedQuery(CALL_CONVERSATION)
        .execute(Tuple.of(integration.tenant(), integration.source(), externalCallId))
        .compose(
            rows ->
                rows.size() > 0
                    ? Future.succeededFuture(rows.iterator().next().getUUID("conversation_id"))
                    : claim(integration, externalCallId));
  }

  /** The conversation of a platform's call, or null when no message of it created one yet. */
  public Future<UUID> knownConversation(IntegrationRow integration, String externalCallId) {
    return pool.preparedQuery(CALL_CONVERSATION)
        .execute(Tuple.of(integration.tenant(), integration.source(), externalCallId))
        .map(rows -> rows.size() > 0 ? rows.iterator().next().getUUID("conversation_id") : null);
  }

  private Future<UUID> claim(IntegrationRow integration, String externalCallId) {
    UUID fresh = UUID.randomUUID();
    Tuple call = Tuple.of(integration.tenant(), integration.source(), externalCallId);
    return pool.<UUID>withTransaction(
            conn ->
                conn.preparedQuery(CLAIM_CALL)
                    .execute(
                        Tuple.of(
                            integration.tenant(),
                            integration.source(),
                            externalCallId,
                            integration.id(),
                            fresh))
                    .compose(
                        claimed -> {
                          if (claimed.size() == 0) {
                            return Future.succeededFuture((UUID) null);
                          }
                          JsonObject metadata =
                              new JsonObject()
                                  .put("source", integration.source())
                                  .put("external_call_id", externalCallId)
                                  .put("integration_id", integration.id().toString());
                          return conn.preparedQuery(INSERT_CONVERSATION)
                              .execute(
                                  Tuple.of(
                                      fresh,
                                      integration.source() + " call " + externalCallId,
                                      metadata,
                                      integration.tenant()))
                              .map(r -> fresh);
                        }))
        .compose(
            created ->
                created != null
                    ? Future.succeededFuture(created)
                    : pool.preparedQuery(CALL_CONVERSATION)
                        .execute(call)
                        .map(rows -> rows.iterator().next().getUUID("conversation_id")));
  }

  /** Records that the platform said the call is over (the first time only). */
  public Future<Void> endCall(IntegrationRow integration, String externalCallId) {
    return pool.preparedQuery(END_CALL)
        .execute(Tuple.of(integration.tenant(), integration.source(), externalCallId))
        .mapEmpty();
  }

  private static IntegrationRow first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : IntegrationRow.of(rows.iterator().next());
  }
}
