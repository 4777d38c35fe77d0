package io.cleanercontext.api;

import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.Principal;
import io.cleanercontext.security.Scope;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Authentication and authorization of every API route: the bearer token becomes the request's
 * {@link Principal} ({@link #handle}, before routing); each route declares the scope it needs on
 * itself, {@code api.post(path).handler(Access.require(Scope.WRITE)).handler(...)}, so the check
 * runs only once the router has matched the normalised path and no spelling of a path can change
 * it. A route that declared no scope cannot read the principal ({@link #principal} fails), so a
 * forgotten declaration is an error, never an open door. Each route then reads and writes only the
 * principal's tenant, and a conversation the token does not cover is answered 404, like one that
 * does not exist.
 */
final class Access {
  private static final String KEY = "cc.principal";
  private static final String CHECKED = "cc.scope.checked";

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
    authenticator
        .authenticate(Authenticator.bearer(ctx.request().getHeader("Authorization")))
        .onComplete(
            ar -> {
              ctx.request().resume();
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              ctx.put(KEY, ar.result());
              ctx.next();
            });
  }

  /** The handler a route installs before its own: refuses (403) a token without {@code scope}. */
  static Handler<RoutingContext> require(Scope scope) {
    return ctx -> {
      Principal principal = ctx.get(KEY);
      if (principal == null) {
        ctx.fail(Authenticator.unauthorized("a bearer token is required"));
        return;
      }
      if (!principal.has(scope.wireName())) {
        ctx.fail(Authenticator.forbidden("this route needs the '" + scope.wireName() + "' scope"));
        return;
      }
      ctx.put(CHECKED, scope);
      ctx.next();
    };
  }

  static Principal principal(RoutingContext ctx) {
    if (ctx.get(CHECKED) == null) {
      throw new IllegalStateException(
          "route " + ctx.normalizedPath() + " declared no scope (Access.require)");
    }
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
