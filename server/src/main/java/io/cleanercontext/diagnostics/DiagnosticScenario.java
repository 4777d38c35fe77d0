package io.cleanercontext.diagnostics;

import io.vertx.core.Future;

/**
 * One scenario of the diagnostics suite: what it checks, and how. {@link DiagnosticsRun} runs the
 * scenarios in order, each within what is left of the run's time limit, and records their results.
 */
interface DiagnosticScenario {
  /** The name reported for it (stable: clients and history read it). */
  String name();

  /** One line saying what it checks. */
  String description();

  /** Whether it runs inside the scratch conversation (and so is skipped when there is none). */
  default boolean needsScratchConversation() {
    return true;
  }

  /**
   * Runs it: figures and checks go into {@code result}; a failed future fails it with that reason.
   */
  Future<Void> run(ScenarioContext ctx, ScenarioResult result);
}
