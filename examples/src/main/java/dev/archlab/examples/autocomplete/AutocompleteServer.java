package dev.archlab.examples.autocomplete;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.LiveSuggester;
import dev.archlab.autocomplete.MatchMode;
import dev.archlab.autocomplete.Query;
import dev.archlab.autocomplete.SharedStateUnavailableException;
import dev.archlab.autocomplete.Suggestion;
import dev.archlab.autocomplete.TextNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autocomplete HTTP service on the JDK's {@link HttpServer}: the JSON API, the admin API behind
 * a bearer token, and the static search page.
 *
 * <pre>
 * GET    /api/search?q=&amp;limit=&amp;category=&amp;mode=&amp;user=   ranked suggestions
 * GET    /api/popular?category=&amp;limit=                  for the empty box
 * POST   /api/history        {"term": "...", "user": "..."}  (or "session"; the search's user)
 * POST   /api/admin/entries  {"text", "weight", "category", "readings", "payload"}
 * DELETE /api/admin/entries?text=&amp;category=
 * POST   /api/admin/blocklist {"term": "..."}   DELETE /api/admin/blocklist?term=
 * POST   /api/admin/rebuild                     GET /api/admin/stats
 * </pre>
 *
 * Bad parameters answer 400 with {@code {"error": ..., "parameter": ...}}. An admin change that
 * cannot be shared because Redis is unreachable answers 503 with {@code {"error": ...}} and changes
 * nothing.
 */
public final class AutocompleteServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AutocompleteServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest accepted query, in chars; longer ones are refused so no request is ever slow. */
  static final int MAX_QUERY_CHARS = 100;

  static final int MAX_LIMIT = 20;
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final Map<String, String> STATIC =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/autocomplete.js", "autocomplete.js",
          "/autocomplete.css", "autocomplete.css");

  /** The methods each endpoint answers, for 405 and its Allow header. */
  private static final Map<String, String> API_METHODS =
      Map.of("search", "GET", "popular", "GET", "history", "POST");

  private static final Map<String, String> ADMIN_METHODS =
      Map.of(
          "entries", "POST, DELETE",
          "blocklist", "GET, POST, DELETE",
          "rebuild", "POST",
          "stats", "GET");

  /** Letters, digits, spaces and a few separators: what a category filter can be typed as. */
  private static final java.util.regex.Pattern CATEGORY =
      java.util.regex.Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._/&-]{0,63}");

  private final LiveSuggester live;
  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] adminToken;

  private AutocompleteServer(LiveSuggester live, HttpServer server, String adminToken) {
    this.live = live;
    this.server = server;
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts serving; port 0 picks a free port (see {@link #port()}). */
  public static AutocompleteServer start(
      LiveSuggester live, String host, int port, String adminToken) throws IOException {
    if (adminToken.length() < 8) {
      throw new IllegalArgumentException("admin token must have at least 8 characters");
    }
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 512);
    AutocompleteServer server = new AutocompleteServer(live, http, adminToken);
    http.start();
    return server;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    live.close();
  }

  /** A client error: status 400 (or another 4xx) naming the parameter. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String parameter;
    final @Nullable String allow;

    BadRequest(int status, String parameter, String message) {
      this(status, parameter, message, null);
    }

    BadRequest(int status, String parameter, String message, @Nullable String allow) {
      super(message);
      this.status = status;
      this.parameter = parameter;
      this.allow = allow;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        if (path.startsWith("/api/admin/")) {
          requireAdmin(exchange);
          admin(exchange, method, path.substring("/api/admin/".length()));
        } else if (path.startsWith("/api/")) {
          api(exchange, method, path.substring("/api/".length()));
        } else if (STATIC.containsKey(path)) {
          if (!method.equals("GET")) {
            throw unknown(method, path, "GET");
          }
          serveStatic(exchange, STATIC.get(path));
        } else {
          throw new BadRequest(404, "path", "no such page: " + path);
        }
      } catch (BadRequest e) {
        if (e.allow != null) {
          exchange.getResponseHeaders().set("Allow", e.allow);
        }
        ObjectNode error = JSON.createObjectNode();
        error.put("error", e.getMessage());
        error.put("parameter", e.parameter);
        send(exchange, e.status, error);
      } catch (SharedStateUnavailableException e) {
        // An admin change only this node saw would leave the nodes disagreeing: refuse it.
        LOG.warn("request {} {} refused: {}", method, path, e.getMessage());
        ObjectNode error = JSON.createObjectNode();
        error.put("error", "Redis is unreachable; nothing was changed, retry when it is back");
        send(exchange, 503, error);
      } catch (RuntimeException e) {
        LOG.warn("request {} {} failed", method, path, e);
        ObjectNode error = JSON.createObjectNode();
        error.put("error", "internal error");
        send(exchange, 500, error);
      }
    }
  }

  private void api(HttpExchange exchange, String method, String endpoint)
      throws IOException, BadRequest {
    Map<String, String> params = params(exchange);
    switch (method + " " + endpoint) {
      case "GET search" -> search(exchange, params);
      case "GET popular" -> {
        List<Suggestion> popular = live.popular(category(params), limit(params, 10));
        ObjectNode body = JSON.createObjectNode();
        body.set("suggestions", suggestionsJson(popular, ""));
        send(exchange, 200, body);
      }
      case "POST history" -> {
        JsonNode body = body(exchange);
        String typed = text(body, "term", MAX_QUERY_CHARS);
        // "user" is the name search uses for the same id; "session" is kept for old pages.
        String user = text(body, body.has("user") ? "user" : "session", 64);
        // Resolved the way search matches, and only to an entry that exists: an unknown term
        // would otherwise be counted (popularity, A/B selections) for something nobody can see.
        String term =
            live.entryText(typed)
                .orElseThrow(
                    () ->
                        new BadRequest(
                            404, "term", "term '" + clip(typed) + "' names no suggestable entry"));
        live.recordSelection(user, term);
        send(exchange, 204, null);
      }
      default -> throw unknown(method, "/api/" + endpoint, API_METHODS.get(endpoint));
    }
  }

  private void search(HttpExchange exchange, Map<String, String> params)
      throws IOException, BadRequest {
    String q = params.getOrDefault("q", "");
    if (q.length() > MAX_QUERY_CHARS) {
      throw new BadRequest(
          400, "q", "q must be at most " + MAX_QUERY_CHARS + " characters, got " + q.length());
    }
    MatchMode mode = mode(params);
    String user = params.get("user");
    if (user != null && (user.isEmpty() || user.length() > 64)) {
      throw new BadRequest(400, "user", "user must be 1 to 64 characters");
    }
    long start = System.nanoTime();
    List<Suggestion> found =
        live.suggest(new Query(q, limit(params, 8), category(params), mode), user);
    ObjectNode body = JSON.createObjectNode();
    body.put("query", q);
    body.put("arm", live.armOf(user));
    body.set("suggestions", suggestionsJson(found, q));
    body.put("tookMicros", (System.nanoTime() - start) / 1000);
    send(exchange, 200, body);
  }

  private void admin(HttpExchange exchange, String method, String endpoint)
      throws IOException, BadRequest {
    Map<String, String> params = params(exchange);
    switch (method + " " + endpoint) {
      case "POST entries" -> {
        JsonNode body = body(exchange);
        List<String> readings = new ArrayList<>();
        if (body.has("readings")) {
          if (!body.get("readings").isArray()) {
            throw new BadRequest(400, "readings", "readings must be an array of strings");
          }
          body.get("readings").forEach(r -> readings.add(r.asText()));
        }
        JsonNode weight = body.get("weight");
        if (weight == null || !weight.canConvertToLong() || weight.asLong() < 0) {
          throw new BadRequest(400, "weight", "weight must be a whole number >= 0");
        }
        String payload = body.hasNonNull("payload") ? body.get("payload").asText() : null;
        Entry entry =
            new Entry(
                text(body, "text", 200), weight.asLong(), entryCategory(body), readings, payload);
        live.put(entry);
        send(exchange, 204, null);
      }
      case "DELETE entries" -> {
        String text = required(params, "text");
        String category = required(params, "category");
        if (!live.remove(text, category)) {
          throw new BadRequest(
              404,
              "text",
              "no entry '" + clip(text) + "' in category '" + clip(category) + "' to delete");
        }
        send(exchange, 204, null);
      }
      case "POST blocklist" -> {
        String term = text(body(exchange), "term", 200);
        if (TextNormalizer.normalize(term).isEmpty()) {
          throw new BadRequest(400, "term", "term is empty after normalisation");
        }
        live.block(term);
        send(exchange, 204, null);
      }
      case "DELETE blocklist" -> {
        live.unblock(required(params, "term"));
        send(exchange, 204, null);
      }
      case "GET blocklist" -> {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode terms = body.putArray("terms");
        live.blocklist().stream().sorted().forEach(terms::add);
        send(exchange, 200, body);
      }
      case "POST rebuild" -> {
        long version = live.rebuild();
        ObjectNode body = JSON.createObjectNode();
        body.put("indexVersion", version);
        send(exchange, 200, body);
      }
      case "GET stats" -> send(exchange, 200, JSON.valueToTree(live.stats()));
      default -> throw unknown(method, "/api/admin/" + endpoint, ADMIN_METHODS.get(endpoint));
    }
  }

  private void requireAdmin(HttpExchange exchange) throws BadRequest {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String presented = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
    // Constant-time comparison, so response timing does not reveal the token.
    if (!MessageDigest.isEqual(adminToken, presented.getBytes(StandardCharsets.UTF_8))) {
      throw new BadRequest(
          401, "Authorization", "admin endpoints need 'Authorization: Bearer <token>'");
    }
  }

  private static ArrayNode suggestionsJson(List<Suggestion> suggestions, String typed) {
    ArrayNode array = JSON.createArrayNode();
    for (Suggestion s : suggestions) {
      ObjectNode node = array.addObject();
      node.put("term", s.term());
      node.put("weight", s.weight());
      node.put("category", s.category());
      node.put("fuzzy", s.fuzzy());
      if (s.payload() != null) {
        node.put("payload", s.payload());
      }
      int[] span = Highlight.span(s.term(), typed);
      if (span != null) {
        node.putArray("highlight").add(span[0]).add(span[1]);
      }
    }
    return array;
  }

  private static MatchMode mode(Map<String, String> params) throws BadRequest {
    String value = params.getOrDefault("mode", "prefix");
    try {
      return MatchMode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          400, "mode", "mode must be prefix, infix or fuzzy, got '" + clip(value) + "'");
    }
  }

  private static int limit(Map<String, String> params, int fallback) throws BadRequest {
    String value = params.get("limit");
    if (value == null) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw new BadRequest(
        400,
        "limit",
        "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + clip(value) + "'");
  }

  private String category(Map<String, String> params) throws BadRequest {
    String value = params.get("category");
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > 64) {
      throw new BadRequest(400, "category", "category must be at most 64 characters");
    }
    Set<String> known = live.categories();
    if (!known.contains(value)) {
      throw new BadRequest(
          400,
          "category",
          "unknown category '" + clip(value) + "', expected one of " + String.join(", ", known));
    }
    return value;
  }

  private static BadRequest unknown(String method, String path, @Nullable String allowed) {
    if (allowed == null) {
      return new BadRequest(404, "path", "no such endpoint: " + path);
    }
    return new BadRequest(
        405, "method", method + " is not allowed on " + path + ", use " + allowed, allowed);
  }

  /** A new entry's category: the search filter could never select a longer or odd one. */
  private static String entryCategory(JsonNode body) throws BadRequest {
    JsonNode node = body.get("category");
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual() || !CATEGORY.matcher(node.asText()).matches()) {
      throw new BadRequest(
          400,
          "category",
          "category must be 1-64 letters, digits, spaces or . _ / & -, starting with a letter"
              + " or digit");
    }
    return node.asText();
  }

  private static String required(Map<String, String> params, String name) throws BadRequest {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      throw new BadRequest(400, name, name + " is required");
    }
    return value;
  }

  private static String text(JsonNode body, String field, int maxLength) throws BadRequest {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new BadRequest(400, field, field + " must be a non-blank string");
    }
    if (node.asText().length() > maxLength) {
      throw new BadRequest(400, field, field + " must be at most " + maxLength + " characters");
    }
    return node.asText();
  }

  private static String clip(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }

  private static JsonNode body(HttpExchange exchange) throws IOException, BadRequest {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new BadRequest(413, "body", "request body over " + MAX_BODY_BYTES + " bytes");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new BadRequest(400, "body", "body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new BadRequest(400, "body", "body is not valid JSON");
    }
  }

  private static Map<String, String> params(HttpExchange exchange) throws BadRequest {
    String raw = exchange.getRequestURI().getRawQuery();
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    if (raw.length() > 4096) {
      throw new BadRequest(414, "query string", "query string over 4096 characters");
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(400, name, "malformed percent-encoding in parameter " + clip(name));
      }
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Cache-Control", "no-store");
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    headers.set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void serveStatic(HttpExchange exchange, String file) throws IOException {
    byte[] bytes;
    try (InputStream in =
        AutocompleteServer.class.getResourceAsStream("/autocomplete/web/" + file)) {
      if (in == null) {
        throw new IOException("page resource missing: " + file);
      }
      bytes = in.readAllBytes();
    }
    String type =
        file.endsWith(".html")
            ? "text/html; charset=utf-8"
            : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none';"
            + " base-uri 'none'; frame-ancestors 'none'");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
