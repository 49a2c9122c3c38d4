package dev.archlab.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveSuggesterTest {

  private static final List<Entry> CATALOG =
      List.of(
          Entry.of("iphone", 900, "phones"),
          Entry.of("iphone case", 800, "accessories"),
          Entry.of("ipad", 700, "tablets"),
          Entry.of("ipod", 100, "music"));

  private static List<String> terms(List<Suggestion> suggestions) {
    return suggestions.stream().map(Suggestion::term).toList();
  }

  /** A clock tests move by hand. */
  static final class ManualClock implements InstantSource {
    final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    void advance(Duration by) {
      millis.addAndGet(by.toMillis());
    }
  }

  @Test
  void selections_liftATermAndDecayWithTheHalfLife() {
    ManualClock clock = new ManualClock();
    try (LiveSuggester live =
        LiveSuggester.builder(CATALOG)
            .clock(clock)
            .halfLife(Duration.ofMinutes(10))
            .ranking(new Ranking("A", 100, 0))
            .build()) {
      assertEquals("iphone", live.suggest(Query.prefix("ip", 1), null).get(0).term());
      for (int i = 0; i < 9; i++) {
        live.recordSelection("u", "ipod");
      }
      live.refresh();
      assertEquals("ipod", live.suggest(Query.prefix("ip", 1), null).get(0).term());
      assertEquals("ipod", live.popular(null, 1).get(0).term());
      assertEquals("ipod", live.popular("music", 1).get(0).term());

      // Two hours later the nine selections weigh 9 * 2^-12 * 100, far below 800.
      clock.advance(Duration.ofHours(2));
      live.refresh();
      live.rebuild();
      assertEquals("iphone", live.suggest(Query.prefix("ip", 1), null).get(0).term());
    }
  }

  @Test
  void blocklistAndEdits_applyAtQueryTimeWithoutARebuild() {
    try (LiveSuggester live = LiveSuggester.builder(CATALOG).build()) {
      live.block("CASE");
      assertEquals(
          List.of("iphone", "ipad", "ipod"), terms(live.suggest(Query.prefix("ip", 10), null)));
      live.unblock("case");
      live.put(Entry.of("ipad", 1000, "tablets"));
      live.remove("ipod", "music");
      live.put(Entry.of("ipad mini", 50, "tablets"));
      List<String> edited = terms(live.suggest(Query.prefix("ip", 10), null));
      assertEquals(List.of("ipad", "iphone", "iphone case", "ipad mini"), edited);
      long before = live.stats().indexVersion();
      assertTrue(live.rebuild() > before);
      assertEquals(edited, terms(live.suggest(Query.prefix("ip", 10), null)));
      assertEquals(0, live.stats().overlayEntries());
    }
  }

  @Test
  void history_boostsTheUsersOwnPastSelectionsOnly() {
    try (LiveSuggester live =
        LiveSuggester.builder(CATALOG).ranking(new Ranking("A", 0, 10_000)).build()) {
      live.recordSelection("alice", "ipod");
      assertEquals(List.of("ipod"), live.history("alice"));
      assertEquals("ipod", live.suggest(Query.prefix("ip", 1), "alice").get(0).term());
      assertEquals("iphone", live.suggest(Query.prefix("ip", 1), "bob").get(0).term());
    }
  }

  @Test
  void history_followsTheUserToAnotherNodeWithinASecond() throws Exception {
    SharedState state = SharedStates.inMemory();
    try (LiveSuggester one =
            LiveSuggester.builder(CATALOG)
                .sharedState(state)
                .history(3, Duration.ofHours(1))
                .build();
        LiveSuggester two =
            LiveSuggester.builder(CATALOG)
                .sharedState(new NonClosing(state))
                .ranking(new Ranking("A", 0, 10_000))
                .build()) {
      assertEquals("iphone", two.suggest(Query.prefix("ip", 1), "alice").get(0).term());
      one.recordSelection("alice", "ipod");
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (!two.suggest(Query.prefix("ip", 1), "alice").get(0).term().equals("ipod")) {
        assertTrue(System.nanoTime() < deadline, "alice's history not on node two within 1 s");
        Thread.sleep(20);
      }
      assertEquals("iphone", two.suggest(Query.prefix("ip", 1), "bob").get(0).term());

      // Node one keeps three terms per user, newest first, one copy each.
      for (String term : List.of("ipad", "iphone", "ipod", "iphone case")) {
        one.recordSelection("alice", term);
      }
      assertEquals(List.of("iphone case", "ipod", "iphone"), one.history("alice"));
    }
  }

  @Test
  void inMemoryHistory_expiresTheTtlAfterTheLastSelection() {
    AtomicLong nanos = new AtomicLong();
    try (SharedState state = new InMemorySharedState(nanos::get)) {
      state.addToHistory("alice", "ipod", 20, Duration.ofMinutes(10));
      nanos.addAndGet(Duration.ofMinutes(9).toNanos());
      state.addToHistory("alice", "ipad", 20, Duration.ofMinutes(10));
      nanos.addAndGet(Duration.ofMinutes(9).toNanos());
      assertEquals(List.of("ipad", "ipod"), state.history("alice"));
      nanos.addAndGet(Duration.ofMinutes(2).toNanos());
      assertEquals(List.of(), state.history("alice"));
    }
  }

  @Test
  void rebuild_warmsTheCacheWithAnswersEqualToFreshOnes() {
    List<String> typed = List.of("ip", "ＩＰ", "iphone ", "ipo", "アイ", "ipho");
    try (LiveSuggester cached = LiveSuggester.builder(CATALOG).build();
        LiveSuggester fresh =
            LiveSuggester.builder(CATALOG).cache(0, Duration.ofSeconds(1)).build()) {
      for (String text : typed) {
        cached.suggest(Query.prefix(text, 3), null);
      }
      cached.put(Entry.of("ipod touch", 850, "music"));
      fresh.put(Entry.of("ipod touch", 850, "music"));
      cached.rebuild();
      fresh.rebuild();
      LiveSuggester.Stats before = cached.stats();
      for (String text : typed) {
        Query prefix = Query.prefix(text, 3);
        assertEquals(fresh.suggest(prefix, null), cached.suggest(prefix, null), text);
      }
      LiveSuggester.Stats after = cached.stats();
      long hitsBefore = Math.round(before.cacheRequests() * before.cacheHitRatio());
      long hitsAfter = Math.round(after.cacheRequests() * after.cacheHitRatio());
      // Every query asked before the swap was warmed ("ＩＰ" shares the key of "ip").
      assertEquals(typed.size(), hitsAfter - hitsBefore);
      for (String text : typed) {
        Query fuzzy = Query.prefix(text, 3).withMode(MatchMode.FUZZY);
        assertEquals(fresh.suggest(fuzzy, null), cached.suggest(fuzzy, null), text);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "customer", "user-10", "s", "p", "u"})
  void abTest_splitsRunsOfSequentialIdsByTheShare(String prefix) {
    // Real user ids are often a prefix and a counter; a weak hash put ids 100..199 all in B.
    try (LiveSuggester live =
        LiveSuggester.builder(CATALOG)
            .abTest(new Ranking("B", 0, 0), 0.5)
            .refreshInterval(Duration.ofSeconds(30))
            .build()) {
      for (int start : new int[] {0, 100, 10_000, 1_000_000}) {
        int inB = 0;
        for (int i = start; i < start + 4_000; i++) {
          inB += live.armOf(prefix + i).equals("B") ? 1 : 0;
        }
        // 4,000 fair coin flips land within 1,800..2,200 but for one time in a billion.
        assertTrue(
            inB > 1_800 && inB < 2_200,
            "ids " + prefix + start + ".." + (start + 3_999) + ": " + inB + " of 4,000 in B");
      }
    }
  }

  @Test
  void abTest_routesAStableShareAndCountsPerArm() {
    try (LiveSuggester live =
        LiveSuggester.builder(CATALOG)
            .abTest(new Ranking("B", 0, 0), 0.25)
            .refreshInterval(Duration.ofSeconds(30))
            .build()) {
      int inB = 0;
      for (int i = 0; i < 10_000; i++) {
        String arm = live.armOf("user-" + i);
        assertEquals(arm, live.armOf("user-" + i));
        inB += arm.equals("B") ? 1 : 0;
      }
      assertTrue(inB > 2_200 && inB < 2_800, "share of B: " + inB);
      String userB = "user-0";
      for (int i = 0; !live.armOf(userB).equals("B"); i++) {
        userB = "user-" + i;
      }
      live.suggest(Query.prefix("ip", 3), userB);
      live.recordSelection(userB, "ipad");
      live.suggest(Query.prefix("ip", 3), "someone-in-a");
      var counters = live.stats().counters();
      assertEquals(1L, counters.get("B.queries"));
      assertEquals(1L, counters.get("B.selections"));
    }
  }

  @Test
  void resultCache_hitsRepeatsAndIsInvalidatedBySwaps() {
    try (LiveSuggester live = LiveSuggester.builder(CATALOG).build()) {
      Query query = Query.prefix("ip", 3);
      live.suggest(query, null);
      live.suggest(query, null);
      live.suggest(Query.prefix("IP", 3), null);
      LiveSuggester.Stats stats = live.stats();
      assertEquals(3, stats.cacheRequests());
      assertEquals(2.0 / 3, stats.cacheHitRatio(), 1e-9);
      live.put(Entry.of("ipx", 5000, ""));
      assertEquals("ipx", live.suggest(query, null).get(0).term());
    }
  }

  @Test
  void selectionsOnOneNode_reachAnotherWithinASecond() throws Exception {
    SharedState state = SharedStates.inMemory();
    try (LiveSuggester writer = LiveSuggester.builder(CATALOG).sharedState(state).build();
        LiveSuggester reader =
            LiveSuggester.builder(CATALOG)
                .sharedState(new NonClosing(state))
                .ranking(new Ranking("A", 1_000, 0))
                .build()) {
      writer.recordSelection(null, "ipod");
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (!reader.suggest(Query.prefix("ip", 1), null).get(0).term().equals("ipod")) {
        assertTrue(System.nanoTime() < deadline, "not visible within a second");
        Thread.sleep(20);
      }
    }
  }

  @Test
  void rebuildsWhileQuerying_neverFailAndNeverShowAHalfIndex() throws Exception {
    List<Entry> catalog = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      catalog.add(Entry.of("term" + i, i % 977, "c" + (i % 5)));
    }
    try (LiveSuggester live =
        LiveSuggester.builder(catalog).cache(0, Duration.ofSeconds(1)).build()) {
      List<Suggestion> expected = live.suggest(Query.prefix("term1", 10), null);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong queries = new AtomicLong();
      Thread reader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    List<Suggestion> got = live.suggest(Query.prefix("term1", 10), null);
                    if (!got.equals(expected)) {
                      failure.set(new AssertionError("changed answer " + got));
                    }
                    queries.incrementAndGet();
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                }
              });
      reader.start();
      for (int i = 0; i < 3; i++) {
        live.rebuild();
      }
      stop.set(true);
      reader.join();
      assertEquals(null, failure.get());
      assertTrue(queries.get() > 0);
      assertEquals(4, live.stats().indexVersion());
    }
  }

  @Test
  void builder_rejectsOptionsSetTwiceAndBadValues() {
    LiveSuggester.Builder builder = LiveSuggester.builder(CATALOG).design(IndexDesign.COMPACT_TRIE);
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> builder.design(IndexDesign.COMPACT_TRIE));
    assertTrue(twice.getMessage().contains("design"));
    assertThrows(
        IllegalArgumentException.class,
        () -> LiveSuggester.builder(CATALOG).abTest(new Ranking("B", 1, 1), 1.5));
    assertThrows(IllegalArgumentException.class, () -> new Ranking("A", -1, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> LiveSuggester.builder(CATALOG).halfLife(Duration.ZERO));
    try (LiveSuggester live = LiveSuggester.builder(CATALOG).build()) {
      assertThrows(IllegalArgumentException.class, () -> live.block("   "));
      assertThrows(IllegalArgumentException.class, () -> live.popular(null, 0));
      assertFalse(live.suggest(Query.prefix("\uD800", 5), null).iterator().hasNext());
    }
  }

  @Test
  void editCodec_roundTripsAnyText() {
    Entry entry = new Entry("a\tb:1\n", 7, "x:y", List.of("ア", ""), "p:\u0000");
    SharedState.Edit edit = new SharedState.Edit(entry.text(), entry.category(), entry, false);
    assertEquals(edit, RedisSharedState.decode(RedisSharedState.encode(edit)));
  }

  /** Lets two nodes share one in-memory state in a test; only the first closes it. */
  record NonClosing(SharedState delegate) implements SharedState {
    @Override
    public void addSelections(String term, long minute, long count) {
      delegate.addSelections(term, minute, count);
    }

    @Override
    public java.util.Map<String, Long> selections(long minute) {
      return delegate.selections(minute);
    }

    @Override
    public void block(String term) {
      delegate.block(term);
    }

    @Override
    public void unblock(String term) {
      delegate.unblock(term);
    }

    @Override
    public java.util.Set<String> blocklist() {
      return delegate.blocklist();
    }

    @Override
    public void edit(Edit edit) {
      delegate.edit(edit);
    }

    @Override
    public List<Edit> edits() {
      return delegate.edits();
    }

    @Override
    public void count(String counter, long delta) {
      delegate.count(counter, delta);
    }

    @Override
    public java.util.Map<String, Long> counters() {
      return delegate.counters();
    }

    @Override
    public void addToHistory(String userId, String term, int keep, Duration ttl) {
      delegate.addToHistory(userId, term, keep, ttl);
    }

    @Override
    public List<String> history(String userId) {
      return delegate.history(userId);
    }

    @Override
    public long version() {
      return delegate.version();
    }

    @Override
    public void close() {}
  }
}
