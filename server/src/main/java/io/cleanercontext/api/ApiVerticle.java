package io.cleanercontext.api;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.Shutdown;
import io.cleanercontext.http.HttpEndpoints;
import io.cleanercontext.ingest.Ingest;
import io.cleanercontext.intake.Intake;
import io.cleanercontext.intake.RedactStep;
import io.cleanercontext.privacy.Redactor;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.ClientLimits;
import io.cleanercontext.security.Destinations;
import io.cleanercontext.security.HttpConnectionGuard;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.security.SecurityHeaders;
import io.cleanercontext.store.ConversationCompletions;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.IntegrationStore;
import io.cleanercontext.store.PrivacyStore;
import io.cleanercontext.store.Transcripts;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.store.UtteranceSegments;
import io.cleanercontext.store.WebhookDeliveryLog;
import io.cleanercontext.store.WebhookEndpoints;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port: REST API, dashboard, WebSocket {@code /ws/conversations/{id}} and the SockJS
 * event-bus bridge {@code /eventbus}, so a browser needs one origin. Several instances share the
 * port. It reads conversations and turns itself; it writes turns through the node's {@link Ingest}
 * (stored as pending and enqueued by a call, no event-bus round trip; the first instance to start
 * opens it and owns it). The WebSocket and SockJS routes are the realtime package's, handed over as
 * {@link HttpEndpoints}.
 */
