package io.cleanercontext.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON reader for client input (HTTP bodies and TCP bridge frames). Stricter than Vert.x's
 * own codec, which accepts comments: strict UTF-8, no comments, no duplicate keys, no trailing
 * content, nesting at most {@value #MAX_DEPTH} levels, and no string (key or value) holding U+0000
 * (PostgreSQL cannot store it) or a lone surrogate (it cannot be encoded, and would be stored as
 * '?'). Every refusal says what is wrong.
 */
public final class StrictJson {
  public static final int MAX_DEPTH = 1000;
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private StrictJson() {}

  /** Why a document was refused; the message is meant for the client. */
  public static final class Invalid extends Exception {
    private final String field;

    Invalid(String message) {
      this(message, null);
    }

    Invalid(String message, String field) {
      super(message, null, false, false);
      this.field = field;
    }

    /** The field at fault ({@code metadata.k}, {@code turns[2].raw_text}), or null. */
    public String field() {
      return field;
    }
  }

  /** Parses one JSON value (object, array, string, number, boolean or null). */
  public static Object parse(byte[] bytes) throws Invalid {
    if (!isUtf8(bytes)) {
      throw new Invalid("not valid UTF-8");
    }
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new Invalid("empty: a JSON value is expected");
      }
      Object value = value(parser, first, null);
      if (parser.nextToken() != null) {
        throw new Invalid("not valid JSON: content after the end of the value");
      }
      return value;
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      message = message == null ? "" : message.lines().findFirst().orElse("");
      if (message.length() > 160) {
        message = message.substring(0, 160) + "...";
      }
      throw new Invalid("not valid JSON: " + message);
    } catch (IOException e) {
      throw new Invalid("not valid JSON");
    }
  }

  private static Object value(JsonParser parser, JsonToken token, String path)
      throws IOException, Invalid {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = string(parser.currentName(), path);
          map.put(key, value(parser, parser.nextToken(), path == null ? key : path + "." + key));
        }
        return new JsonObject(map);
      }
      case START_ARRAY -> {
        JsonArray array = new JsonArray();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t, (path == null ? "" : path) + "[" + array.size() + "]"));
        }
        return array;
      }
      case VALUE_STRING -> {
        return string(parser.getText(), path);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new Invalid("not valid JSON: unexpected " + token);
    }
  }

  private static String string(String s, String path) throws Invalid {
    String where = path == null ? "a string" : path;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new Invalid(
            where + " contains U+0000 (NUL) at index " + i + ", which cannot be stored", path);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Invalid(
            where
                + " contains a lone surrogate (\\u"
                + Integer.toHexString(c)
                + ") at index "
                + i
                + ": it is not a character",
            path);
      }
    }
    return s;
  }

  /**
   * Strict UTF-8: a lenient decoder would turn overlong forms into characters (0xC0 0xAF into '/')
   * and broken sequences into replacement characters, storing what the client never sent.
   */
  public static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
