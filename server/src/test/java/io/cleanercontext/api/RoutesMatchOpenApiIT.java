package io.cleanercontext.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.AppConfig;
import io.cleanercontext.ingest.Ingest;
import io.cleanercontext.realtime.RealtimeEndpoints;
import io.cleanercontext.security.ClientLimits;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route an API instance serves is in the served {@code /openapi.json}, and every documented
 * route is served: method and path, {@code :id} read as {@code {id}}. The SockJS endpoint ({@code
 * /eventbus/*}) is a transport protocol of its own, not a route of the HTTP API, and the static
 * dashboard ({@code /*}) is no route either: neither is a path with methods.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class RoutesMatchOpenApiIT {
  private static final Set<HttpMethod> DOCUMENTABLE =
      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

  @Test
  void theRouterAndTheOpenApiDocumentNameTheSameRoutes(Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.config("memory")).await();
    AppConfig running = app.running();
    ApiVerticle instance =
        new ApiVerticle(
            ApiDeployment.of(running),
            TestApp.SHARDS,
            ClientLimits.create(vertx, running.security(), running.queue()),
            InternalKey.random(),
            new RealtimeEndpoints(
                running.realtime(),
                running.security(),
                app.metrics(),
                new ConnectionLimiter(running.security().maxWebSocketsPerClient())),
            app.metrics(),
            new Ingest.Shared());
    String deployment = vertx.deployVerticle(instance).await();
    try {
      Set<String> served = new TreeSet<>();
      collect(instance.router(), "", served);
      JsonObject openApi = app.client().get("/openapi.json").send().await().bodyAsJsonObject();
      Set<String> documented = new TreeSet<>();
      JsonObject paths = openApi.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          if (DOCUMENTABLE.contains(HttpMethod.valueOf(method.toUpperCase()))) {
            documented.add(method.toUpperCase() + " " + path);
          }
        }
      }
      assertThat(served).as("served routes").contains("GET /api/v1/conversations/{id}");
      assertThat(served).as("served but not documented").isSubsetOf(documented);
      assertThat(documented).as("documented but not served").isSubsetOf(served);
    } finally {
      vertx.undeploy(deployment).await();
      app.stop().await();
    }
  }

  /** Method and path of every route with both, sub-routers' routes under their mount point. */
  private static void collect(Router router, String prefix, Set<String> into) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (route.getSubRouter() != null) {
        if (!"/eventbus/".equals(path)) {
          collect(route.getSubRouter(), prefix + path.substring(0, path.length() - 1), into);
        }
        continue;
      }
      if (path == null || !route.isExactPath()) {
        continue; // handlers for every path (security headers, bodies, static files)
      }
      for (HttpMethod method : route.methods()) {
        into.add(method.name() + " " + prefix + path.replaceAll(":(\\w+)", "{$1}"));
      }
    }
  }
}
