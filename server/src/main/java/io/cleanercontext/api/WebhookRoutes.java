package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.security.Scope;
import io.cleanercontext.security.WebhookSecrets;
import io.cleanercontext.store.WebhookDeliveryLog;
import io.cleanercontext.store.WebhookEndpoints;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's webhook endpoints and their deliveries: manage endpoints (the secret is shown on
 * creation and rotation only), list recent deliveries, read one's attempt log, resend one, send a
 * test event. Reading needs {@code read}; every change needs {@code write}. A token limited to
 * named conversations manages no endpoints (they see every conversation of the tenant).
 */
final class WebhookRoutes {
  static final int MAX_ENDPOINTS_PER_TENANT = 20;
  static final long DEFAULT_OVERLAP_SECONDS = 86_400;
  static final long MAX_OVERLAP_SECONDS = 7 * 86_400;
  private static final Set<String> STATES = Set.of("pending", "delivered", "dead");

  private final WebhookEndpoints endpoints;
  private final WebhookDeliveryLog log;
  private final WebhookRequests requests;

  WebhookRoutes(WebhookEndpoints endpoints, WebhookDeliveryLog log, WebhookRequests requests) {
    this.endpoints = endpoints;
    this.log = log;
    this.requests = requests;
  }

  void mount(Router api) {
    String one = "/webhooks/endpoints/:id";
    api.get("/webhooks/endpoints").handler(Access.require(Scope.READ)).handler(this::list);
    api.post("/webhooks/endpoints").handler(Access.require(Scope.WRITE)).handler(this::create);
    api.get(one).handler(Access.require(Scope.READ)).handler(this::get);
    api.put(one).handler(Access.require(Scope.WRITE)).handler(this::update);
    api.delete(one).handler(Access.require(Scope.WRITE)).handler(this::delete);
    api.post(one + "/rotate-secret").handler(Access.require(Scope.WRITE)).handler(this::rotate);
    api.post(one + "/test").handler(Access.require(Scope.WRITE)).handler(this::test);
    api.get(one + "/deliveries").handler(Access.require(Scope.READ)).handler(this::deliveries);
    api.get("/webhooks/deliveries/:id").handler(Access.require(Scope.READ)).handler(this::delivery);
    api.post("/webhooks/deliveries/:id/resend")
        .handler(Access.require(Scope.WRITE))
        .handler(this::resend);
  }

  private void list(RoutingContext ctx) {
    endpoints
        .list(tenant(ctx))
        .onSuccess(
            list -> {
              JsonArray items = new JsonArray();
              list.forEach(e -> items.add(e.toJson()));
              Responses.json(ctx, new JsonObject().put("endpoints", items));
            })
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    String tenant = tenant(ctx);
    JsonObject body = Requests.jsonBody(ctx);
    String url = Fields.requiredString(body, "url").strip();
    List<String> events = WebhookRequests.events(body);
    String description = WebhookRequests.description(body);
    String secret = WebhookSecrets.generate();
    endpoints
        .list(tenant)
        .compose(
            existing -> {
              if (existing.size() >= MAX_ENDPOINTS_PER_TENANT) {
                throw new ServiceException(
                    ErrorCode.CONFLICT,
                    "a tenant has at most " + MAX_ENDPOINTS_PER_TENANT + " webhook endpoints");
              }
              return requests.url(url);
            })
        .compose(
            checked ->
                endpoints.create(
                    tenant,
                    checked,
                    description == null ? "" : description,
                    events == null ? WebhookRequests.DEFAULT_EVENTS : events,
                    secret))
        .onSuccess(
            e -> {
              ctx.response().putHeader("Location", "/api/v1/webhooks/endpoints/" + e.id());
              Responses.json(ctx, 201, e.toJson().put("secret", secret));
            })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    endpoints
        .find(tenant(ctx), id)
        .map(e -> found(e, id).toJson())
        .onSuccess(json -> Responses.json(ctx, json))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    JsonObject body = Requests.jsonBody(ctx);
    String url = Fields.optionalString(body, "url");
    List<String> events = WebhookRequests.events(body);
    String description = WebhookRequests.description(body);
    Boolean enabled = WebhookRequests.enabled(body);
    Future<String> checked = url == null ? Future.succeededFuture(null) : requests.url(url.strip());
    checked
        .compose(u -> endpoints.update(tenant(ctx), id, u, description, events, enabled))
        .map(e -> found(e, id).toJson())
        .onSuccess(json -> Responses.json(ctx, json))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    endpoints
        .delete(tenant(ctx), id)
        .onSuccess(
            deleted -> {
              if (!deleted) {
                ctx.fail(notFound("webhook endpoint", id.toString()));
                return;
              }
              ctx.response().setStatusCode(204).end();
            })
        .onFailure(ctx::fail);
  }

