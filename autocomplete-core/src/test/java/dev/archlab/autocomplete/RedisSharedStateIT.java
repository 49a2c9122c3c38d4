package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.testsupport.IntegrationServers;
import dev.archlab.testsupport.RedisServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Two nodes, each with its own index replica, sharing state through a real redis-server. */
class RedisSharedStateIT {

  private static final List<Entry> CATALOG =
      List.of(
          Entry.of("iphone", 900, "phones"),
          Entry.of("iphone case", 800, "accessories"),
          Entry.of("ipod", 100, "music"));

  private static LiveSuggester node(URI redis, String namespace) {
    return LiveSuggester.builder(CATALOG)
        .sharedState(SharedStates.redis(redis, namespace, Duration.ofHours(1)))
        .ranking(new Ranking("A", 1_000, 0))
        .abTest(new Ranking("B", 0, 0), 0.5)
        .build();
  }

  private static List<String> terms(LiveSuggester node, String typed) {
    return node.suggest(Query.prefix(typed, 10), null).stream().map(Suggestion::term).toList();
  }

  private static void within(Duration limit, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " not seen within " + limit);
      Thread.sleep(20);
    }
  }

  @Test
  void selectionsBlocklistAndEdits_reachTheOtherNodeWithinASecond() throws Exception {
    URI redis = IntegrationServers.redis();
    String namespace = "it-" + UUID.randomUUID();
    try (LiveSuggester one = node(redis, namespace);
        LiveSuggester two = node(redis, namespace)) {
      assertEquals(List.of("iphone", "iphone case", "ipod"), terms(two, "ip"));

      one.recordSelection("u1", "ipod");
      within(Duration.ofSeconds(1), "popularity", () -> terms(two, "ip").get(0).equals("ipod"));

      one.block("case");
      within(Duration.ofSeconds(1), "blocklist", () -> !terms(two, "ip").contains("iphone case"));
      assertEquals(java.util.Set.of("case"), two.blocklist());

      one.put(Entry.of("ipad", 5_000, "tablets"));
      one.remove("iphone", "phones");
      within(
          Duration.ofSeconds(1), "edits", () -> terms(two, "ip").equals(List.of("ipad", "ipod")));

      // A rebuild on the second node folds the shared edits into its own replica.
      two.rebuild();
      assertEquals(List.of("ipad", "ipod"), terms(two, "ip"));
      assertEquals(0, two.stats().overlayEntries() - 1, "only the selected ipod stays live");

      two.recordSelection("u2", "ipad");
      within(
          Duration.ofSeconds(1),
          "A/B counters",
          () -> {
            var counters = one.stats().counters();
            long selections =
                counters.getOrDefault("A.selections", 0L)
                    + counters.getOrDefault("B.selections", 0L);
            return selections == 2;
          });
    }
  }

  @Test
  void history_followsTheUserToTheOtherNodeBoundedAndExpiring() throws Exception {
    URI redis = IntegrationServers.redis();
    String namespace = "it-" + UUID.randomUUID();
    try (LiveSuggester one = node(redis, namespace);
        LiveSuggester two = node(redis, namespace);
        SharedState raw = SharedStates.redis(redis, namespace, Duration.ofHours(1))) {
      String user = "alice";
      assertEquals(List.of(), two.history(user));

      one.recordSelection(user, "ipod");
      within(
          Duration.ofSeconds(1),
          "history on node two",
          () -> two.history(user).equals(List.of("ipod")));

      // Bounded per user, newest first, one copy per term; written by both nodes.
      for (int i = 0; i < 30; i++) {
        raw.addToHistory(user, "term" + i, 20, Duration.ofHours(1));
      }
      two.recordSelection(user, "term12");
      List<String> kept = raw.history(user);
      assertEquals(20, kept.size());
      assertEquals(List.of("term12", "term29", "term28"), kept.subList(0, 3));

      raw.addToHistory("brief", "ipod", 20, Duration.ofMillis(300));
      assertEquals(List.of("ipod"), raw.history("brief"));
      within(Duration.ofSeconds(2), "expiry", () -> raw.history("brief").isEmpty());
    }
  }

  @Test
  void redisGoingAway_leavesTheNodeAnsweringFromItsLastState() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      URI uri = server.uri();
      try (LiveSuggester node = node(uri, "outage")) {
        node.block("case");
        assertFalse(terms(node, "ip").contains("iphone case"));
        server.kill();

        for (int i = 0; i < 5; i++) {
          assertEquals(List.of("iphone", "ipod"), terms(node, "ip"));
          node.recordSelection("u", "ipod");
          Thread.sleep(50);
        }
        // The node's own selections still reach its users' history.
        assertEquals(List.of("ipod"), node.history("u"));
        assertEquals("iphone", node.popular(null, 1).get(0).term());
        assertTrue(node.rebuild() > 1);
      }
    }
  }

  @Test
  void redisOutage_refusesAdminWritesAndNoCallWaitsForTheTimeoutOnceKnown() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      try (LiveSuggester node = node(server.uri(), "refused")) {
        server.kill();
        // Dropping an admin change would answer "done" while no node ever applies it.
        assertThrows(SharedStateUnavailableException.class, () -> node.block("ipod"));
        assertThrows(
            SharedStateUnavailableException.class,
            () -> node.put(Entry.of("ipad", 5_000, "tablets")));
        assertThrows(SharedStateUnavailableException.class, () -> node.remove("ipod", "music"));
        assertThrows(SharedStateUnavailableException.class, () -> node.unblock("case"));
        assertEquals(List.of("iphone", "iphone case", "ipod"), terms(node, "ip"));

        // Every one of these waited for the 1 s command timeout on each call before; 10 rounds
        // would take over 40 s. The bound is generous: it tells waiting from not waiting.
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
          node.recordSelection("u", "ipod");
          node.history("u");
          node.stats();
          node.rebuild();
          assertThrows(SharedStateUnavailableException.class, () -> node.block("ipod"));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "10 rounds took " + took);

        server.startAgain();
        within(
            Duration.ofSeconds(5),
            "admin writes after Redis is back",
            () -> {
              try {
                node.block("case");
                return true;
              } catch (SharedStateUnavailableException stillDown) {
                return false;
              }
            });
        assertEquals(List.of("iphone", "ipod"), terms(node, "ip"));
      }
    }
  }
}
