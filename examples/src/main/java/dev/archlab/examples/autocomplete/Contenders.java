package dev.archlab.examples.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.IndexDesign;
import dev.archlab.autocomplete.MatchMode;
import dev.archlab.autocomplete.Query;
import dev.archlab.autocomplete.Suggester;
import dev.archlab.autocomplete.Suggesters;
import dev.archlab.autocomplete.Suggestion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup;
import org.apache.lucene.search.suggest.analyzing.AnalyzingInfixSuggester;
import org.apache.lucene.search.suggest.analyzing.AnalyzingSuggester;
import org.apache.lucene.search.suggest.fst.WFSTCompletionLookup;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * archlab's index designs and Lucene's suggesters behind one tiny adapter, so the lab and the JMH
 * benchmarks drive every contender through identical code, and a check that they agree.
 *
 * <p>Lucene sees the entries' texts as they are: callers pass entries whose text is already
 * normalised and unique (see {@link AutocompleteData#scaleSet}), and normalised queries.
 */
public final class Contenders {
  private Contenders() {}

  /** One completion answer as every contender reports it. */
  public record Hit(String key, long weight) {}

  /** A contender: top-k completions of a normalised prefix. */
  public interface Contender extends AutoCloseable {
    String name();

    List<Hit> top(String prefix, int k);

    /** Approximate bytes of the structure (excluding the entry table for archlab's designs). */
    long bytes();

    @Override
    default void close() {}
  }

  /** The prefix contenders in report order. */
  public enum Kind {
    COMPACT_TRIE("archlab compact trie"),
    SORTED_PREFIX_INDEX("archlab sorted prefix index"),
    LUCENE_WFST("Lucene WFSTCompletionLookup"),
    LUCENE_ANALYZING("Lucene AnalyzingSuggester");

    public final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Builds this contender over the entries (weights must fit in an int for Lucene). */
    public Contender build(List<Entry> entries) {
      return switch (this) {
        case COMPACT_TRIE -> archlab(IndexDesign.COMPACT_TRIE, entries, MatchMode.PREFIX, label);
        case SORTED_PREFIX_INDEX ->
            archlab(IndexDesign.SORTED_PREFIX_INDEX, entries, MatchMode.PREFIX, label);
        case LUCENE_WFST -> wfst(entries, label);
        case LUCENE_ANALYZING -> analyzing(entries, label);
      };
    }
  }

  /** The infix contenders in report order. */
  public enum InfixKind {
    COMPACT_TRIE("archlab compact trie (infix)"),
    SORTED_PREFIX_INDEX("archlab sorted prefix index (infix)"),
    LUCENE_ANALYZING_INFIX("Lucene AnalyzingInfixSuggester");

    public final String label;

    InfixKind(String label) {
      this.label = label;
    }

    public Contender build(List<Entry> entries) {
      return switch (this) {
        case COMPACT_TRIE -> archlab(IndexDesign.COMPACT_TRIE, entries, MatchMode.INFIX, label);
        case SORTED_PREFIX_INDEX ->
            archlab(IndexDesign.SORTED_PREFIX_INDEX, entries, MatchMode.INFIX, label);
        case LUCENE_ANALYZING_INFIX -> infix(entries, label);
      };
    }
  }

  /** An archlab design answering in one mode. */
  public static Contender archlab(
      IndexDesign design, List<Entry> entries, MatchMode mode, String name) {
    // Prefix contenders leave out the word-start keys, as Lucene's prefix suggesters do.
    Suggester suggester =
        mode == MatchMode.INFIX ? design.build(entries) : Suggesters.prefixOnly(design, entries);
    return new Contender() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Hit> top(String prefix, int k) {
        List<Suggestion> found = suggester.suggest(new Query(prefix, k, null, mode));
        List<Hit> hits = new ArrayList<>(found.size());
        for (Suggestion s : found) {
          hits.add(new Hit(s.term(), s.weight()));
        }
        return hits;
      }

      @Override
      public long bytes() {
        return suggester.indexBytes();
      }
    };
  }

  private static Contender wfst(List<Entry> entries, String name) {
    try {
      // exactFirst off: an exact match gets no promotion, so the answer is the plain top k.
      WFSTCompletionLookup lookup =
          new WFSTCompletionLookup(new ByteBuffersDirectory(), "wfst", false);
      lookup.build(new Entries(entries));
      return lucene(lookup, name, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Contender analyzing(List<Entry> entries, String name) {
    try {
      // PRESERVE_SEP without EXACT_FIRST, keyword analysis: the same exact top k by weight.
      AnalyzingSuggester lookup =
          new AnalyzingSuggester(
              new ByteBuffersDirectory(),
              "analyzing",
              new KeywordAnalyzer(),
              new KeywordAnalyzer(),
              AnalyzingSuggester.PRESERVE_SEP,
              256,
              -1,
              true);
      lookup.build(new Entries(entries));
      return lucene(lookup, name, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Contender infix(List<Entry> entries, String name) {
    try {
      // Words split at every non-letter-or-digit and lower-cased: archlab's word starts.
      Analyzer words =
          new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
              Tokenizer tokenizer =
                  CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
              return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
          };
      AnalyzingInfixSuggester lookup =
          new AnalyzingInfixSuggester(new ByteBuffersDirectory(), words);
      lookup.build(new Entries(entries));
      return lucene(lookup, name, lookup);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Contender lucene(Lookup lookup, String name, AnalyzingInfixSuggester closeable) {
    return new Contender() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Hit> top(String prefix, int k) {
        try {
          List<Lookup.LookupResult> results =
              closeable != null
                  ? closeable.lookup(prefix, k, true, false)
                  : lookup.lookup(prefix, false, k);
          List<Hit> hits = new ArrayList<>(results.size());
          for (Lookup.LookupResult r : results) {
            hits.add(new Hit(r.key.toString(), r.value));
          }
          return hits;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public long bytes() {
        return lookup.ramBytesUsed();
      }

      @Override
      public void close() {
        if (closeable != null) {
          try {
            closeable.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }

  /**
   * Whether two top-k answers agree: the same weights in the same order, and the same keys for
   * every weight except the lowest one present when the list is full (ties at the cut may be broken
   * differently: archlab by text, Lucene by its own order).
   */
  public static boolean agree(List<Hit> a, List<Hit> b, int k) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).weight() != b.get(i).weight()) {
        return false;
      }
    }
    long cutWeight = a.isEmpty() ? Long.MIN_VALUE : a.get(a.size() - 1).weight();
    boolean cut = a.size() == k;
    Set<String> keysA = new HashSet<>();
    Set<String> keysB = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      if (!cut || a.get(i).weight() != cutWeight) {
        keysA.add(a.get(i).key());
        keysB.add(b.get(i).key());
      }
    }
    return keysA.equals(keysB);
  }

  /** Feeds entries to Lucene's builders. */
  private static final class Entries implements InputIterator {
    private final List<Entry> entries;
    private int at = -1;

    Entries(List<Entry> entries) {
      this.entries = entries;
    }

    @Override
    public BytesRef next() {
      at++;
      return at < entries.size()
          ? new BytesRef(entries.get(at).text().getBytes(StandardCharsets.UTF_8))
          : null;
    }

    @Override
    public long weight() {
      return entries.get(at).weight();
    }

    @Override
    public BytesRef payload() {
      return null;
    }

    @Override
    public boolean hasPayloads() {
      return false;
    }

    @Override
    public Set<BytesRef> contexts() {
      return null;
    }

    @Override
    public boolean hasContexts() {
      return false;
    }
  }

  static String describe(Hit hit) {
    return Objects.toString(hit.key()) + " (" + hit.weight() + ")";
  }
}
