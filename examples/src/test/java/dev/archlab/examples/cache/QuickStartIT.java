package dev.archlab.examples.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.archlab.cache.CacheStrategy;
import dev.archlab.testsupport.IntegrationServers;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class QuickStartIT {

  @Test
  void videoTitles_readsThroughTwoLevelCache_andSeesItsOwnWrite() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:quickstart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    try (CacheStrategy<Long, String> cache =
        QuickStart.videoTitles(h2, IntegrationServers.redis())) {
      cache.invalidate(42L);
      assertEquals(Optional.empty(), cache.get(42L));
      cache.put(42L, "new title");

      assertEquals(Optional.of("new title"), cache.get(42L));
      assertEquals(Optional.of("new title"), cache.get(42L));
      assertEquals(1, cache.stats().part("caffeine").orElseThrow().hits());
    }
  }
}
