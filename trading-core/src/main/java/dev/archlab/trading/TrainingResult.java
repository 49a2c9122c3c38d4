package dev.archlab.trading;

/**
 * What a call to {@link LearningAgent#train} did.
 *
 * @param steps environment steps taken
 * @param episodes episodes finished
 * @param stoppedEarly true when the listener stopped training before the step budget
 * @since 0.1
 */
public record TrainingResult(long steps, long episodes, boolean stoppedEarly) {}