  private void rotate(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    JsonObject body =
        ctx.body().buffer() == null || ctx.body().buffer().length() == 0
            ? new JsonObject()
            : Requests.jsonBody(ctx);
    Integer overlap = Fields.optionalInt(body, "overlap_seconds", 0, (int) MAX_OVERLAP_SECONDS);
    String secret = WebhookSecrets.generate();
    endpoints
        .rotate(tenant(ctx), id, secret, overlap == null ? DEFAULT_OVERLAP_SECONDS : overlap)
        .map(e -> found(e, id).toJson().put("secret", secret))
        .onSuccess(json -> Responses.json(ctx, json))
        .onFailure(ctx::fail);
  }

  private void test(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
    JsonObject data =
        new JsonObject()
            .put("endpoint_id", id.toString())
            .put("message", "A test event from CleanerContext: this endpoint is reachable.");
    log.test(tenant(ctx), id, messageId, data)
        .map(d -> found(d, id))
        .onSuccess(d -> Responses.json(ctx, 202, d))
        .onFailure(ctx::fail);
  }

  private void deliveries(RoutingContext ctx) {
    UUID id = Requests.uuidParam(ctx, "id");
    String state = ctx.queryParams().get("state");
    if (state != null && !STATES.contains(state)) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "state must be one of pending, delivered, dead", "state");
    }
    long before = Requests.longQuery(ctx, "before", 0, 0, Long.MAX_VALUE);
    int limit = Requests.intQuery(ctx, "limit", 50, 1, 200);
    String tenant = tenant(ctx);
    endpoints
        .find(tenant, id)
        .compose(
            e -> log.recent(tenant, found(e, id).id(), state, before == 0 ? null : before, limit))
        .onSuccess(items -> Responses.json(ctx, new JsonObject().put("deliveries", items)))
        .onFailure(ctx::fail);
  }

  private void delivery(RoutingContext ctx) {
    long id = WebhookRequests.deliveryId(ctx);
    log.withAttempts(tenant(ctx), id)
        .map(d -> found(d, "webhook delivery", id))
        .onSuccess(d -> Responses.json(ctx, d))
        .onFailure(ctx::fail);
  }

  private void resend(RoutingContext ctx) {
    long id = WebhookRequests.deliveryId(ctx);
    String tenant = tenant(ctx);
    log.resend(tenant, id)
        .compose(
            d ->
                d != null
                    ? Future.succeededFuture(d)
                    : log.withAttempts(tenant, id)
                        .map(
                            pending -> {
                              found(pending, "webhook delivery", id);
                              throw new ServiceException(
                                  ErrorCode.CONFLICT,
                                  "webhook delivery "
                                      + id
                                      + " is still pending: it is sent on its own");
                            }))
        .onSuccess(d -> Responses.json(ctx, 202, d))
        .onFailure(ctx::fail);
  }

  /** The tenant whose endpoints these are; a token limited to named conversations has none. */
  private static String tenant(RoutingContext ctx) {
    if (Access.principal(ctx).limitedToNamedConversations()) {
      throw new ServiceException(
          ErrorCode.FORBIDDEN,
          "this token is limited to named conversations: webhooks need a tenant-wide token");
    }
    return Access.tenant(ctx);
  }

  private static <T> T found(T thing, UUID id) {
    return found(thing, "webhook endpoint", id);
  }

  private static <T> T found(T thing, String what, Object id) {
    if (thing == null) {
      throw notFound(what, id.toString());
    }
    return thing;
  }

  private static ServiceException notFound(String what, String id) {
    return new ServiceException(ErrorCode.NOT_FOUND, what + " " + id + " not found", "id");
  }
}
