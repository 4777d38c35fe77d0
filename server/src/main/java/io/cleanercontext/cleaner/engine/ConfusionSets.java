package io.cleanercontext.cleaner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words a recogniser confuses although the CMU dictionary does not make them sound alike ({@code
 * cleaning/confusion-sets.txt}: one set per line). Each word of a set is a candidate for every
 * other, in both directions; the evidence decides.
 */
final class ConfusionSets {

  private static final String RESOURCE = "/cleaning/confusion-sets.txt";

  private static final class Holder {
    static final ConfusionSets INSTANCE = new ConfusionSets();
  }

  private final Map<String, List<String>> partners = new HashMap<>();

  private ConfusionSets() {
    try (InputStream in = ConfusionSets.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        String[] words = s.split("\\s+");
        for (String a : words) {
          for (String b : words) {
            if (!a.equals(b)) {
              partners.computeIfAbsent(a, k -> new ArrayList<>(2)).add(b);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfusionSets get() {
    return Holder.INSTANCE;
  }

  List<String> partners(String lowerWord) {
    return partners.getOrDefault(lowerWord, List.of());
  }
}
