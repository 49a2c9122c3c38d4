package dev.archlab.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {

  private final UuidGenerator generator = IdGenerators.uuidV7();

  @Test
  void uuids_areVersion7WithTheCurrentUnixMilliseconds() {
    long before = System.currentTimeMillis();
    UUID uuid = generator.next();
    long after = System.currentTimeMillis();

    assertEquals(7, uuid.version());
    assertEquals(2, uuid.variant());
    long millis = uuid.getMostSignificantBits() >>> 16;
    assertTrue(millis >= before && millis <= after, "timestamp " + millis);
  }

  @Test
  void uuidsFromOneThread_increaseAsUnsignedNumbersAndTheirText() {
    UUID previous = generator.next();
    for (int i = 0; i < 50_000; i++) {
      UUID next = generator.next();
      int byBits =
          Long.compareUnsigned(next.getMostSignificantBits(), previous.getMostSignificantBits());
      if (byBits == 0) {
        byBits =
            Long.compareUnsigned(
                next.getLeastSignificantBits(), previous.getLeastSignificantBits());
      }
      assertTrue(byBits > 0, previous + " then " + next);
      assertTrue(next.toString().compareTo(previous.toString()) > 0);
      previous = next;
    }
  }

  @Test
  void uuidsFromManyThreads_areUnique() {
    Set<UUID> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 4)
        .parallel()
        .forEach(
            thread -> {
              Set<UUID> local = new HashSet<>();
              for (int i = 0; i < 50_000; i++) {
                local.add(generator.next());
              }
              seen.addAll(local);
            });
    assertEquals(200_000, seen.size());
  }
}
