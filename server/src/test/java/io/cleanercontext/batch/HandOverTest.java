package io.cleanercontext.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Work handed to the owner's context runs there and is answered on the caller's context. */
@ExtendWith(VertxExtension.class)
class HandOverTest {

  @Test
  void workRunsOnTheHomeContextAndIsAnsweredOnTheCallers(Vertx vertx) throws Exception {
    Context home = vertx.getOrCreateContext();
    Context caller = vertx.getOrCreateContext();
    assertThat(caller).isNotSameAs(home);
    AtomicReference<Context> ranOn = new AtomicReference<>();
    CompletableFuture<Context> answeredOn = new CompletableFuture<>();

    caller.runOnContext(
        v ->
            HandOver.to(
                    home,
                    () -> {
                      ranOn.set(Vertx.currentContext());
                      return Future.succeededFuture("done");
                    })
                .onSuccess(r -> answeredOn.complete(Vertx.currentContext())));

    assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isSameAs(caller);
    assertThat(ranOn.get()).isSameAs(home);
  }

  @Test
  void aResultCompletedElsewhereIsAnsweredOnTheCallersContext(Vertx vertx) throws Exception {
    Context other = vertx.getOrCreateContext();
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Context> answeredOn = new CompletableFuture<>();
    Promise<String> result = Promise.promise();

    caller.runOnContext(
        v ->
            HandOver.toCaller(result.future())
                .onSuccess(r -> answeredOn.complete(Vertx.currentContext())));
    other.runOnContext(v -> result.complete("opened"));

    assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isSameAs(caller);
  }
}
