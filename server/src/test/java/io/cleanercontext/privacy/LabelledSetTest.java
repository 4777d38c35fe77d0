package io.cleanercontext.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer of the labelled set (src/test/resources/privacy/labelled-turns.tsv, and the small
 * held-out set held-out-turns.tsv, printed only): every turn is redacted with every type on, each
 * value found is matched with the labelled values of its type (a match overlaps the labelled
 * range), and precision and recall are counted per type. Prints the table (surefire report) and
 * holds the issue's goals: recall >= 0.98 for cards and national identifiers, precision >= 0.95
 * overall.
 */
class LabelledSetTest {
  private static final Logger LOG = LoggerFactory.getLogger(LabelledSetTest.class);
  private static final Redactor REDACTOR = new Redactor();
  private static final Map<PiiType, int[]> COUNTS = new EnumMap<>(PiiType.class);
  private static final List<String> MISTAKES = new ArrayList<>();
  private static int turns;
  private static int negatives;

  @BeforeAll
  static void score() throws IOException {
    LOG.info("labelled set:{}", score("/privacy/labelled-turns.tsv", COUNTS, MISTAKES));
    // Written after tuning and never tuned on: printed, not held to the goals (too small).
    Map<PiiType, int[]> heldOut = new EnumMap<>(PiiType.class);
    int[] dev = {turns, negatives};
    LOG.info("held-out set:{}", score("/privacy/held-out-turns.tsv", heldOut, new ArrayList<>()));
    turns = dev[0];
    negatives = dev[1];
  }

  private static String score(String resource, Map<PiiType, int[]> counts, List<String> mistakes)
      throws IOException {
    turns = 0;
    negatives = 0;
    for (PiiType t : PiiType.values()) {
      counts.put(t, new int[3]); // true positives, false positives, false negatives
    }
    for (String line : lines(resource)) {
      String[] cols = line.split("\t", -1);
      String text = cols[0];
      List<Span> expected = new ArrayList<>();
      if (cols.length > 1 && !cols[1].isEmpty()) {
        for (String item : cols[1].split(";")) {
          int eq = item.indexOf('=');
          PiiType type = PiiType.fromWire(item.substring(0, eq)).orElseThrow();
          String value = item.substring(eq + 1);
          int at = text.indexOf(value);
          expected.add(new Span(type, at, at + value.length()));
        }
      }
      turns++;
      negatives += expected.isEmpty() ? 1 : 0;
      List<Span> found = REDACTOR.find(text, null);
      for (Span f : found) {
        boolean hit = expected.stream().anyMatch(e -> e.type() == f.type() && overlaps(e, f));
        counts.get(f.type())[hit ? 0 : 1]++;
        if (!hit) {
          mistakes.add(
              "false " + f.type() + ": " + text.substring(f.start(), f.end()) + "  in: " + text);
        }
      }
      for (Span e : expected) {
        if (found.stream().noneMatch(f -> f.type() == e.type() && overlaps(e, f))) {
          counts.get(e.type())[2]++;
          mistakes.add(
              "missed " + e.type() + ": " + text.substring(e.start(), e.end()) + "  in: " + text);
        }
      }
    }
    StringBuilder table = new StringBuilder("\ntype          tp  fp  fn  precision  recall\n");
    counts.forEach(
        (type, c) ->
            table.append(
                String.format(
                    "%-12s %3d %3d %3d  %9.3f  %6.3f%n",
                    type.wireName(), c[0], c[1], c[2], precision(c), recall(c))));
    int[] all = total(counts);
    table.append(
        String.format(
            "%-12s %3d %3d %3d  %9.3f  %6.3f%n",
            "all", all[0], all[1], all[2], precision(all), recall(all)));
    table.append(turns).append(" turns, ").append(negatives).append(" with nothing to redact\n");
    mistakes.forEach(m -> table.append(m).append('\n'));
    return table.toString();
  }

  @Test
  void theSetHasAtLeast200TurnsHalfOfThemHardNegatives() {
    assertThat(turns).isGreaterThanOrEqualTo(200);
    assertThat(negatives * 2).isGreaterThanOrEqualTo(turns);
  }

  @Test
  void cardsAndNationalIdentifiersAreFoundWithRecallOfAtLeast098() {
    for (PiiType type : List.of(PiiType.CARD, PiiType.SSN, PiiType.NINO)) {
      assertThat(recall(COUNTS.get(type)))
          .as(type + " recall; " + MISTAKES)
          .isGreaterThanOrEqualTo(0.98);
    }
  }

  @Test
  void overallPrecisionIsAtLeast095() {
    assertThat(precision(total(COUNTS))).as("precision; " + MISTAKES).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void everyTypeIsInTheSetAndFoundMostOfTheTime() {
    COUNTS.forEach(
        (type, c) ->
            assertThat(recall(c)).as(type + " recall; " + MISTAKES).isGreaterThanOrEqualTo(0.9));
  }

  private static int[] total(Map<PiiType, int[]> counts) {
    int[] all = new int[3];
    counts
        .values()
        .forEach(
            c -> {
              for (int i = 0; i < 3; i++) {
                all[i] += c[i];
              }
            });
    return all;
  }

  private static double precision(int[] c) {
    return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
  }

  private static double recall(int[] c) {
    return c[0] + c[2] == 0 ? 0.0 : (double) c[0] / (c[0] + c[2]);
  }

  private static boolean overlaps(Span a, Span b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = LabelledSetTest.class.getResourceAsStream(resource)) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return all.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }
}
