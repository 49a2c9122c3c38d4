package dev.archlab.cache;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds caching strategies: {@code Caches.builder(store).tier(...).ttl(...).readThrough()}.
 *
 * @since 0.1
 */
public final class Caches {
  private Caches() {}

  /** A builder for strategies in front of {@code store}. */
  public static <K, V> Builder<K, V> builder(BackingStore<K, V> store) {
    return new Builder<>(Objects.requireNonNull(store, "store"));
  }

  /**
   * Options of a strategy. Each option may be set once; a second call fails naming the option.
   * Defaults: a Caffeine tier of 10,000 entries, TTL 5 minutes with 10% jitter, no
   * stale-while-revalidate, no stale-if-error, XFetch off, lease timeout 5 s and lease wait 50 ms,
   * load timeout 10 s. Single-flight and leases default to on, except in cache-aside where both
   * default to off (the plain pattern as applications write it).
   *
   * <p>Not thread-safe; build on one thread.
   *
   * @since 0.1
   */
  public static final class Builder<K, V> {
    private final BackingStore<K, V> store;
    private final Set<String> set = new HashSet<>();
    private @Nullable CacheTier<K, V> tier;
    private CacheClock clock = CacheClock.system();
    private long ttlMillis = Duration.ofMinutes(5).toMillis();
    private double ttlJitter = 0.1;
    private long staleWhileRevalidateMillis;
    private long staleIfErrorMillis;
    private double xfetchBeta;
    private @Nullable Boolean singleFlight;
    private @Nullable Boolean leases;
    private long leaseMillis = 5_000;
    private long leaseWaitMillis = 50;
    private long loadTimeoutMillis = 10_000;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private @Nullable Executor refreshExecutor;
    private @Nullable WriteBehindQueue<K, V> queue;
    private int capacity = 10_000;
    private int maxBatch = 500;
    private long flushIntervalMillis = 50;
    private long offerTimeoutMillis = 1_000;
    private long retryMinMillis = 10;
    private long retryMaxMillis = 2_000;
    private long closeTimeoutMillis = 30_000;

    private Builder(BackingStore<K, V> store) {
      this.store = store;
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException("option " + option + " was already set");
      }
    }

