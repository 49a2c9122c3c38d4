package dev.archlab.id;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several ticket servers with failover: a server whose statement fails is marked down and the call
 * moves on to the next one; a background task re-probes down servers and brings them back. When
 * every server is marked down, the down ones are tried anyway before giving up.
 */
final class TicketServerGroup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TicketServerGroup.class);

  /** One database call against one server. */
  interface ServerCall<T> {
    T apply(JdbcTicketServer server) throws SQLException;
  }

  private static final class Member {
    final JdbcTicketServer server;
    volatile boolean down;

    Member(JdbcTicketServer server) {
      this.server = server;
    }
  }

  private final List<Member> members;
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final LongAdder roundTrips = new LongAdder();
  private final LongAdder failovers = new LongAdder();
  private final ScheduledExecutorService prober;

  TicketServerGroup(List<JdbcTicketServer> servers, Duration reprobeInterval) {
    List<Member> list = new ArrayList<>();
    for (JdbcTicketServer server : servers) {
      list.add(new Member(server));
    }
    this.members = List.copyOf(list);
    this.prober =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("archlab-ticket-reprobe").factory());
    long millis = reprobeInterval.toMillis();
    prober.scheduleWithFixedDelay(this::reprobe, millis, millis, TimeUnit.MILLISECONDS);
  }

  int size() {
    return members.size();
  }

  long roundTrips() {
    return roundTrips.sum();
  }

  long failovers() {
    return failovers.sum();
  }

  /**
   * Runs the call on the first server that answers, starting at a rotating position when {@code
   * rotate} is set (spreads single tickets like Flickr's round robin) and at the first listed
   * server otherwise (segments stay on one server so ids mostly grow).
   */
  <T> T call(ServerCall<T> call, boolean rotate) {
    int n = members.size();
    int start = rotate ? Math.floorMod(roundRobin.getAndIncrement(), n) : 0;
    List<String> failures = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      boolean lastResort = pass == 1;
      for (int i = 0; i < n; i++) {
        Member member = members.get((start + i) % n);
        if (member.down != lastResort) {
          continue;
        }
        try {
          roundTrips.increment();
          T result = call.apply(member.server);
          if (member.down) {
            markUp(member);
          }
          if (!failures.isEmpty()) {
            failovers.increment();
          }
          return result;
        } catch (SQLException e) {
          markDown(member, e);
          failures.add(member.server + ": " + e.getMessage());
        }
      }
    }
    throw new IdGenerationException("no ticket server answered; tried " + failures);
  }

  private void markDown(Member member, SQLException cause) {
    if (!member.down) {
      member.down = true;
      log.warn("{} is down, failing over: {}", member.server, cause.toString());
    }
  }

  private void markUp(Member member) {
    member.down = false;
    log.info("{} is back", member.server);
  }

  private void reprobe() {
    for (Member member : members) {
      if (!member.down) {
        continue;
      }
      try {
        member.server.probe();
        markUp(member);
      } catch (SQLException | RuntimeException e) {
        log.debug("{} still down: {}", member.server, e.toString());
      }
    }
  }

  @Override
  public void close() {
    prober.shutdownNow();
  }
}
