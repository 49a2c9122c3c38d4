package dev.archlab.autocomplete;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state the nodes of a {@link LiveSuggester} deployment share: selection counts per minute, the
 * blocklist, entry edits, A/B counters and per-user history. Each node keeps its own index replica
 * and reads this state every refresh interval (a user's history when that user asks, at most once
 * per refresh interval).
 *
 * <p>Implementations: {@link SharedStates#inMemory()} for one node, {@link SharedStates#redis} for
 * several. Thread-safe. A Redis-backed state that loses its server keeps answering with what it
 * last read and drops counting writes (selections, counters, history) until the server is back; the
 * blocklist and edit writes throw {@link SharedStateUnavailableException} instead, having changed
 * nothing. Once an outage is known, calls do not wait for the server's timeout.
 *
 * @since 0.1
 */
public interface SharedState extends AutoCloseable {

  /** One entry edit: a put (entry present) or a removal of {@code text} in {@code category}. */
  record Edit(String text, String category, Entry entry, boolean removed) {}

  /** Adds {@code count} selections of {@code term} in the minute bucket {@code minute}. */
  void addSelections(String term, long minute, long count);

  /** Selection counts of one minute bucket (term to count); empty when none. */
  Map<String, Long> selections(long minute);

  /**
   * Adds a term to the blocklist (stored normalised).
   *
   * @throws SharedStateUnavailableException when the change cannot be stored; nothing changed
   */
  void block(String term);

  /**
   * Removes a term from the blocklist.
   *
   * @throws SharedStateUnavailableException when the change cannot be stored; nothing changed
   */
  void unblock(String term);

  /** The normalised blocked terms. */
  Set<String> blocklist();

  /**
   * Records an edit; a later edit of the same text and category replaces it.
   *
   * @throws SharedStateUnavailableException when the change cannot be stored; nothing changed
   */
  void edit(Edit edit);

  /** Every recorded edit, in no particular order. */
  List<Edit> edits();

  /** Increments an A/B counter such as {@code "A.queries"}. */
  void count(String counter, long delta);

  /** Every A/B counter. */
  Map<String, Long> counters();

  /**
   * Puts {@code term} first in the user's history (dropping an earlier copy of it), keeps the
   * newest {@code keep} terms, and lets the whole history expire {@code ttl} after this call.
   */
  void addToHistory(String userId, String term, int keep, Duration ttl);

  /** The user's history, newest first; empty when there is none or it expired. */
  List<String> history(String userId);

  /** A number that changes whenever the blocklist or the edits change. */
  long version();

  @Override
  void close();
}
