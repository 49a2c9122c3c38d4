package dev.archlab.trading;

/**
 * An agent that learns by interacting with an {@link Environment}.
 *
 * <p>Training is single-threaded and uses one seeded random source per component, so that the same
 * seed, environment and configuration give bit-identical weights on every run.
 *
 * @since 0.1
 */
public interface LearningAgent extends Agent {

  /**
   * Trains for at most {@code steps} environment steps, starting from the state left by earlier
   * calls (the environment is reset at the start).
   *
   * @param steps at least 1
   * @param listener told of every finished episode; may stop training early
   * @throws IllegalArgumentException if {@code steps} is below 1 or the environment's shape does
   *     not match the agent's
   */
  TrainingResult train(Environment environment, long steps, TrainingListener listener);

  /** A copy of the network that makes this agent's decisions ({@link #act} is its argmax). */
  DenseNetwork model();

  /** {@link DenseNetwork#weightsHash()} of every network the agent trains, combined. */
  String weightsHash();
}
