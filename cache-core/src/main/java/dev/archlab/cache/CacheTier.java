package dev.archlab.cache;

import org.jspecify.annotations.Nullable;

/**
 * Where cached entries live: a local Caffeine map, a Redis server, or both. Strategies read and
 * write entries here; a tier never calls the source of truth.
 *
 * <p>Leases (after "Scaling Memcache at Facebook", NSDI 2013) close the stale-set race: a reader
 * that misses takes a lease, loads, and fills only if the lease is still held. Every {@link #put}
 * and {@link #invalidate} of the key revokes outstanding leases, so a slow load that started before
 * a write can never overwrite it.
 *
 * <p>Implementations must be thread-safe. A remote tier that cannot reach its server behaves as
 * empty (reads miss, writes are skipped) and reports itself degraded in {@link #stats()}.
 *
 * @param <K> key type
 * @param <V> value type
 * @since 0.1
 */
public interface CacheTier<K, V> extends AutoCloseable {

  /** Returned by {@link #acquireLease} when another caller holds the lease. */
  long LEASE_HELD_ELSEWHERE = 0;

  /** Returned by {@link #acquireLease} when the tier cannot grant leases right now. */
  long LEASE_UNAVAILABLE = -1;

  /** Short name used in stats, such as {@code caffeine} or {@code redis}. */
  String name();

  /** The entry for {@code key} if the tier keeps one that has not expired, else {@code null}. */
  @Nullable CacheEntry<V> get(K key);

  /** Stores {@code entry}, replacing any other and revoking outstanding leases on the key. */
  void put(K key, CacheEntry<V> entry);

  /** Removes {@code key} and revokes outstanding leases on it. */
  void invalidate(K key);

  /** Removes every entry of this tier. */
  void invalidateAll();

  /**
   * Takes the fill lease of {@code key} for {@code leaseMillis}.
   *
   * @return a positive token, {@link #LEASE_HELD_ELSEWHERE} or {@link #LEASE_UNAVAILABLE}
   */
  long acquireLease(K key, long leaseMillis);

  /**
   * Stores {@code entry} only if {@code lease} is still the key's lease, and releases it.
   *
   * @return whether the entry was stored
   */
  boolean putIfLeaseHeld(K key, long lease, CacheEntry<V> entry);

  /** Gives up {@code lease} without storing anything (the load found no value). */
  void releaseLease(K key, long lease);

  /** What the tier has done so far. */
  CacheStats stats();

  /** Releases connections and threads; the tier must not be used afterwards. */
  @Override
  void close();
}
