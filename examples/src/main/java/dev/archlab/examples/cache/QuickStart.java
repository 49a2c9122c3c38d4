package dev.archlab.examples.cache;

import dev.archlab.cache.BackingStore;
import dev.archlab.cache.BackingStores;
import dev.archlab.cache.CacheStrategy;
import dev.archlab.cache.CacheTier;
import dev.archlab.cache.Caches;
import dev.archlab.cache.Codec;
import dev.archlab.cache.Tiers;
import java.net.URI;
import java.time.Duration;
import javax.sql.DataSource;

/** The snippet at the top of docs/caching.md, compiled and exercised by {@code QuickStartIT}. */
public final class QuickStart {
  private QuickStart() {}

  /** Video titles in a database table, cached per node and in a shared Redis. */
  public static CacheStrategy<Long, String> videoTitles(DataSource dataSource, URI redis) {
    BackingStore<Long, String> store =
        BackingStores.jdbc(dataSource, "videos", Codec.longs(), Codec.strings());
    CacheTier<Long, String> tier =
        Tiers.redis(redis, "videos", Codec.longs(), Codec.strings()).buildTwoLevel();
    return Caches.builder(store)
        .tier(tier)
        .ttl(Duration.ofMinutes(10))
        .ttlJitter(0.1)
        .staleWhileRevalidate(Duration.ofMinutes(1))
        .staleIfError(Duration.ofMinutes(5))
        .xfetch(1.0)
        .readThrough();
  }
}
