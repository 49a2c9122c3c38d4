package dev.archlab.cache;

import javax.sql.DataSource;

/**
 * Factories for sources of truth and for the write-behind queues that go with them.
 *
 * @since 0.1
 */
public final class BackingStores {
  private BackingStores() {}

  /** A thread-safe in-memory map; for tests and examples. */
  public static <K, V> BackingStore<K, V> inMemory() {
    return new InMemoryBackingStore<>();
  }

  /**
   * A table {@code table(k, v)} in the database behind {@code dataSource} (H2 or PostgreSQL),
   * created if absent. Keys and values are stored as text through the codecs.
   *
   * @throws IllegalArgumentException if {@code table} is not a plain SQL identifier
   * @throws CacheException if the table cannot be created
   */
  public static <K, V> BackingStore<K, V> jdbc(
      DataSource dataSource, String table, Codec<K> keys, Codec<V> values) {
    return new JdbcBackingStore<>(dataSource, table, keys, values);
  }

  /**
   * A durable write-behind queue in table {@code <table>_wbq} of {@code store}'s own database,
   * flushed in the same transaction as the store update.
   *
   * @throws IllegalArgumentException if {@code store} was not made by {@link #jdbc}
   */
  public static <K, V> WriteBehindQueue<K, V> durableQueue(BackingStore<K, V> store) {
    if (!(store instanceof JdbcBackingStore<K, V> jdbcStore)) {
      throw new IllegalArgumentException(
          "a durable queue needs a store made by BackingStores.jdbc, got " + store);
    }
    return new JdbcWriteQueue<>(jdbcStore);
  }

  /** A volatile write-behind queue: whatever it holds is lost if the process dies. */
  public static <K, V> WriteBehindQueue<K, V> inMemoryQueue() {
    return new InMemoryWriteQueue<>();
  }
}
