package io.cleanercontext.api;

import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.Principal;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Authentication and authorization of every API route: the bearer token becomes the request's
 * {@link Principal}; the route's scope is checked here (admin for queue control and diagnostics,
 * read for reads, write for the rest); each route then reads and writes only the principal's
 * tenant, and a conversation the token does not cover is answered 404, like one that does not exist.
 */
final class Access {
  private static final String KEY = "cc.principal";

  private final Authenticator authenticator;

  Access(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  void handle(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      ctx.next();
      return;
    }
    ctx.request().pause();
    authenticator.authenticate(Authenticator.bearer(ctx.request().getHeader("Authorization"))).onComplete(ar -> {
      ctx.request().resume();
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Principal principal = ar.result();
      String scope = scopeOf(ctx.request().method(), ctx.request().path());
      if (!principal.has(scope)) {
        ctx.fail(Authenticator.forbidden("this route needs the '" + scope + "' scope"));
        return;
      }
      ctx.put(KEY, principal);
      ctx.next();
    });
  }

  static String scopeOf(HttpMethod method, String path) {
    if (path.contains("/diagnostics/") || path.endsWith("/conversations/queue/start")
        || path.endsWith("/conversations/queue/stop")) {
      return Principal.ADMIN;
    }
    return method == HttpMethod.GET || method == HttpMethod.HEAD ? Principal.READ : Principal.WRITE;
  }

  static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    return principal == null ? Principal.LOCAL : principal;
  }

  static String tenant(RoutingContext ctx) {
    return principal(ctx).tenant();
  }

  /** A conversation outside the token's named ones is "not found", so ids do not leak. */
  static UUID conversation(RoutingContext ctx, UUID id) {
    if (!principal(ctx).covers(id.toString())) {
      throw ConversationRoutes.notFound(id);
    }
    return id;
  }
}
