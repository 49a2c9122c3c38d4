package dev.archlab.id;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The bit layout of a Snowflake-style 63-bit id: a time field counting ticks since a custom epoch,
 * a worker field naming the node, and a sequence field counting ids within one tick.
 *
 * <p>The sign bit is always zero, so ids are non-negative and sort numerically by time first.
 * Within a tick, the {@linkplain FieldOrder field order} decides whether the worker or the sequence
 * comes next: Twitter puts the worker above the sequence, Sonyflake the sequence above the machine
 * id.
 *
 * <p>Instances are immutable and thread-safe; arguments are never null. Build a custom layout with
 * {@link #builder()} or start from a preset with {@link #toBuilder()}.
 *
 * <p>Limitations: worker fields are at most 31 bits wide (worker ids are {@code int}); the tick
 * length is a whole number of milliseconds.
 *
 * @since 0.1
 */
public final class SnowflakeLayout {

  /**
   * Twitter's epoch, 2010-11-04T01:42:54.657Z, used by the {@link #twitter()} preset.
   *
   * @since 0.1
   */
  public static final Instant TWITTER_EPOCH = Instant.ofEpochMilli(1_288_834_974_657L);

  /**
   * Sonyflake's default start time, 2014-09-01T00:00:00Z, used by the {@link #sonyflake()} preset.
   *
   * @since 0.1
   */
  public static final Instant SONYFLAKE_EPOCH = Instant.parse("2014-09-01T00:00:00Z");

  private static final int ID_BITS = 63;
  private static final int MAX_WORKER_BITS = 31;

  /**
   * Which field sits right below the time field.
   *
   * @since 0.1
   */
  public enum FieldOrder {
    /** time | worker | sequence, as in Twitter's Snowflake. */
    TIME_WORKER_SEQUENCE,
    /** time | sequence | worker, as in Sonyflake. */
    TIME_SEQUENCE_WORKER
  }

  /**
   * The fields of one id.
   *
   * @param timestamp the start of the id's tick
   * @param tick ticks since the layout's epoch
   * @param workerId the worker (machine) id
   * @param sequence the position of the id within its tick and worker
   * @since 0.1
   */
  public record IdParts(Instant timestamp, long tick, int workerId, long sequence) {
    /** Rejects a null timestamp. */
    public IdParts {
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  private final int timeBits;
  private final int workerBits;
  private final int sequenceBits;
  private final long tickMillis;
  private final long epochMillis;
  private final FieldOrder fieldOrder;
  private final int workerShift;
  private final int sequenceShift;
  private final int timeShift;

  private SnowflakeLayout(Builder builder) {
    this.timeBits = builder.timeBits;
    this.workerBits = builder.workerBits;
    this.sequenceBits = builder.sequenceBits;
    this.tickMillis = builder.tickMillis;
    this.epochMillis = builder.epochMillis;
    this.fieldOrder = builder.fieldOrder;
    this.timeShift = workerBits + sequenceBits;
    if (fieldOrder == FieldOrder.TIME_WORKER_SEQUENCE) {
      this.workerShift = sequenceBits;
      this.sequenceShift = 0;
    } else {
      this.sequenceShift = workerBits;
      this.workerShift = 0;
    }
  }

  /**
   * Twitter's layout: 41 bits of milliseconds since {@link #TWITTER_EPOCH}, a 10-bit worker id and
   * a 12-bit sequence (4,096 ids per millisecond per worker, until 2080).
   *
   * @since 0.1
   */
  public static SnowflakeLayout twitter() {
    return builder()
        .timeBits(41)
        .workerBits(10)
        .sequenceBits(12)
        .tickLength(Duration.ofMillis(1))
        .epoch(TWITTER_EPOCH)
        .build();
  }

  /**
   * Sonyflake's layout: 39 bits of 10-millisecond ticks since {@link #SONYFLAKE_EPOCH}, an 8-bit
   * sequence above a 16-bit machine id (256 ids per 10 ms per machine, for about 174 years).
   *
   * @since 0.1
   */
  public static SnowflakeLayout sonyflake() {
    return builder()
        .timeBits(39)
        .sequenceBits(8)
        .workerBits(16)
        .tickLength(Duration.ofMillis(10))
        .epoch(SONYFLAKE_EPOCH)
        .fieldOrder(FieldOrder.TIME_SEQUENCE_WORKER)
        .build();
  }

  /**
   * A builder for a custom layout; every option must be set except the field order, which defaults
   * to {@link FieldOrder#TIME_WORKER_SEQUENCE}.
   *
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this layout's settings, for variations such as another epoch.
   *
   * @since 0.1
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.timeBits = timeBits;
    builder.workerBits = workerBits;
    builder.sequenceBits = sequenceBits;
    builder.tickMillis = tickMillis;
    builder.epochMillis = epochMillis;
    builder.epochSet = true;
    builder.fieldOrder = fieldOrder;
    return builder;
  }

  /**
   * Bits of the time field.
   *
   * @since 0.1
   */
  public int timeBits() {
    return timeBits;
  }

  /**
   * Bits of the worker field.
   *
   * @since 0.1
   */
  public int workerBits() {
    return workerBits;
  }

  /**
   * Bits of the sequence field.
   *
   * @since 0.1
   */
  public int sequenceBits() {
    return sequenceBits;
  }

  /**
   * The length of one tick of the time field.
   *
   * @since 0.1
   */
  public Duration tickLength() {
    return Duration.ofMillis(tickMillis);
  }

  /**
   * Milliseconds per tick.
   *
   * @since 0.1
   */
  public long tickMillis() {
    return tickMillis;
  }

  /**
   * The instant of tick zero.
   *
   * @since 0.1
   */
  public Instant epoch() {
    return Instant.ofEpochMilli(epochMillis);
  }

  /** The epoch in Unix milliseconds, without allocating an {@link Instant}. */
  long epochMillis() {
    return epochMillis;
  }

  /**
   * The order of the worker and sequence fields.
   *
   * @since 0.1
   */
  public FieldOrder fieldOrder() {
    return fieldOrder;
  }

  /**
   * The largest worker id the layout holds: {@code 2^workerBits - 1}.
   *
   * @since 0.1
   */
  public int maxWorkerId() {
    return (int) ((1L << workerBits) - 1);
  }

  /**
   * How many ids one worker can issue per tick: {@code 2^sequenceBits}.
   *
   * @since 0.1
   */
  public long maxIdsPerTick() {
    return 1L << sequenceBits;
  }

  /**
   * The largest sequence number: {@code maxIdsPerTick() - 1}.
   *
   * @since 0.1
   */
  public long maxSequence() {
    return maxIdsPerTick() - 1;
  }

  /**
   * The last tick the time field holds: {@code 2^timeBits - 1}.
   *
   * @since 0.1
   */
  public long maxTick() {
    return (1L << timeBits) - 1;
  }

  /**
   * The first instant the time field can no longer represent.
   *
   * @since 0.1
   */
  public Instant endOfLife() {
    return Instant.ofEpochMilli(epochMillis + (maxTick() + 1) * tickMillis);
  }

  /**
   * How long the time field lasts from the epoch.
   *
   * @since 0.1
   */
  public Duration lifetime() {
    return Duration.ofMillis(tickMillis).multipliedBy(maxTick() + 1);
  }

  /**
   * The time left between {@code now} and the layout's end of life; zero or negative once it has
   * passed.
   *
   * @since 0.1
   */
  public Duration remainingLifetime(Instant now) {
    Objects.requireNonNull(now, "now");
    return Duration.between(now, endOfLife());
  }

  /**
   * The tick containing {@code epochMillis}: negative before the epoch, above {@link #maxTick()}
   * after the end of life.
   *
   * @since 0.1
   */
  public long tickAt(long epochMillis) {
    return Math.floorDiv(epochMillis - this.epochMillis, tickMillis);
  }

  /**
   * The first millisecond (Unix epoch based) of {@code tick}.
   *
   * @since 0.1
   */
  public long tickStartMillis(long tick) {
    return epochMillis + tick * tickMillis;
  }

  /**
   * Splits an id into its fields.
   *
   * @throws IllegalArgumentException when {@code id} is negative
   * @since 0.1
   */
  public IdParts decode(long id) {
    if (id < 0) {
      throw new IllegalArgumentException("id must be >= 0, was " + id);
    }
    long tick = tickOf(id);
    return new IdParts(
        Instant.ofEpochMilli(tickStartMillis(tick)), tick, workerOf(id), sequenceOf(id));
  }

  /**
   * Joins fields into an id; the inverse of {@link #decode(long)}.
   *
   * @throws IllegalArgumentException when a field is out of range or the timestamp is not the start
   *     of the given tick
   * @since 0.1
   */
  public long encode(IdParts parts) {
    Objects.requireNonNull(parts, "parts");
    checkTick(parts.tick());
    long expectedMillis = tickStartMillis(parts.tick());
    if (parts.timestamp().toEpochMilli() != expectedMillis) {
      throw new IllegalArgumentException(
          "timestamp must be the start of tick "
              + parts.tick()
              + " ("
              + Instant.ofEpochMilli(expectedMillis)
              + "), was "
              + parts.timestamp());
    }
    return encode(parts.tick(), parts.workerId(), parts.sequence());
  }

  /**
   * Joins a tick, a worker id and a sequence number into an id.
   *
   * @throws IllegalArgumentException when a field is out of range
   * @since 0.1
   */
  public long encode(long tick, int workerId, long sequence) {
    checkTick(tick);
    checkWorkerId(workerId);
    if (sequence < 0 || sequence > maxSequence()) {
      throw new IllegalArgumentException(
          "sequence must be between 0 and " + maxSequence() + ", was " + sequence);
    }
    return pack(tick, workerId, sequence);
  }

  /** Joins fields already known to be in range. */
  long pack(long tick, int workerId, long sequence) {
    return (tick << timeShift) | ((long) workerId << workerShift) | (sequence << sequenceShift);
  }

  long tickOf(long id) {
    return id >>> timeShift;
  }

  int workerOf(long id) {
    return (int) ((id >>> workerShift) & maxWorkerId());
  }

  long sequenceOf(long id) {
    return (id >>> sequenceShift) & maxSequence();
  }

  /**
   * Throws unless {@code workerId} fits the worker field.
   *
   * @throws IllegalArgumentException naming the allowed range and the value
   * @since 0.1
   */
  public void checkWorkerId(int workerId) {
    if (workerId < 0 || workerId > maxWorkerId()) {
      throw new IllegalArgumentException(
          "worker id must be between 0 and " + maxWorkerId() + ", was " + workerId);
    }
  }

  private void checkTick(long tick) {
    if (tick < 0 || tick > maxTick()) {
      throw new IllegalArgumentException(
          "tick must be between 0 and " + maxTick() + ", was " + tick);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SnowflakeLayout that
        && timeBits == that.timeBits
        && workerBits == that.workerBits
        && sequenceBits == that.sequenceBits
        && tickMillis == that.tickMillis
        && epochMillis == that.epochMillis
        && fieldOrder == that.fieldOrder;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeBits, workerBits, sequenceBits, tickMillis, epochMillis, fieldOrder);
  }

  @Override
  public String toString() {
    return "SnowflakeLayout[time="
        + timeBits
        + " bits of "
        + tickMillis
        + " ms, worker="
        + workerBits
        + " bits, sequence="
        + sequenceBits
        + " bits, "
        + fieldOrder
        + ", epoch="
        + epoch()
        + "]";
  }

  private boolean lifetimeOverflows() {
    try {
      Math.addExact(epochMillis, Math.multiplyExact(maxTick() + 1, tickMillis));
      return false;
    } catch (ArithmeticException overflow) {
      return true;
    }
  }

  /**
   * Collects and validates the settings of a custom layout. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private int timeBits = -1;
    private int workerBits = -1;
    private int sequenceBits = -1;
    private long tickMillis = -1;
    private long epochMillis;
    private boolean epochSet;
    private FieldOrder fieldOrder = FieldOrder.TIME_WORKER_SEQUENCE;

    private Builder() {}

    /**
     * Bits of the time field, 1 to 62.
     *
     * @since 0.1
     */
    public Builder timeBits(int bits) {
      this.timeBits = checkBits("time", bits, 1, ID_BITS - 1);
      return this;
    }

    /**
     * Bits of the worker field, 0 to 31 (0 for a single-node layout).
     *
     * @since 0.1
     */
    public Builder workerBits(int bits) {
      this.workerBits = checkBits("worker", bits, 0, MAX_WORKER_BITS);
      return this;
    }

    /**
     * Bits of the sequence field, 1 to 62.
     *
     * @since 0.1
     */
    public Builder sequenceBits(int bits) {
      this.sequenceBits = checkBits("sequence", bits, 1, ID_BITS - 1);
      return this;
    }

    /**
     * The length of one tick, a positive whole number of milliseconds.
     *
     * @since 0.1
     */
    public Builder tickLength(Duration tick) {
      Objects.requireNonNull(tick, "tick");
      if (tick.isNegative() || tick.isZero() || tick.getNano() % 1_000_000 != 0) {
        throw new IllegalArgumentException(
            "tick length must be a positive whole number of milliseconds, was " + tick);
      }
      try {
        this.tickMillis = tick.toMillis();
      } catch (ArithmeticException overflow) {
        throw tooLong("tick length", tick);
      }
      return this;
    }

    /**
     * The instant of tick zero; must not lie in the future.
     *
     * @since 0.1
     */
    public Builder epoch(Instant epoch) {
      Objects.requireNonNull(epoch, "epoch");
      try {
        this.epochMillis = epoch.toEpochMilli();
      } catch (ArithmeticException overflow) {
        throw tooLong("epoch", epoch);
      }
      this.epochSet = true;
      return this;
    }

    /**
     * Which field sits right below the time field.
     *
     * @since 0.1
     */
    public Builder fieldOrder(FieldOrder order) {
      this.fieldOrder = Objects.requireNonNull(order, "order");
      return this;
    }

    /**
     * Validates the settings against the system clock and returns the layout.
     *
     * @throws IllegalStateException when an option is missing
     * @throws IllegalArgumentException when the bits do not add up to 63, the epoch lies in the
     *     future or the layout's lifetime has already ended
     * @since 0.1
     */
    public SnowflakeLayout build() {
      return build(Instant.now());
    }

    /** Validates against {@code now} instead of the system clock. */
    SnowflakeLayout build(Instant now) {
      requireSet("timeBits", timeBits >= 0);
      requireSet("workerBits", workerBits >= 0);
      requireSet("sequenceBits", sequenceBits >= 0);
      requireSet("tickLength", tickMillis > 0);
      requireSet("epoch", epochSet);
      int sum = timeBits + workerBits + sequenceBits;
      if (sum != ID_BITS) {
        throw new IllegalArgumentException(
            "time, worker and sequence bits must add up to 63, were "
                + timeBits
                + " + "
                + workerBits
                + " + "
                + sequenceBits
                + " = "
                + sum);
      }
      if (epochMillis > now.toEpochMilli()) {
        throw new IllegalArgumentException(
            "epoch must not be in the future, was " + Instant.ofEpochMilli(epochMillis));
      }
      SnowflakeLayout layout = new SnowflakeLayout(this);
      if (layout.lifetimeOverflows()) {
        throw new IllegalArgumentException(
            "a time field of "
                + timeBits
                + " bits of "
                + tickMillis
                + " ms overflows a 64-bit millisecond clock; use fewer bits or shorter ticks");
      }
      if (!layout.remainingLifetime(now).isPositive()) {
        throw new IllegalArgumentException(
            "layout lifetime ended at " + layout.endOfLife() + "; choose a later epoch");
      }
      return layout;
    }

    private static void requireSet(String option, boolean set) {
      if (!set) {
        throw new IllegalStateException(option + " must be set");
      }
    }

    private static IllegalArgumentException tooLong(String option, Object value) {
      return new IllegalArgumentException(
          option + " must fit 64-bit milliseconds (about 292 million years), was " + value);
    }

    private static int checkBits(String field, int bits, int min, int max) {
      if (bits < min || bits > max) {
        throw new IllegalArgumentException(
            field + " bits must be between " + min + " and " + max + ", was " + bits);
      }
      return bits;
    }
  }
}