    private static long positiveMillis(String option, Duration value) {
      Objects.requireNonNull(value, option);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(option + " must be positive, got " + value);
      }
      return saturatedMillis(value);
    }

    private static long nonNegativeMillis(String option, Duration value) {
      Objects.requireNonNull(value, option);
      if (value.isNegative()) {
        throw new IllegalArgumentException(option + " must not be negative, got " + value);
      }
      return saturatedMillis(value);
    }

    /** Milliseconds, with anything beyond Long.MAX_VALUE (ChronoUnit.FOREVER) as forever. */
    private static long saturatedMillis(Duration value) {
      return value.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0
          ? Long.MAX_VALUE
          : value.toMillis();
    }

    /** Where entries live (default: a Caffeine tier of 10,000 entries). */
    public Builder<K, V> tier(CacheTier<K, V> tier) {
      once("tier");
      this.tier = Objects.requireNonNull(tier, "tier");
      return this;
    }

    /** The clock for entry times; give the tier the same clock. */
    public Builder<K, V> clock(CacheClock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an entry stays fresh before jitter. */
    public Builder<K, V> ttl(Duration ttl) {
      once("ttl");
      this.ttlMillis = positiveMillis("ttl", ttl);
      return this;
    }

    /**
     * Fraction of the TTL taken off at random per entry, in [0, 1): an entry's fresh period is
     * uniform in {@code [ttl * (1 - jitter), ttl]}, so keys loaded together expire apart.
     */
    public Builder<K, V> ttlJitter(double fraction) {
      once("ttlJitter");
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException("ttlJitter must be in [0, 1), got " + fraction);
      }
      this.ttlJitter = fraction;
      return this;
    }

    /** How long past its fresh period a value is served while one background refresh runs. */
    public Builder<K, V> staleWhileRevalidate(Duration window) {
      once("staleWhileRevalidate");
      this.staleWhileRevalidateMillis = nonNegativeMillis("staleWhileRevalidate", window);
      return this;
    }

    /** How long past its fresh period a value is served when the source of truth fails. */
    public Builder<K, V> staleIfError(Duration bound) {
      once("staleIfError");
      this.staleIfErrorMillis = nonNegativeMillis("staleIfError", bound);
      return this;
    }

    /** Turns on XFetch probabilistic early expiration with this beta (1.0 is the paper's). */
    public Builder<K, V> xfetch(double beta) {
      once("xfetch");
      if (!(beta > 0 && beta <= 100)) {
        throw new IllegalArgumentException("xfetch beta must be in (0, 100], got " + beta);
      }
      this.xfetchBeta = beta;
      return this;
    }

    /** Whether concurrent misses on one key on this node share one load. */
    public Builder<K, V> singleFlight(boolean enabled) {
      once("singleFlight");
      this.singleFlight = enabled;
      return this;
    }

    /** Whether fills take a lease that writes revoke (closes the stale-set race). */
    public Builder<K, V> leases(boolean enabled) {
      once("leases");
      this.leases = enabled;
      return this;
    }

    /** How long a lease lasts if its holder never fills, and how long others wait for it. */
    public Builder<K, V> leaseTimeouts(Duration lease, Duration wait) {
      once("leaseTimeouts");
      this.leaseMillis = positiveMillis("lease", lease);
      this.leaseWaitMillis = nonNegativeMillis("lease wait", wait);
      return this;
    }

    /**
     * How long callers wait for a load from the source (default 10 s), on the strategy's clock.
     * Loads run on their own virtual thread; when one takes longer, the caller and every reader
     * waiting on the same load get a {@link CacheException} naming the key and the timeout (or a
     * stale value within {@code staleIfError}), and the next read of the key starts a new load. The
     * late load is abandoned, not interrupted: its result is never put into the cache. A load
     * therefore runs on another thread than the caller's: a store that relies on the caller's
     * thread-local state (a transaction bound to the thread) does not see it.
     */
    public Builder<K, V> loadTimeout(Duration timeout) {
      once("loadTimeout");
      this.loadTimeoutMillis = Math.max(1, positiveMillis("load timeout", timeout));
      return this;
    }

    /** Source of uniform doubles in [0, 1) for jitter and XFetch (default: thread-local). */
    public Builder<K, V> random(DoubleSupplier random) {
      once("random");
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Runs background refreshes (default: a virtual thread per refresh, shut down on close). */
    public Builder<K, V> refreshExecutor(Executor executor) {
      once("refreshExecutor");
      this.refreshExecutor = Objects.requireNonNull(executor, "refreshExecutor");
      return this;
    }

    /** The write-behind queue (default: volatile, in memory). */
    public Builder<K, V> writeBehindQueue(WriteBehindQueue<K, V> queue) {
      once("writeBehindQueue");
      this.queue = Objects.requireNonNull(queue, "writeBehindQueue");
      return this;
    }

    /**
     * Write-behind batching: at most {@code capacity} unflushed writes (writers wait up to {@code
     * offerTimeout} for room), batches of up to {@code maxBatch} taken every {@code interval}.
     */
    public Builder<K, V> writeBehindBatching(
        int capacity, int maxBatch, Duration interval, Duration offerTimeout) {
      once("writeBehindBatching");
      if (capacity <= 0 || maxBatch <= 0 || maxBatch > capacity) {
        throw new IllegalArgumentException(
            "write-behind needs 0 < maxBatch <= capacity, got maxBatch "
                + maxBatch
                + " and capacity "
                + capacity);
      }
      this.capacity = capacity;
      this.maxBatch = maxBatch;
      this.flushIntervalMillis = positiveMillis("flush interval", interval);
      this.offerTimeoutMillis = nonNegativeMillis("offer timeout", offerTimeout);
      return this;
    }

    /** Backoff between failed flushes, doubling from {@code min} up to {@code max}. */
    public Builder<K, V> writeBehindRetry(Duration min, Duration max) {
      once("writeBehindRetry");
      long minMillis = positiveMillis("retry min", min);
      long maxMillis = positiveMillis("retry max", max);
      if (maxMillis < minMillis) {
        throw new IllegalArgumentException(
            "retry max " + max + " must not be below retry min " + min);
      }
      this.retryMinMillis = minMillis;
      this.retryMaxMillis = maxMillis;
      return this;
    }

    /** How long {@code close} keeps flushing before it gives up (default 30 s). */
    public Builder<K, V> writeBehindCloseTimeout(Duration timeout) {
      once("writeBehindCloseTimeout");
      this.closeTimeoutMillis = nonNegativeMillis("close timeout", timeout);
      return this;
    }

    /** Cache-aside: load on miss, store-then-delete on write; no leases unless asked. */
    public CacheStrategy<K, V> cacheAside() {
      return new CacheAsideStrategy<>(config(false, 0));
    }

    /** Read-through: the cache loads (single-flight, leases); writes store then delete. */
    public CacheStrategy<K, V> readThrough() {
      return new ReadThroughStrategy<>(config(true, 0));
    }

    /**
     * Write-through: writes store then put under a per-key lock; reads as read-through.
     *
     * @throws IllegalStateException if leases were turned off: the guarantee needs them
     */
    public CacheStrategy<K, V> writeThrough() {
      requireLeases("write-through");
      return new WriteThroughStrategy<>(config(true, 0));
    }

    /**
     * Refresh-ahead: read-through that reloads a key in the background on a hit once {@code
     * fraction} of its fresh period has passed.
     */
    public CacheStrategy<K, V> refreshAhead(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException(
            "refresh-ahead fraction must be in (0, 1), got " + fraction);
      }
      return new RefreshAheadStrategy<>(config(true, fraction));
    }

    /**
     * Write-behind: writes go to the queue and the cache; a flusher applies them later.
     *
     * @throws IllegalStateException if leases were turned off: the guarantee needs them
     */
    public CacheStrategy<K, V> writeBehind() {
      requireLeases("write-behind");
      return new WriteBehindStrategy<>(config(true, 0));
    }

    private void requireLeases(String strategy) {
      if (Boolean.FALSE.equals(leases)) {
        throw new IllegalStateException(
            strategy + " needs leases: without them a slow fill can overwrite a newer write");
      }
    }

    private StrategyConfig<K, V> config(boolean defaultOn, double refreshAheadFraction) {
      boolean ownsExecutor = refreshExecutor == null;
      Executor executor =
          refreshExecutor != null
              ? refreshExecutor
              : Executors.newThreadPerTaskExecutor(
                  Thread.ofVirtual().name("cache-refresh-", 0).factory());
      CacheTier<K, V> chosenTier =
          tier != null ? tier : new CaffeineTier<>("caffeine", 10_000, clock);
      WriteBehindQueue<K, V> chosenQueue = queue != null ? queue : new InMemoryWriteQueue<>();
      return new StrategyConfig<>(
          store,
          chosenTier,
          clock,
          ttlMillis,
          ttlJitter,
          staleWhileRevalidateMillis,
          staleIfErrorMillis,
          xfetchBeta,
          singleFlight != null ? singleFlight : defaultOn,
          leases != null ? leases : defaultOn,
          leaseMillis,
          leaseWaitMillis,
          loadTimeoutMillis,
          random,
          executor,
          ownsExecutor,
          refreshAheadFraction,
          new StrategyConfig.WriteBehindSettings<>(
              chosenQueue,
              capacity,
              maxBatch,
              flushIntervalMillis,
              offerTimeoutMillis,
              retryMinMillis,
              retryMaxMillis,
              closeTimeoutMillis));
    }
  }
}
