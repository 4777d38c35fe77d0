package io.cleanercontext.support;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops every {@link TestApp} a test started and left running, after each test (the apps a test
 * method started, unless it declared one {@linkplain TestApp#sharedByClass shared by its class})
 * and after each class (those its {@code @BeforeAll} started), so one failing test never leaves a
 * server running into the next. Registered for every test through the service loader ({@code
 * META-INF/services}, {@code junit-platform.properties}).
 */
public final class StopsLeftoverApps
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(StopsLeftoverApps.class);
  private static final String BEFORE = "apps-before";

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NS).put(BEFORE, TestApp.runningApps());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put(BEFORE, TestApp.runningApps());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    stopStartedSince(context, false);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stopStartedSince(context, true);
  }

  @SuppressWarnings("unchecked")
  private static void stopStartedSince(ExtensionContext context, boolean classEnds)
      throws Exception {
    Set<TestApp> before = context.getStore(NS).get(BEFORE, Set.class);
    for (TestApp app : TestApp.runningApps()) {
      if ((before == null || !before.contains(app)) && (classEnds || !app.isSharedByClass())) {
        app.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }
}
