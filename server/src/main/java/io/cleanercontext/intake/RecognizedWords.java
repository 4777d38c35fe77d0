package io.cleanercontext.intake;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The validate step for a turn's optional {@code words}: the speech recogniser's words, {@code
 * [{word, confidence?, start?, end?}]} (a platform adapter passes them on; a REST client may send
 * them too). Confidence is 0 to 1, times are seconds from the start of the audio.
 */
final class RecognizedWords {
  private RecognizedWords() {}

  static List<RecognizedWord> of(JsonObject body, int maxChars) {
    Object value = body.getValue("words");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > maxChars) {
      throw bad("words must be an array of at most " + maxChars + " words", "words");
    }
    List<RecognizedWord> words = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String at = "words[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject word)) {
        throw bad(at + " must be an object", at);
      }
      if (!(word.getValue("word") instanceof String text)
          || text.isEmpty()
          || text.length() > 200) {
        throw bad(at + ".word must be a string of 1 to 200 characters", at + ".word");
      }
      words.add(
          new RecognizedWord(
              text,
              number(word, "confidence", at, 1.0),
              number(word, "start", at, Double.MAX_VALUE),
              number(word, "end", at, Double.MAX_VALUE)));
    }
    return words;
  }

  private static Double number(JsonObject word, String key, String at, double max) {
    Object value = word.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= max)) {
      throw bad(
          at + "." + key + " must be a number from 0" + (max == 1.0 ? " to 1" : ""),
          at + "." + key);
    }
    return n.doubleValue();
  }

  private static ServiceException bad(String message, String field) {
    return new ServiceException(ErrorCode.BAD_REQUEST, message, field);
  }
}
