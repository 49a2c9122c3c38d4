package dev.archlab.cache;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cached value with the times that decide how it may be served. Immutable and thread-safe.
 *
 * <p>Until {@code freshUntilMillis} the value is fresh. After that and until {@code
 * expiresAtMillis} it is stale: a strategy may still serve it while it refreshes in the background
 * (stale-while-revalidate) or when the source of truth fails (stale-if-error). A tier drops it at
 * {@code expiresAtMillis}.
 *
 * <p>Two entries are equal when their value and all four numbers are equal.
 *
 * @param <V> value type
 * @since 0.1
 */
public final class CacheEntry<V> {
  private final V value;
  private final long writtenAtMillis;
  private final long freshUntilMillis;
  private final long expiresAtMillis;
  private final long loadMillis;
  // Built once per entry so that a cache hit returns it without allocating.
  private final Optional<V> present;

  /**
   * Checks that the times are ordered.
   *
   * @param value the value, not null
   * @param writtenAtMillis when it was written to the cache
   * @param freshUntilMillis end of the fresh period (the jittered TTL)
   * @param expiresAtMillis when tiers drop it; never before {@code freshUntilMillis}
   * @param loadMillis how long loading it from the source took (XFetch's delta)
   */
  public CacheEntry(
      V value, long writtenAtMillis, long freshUntilMillis, long expiresAtMillis, long loadMillis) {
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
    this.value = Objects.requireNonNull(value, "value");
    this.writtenAtMillis = writtenAtMillis;
    this.freshUntilMillis = freshUntilMillis;
    this.expiresAtMillis = expiresAtMillis;
    this.loadMillis = loadMillis;
    this.present = Optional.of(value);
  }

  /** The value. */
  public V value() {
    return value;
  }

  /** When it was written to the cache. */
  public long writtenAtMillis() {
    return writtenAtMillis;
  }

  /** End of the fresh period (the jittered TTL). */
  public long freshUntilMillis() {
    return freshUntilMillis;
  }

  /** When tiers drop it; never before {@link #freshUntilMillis()}. */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  /** How long loading it from the source took (XFetch's delta). */
  public long loadMillis() {
    return loadMillis;
  }

  /** True while the value is fresh at {@code nowMillis}. */
  public boolean isFresh(long nowMillis) {
    return nowMillis < freshUntilMillis;
  }

  /** True while a tier still keeps the value at {@code nowMillis}. */
  public boolean isRetained(long nowMillis) {
    return nowMillis < expiresAtMillis;
  }

  /** The value as the {@code Optional} a hit returns, shared by every hit on this entry. */
  Optional<V> present() {
    return present;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CacheEntry<?> that
        && value.equals(that.value)
        && writtenAtMillis == that.writtenAtMillis
        && freshUntilMillis == that.freshUntilMillis
        && expiresAtMillis == that.expiresAtMillis
        && loadMillis == that.loadMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, writtenAtMillis, freshUntilMillis, expiresAtMillis, loadMillis);
  }

  @Override
  public String toString() {
    return "CacheEntry[value="
        + value
        + ", writtenAtMillis="
        + writtenAtMillis
        + ", freshUntilMillis="
        + freshUntilMillis
        + ", expiresAtMillis="
        + expiresAtMillis
        + ", loadMillis="
        + loadMillis
        + ']';
  }
}
