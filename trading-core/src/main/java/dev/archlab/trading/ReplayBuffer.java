package dev.archlab.trading;

import java.util.SplittableRandom;

/** A ring buffer of transitions in flat primitive arrays, so that storing one allocates nothing. */
final class ReplayBuffer {
  private final int capacity;
  private final int observationSize;
  private final double[] observations;
  private final double[] nextObservations;
  private final int[] actions;
  private final double[] rewards;
  private final boolean[] terminals;
  private int next;
  private int size;

  ReplayBuffer(int capacity, int observationSize) {
    this.capacity = capacity;
    this.observationSize = observationSize;
    observations = new double[capacity * observationSize];
    nextObservations = new double[capacity * observationSize];
    actions = new int[capacity];
    rewards = new double[capacity];
    terminals = new boolean[capacity];
  }

  void add(double[] observation, int action, double reward, double[] nextObservation, boolean end) {
    System.arraycopy(observation, 0, observations, next * observationSize, observationSize);
    System.arraycopy(nextObservation, 0, nextObservations, next * observationSize, observationSize);
    actions[next] = action;
    rewards[next] = reward;
    terminals[next] = end;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  int size() {
    return size;
  }

  int sample(SplittableRandom random) {
    return random.nextInt(size);
  }

  void observation(int index, double[] into) {
    System.arraycopy(observations, index * observationSize, into, 0, observationSize);
  }

  void nextObservation(int index, double[] into) {
    System.arraycopy(nextObservations, index * observationSize, into, 0, observationSize);
  }

  int action(int index) {
    return actions[index];
  }

  double reward(int index) {
    return rewards[index];
  }

  boolean terminal(int index) {
    return terminals[index];
  }
}
