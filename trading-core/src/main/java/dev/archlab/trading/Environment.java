package dev.archlab.trading;

/**
 * An episodic environment in the familiar reset/step shape, designed so that a training loop can
 * run without allocating: observations are written into caller-owned arrays.
 *
 * <p>Not thread-safe: one environment belongs to one training or evaluation loop.
 *
 * @since 0.1
 */
public interface Environment {

  /** Length of every observation array. */
  int observationSize();

  /** Number of discrete actions; actions are {@code 0 .. actionCount() - 1}. */
  int actionCount();

  /** Starts a new episode and writes its first observation into {@code observation}. */
  void reset(double[] observation);

  /**
   * Applies {@code action}, writes the next observation and returns the reward.
   *
   * @throws IllegalStateException if the episode has ended and {@link #reset} was not called
   * @throws IllegalArgumentException if {@code action} is out of range
   */
  double step(int action, double[] nextObservation);

  /** True when the last step reached a terminal state (its value is zero by definition). */
  boolean terminated();

  /** True when the last step hit a time or data limit (the state still has a future). */
  boolean truncated();

  /** True when the episode has ended for either reason. */
  default boolean done() {
    return terminated() || truncated();
  }
}
