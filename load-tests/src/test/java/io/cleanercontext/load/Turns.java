package io.cleanercontext.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real turns from the gold sales-call transcripts (turns.tsv: speaker TAB raw_text), pre-encoded as
 * request bodies so the load generator spends its CPU on sending, not on JSON.
 */
final class Turns {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> userBodies = new ArrayList<>();
  private final List<String> aiBodies = new ArrayList<>();
  private final List<String> inOrder = new ArrayList<>();

  Turns(String cleaningLevel) {
    try (var in = Turns.class.getResourceAsStream("/turns.tsv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          continue;
        }
        String speaker = line.substring(0, tab);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("speaker", speaker);
        body.put("raw_text", line.substring(tab + 1));
        if (cleaningLevel != null) {
          body.put("cleaning_level", cleaningLevel);
        }
        String encoded = JSON.writeValueAsString(body);
        (speaker.equals("User") ? userBodies : aiBodies).add(encoded);
        inOrder.add(encoded);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A random turn body: a User turn with probability {@code userRatio}, else an AI turn. */
  String random(double userRatio) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    List<String> from = r.nextDouble() < userRatio ? userBodies : aiBodies;
    return from.get(r.nextInt(from.size()));
  }

  /** The n-th turn of the transcripts, in conversation order (AI and User alternate). */
  String nth(long n) {
    return inOrder.get((int) (n % inOrder.size()));
  }
}
