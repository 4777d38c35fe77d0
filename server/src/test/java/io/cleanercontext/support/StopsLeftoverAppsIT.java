package io.cleanercontext.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** A test that leaves its server running does not leave it to the next test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StopsLeftoverAppsIT {

  private final Vertx vertx = Vertx.vertx();
  private TestApp leftOver;

  @Test
  @Order(1)
  void aTestThatForgetsToStopItsServer() {
    leftOver = TestApp.start(vertx, TestApp.config("memory")).await();
    assertThat(TestApp.runningApps()).contains(leftOver);
  }

  @Test
  @Order(2)
  void findsItStoppedByTheNextTest() {
    assertThat(leftOver).isNotNull();
    assertThat(TestApp.runningApps()).doesNotContain(leftOver);
    assertThatThrownBy(() -> new Socket("127.0.0.1", leftOver.port()).close())
        .as("nothing listens on the left-over server's port")
        .isInstanceOf(IOException.class);
  }

  @AfterAll
  void close() {
    vertx.close().await();
  }
}
