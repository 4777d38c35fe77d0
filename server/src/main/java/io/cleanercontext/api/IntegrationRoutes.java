package io.cleanercontext.api;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.integrations.Source;
import io.cleanercontext.integrations.SpeakerMap;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.IntegrationRow;
import io.cleanercontext.store.IntegrationStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's integrations with voice pipelines: create, list, read, replace, delete. Their secrets
 * are written, never read back; changing them needs the {@code admin} scope, reading them {@code
 * read}. Each answer names the integration's hook URL, the one to give the platform ({@link
 * IntegrationHookRoute}).
 */
final class IntegrationRoutes {
  private static final int MIN_SECRET = 8;
  private static final int MAX_SECRET = 512;
  private static final int MAX_SPEAKERS = 32;

  private final IntegrationStore integrations;
  private final int maxPageSize;

  IntegrationRoutes(IntegrationStore integrations, int maxPageSize) {
    this.integrations = integrations;
    this.maxPageSize = maxPageSize;
  }

  void mount(Router api) {
    api.post("/integrations").handler(Access.require(Scope.ADMIN)).handler(this::create);
    api.get("/integrations").handler(Access.require(Scope.READ)).handler(this::list);
    api.get("/integrations/:id").handler(Access.require(Scope.READ)).handler(this::get);
    api.put("/integrations/:id").handler(Access.require(Scope.ADMIN)).handler(this::replace);
    api.delete("/integrations/:id").handler(Access.require(Scope.ADMIN)).handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    IntegrationStore.Settings settings = settings(Requests.jsonBody(ctx), null);
    integrations
        .create(Access.tenant(ctx), settings)
        .onSuccess(
            row -> {
              ctx.response().putHeader("Location", "/api/v1/integrations/" + row.id());
              Responses.json(ctx, 201, body(row));
            })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int limit = Requests.intQuery(ctx, "limit", 100, 1, maxPageSize);
    integrations
        .list(Access.tenant(ctx), limit)
        .onSuccess(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(body(r)));
              Responses.json(ctx, new JsonObject().put("items", items).put("limit", limit));
            })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    integrations
        .get(Access.tenant(ctx), id)
        .map(row -> found(row, id))
        .onSuccess(row -> Responses.json(ctx, body(row)))
        .onFailure(ctx::fail);
  }

  /** Replaces the settings; without {@code secret} the secret stays (rotation sends a new one). */
  private void replace(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    String tenant = Access.tenant(ctx);
    JsonObject body = Requests.jsonBody(ctx);
    integrations
        .get(tenant, id)
        .compose(row -> integrations.update(tenant, id, settings(body, found(row, id).source())))
        .map(row -> found(row, id))
        .onSuccess(row -> Responses.json(ctx, body(row)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    integrations
        .delete(Access.tenant(ctx), id)
        .onSuccess(
            deleted -> {
              if (!deleted) {
                ctx.fail(notFound(id));
                return;
              }
              ctx.response().setStatusCode(204).end();
            })
        .onFailure(ctx::fail);
  }

  /**
   * The settings of a create ({@code existingSource} null: {@code source} and {@code secret}
   * required) or a replace (the source stays; {@code secret} optional).
   */
  private static IntegrationStore.Settings settings(JsonObject body, String existingSource) {
    Source source;
    if (existingSource == null) {
      String name = Fields.requiredString(body, "source");
      source =
          Source.fromWire(name)
              .orElseThrow(() -> bad("source must be one of " + Source.names(), "source"));
    } else {
      source = Source.fromWire(existingSource).orElseThrow();
      String given = Fields.optionalString(body, "source");
      if (given != null && !given.equals(existingSource)) {
        throw bad("source cannot change; create another integration", "source");
      }
    }
    String name = Fields.optionalString(body, "name");
    name = name == null || name.isBlank() ? source.wireName() : name.strip();
    if (name.length() > 200) {
      throw bad("name must be at most 200 characters", "name");
    }
    String secret = Fields.optionalString(body, "secret");
    if (secret == null && existingSource == null) {
      throw bad(
          "secret is required: the platform's signing key, shared secret or auth token", "secret");
    }
    if (secret != null
        && (secret.length() < MIN_SECRET
            || secret.length() > MAX_SECRET
            || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      throw bad(
          "secret must be " + MIN_SECRET + " to " + MAX_SECRET + " printable ASCII characters",
          "secret");
    }
    JsonObject speakers = object(body, "speakers");
    if (speakers.size() > MAX_SPEAKERS) {
      throw bad("speakers may map at most " + MAX_SPEAKERS + " speakers", "speakers");
    }
    Map<String, String> labels = new HashMap<>();
    for (String key : speakers.fieldNames()) {
      if (!(speakers.getValue(key) instanceof String label)) {
        throw bad("speakers." + key + " must be a speaker label", "speakers." + key);
      }
      labels.put(key, label);
    }
    SpeakerMap.of(source, labels); // refuses unknown labels, naming the key
    JsonObject options = object(body, "options");
    String level = Fields.optionalString(body, "cleaning_level");
    if (level != null && CleaningLevel.fromWire(level).isEmpty()) {
      throw bad("cleaning_level must be one of none, light, full, auto", "cleaning_level");
    }
    return new IntegrationStore.Settings(
        source.wireName(),
        name,
        secret,
        speakers,
        options,
        publicUrl(Fields.optionalString(body, "public_url")),
        level == null ? CleaningLevel.FULL.wireName() : level);
  }

  private static String publicUrl(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (web && uri.getHost() != null && url.length() <= 2000) {
        return url;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw bad("public_url must be an absolute http(s) URL", "public_url");
  }

  private static JsonObject object(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw bad(field + " must be an object", field);
    }
    return object;
  }

  /** An integration as the API shows it: everything but its secret, and its hook URL. */
  static JsonObject body(IntegrationRow row) {
    return new JsonObject()
        .put("id", row.id().toString())
        .put("source", row.source())
        .put("name", row.name())
        .put("hook_path", IntegrationHookRoute.hookPath(row.source(), row.id()))
        .put("secret_set", true)
        .put("speakers", row.speakers())
        .put("options", row.options())
        .put("public_url", row.publicUrl())
        .put("cleaning_level", row.cleaningLevel())
        .put("created_at", row.createdAt() == null ? null : row.createdAt().toString())
        .put("updated_at", row.updatedAt() == null ? null : row.updatedAt().toString());
  }

  private static IntegrationRow found(IntegrationRow row, UUID id) {
    if (row == null) {
      throw notFound(id);
    }
    return row;
  }

  static ServiceException notFound(UUID id) {
    return new ServiceException(ErrorCode.NOT_FOUND, "no integration " + id);
  }

  private static ServiceException bad(String message, String field) {
    return new ServiceException(ErrorCode.BAD_REQUEST, message, field);
  }
}
