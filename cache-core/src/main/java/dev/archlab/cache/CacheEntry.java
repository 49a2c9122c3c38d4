package dev.archlab.cache;

/**
 * A cached value with the times that decide how it may be served.
 *
 * <p>Until {@code freshUntilMillis} the value is fresh. After that and until {@code
 * expiresAtMillis} it is stale: a strategy may still serve it while it refreshes in the background
 * (stale-while-revalidate) or when the source of truth fails (stale-if-error). A tier drops it at
 * {@code expiresAtMillis}.
 *
 * @param value the value
 * @param writtenAtMillis when it was written to the cache
 * @param freshUntilMillis end of the fresh period (the jittered TTL)
 * @param expiresAtMillis when tiers drop it; never before {@code freshUntilMillis}
 * @param loadMillis how long loading it from the source took (XFetch's delta)
 * @param <V> value type
 * @since 0.1
 */
public record CacheEntry<V>(
    V value, long writtenAtMillis, long freshUntilMillis, long expiresAtMillis, long loadMillis) {

  /** Checks that the times are ordered. */
  public CacheEntry {
    if (freshUntilMillis < writtenAtMillis || expiresAtMillis < freshUntilMillis) {
      throw new IllegalArgumentException(
          "cache entry times must satisfy written <= freshUntil <= expiresAt, got "
              + writtenAtMillis
              + ", "
              + freshUntilMillis
              + ", "
              + expiresAtMillis);
    }
    if (loadMillis < 0) {
      throw new IllegalArgumentException("loadMillis must be >= 0, got " + loadMillis);
    }
  }

  /** True while the value is fresh at {@code nowMillis}. */
  public boolean isFresh(long nowMillis) {
    return nowMillis < freshUntilMillis;
  }

  /** True while a tier still keeps the value at {@code nowMillis}. */
  public boolean isRetained(long nowMillis) {
    return nowMillis < expiresAtMillis;
  }
}
