package dev.archlab.id;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/** Single tickets: every id (or batch) is one database round trip to one server of the group. */
final class TicketServerIdGenerator implements TicketIdGenerator {
  private final TicketServerGroup group;
  private final LongAdder issued = new LongAdder();
  private volatile boolean closed;

  TicketServerIdGenerator(TicketServerGroup group) {
    this.group = group;
  }

  @Override
  public long nextId() {
    return nextIds(1)[0];
  }

  @Override
  public long[] nextIds(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if (closed) {
      throw new IdGenerationException("ticket generator is closed: " + this);
    }
    long[] ids = new long[count];
    if (count > 0) {
      group.call(
          server -> {
            server.nextTickets(ids, 0, count);
            return null;
          },
          true);
      issued.add(count);
    }
    return ids;
  }

  /**
   * One server: every id exceeds the previous (a sequence only grows). Several servers are served
   * round robin, so ids interleave and nothing beyond uniqueness holds.
   */
  @Override
  public Set<Guarantee> guarantees() {
    return group.size() == 1 ? EnumSet.of(Guarantee.MONOTONIC) : EnumSet.noneOf(Guarantee.class);
  }

  @Override
  public Stats stats() {
    return new Stats(group.roundTrips(), issued.sum(), 0, group.failovers(), 0);
  }

  @Override
  public void close() {
    closed = true;
    group.close();
  }

  @Override
  public String toString() {
    return "tickets over " + group.size() + " server(s)";
  }
}
