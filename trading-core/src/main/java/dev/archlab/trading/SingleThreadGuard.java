package dev.archlab.trading;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Detects a second thread entering an object that is not thread-safe while a first is inside it,
 * and fails that call instead of letting shared buffers be overwritten mid-computation. The owning
 * thread may re-enter (a training listener may evaluate the agent it is training).
 */
final class SingleThreadGuard {
  private final String what;
  private final AtomicReference<Thread> owner = new AtomicReference<>();
  private int depth;

  SingleThreadGuard(String what) {
    this.what = what;
  }

  void enter() {
    Thread current = Thread.currentThread();
    if (owner.get() == current) {
      depth++;
      return;
    }
    if (!owner.compareAndSet(null, current)) {
      Thread holder = owner.get();
      throw new ConcurrentModificationException(
          what
              + " is in use by "
              + (holder == null ? "another thread" : "thread '" + holder.getName() + "'")
              + "; it is not thread-safe, so give each thread its own instance");
    }
    depth = 1;
  }

  void exit() {
    if (--depth == 0) {
      owner.set(null);
    }
  }
}
