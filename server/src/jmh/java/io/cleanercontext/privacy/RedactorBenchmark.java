package io.cleanercontext.privacy;

import io.cleanercontext.bench.ShortRun;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What redaction costs per user turn (goal: under 10 us when the turn holds no personal data).
 * {@code plainTurn} has nothing the cheap check lets through; {@code numberWordsNoPii} passes the
 * check ("one", "at", a digit) and is read by every detector; {@code cardAndPhone} finds two values.
 * Run: {@code mvn -q -B -pl server -Dskip.ui=true -Pjmh test-compile exec:exec
 * -Djmh.args="RedactorBenchmark"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedactorBenchmark extends ShortRun {
  private final Redactor redactor = new Redactor();
  private final RedactionPolicy policy = RedactionPolicy.all(RedactionMode.MASK);

  private final String plain =
      "Yeah so I was thinking we could maybe look at the premium plan for the whole team if that works";
  private final String numbers =
      "I'd like one of the premium plans for 12 people at the office, starting on the fifth of next month";
  private final String pii =
      "sure the card is 4111 1111 1111 1111 and you can call me on 020 7946 0018 if it fails";

  @Benchmark
  public RedactedText plainTurn() {
    return redactor.redact(plain, policy);
  }

  @Benchmark
  public RedactedText numberWordsNoPii() {
    return redactor.redact(numbers, policy);
  }

  @Benchmark
  public RedactedText cardAndPhone() {
    return redactor.redact(pii, policy);
  }
}
