package io.cleanercontext.privacy;

import java.util.List;

/** Finds the values of one or a few related types in a turn. */
interface Detector {
  void find(Turn turn, List<Span> out);
}
