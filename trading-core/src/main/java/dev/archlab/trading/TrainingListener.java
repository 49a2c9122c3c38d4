package dev.archlab.trading;

/**
 * Hears about training progress; called on the training thread.
 *
 * @since 0.1
 */
public interface TrainingListener {

  /** Called after every episode; return {@code true} to stop training now. */
  boolean episodeEnded(long stepsSoFar, double episodeReturn);

  /** Called every 1,000 steps and once at the end, for progress bars. */
  default void progress(long stepsSoFar) {}

  /** A listener that never stops training. */
  static TrainingListener none() {
    return (steps, episodeReturn) -> false;
  }
}
