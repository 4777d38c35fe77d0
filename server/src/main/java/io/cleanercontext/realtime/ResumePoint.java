package io.cleanercontext.realtime;

import io.vertx.core.json.JsonObject;

/**
 * The {@code since} of a bridge REGISTER: a field of the frame or a header, a non-negative integer
 * (a JSON number or its decimal text). Both bridges read it the same way.
 */
final class ResumePoint {
  /** The REGISTER has no since: a plain, live-only registration. */
  static final long ABSENT = -2;

  /** The since is not a non-negative integer. */
  static final long INVALID = -1;

  private ResumePoint() {}

  /** The frame's since, {@link #ABSENT} or {@link #INVALID}. */
  static long of(JsonObject frame) {
    if (frame == null) {
      return ABSENT;
    }
    if (frame.containsKey("since")) {
      return parse(frame.getValue("since"));
    }
    Object header = frame.getValue("headers") instanceof JsonObject h ? h.getValue("since") : null;
    return header == null ? ABSENT : parse(header);
  }

  /** A non-negative integer (a JSON number or its decimal text), else {@link #INVALID}. */
  static long parse(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue() == n.longValue() && n.longValue() >= 0 ? n.longValue() : INVALID;
    }
    try {
      long since = Long.parseLong(String.valueOf(value).strip());
      return since >= 0 ? since : INVALID;
    } catch (NumberFormatException e) {
      return INVALID;
    }
  }
}
