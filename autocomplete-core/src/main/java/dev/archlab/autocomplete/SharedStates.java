package dev.archlab.autocomplete;

import java.net.URI;
import java.time.Duration;

/**
 * Creates {@link SharedState}s.
 *
 * @since 0.1
 */
public final class SharedStates {
  private SharedStates() {}

  /** State held in this process only: a single node working alone. */
  public static SharedState inMemory() {
    return new InMemorySharedState();
  }

  /**
   * State in a Redis server, under keys starting with {@code archlab:ac:<namespace>:}. Selection
   * buckets expire after {@code retention}; a user's history expires after the history TTL of the
   * {@link LiveSuggester.Builder#history} option, counted from the user's last selection.
   *
   * @param uri such as {@code redis://127.0.0.1:6379}
   * @param namespace separates deployments sharing one server; letters, digits, '-' and '_'
   * @param retention how long minute buckets are kept; at least one minute
   */
  public static SharedState redis(URI uri, String namespace, Duration retention) {
    if (!namespace.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "namespace must be 1-64 letters, digits, '-' or '_', got '" + namespace + "'");
    }
    if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("retention must be at least 1 minute, got " + retention);
    }
    return new RedisSharedState(uri, namespace, retention);
  }
}
