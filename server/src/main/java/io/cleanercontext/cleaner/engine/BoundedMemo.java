package io.cleanercontext.cleaner.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers about words, kept for the words turns ask about again and again; once {@code max} are
 * kept, new answers are computed each time and not kept (the memory stays bounded). Thread-safe: a
 * word computed twice at the same time gives the same answer.
 */
final class BoundedMemo<V> {
  private final Map<String, V> answers = new ConcurrentHashMap<>();
  private final int max;

  BoundedMemo(int max) {
    this.max = max;
  }

  V get(String word, Function<String, V> compute) {
    V answer = answers.get(word);
    if (answer == null) {
      answer = compute.apply(word);
      if (answers.size() < max) {
        answers.put(word, answer);
      }
    }
    return answer;
  }
}
