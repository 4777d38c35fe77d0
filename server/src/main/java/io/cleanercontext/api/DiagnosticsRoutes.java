package io.cleanercontext.api;

import io.cleanercontext.config.DiagnosticsSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.security.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /diagnostics/run} and {@code GET /diagnostics/last}; the diagnostics verticle does
 * the work.
 */
final class DiagnosticsRoutes {
  private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d+) ms");

  private final Vertx vertx;
  private final DiagnosticsSettings settings;

  DiagnosticsRoutes(Vertx vertx, DiagnosticsSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  void mount(Router api) {
    api.post("/diagnostics/run").handler(Access.require(Scope.ADMIN)).handler(this::run);
    api.get("/diagnostics/last").handler(Access.require(Scope.ADMIN)).handler(this::last);
  }

  private void run(RoutingContext ctx) {
    long timeout = settings.timeLimitMs() + 10_000L;
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.DIAGNOSTICS_RUN,
            new JsonObject(),
            new DeliveryOptions().setSendTimeout(timeout))
        .onSuccess(reply -> Responses.json(ctx, reply.body()))
        .onFailure(
            e -> {
              if (e instanceof ReplyException re
                  && ErrorCode.of(re.failureCode()) == ErrorCode.TOO_MANY_REQUESTS) {
                ctx.response()
                    .putHeader("Retry-After", Long.toString(retryAfterSeconds(re.getMessage())));
              }
              ctx.fail(e);
            });
  }

  /** The wait the diagnostics verticle names ("retry in N ms"), in whole seconds rounded up. */
  private long retryAfterSeconds(String message) {
    Matcher m = RETRY_IN.matcher(message == null ? "" : message);
    long ms = m.find() ? Long.parseLong(m.group(1)) : settings.minIntervalMs();
    return Math.max(1, (ms + 999) / 1000);
  }

  private void last(RoutingContext ctx) {
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.DIAGNOSTICS_LAST, new JsonObject())
        .onSuccess(reply -> Responses.json(ctx, reply.body()))
        .onFailure(ctx::fail);
  }
}
