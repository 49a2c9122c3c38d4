package dev.archlab.examples.autocomplete;

import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.IndexDesign;
import dev.archlab.autocomplete.LiveSuggester;
import dev.archlab.autocomplete.MatchMode;
import dev.archlab.autocomplete.Query;
import dev.archlab.autocomplete.Ranking;
import dev.archlab.autocomplete.SharedState;
import dev.archlab.autocomplete.SharedStates;
import dev.archlab.autocomplete.Suggester;
import dev.archlab.autocomplete.Suggestion;
import dev.archlab.examples.cli.ExperimentOptions;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.LabRunner;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code archlab autocomplete}: the experiment alone, {@code query} and {@code serve}. */
@Command(
    name = "autocomplete",
    mixinStandardHelpOptions = true,
    description =
        "Runs the autocomplete experiment (trie vs sorted prefix index vs Lucene); see the"
            + " query and serve subcommands.",
    subcommands = {AutocompleteCommand.QueryCommand.class, AutocompleteCommand.ServeCommand.class})
public final class AutocompleteCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ExperimentOptions options;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder.")
  Path out;

  @Override
  public Integer call() throws Exception {
    LabContext context = options.context(spec.commandLine());
    return LabRunner.echoingSections(spec.commandLine().getOut(), spec.commandLine().getErr())
        .run(
            List.of(new AutocompleteExperiment()),
            context,
            out != null ? out : LabRunner.defaultReportDir(),
            ExperimentOptions.invocation(spec.commandLine()));
  }

  /** {@code archlab autocomplete query TEXT}: ranked suggestions from the bundled catalog. */
  @Command(
      name = "query",
      mixinStandardHelpOptions = true,
      description =
          "Prints ranked suggestions for TEXT from the bundled English and Japanese data.")
  static final class QueryCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TEXT", description = "Typed text (kana, romaji and Latin work).")
    String text;

    @Option(names = "--limit", defaultValue = "10", description = "How many (1-100).")
    int limit;

    @Option(names = "--category", description = "en, ja-place, ja-person, ja-proper, ja-noun.")
    String category;

    @Option(
        names = "--mode",
        defaultValue = "prefix",
        description = "prefix, infix or fuzzy (default ${DEFAULT-VALUE}).")
    MatchMode mode;

    @Option(
        names = "--design",
        defaultValue = "sorted_prefix_index",
        description = "compact_trie, sorted_prefix_index or brute_force.")
    IndexDesign design;

    @Override
    public Integer call() {
      if (limit < 1 || limit > Query.MAX_LIMIT) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--limit must be between 1 and 100, got " + limit);
      }
      List<Entry> catalog = AutocompleteData.bundled();
      Set<String> categories = new TreeSet<>();
      catalog.forEach(e -> categories.add(e.category()));
      if (category != null && !categories.contains(category)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown --category '"
                + category
                + "', expected one of "
                + String.join(", ", categories));
      }
      Suggester suggester = design.build(catalog);
      List<Suggestion> found = suggester.suggest(new Query(text, limit, category, mode));
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("#", "term", "weight", "category", "match"));
      int rank = 1;
      for (Suggestion s : found) {
        rows.add(
            List.of(
                String.valueOf(rank++),
                s.term(),
                String.valueOf(s.weight()),
                s.category(),
                s.fuzzy() ? "one typo" : "exact"));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(found.isEmpty() ? "no suggestions\n" : terminalTable(rows));
      out.flush();
      return 0;
    }
  }

  /**
   * Aligned text columns padded by display width, so CJK terms (two terminal columns per character)
   * do not push the columns after them out of line. The first row is the header.
   */
  static String terminalTable(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], displayWidth(row.get(c)));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      appendRow(out, rows.get(r), widths);
      if (r == 0) {
        for (int c = 0; c < columns; c++) {
          out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      out.append(c == 0 ? "" : "  ").append(cell);
      if (c < widths.length - 1) {
        out.append(" ".repeat(widths[c] - displayWidth(cell)));
      }
    }
    out.append('\n');
  }

  /**
   * Terminal columns the text takes: two for East Asian Wide and Fullwidth characters (CJK, kana,
   * Hangul, fullwidth forms), none for combining marks, one otherwise.
   */
  static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.FORMAT) {
        continue;
      }
      width += isWide(cp) ? 2 : 1;
    }
    return width;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) // Hangul Jamo initials
        || (cp >= 0x2E80 && cp <= 0x303E) // CJK radicals, punctuation
        || (cp >= 0x3041 && cp <= 0x33FF) // kana, CJK symbols and compatibility
        || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
        || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
        || (cp >= 0xA000 && cp <= 0xA4CF) // Yi
        || (cp >= 0xAC00 && cp <= 0xD7A3) // Hangul syllables
        || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
        || (cp >= 0xFE30 && cp <= 0xFE4F) // CJK compatibility forms
        || (cp >= 0xFF00 && cp <= 0xFF60) // fullwidth forms
        || (cp >= 0xFFE0 && cp <= 0xFFE6) // fullwidth signs
        || (cp >= 0x1F300 && cp <= 0x1F64F) // pictographs, emoticons
        || (cp >= 0x1F900 && cp <= 0x1F9FF) // supplemental symbols and pictographs
        || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B and beyond
  }

  /** {@code archlab autocomplete serve}: the HTTP API and the page. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Serves the search-box page and the JSON API on the bundled catalog.")
  static final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (0 picks a free one).")
    int port;

    @Option(
        names = "--admin-token",
        description = "Token for /api/admin (default: $ARCHLAB_ADMIN_TOKEN or a random one).")
    String adminToken;

    @Option(names = "--redis", description = "Share state with other nodes, e.g. redis://h:6379.")
    URI redis;

    @Option(names = "--namespace", defaultValue = "demo", description = "Redis key namespace.")
    String namespace;

    @Option(
        names = "--design",
        defaultValue = "sorted_prefix_index",
        description = "compact_trie or sorted_prefix_index.")
    IndexDesign design;

    @Option(
        names = "--ab-share",
        defaultValue = "0.5",
        description = "Share of users routed to ranking B (no popularity boost).")
    double abShare;

    @Override
    public Integer call() throws Exception {
      String token = adminToken != null ? adminToken : System.getenv("ARCHLAB_ADMIN_TOKEN");
      if (token == null || token.isBlank()) {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        token = HexFormat.of().formatHex(bytes);
      }
      SharedState state =
          redis == null
              ? SharedStates.inMemory()
              : SharedStates.redis(redis, namespace, Duration.ofHours(3));
      LiveSuggester live =
          LiveSuggester.builder(AutocompleteData.bundled())
              .design(design)
              .sharedState(state)
              .ranking(new Ranking("A", 1_000, 1_000_000))
              .abTest(new Ranking("B", 0, 1_000_000), abShare)
              .build();
      AutocompleteServer server = AutocompleteServer.start(live, host, port, token);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Serving http://%s:%d/ (admin token: %s)%n", host, server.port(), token);
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  }));
      stopped.await();
      return 0;
    }
  }
}
