package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scripts/eval}'s companion for speed on a shared machine: the engine's CPU time (this
 * thread's, so other processes do not count) per user turn of the gold files, each cleaned against
 * the context window that preceded it (like the JMH {@code userTurn}), after 20 warm-up passes; and
 * each stage's wall time per turn; then the steady state of the JMH {@code aiThenUserTurn}: 100
 * conversations with full windows, each step an AI turn then a user turn added to the next one (so
 * the vocabulary changes before every user turn), CPU per AI + user turn pair. Run: {@code mvn -q
 * -o -pl server -Dskip.ui=true test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.cleanercontext.cleaner.engine.EngineCpuTime
 * -Dcc.gold.dir=src/test/resources/data/cleaning}
 */
public final class EngineCpuTime {

  private EngineCpuTime() {}

  public static void main(String[] args) throws Exception {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heap0 = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    CleaningEngine engine = new CleaningEngine(GoldReplay.lexicon());
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    System.gc();
    long heap1 = rt.totalMemory() - rt.freeMemory();
    System.out.printf(
        "engine built in %d ms; heap after GC %d MB -> %d MB (+%d MB: dictionaries, names, LM)%n",
        loadMs, heap0 >> 20, heap1 >> 20, (heap1 - heap0) >> 20);
    List<String> turns = new ArrayList<>();
    List<String> aiTurns = new ArrayList<>();
    List<ConversationContext> contexts = new ArrayList<>();
    for (var f : GoldReplay.goldFiles(GoldReplay.goldDir(), "*")) {
      var g = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
      ConversationContext ctx = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      List<String> k = new ArrayList<>();
      g.path("keyterms").forEach(x -> k.add(x.asText()));
      ctx.setKeyterms(k);
      for (var t : g.path("turns")) {
        Speaker sp = Speaker.fromLabel(t.path("speaker").asText()).orElseThrow();
        if (sp == Speaker.AI) {
          aiTurns.add(t.path("raw_text").asText());
        }
        if (sp == Speaker.USER) {
          ConversationContext before = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
          before.setKeyterms(k);
          ctx.window().forEach(ct -> before.add(ct.speaker(), ct.cleanedText()));
          turns.add(t.path("raw_text").asText());
          contexts.add(before);
        }
        ctx.add(
            sp,
            engine.clean(sp, t.path("raw_text").asText(), CleaningLevel.FULL, ctx).cleanedText());
      }
    }
    var bean = ManagementFactory.getThreadMXBean();
    Map<String, Double> total = new TreeMap<>();
    long n = 0;
    long cpu0 = 0;
    for (int rep = 0; rep < 40; rep++) {
      if (rep == 20) {
        total.clear();
        n = 0;
        cpu0 = bean.getCurrentThreadCpuTime();
      }
      for (int i = 0; i < turns.size(); i++) {
        CleaningResult r =
            engine.clean(Speaker.USER, turns.get(i), CleaningLevel.FULL, contexts.get(i));
        r.timingBreakdownMs().forEach((s, ms) -> total.merge(s, ms, Double::sum));
        n++;
      }
    }
    double cpuUs = (bean.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n;
    System.out.printf(
        "CPU %.1f us per user turn => %.0f user turns/s per core (%d turns)%n",
        cpuUs, 1e6 / cpuUs, n);
    aiThenUser(engine, aiTurns, turns);
    final long turnsN = n;
    total.forEach(
        (s, ms) -> System.out.printf("%-20s %8.1f us/turn (wall)%n", s, 1000 * ms / turnsN));
  }

  /** CPU per AI turn + user turn in the steady state of long-lived conversations. */
  static void aiThenUser(CleaningEngine engine, List<String> aiTurns, List<String> userTurns) {
    var bean = ManagementFactory.getThreadMXBean();
    java.util.Random random = new java.util.Random(1);
    ConversationContext[] steady = new ConversationContext[100];
    for (int c = 0; c < steady.length; c++) {
      steady[c] = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
    }
    int steps = 20_000;
    long cpu0 = 0;
    for (int k = 0; k < steady.length * ConversationContext.DEFAULT_WINDOW + steps; k++) {
      if (k == steady.length * ConversationContext.DEFAULT_WINDOW) {
        cpu0 = bean.getCurrentThreadCpuTime();
      }
      ConversationContext context = steady[k % steady.length];
      String ai = aiTurns.get(random.nextInt(aiTurns.size()));
      context.add(
          Speaker.AI, engine.clean(Speaker.AI, ai, CleaningLevel.FULL, context).cleanedText());
      String user = userTurns.get(random.nextInt(userTurns.size()));
      context.add(
          Speaker.USER,
          engine.clean(Speaker.USER, user, CleaningLevel.FULL, context).cleanedText());
    }
    double cpuUs = (bean.getCurrentThreadCpuTime() - cpu0) / 1000.0 / steps;
    System.out.printf(
        "CPU %.1f us per AI turn + user turn (steady state) => %.0f pairs/s per core (%d)%n",
        cpuUs, 1e6 / cpuUs, steps);
  }
}
