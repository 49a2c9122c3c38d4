package dev.archlab.id;

import java.time.Duration;

/**
 * Thrown when the clock reads further behind the newest issued (or reserved) timestamp than the
 * generator may wait out, so issuing an id now could repeat one issued before.
 *
 * <p>The generator stays usable: once the clock has passed the newest timestamp again, calls
 * succeed.
 *
 * @since 0.1
 */
public final class ClockMovedBackwardsException extends IdGenerationException {
  private static final long serialVersionUID = 1L;

  private final Duration behindBy;
  private final Duration maxBackwardWait;

  /**
   * Creates the exception.
   *
   * @param behindBy how far the clock reads behind the newest timestamp the generator must stay
   *     above
   * @param maxBackwardWait the longest regression the generator was allowed to wait out
   * @since 0.1
   */
  public ClockMovedBackwardsException(Duration behindBy, Duration maxBackwardWait) {
    this(behindBy, maxBackwardWait, "the newest issued timestamp");
  }

  /** Names what the clock reads behind, such as a stored high-water mark. */
  ClockMovedBackwardsException(Duration behindBy, Duration maxBackwardWait, String behindWhat) {
    super(
        "clock moved backwards: it reads "
            + behindBy.toMillis()
            + " ms behind "
            + behindWhat
            + ", more than the "
            + maxBackwardWait.toMillis()
            + " ms the generator may wait; refusing to issue ids that could repeat");
    this.behindBy = behindBy;
    this.maxBackwardWait = maxBackwardWait;
  }

  /**
   * How far the clock read behind the newest timestamp issued or reserved by this generator (or by
   * a previous holder of its worker id or timestamp store).
   *
   * @since 0.1
   */
  public Duration behindBy() {
    return behindBy;
  }

  /**
   * The bound on waiting out a regression that was exceeded.
   *
   * @since 0.1
   */
  public Duration maxBackwardWait() {
    return maxBackwardWait;
  }
}
