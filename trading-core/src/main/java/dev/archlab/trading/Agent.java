package dev.archlab.trading;

/**
 * Something that picks an action for an observation: a learned policy or a rule baseline.
 *
 * <p>{@link #act} is the agent's evaluation decision (greedy for learned agents). Agents are not
 * thread-safe: give each thread its own. The learners and {@link Agents#greedy} detect a second
 * thread using them while another is inside {@code act}, {@code train} or {@code model} and throw
 * {@link java.util.ConcurrentModificationException} instead of returning a corrupted result.
 *
 * @since 0.1
 */
public interface Agent {

  /** Short name for tables and charts, such as {@code dqn} or {@code buy-and-hold}. */
  String name();

  /** The action this agent takes for {@code observation}. */
  int act(double[] observation);
}