public final class ApiVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

  private final ApiDeployment config;
  private final int shards;
  private final ClientLimits limits;
  private final InternalKey internalKey;
  private final HttpEndpoints endpoints;
  private final ProductMetrics metrics;
  private final Ingest.Shared sharedIngest;
  private final String instanceId = UUID.randomUUID().toString();
  private Pool pool;
  private Ingest ingest;
  private HttpServer server;
  private long shutdownDrainMs;
  private Future<Void> serverShutdown;
  private Router router;
  private long sweepTimer = -1;

  /**
   * @param config the sections this HTTP port serves, as running (database URL, port resolved)
   * @param limits the process's per-client limits, shared by its API instances
   * @param internalKey the process's key for the built-in diagnostics' tokens
   * @param endpoints the other endpoints of the HTTP port (WebSocket, SockJS)
   * @param metrics the process's meters
   * @param ingest the node's producer, opened by the first instance to start
   */
  public ApiVerticle(
      ApiDeployment config,
      int shards,
      ClientLimits limits,
      InternalKey internalKey,
      HttpEndpoints endpoints,
      ProductMetrics metrics,
      Ingest.Shared ingest) {
    this.config = config;
    this.shards = shards;
    this.limits = limits;
    this.internalKey = internalKey;
    this.endpoints = endpoints;
    this.metrics = metrics;
    this.sharedIngest = ingest;
  }

  /** The routes this instance serves, once started (the route contract test reads them). */
  Router router() {
    return router;
  }

  @Override
  public Future<?> start() {
    String name = instanceId.substring(0, 8);
    pool =
        Database.pool(
            vertx, config.database().url(), config.database().poolSize(), "pg-api-" + name);
    return sharedIngest
        .open(() -> Ingest.open(vertx, config.queue(), config.database(), shards, metrics, name))
        .compose(
            opened -> {
              ingest = opened;
              return serve();
            });
  }

  private Future<?> serve() {
    ConversationStore conversations = new ConversationStore(pool);
    TurnStore turns = new TurnStore(pool);
    SyncResults results = new SyncResults(vertx);
    String resultsAddress = Addresses.turnResults(instanceId);
    // Cluster-wide: the worker that cleans the turn may run on another node.
    var resultsConsumer =
        vertx.eventBus().<JsonObject>consumer(resultsAddress, msg -> results.complete(msg.body()));

    SecuritySettings security = config.security();
    Authenticator authenticator = Authenticator.create(vertx, security, internalKey);
    // The one way turns enter, shared by every entry point of this instance.
    RedactStep redact = new RedactStep(new PrivacyStore(pool), new Redactor());
    vertx
        .eventBus()
        .<JsonObject>consumer(
            Addresses.PRIVACY_CHANGED, m -> redact.forget(m.body().getString("conversation_id")));
    Intake intake = new Intake(ingest, config.api(), limits.turnRate(), redact);

    router = Router.router(vertx);
    router.route().handler(SecurityHeaders::handle);
    Router api = Router.router(vertx);
    if (!security.allowedOrigins().isEmpty()) {
      api.route()
          .handler(
              CorsHandler.create()
                  .addOrigins(security.allowedOrigins())
                  .allowedMethods(
                      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
                  .allowedHeaders(
                      Set.of("Authorization", "Content-Type", "Accept", IdempotencyHeaders.KEY))
                  .exposedHeaders(Set.of("Location", "Retry-After", IdempotencyHeaders.REPLAYED))
                  .maxAgeSeconds(600));
    }
    // Platforms authenticate with their own signatures, not bearer tokens: before Access.
    IntegrationStore integrations = new IntegrationStore(pool);
    ConversationCompletions completions = new ConversationCompletions(pool);
    PlatformTurns platformTurns = new PlatformTurns(intake);
    HeldUtterances held =
        new HeldUtterances(new UtteranceSegments(pool), integrations, platformTurns, redact);
    long idleMs = config.api().utteranceIdleMs();
    sweepTimer =
        vertx.setPeriodic(Math.max(100, Math.min(idleMs / 2, 5_000)), t -> held.sweep(idleMs));
    new IntegrationHookRoute(
            vertx, integrations, platformTurns, held, completions, config.http().maxBodyBytes())
        .mount(api);
    api.route().handler(new Access(authenticator)::handle);
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
    new TurnRoutes(vertx, config, conversations, turns, results, resultsAddress, intake).mount(api);
    new ConversationRoutes(conversations, turns, config).mount(api);
    new QueueRoutes(vertx, conversations, turns).mount(api);
    new PrivacyRoutes(vertx, new PrivacyStore(pool)).mount(api);
    new IntegrationRoutes(integrations, config.api().maxPageSize()).mount(api);
    new DiagnosticsRoutes(vertx, config.diagnostics()).mount(api);
    new WebhookRoutes(
            new WebhookEndpoints(pool),
            new WebhookDeliveryLog(pool),
            new WebhookRequests(
                vertx, new Destinations(config.webhooks().allowPrivateDestinations())))
        .mount(api);
    new ConversationEndRoutes(completions, new Transcripts(pool), held).mount(api);
    SystemRoutes system = new SystemRoutes(vertx, pool, shards, config.metrics().prometheusPath());
    system.mountApi(api);
    api.route()
        .last()
        .handler(
            ctx ->
                Problems.send(
                    ctx,
                    404,
                    "no such API route: " + ctx.request().method() + " " + ctx.request().path(),
                    null));
    router.route("/api/v1/*").subRouter(api);
    system.mount(router);
    Future<Void> mounted = endpoints.mount(vertx, router, pool, authenticator);
    router
        .route("/*")
        .handler(
            StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(true));
    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {404, 405, 413, 500}) {
      router.errorHandler(status, Problems::handle);
    }

    HttpServerOptions options = HttpServerFront.options(config.http(), config.realtime(), security);
    HttpConnectionGuard connectionGuard =
        new HttpConnectionGuard(vertx, options, security, limits.httpConnections());
    server =
        vertx
            .createHttpServer(options)
            .connectionHandler(connectionGuard::connected)
            .invalidRequestHandler(HttpServerFront::invalidRequest)
            .requestHandler(
                request -> {
                  if (!connectionGuard.admit(request)) {
                    return;
                  }
                  if (HttpServerFront.hostRefused(request, !security.authEnabled())) {
                    return;
                  }
                  router.handle(request);
                });
    var bridgeConsumer = new BridgeSubmissions(vertx, intake).register();
    shutdownDrainMs = security.shutdownDrainMs();
    Future<Void> participating = Shutdown.participate(vertx, this::shutdownPhase);
    Future<HttpServer> listening =
        server
            .listen()
            .recover(
                e ->
                    Future.failedFuture(
                        "HTTP on "
                            + options.getHost()
                            + ":"
                            + options.getPort()
                            + ": "
                            + e.getMessage()
                            + " (set CC_HTTP_PORT to another port)"));
    return Future.all(
            List.of(
                listening,
                resultsConsumer.completion(),
                bridgeConsumer.completion(),
                mounted,
                participating))
        .onSuccess(
            v ->
                LOG.debug(
                    "API instance {} listening on {}:{}",
                    instanceId,
                    options.getHost(),
                    server.actualPort()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed
        .eventually(
            () ->
                ingest == null || !ingest.homeIs(context)
                    ? Future.succeededFuture()
                    : ingest.close())
        .eventually(pool::close);
  }

  /**
   * Graceful: on STOP_ACCEPTING no new connections, requests in flight finish; WebSockets stay open
   * until the endpoints close them (CLOSE_SOCKETS), which this instance answers once its server's
   * connections are all closed.
   */
  private Future<?> shutdownPhase(Shutdown.Phase phase) {
    if (phase == Shutdown.Phase.STOP_ACCEPTING) {
      serverShutdown = server.shutdown(shutdownDrainMs + 5_000L, TimeUnit.MILLISECONDS);
      return Future.succeededFuture();
    }
    return serverShutdown == null ? Future.succeededFuture() : serverShutdown;
  }
}
