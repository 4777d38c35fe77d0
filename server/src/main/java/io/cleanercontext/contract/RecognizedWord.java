package io.cleanercontext.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One word as the speech recogniser gave it: its text, how sure the recogniser was and when it was
 * said. Kept with a turn that came from a voice pipeline (stored in {@code turns.words}) and handed
 * to the cleaner with it, so a word the recogniser was sure of can need more evidence to change
 * than one it was not. Wire form: {@code {word, confidence, start, end}}, times in seconds from the
 * start of the call's audio; every field but {@code word} may be null (not every source gives it).
 */
public record RecognizedWord(String word, Double confidence, Double start, Double end) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("word", word)
        .put("confidence", confidence)
        .put("start", start)
        .put("end", end);
  }

  public static RecognizedWord fromJson(JsonObject json) {
    return new RecognizedWord(
        json.getString("word"),
        json.getDouble("confidence"),
        json.getDouble("start"),
        json.getDouble("end"));
  }

  /** The words as a JSON array, or null for none (a turn typed or pasted, not recognised). */
  public static JsonArray toJson(List<RecognizedWord> words) {
    if (words == null || words.isEmpty()) {
      return null;
    }
    JsonArray array = new JsonArray();
    words.forEach(w -> array.add(w.toJson()));
    return array;
  }

  /** The words of a JSON array; an empty list for null. */
  public static List<RecognizedWord> fromJson(JsonArray array) {
    if (array == null) {
      return List.of();
    }
    List<RecognizedWord> words = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      words.add(fromJson(array.getJsonObject(i)));
    }
    return List.copyOf(words);
  }
}
