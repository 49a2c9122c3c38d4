package dev.archlab.id;

/** A statically assigned worker id: always held, no floor, nothing to record. */
final class FixedWorkerIdLease implements WorkerIdLease {
  private final int workerId;

  FixedWorkerIdLease(int workerId) {
    this.workerId = workerId;
  }

  @Override
  public int workerIdAt(long epochMillis) {
    return workerId;
  }

  @Override
  public long notBeforeEpochMillis() {
    return Long.MIN_VALUE;
  }

  @Override
  public void recordIssuedUpTo(long epochMillis) {
    // A static id has no lease store to hand the mark to; a TimestampStore covers restarts.
  }

  @Override
  public String toString() {
    return "WorkerIdLease.fixed(" + workerId + ")";
  }
}
