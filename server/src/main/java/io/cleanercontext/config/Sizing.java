package io.cleanercontext.config;

/** Instance counts left at 0 in the config, resolved from the machine's cores. */
final class Sizing {
  private Sizing() {}

  /** Cleaner shards (= queue partitions): as configured, or one per core. */
  static int shards(int configured, int cores) {
    return configured > 0 ? configured : Math.max(1, cores);
  }

  /**
   * HTTP server instances (event loops serving the API and the WebSockets): as configured, or one
   * per two cores. On the 2-core reference node one instance gave the lower p99 post-to-delivery
   * (docs/PERFORMANCE.md, fifth round): the other event loops are left to the queue worker, the
   * shards, the result store and the clients.
   */
  static int httpInstances(int configured, int cores) {
    return configured > 0 ? configured : Math.max(1, cores / 2);
  }
}
