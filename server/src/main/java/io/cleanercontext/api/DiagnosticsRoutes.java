package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /diagnostics/run} and {@code GET /diagnostics/last}; the diagnostics verticle does the work. */
final class DiagnosticsRoutes {
  private final Vertx vertx;
  private final JsonObject settings;

  DiagnosticsRoutes(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.settings = config.getJsonObject("diagnostics", new JsonObject());
  }

  void mount(Router api) {
    api.post("/diagnostics/run").handler(this::run);
    api.get("/diagnostics/last").handler(this::last);
  }

  private void run(RoutingContext ctx) {
    long timeout = settings.getLong("time_limit_ms", 30_000L) + 10_000L;
    vertx.eventBus().<JsonObject>request(Addresses.DIAGNOSTICS_RUN, new JsonObject(), new DeliveryOptions().setSendTimeout(timeout))
        .onSuccess(reply -> Responses.json(ctx, reply.body()))
        .onFailure(e -> {
          if (e instanceof ReplyException re && ErrorCode.of(re.failureCode()) == ErrorCode.TOO_MANY_REQUESTS) {
            long seconds = Math.max(1, settings.getLong("min_interval_ms", 10_000L) / 1000);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
          }
          ctx.fail(e);
        });
  }

  private void last(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.DIAGNOSTICS_LAST, new JsonObject())
        .onSuccess(reply -> Responses.json(ctx, reply.body()))
        .onFailure(ctx::fail);
  }
}
