package io.cleanercontext.privacy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per redaction on this thread (ThreadMXBean), which a loaded machine does not inflate
 * as it does wall-clock JMH figures: the same three turns as {@link RedactorBenchmark}, six rounds
 * (the first ones warm the JIT up). Run: {@code mvn -q -o -B -pl server -Pjmh -Dskip.ui=true
 * test-compile exec:java -Dexec.mainClass=io.cleanercontext.privacy.RedactorCpuTime
 * -Dexec.classpathScope=test}.
 */
public final class RedactorCpuTime {
  private RedactorCpuTime() {}

  public static void main(String[] a) {
    Redactor r = new Redactor();
    RedactionPolicy p = RedactionPolicy.all(RedactionMode.MASK);
    String[] texts = {
      "Yeah so I was thinking we could maybe look at the premium plan for the whole team if that works",
      "I'd like one of the premium plans for 12 people at the office, starting on the fifth of next month",
      "sure the card is 4111 1111 1111 1111 and you can call me on 020 7946 0018 if it fails"};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 6; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (String t : texts) {
        int n = t.contains("4111") ? 5_000 : 100_000;
        long c0 = mx.getCurrentThreadCpuTime();
        int sink = 0;
        for (int i = 0; i < n; i++) sink += r.redact(t, p).text().length();
        long c1 = mx.getCurrentThreadCpuTime();
        line.append(String.format(" %.2f us/op CPU", (c1 - c0) / 1e3 / n)).append(sink == 0 ? "!" : "");
      }
      System.out.println(line); // a command-line tool: its output is the report
    }
  }
}
