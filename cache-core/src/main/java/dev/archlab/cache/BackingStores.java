package dev.archlab.cache;

import java.util.Objects;
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
   * The durable write-behind queue of node {@code "default"}: {@link #durableQueue(BackingStore,
   * String)} for a single node. Two live nodes over one database need distinct node ids.
   *
   * @throws IllegalArgumentException if {@code store} was not made by {@link #jdbc}
   */
  public static <K, V> WriteBehindQueue<K, V> durableQueue(BackingStore<K, V> store) {
    return durableQueue(store, JdbcWriteQueue.DEFAULT_NODE);
  }

  /**
   * A durable write-behind queue in table {@code <table>_wbq} of {@code store}'s own database,
   * flushed in the same transaction as the store update. Nodes share the table; each row records
   * the node that appended it, and this queue reads, flushes and deletes only {@code nodeId}'s
   * rows. A node restarted with the same id recovers its acknowledged writes; a dead node's rows
   * stay until a node restarts with its id or another node calls {@link
   * WriteBehindQueue#takeOver(String)}. Ids must be unique among live nodes.
   *
   * @param nodeId 1-128 characters of {@code [A-Za-z0-9_.:-]}, stable across restarts of a node
   * @throws IllegalArgumentException if {@code store} was not made by {@link #jdbc} or the node id
   *     is malformed
   */
  public static <K, V> WriteBehindQueue<K, V> durableQueue(
      BackingStore<K, V> store, String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId");
    if (!(store instanceof JdbcBackingStore<K, V> jdbcStore)) {
      throw new IllegalArgumentException(
          "a durable queue needs a store made by BackingStores.jdbc, got " + store);
    }
    return new JdbcWriteQueue<>(jdbcStore, nodeId);
  }

  /** A volatile write-behind queue: whatever it holds is lost if the process dies. */
  public static <K, V> WriteBehindQueue<K, V> inMemoryQueue() {
    return new InMemoryWriteQueue<>();
  }
}
