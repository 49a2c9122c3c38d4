package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimestampStoresTest {

  @TempDir Path directory;

  @Test
  void fileStore_startsEmptyAndKeepsTheHighestMarkAcrossInstances() throws IOException {
    Path file = directory.resolve("mark");
    TimestampStore store = TimestampStores.file(file);

    assertEquals(Long.MIN_VALUE, store.highWaterMark());
    store.advanceTo(1_000);
    store.advanceTo(500);

    assertEquals(1_000, store.highWaterMark());
    assertEquals(1_000, TimestampStores.file(file).highWaterMark(), "a new instance reads it");
    assertEquals("1000", Files.readString(file).strip());
    assertFalse(Files.exists(directory.resolve("mark.tmp")), "the temporary file was moved");
  }

  @Test
  void fileStore_refusesToGuessWhenTheFileIsCorrupt() throws IOException {
    Path file = directory.resolve("mark");
    Files.writeString(file, "12x4\n");

    IdGenerationException error =
        assertThrows(IdGenerationException.class, () -> TimestampStores.file(file).highWaterMark());
    assertTrue(error.getMessage().contains("must hold one decimal number"), error.getMessage());
    assertTrue(error.getMessage().contains("\"12x4\""), error.getMessage());
  }

  @Test
  void fileStore_twoStoresOfOneFileWritingConcurrently_neverFailAndNeverLowerTheMark()
      throws Exception {
    Path file = directory.resolve("mark");
    TimestampStore[] stores = {TimestampStores.file(file), TimestampStores.file(file)};
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    stores[writer % 2].advanceTo(1_000L + 4L * i + writer);
                  }
                }));
      }
      for (Future<?> writer : done) {
        writer.get();
      }
    } finally {
      writers.shutdown();
    }

    assertEquals(1_000L + 4 * 99 + 3, TimestampStores.file(file).highWaterMark());
  }

  @Test
  void inMemoryStore_neverLowersTheMark() {
    TimestampStore store = TimestampStores.inMemory();
    store.advanceTo(7);
    store.advanceTo(3);

    assertEquals(7, store.highWaterMark());
  }

  /**
   * Restarts on a file store never repeat an id, even when the clock reads behind the stored mark
   * on restart (a 1.5 s restart gap minus a rollback of up to 0.9 s).
   */
  @Test
  void restartsOnAFileStoreAfterRollbacks_neverReissueAnId() {
    TimestampStore store = TimestampStores.file(directory.resolve("mark"));
    VirtualClock clock = VirtualClock.atRecentTime();
    Set<Long> ids = new HashSet<>();
    long last = -1;

    for (int restart = 0; restart < 20; restart++) {
      IdGenerator generator =
          IdGenerators.snowflake(SnowflakeLayout.twitter())
              .workerId(11)
              .timeSource(clock)
              .clockWaiter(clock)
              .maxBackwardWait(Duration.ofMillis(500))
              .timestampStore(store)
              .build();
      for (int i = 0; i < 5_000; i++) {
        long id = generator.nextId();
        assertTrue(ids.add(id), "duplicate id after restart " + restart);
        assertTrue(id > last);
        last = id;
      }
      clock.moveBy(1_500 - (restart * 137 % 900));
    }
    assertEquals(100_000, ids.size());
  }

  @Test
  void restartWithTheClockFarBehindTheMark_failsWithTheDistance() {
    TimestampStore store = TimestampStores.inMemory();
    VirtualClock clock = VirtualClock.atRecentTime();
    store.advanceTo(clock.millis() + 5_000);

    ClockMovedBackwardsException error =
        assertThrows(
            ClockMovedBackwardsException.class,
            () ->
                IdGenerators.snowflake(SnowflakeLayout.twitter())
                    .workerId(1)
                    .timeSource(clock)
                    .clockWaiter(clock)
                    .timestampStore(store)
                    .build());
    assertEquals(Duration.ofMillis(5_001), error.behindBy());
    assertEquals(Duration.ofMillis(1_010), error.maxBackwardWait());
    assertTrue(error.getMessage().contains("stored in " + store), error.getMessage());
  }

  @Test
  void restart_markPastTheLayoutsEndOfLife_failsNamingTheStoreAndTheEndOfLife() throws IOException {
    Path file = directory.resolve("mark");
    Files.writeString(file, Long.MAX_VALUE + "\n");

    IdGenerationException error =
        assertThrows(
            IdGenerationException.class,
            () ->
                IdGenerators.snowflake(SnowflakeLayout.twitter())
                    .workerId(1)
                    .timestampStore(TimestampStores.file(file))
                    .build());

    assertTrue(error.getMessage().contains("lies at or past the layout's end of life"));
    assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
  }

  @Test
  void fileStore_hugeFile_isRejectedWithoutReadingItAll() throws IOException {
    Path file = directory.resolve("mark");
    Files.writeString(file, "9".repeat(5_000_000));

    IdGenerationException error =
        assertThrows(IdGenerationException.class, () -> TimestampStores.file(file).highWaterMark());

    assertTrue(error.getMessage().contains("is longer than 64 bytes"), error.getMessage());
    assertTrue(error.getMessage().length() < 300);
  }

  @Test
  void fileStore_nonAsciiBytes_areReportedAsAMalformedMark() throws IOException {
    Path file = directory.resolve("mark");
    Files.writeString(file, "17\u00e900");

    IdGenerationException error =
        assertThrows(IdGenerationException.class, () -> TimestampStores.file(file).highWaterMark());

    assertTrue(error.getMessage().contains("must hold one decimal number"), error.getMessage());
  }

  @Test
  void nextId_earlyRenewalOfTheMarkFails_stillReturnsTheCoveredIdAndFailsOnceUncovered() {
    VirtualClock clock = VirtualClock.atRecentTime();
    AtomicBoolean diskFull = new AtomicBoolean();
    TimestampStore inner = TimestampStores.inMemory();
    TimestampStore failing =
        new TimestampStore() {
          @Override
          public long highWaterMark() {
            return inner.highWaterMark();
          }

          @Override
          public void advanceTo(long epochMillis) {
            if (diskFull.get()) {
              throw new IdGenerationException("disk full (test)");
            }
            inner.advanceTo(epochMillis);
          }
        };
    IdGenerator generator =
        IdGenerators.snowflake(SnowflakeLayout.twitter())
            .workerId(2)
            .timeSource(clock)
            .clockWaiter(clock)
            .timestampStore(failing)
            .build();
    long first = generator.nextId();
    diskFull.set(true);

    clock.moveBy(700); // inside the early-renewal window, still below the reserved mark
    long covered = generator.nextId();
    clock.moveBy(400); // past the reserved mark: this id cannot be made durable

    assertTrue(covered > first);
    IdGenerationException error = assertThrows(IdGenerationException.class, generator::nextId);
    assertEquals("disk full (test)", error.getMessage());
  }
}
