/**
 * Caching strategies in front of a slow source of truth, with local (Caffeine) and remote (Redis)
 * tiers, stampede control and stated consistency.
 *
 * <p>The API is {@link dev.archlab.cache.CacheStrategy} (what an application calls), {@link
 * dev.archlab.cache.CacheTier} (where entries live), {@link dev.archlab.cache.BackingStore} (the
 * source of truth) and the factories {@link dev.archlab.cache.Caches}, {@link
 * dev.archlab.cache.Tiers} and {@link dev.archlab.cache.BackingStores}. Everything else in this
 * module is an implementation behind them. Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.archlab.cache;

import org.jspecify.annotations.NullMarked;
