package dev.archlab.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.google.common.math.LongMath;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The local tier: a bounded Caffeine cache; an entry is served until its own {@code
 * expiresAtMillis} on the injected clock, so tests can move time. Leases live in a side map and are
 * checked inside {@code compute} on the key, so a lease check and a write of the same key never
 * interleave.
 */
final class CaffeineTier<K, V> implements CacheTier<K, V> {
  private final String name;
  private final CacheClock clock;
  private final Cache<K, CacheEntry<V>> cache;
  private final ConcurrentHashMap<K, Lease> leases = new ConcurrentHashMap<>();
  private final AtomicLong nextLease = new AtomicLong(1);
  private final StatsRecorder stats;

  private record Lease(long token, long expiresAtMillis) {}

  CaffeineTier(String name, long maximumSize, CacheClock clock) {
    if (maximumSize <= 0) {
      throw new IllegalArgumentException("maximumSize must be > 0, got " + maximumSize);
    }
    this.name = name;
    this.clock = clock;
    this.stats = new StatsRecorder(name, new DegradedTracker(name, clock));
    // No time-based expiry inside Caffeine: it would read the clock on every hit, and get()
    // reads it anyway to check the entry's own deadline. An expired entry is removed when it is
    // read, or pushed out by the size bound like any cold entry.
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .evictionListener(
                (K key, CacheEntry<V> value, RemovalCause cause) -> {
                  if (cause == RemovalCause.SIZE && value.isRetained(clock.millis())) {
                    stats.evictions.increment();
                  }
                })
            .build();
  }

  CacheClock clock() {
    return clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    return get(key, clock.millis());
  }

  /** {@link #get(Object)} at {@code nowMillis}, read from this tier's clock by the caller. */
  @Nullable CacheEntry<V> get(K key, long nowMillis) {
    CacheEntry<V> entry = getCountingMisses(key, nowMillis);
    if (entry != null) {
      stats.hits.increment();
    }
    return entry;
  }

  /**
   * Like {@link #get(K, long)} but leaves a hit for the caller to count, through {@link
   * #countHit()} or a counter registered with {@link #countHitsFrom}.
   */
  @Nullable CacheEntry<V> getCountingMisses(K key, long nowMillis) {
    CacheEntry<V> entry = cache.getIfPresent(key);
    if (entry != null && !entry.isRetained(nowMillis)) {
      cache.asMap().remove(key, entry);
      entry = null;
    }
    if (entry == null) {
      stats.misses.increment();
    }
    return entry;
  }

  /** The entry still kept at {@code nowMillis}, counting nothing: the strategy's own look. */
  @Nullable CacheEntry<V> peek(K key, long nowMillis) {
    CacheEntry<V> entry = cache.getIfPresent(key);
    return entry != null && entry.isRetained(nowMillis) ? entry : null;
  }

  void countHit() {
    stats.hits.increment();
  }

  /** Counts every increment of {@code counter} as a hit of this tier. */
  void countHitsFrom(LongAdder counter) {
    stats.countHitsFrom(counter);
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              leases.remove(k);
              return entry;
            });
  }

  @Override
  public void invalidate(K key) {
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              leases.remove(k);
              return null;
            });
  }

  @Override
  public void invalidateAll() {
    cache.invalidateAll();
    leases.clear();
  }

  @Override
  public long acquireLease(K key, long leaseMillis) {
    long now = clock.millis();
    long token = nextLease.getAndIncrement();
    Lease granted =
        leases.compute(
            key,
            (k, current) ->
                current == null || current.expiresAtMillis() <= now
                    ? new Lease(token, LongMath.saturatedAdd(now, leaseMillis))
                    : current);
    return granted.token() == token ? token : LEASE_HELD_ELSEWHERE;
  }

  @Override
  public boolean putIfLeaseHeld(K key, long lease, CacheEntry<V> entry) {
    boolean[] stored = {false};
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              Lease current = leases.get(k);
              if (current != null && current.token() == lease) {
                leases.remove(k, current);
                stored[0] = true;
                return entry;
              }
              return old;
            });
    return stored[0];
  }

  @Override
  public void releaseLease(K key, long lease) {
    leases.computeIfPresent(key, (k, current) -> current.token() == lease ? null : current);
  }

  long estimatedSize() {
    return cache.estimatedSize();
  }

  @Override
  public CacheStats stats() {
    return stats.snapshot(List.of());
  }

  @Override
  public void close() {
    invalidateAll();
  }
}
