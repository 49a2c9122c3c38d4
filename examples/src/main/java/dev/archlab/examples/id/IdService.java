package dev.archlab.examples.id;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.archlab.id.IdGenerator;
import dev.archlab.id.IdGenerators;
import dev.archlab.id.SnowflakeLayout;
import dev.archlab.id.TicketIdGenerator;
import dev.archlab.id.TicketServers;
import dev.archlab.id.UuidGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP id service on the JDK's {@code HttpServer} with virtual threads.
 *
 * <p>{@code GET /generate?strategy=snowflake|ticket|segment|uuid7&count=n} answers {@code
 * {"strategy": ..., "count": n, "ids": ["...", ...]}}. Ids are JSON strings because 64-bit ids
 * exceed the integers JavaScript represents exactly. A bad parameter answers 400 with {@code
 * {"error": ..., "parameter": ...}}.
 */
public final class IdService implements AutoCloseable {
  /** Most ids one request may ask for. */
  public static final int MAX_COUNT = 10_000;

  private static final Logger log = LoggerFactory.getLogger(IdService.class);
  private static final java.util.regex.Pattern ASCII_DIGITS =
      java.util.regex.Pattern.compile("[0-9]{1,9}");
  private static final List<String> STRATEGIES = List.of("snowflake", "ticket", "segment", "uuid7");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final IdGenerator snowflake;
  private final TicketIdGenerator tickets;
  private final TicketIdGenerator segments;
  private final UuidGenerator uuids = IdGenerators.uuidV7();
  private final AutoCloseable database;

  private IdService(HttpServer server, int workerId) {
    this.server = server;
    this.snowflake = IdGenerators.snowflake(SnowflakeLayout.twitter()).workerId(workerId).build();
    var pool = TicketServers.h2InMemory("archlab_id_service");
    this.database = pool;
    this.tickets = TicketServers.builder("service_tickets").server(pool).tickets();
    this.segments = TicketServers.builder("service_segments").server(pool).segments();
  }

  /**
   * Starts the service.
   *
   * @param host address to bind, {@code 127.0.0.1} unless the caller means to expose it
   * @param port port, or 0 for any free one
   * @param workerId this node's Snowflake worker id (0 to 1023)
   */
  public static IdService start(String host, int port, int workerId) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    IdService service = new IdService(server, workerId);
    server.createContext("/", service::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    log.info("id service listening on http://{}:{}/generate", host, service.port());
    return service;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      if (!uri.getPath().equals("/generate")) {
        respond(exchange, 404, Map.of("error", "no such path: " + abbreviate(uri.getPath())));
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().add("Allow", "GET");
        respond(exchange, 405, Map.of("error", "only GET is allowed"));
        return;
      }
      Map<String, String> query;
      try {
        query = parseQuery(uri.getRawQuery());
      } catch (BadParameter e) {
        respond(exchange, 400, Map.of("error", e.getMessage(), "parameter", e.parameter));
        return;
      }
      try {
        respond(exchange, 200, generate(query));
      } catch (BadParameter e) {
        respond(exchange, 400, Map.of("error", e.getMessage(), "parameter", e.parameter));
      } catch (RuntimeException e) {
        log.warn("id generation failed", e);
        respond(exchange, 503, Map.of("error", "could not issue ids: " + e.getMessage()));
      }
    }
  }

  private Map<String, Object> generate(Map<String, String> query) throws BadParameter {
    for (String name : query.keySet()) {
      if (!name.equals("strategy") && !name.equals("count")) {
        throw new BadParameter(
            abbreviate(name),
            "unknown parameter '" + abbreviate(name) + "'; expected strategy, count");
      }
    }
    String strategy = query.getOrDefault("strategy", "snowflake");
    if (!STRATEGIES.contains(strategy)) {
      throw new BadParameter(
          "strategy",
          "strategy must be one of " + STRATEGIES + ", was '" + abbreviate(strategy) + "'");
    }
    int count = parseCount(query.getOrDefault("count", "1"));
    List<String> ids = new ArrayList<>(count);
    if (strategy.equals("uuid7")) {
      for (int i = 0; i < count; i++) {
        ids.add(uuids.next().toString());
      }
    } else {
      IdGenerator generator =
          switch (strategy) {
            case "ticket" -> tickets;
            case "segment" -> segments;
            default -> snowflake;
          };
      for (long id : generator.nextIds(count)) {
        ids.add(Long.toString(id));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("strategy", strategy);
    body.put("count", count);
    body.put("ids", ids);
    return body;
  }

  private static int parseCount(String text) throws BadParameter {
    // Integer.parseInt also takes '+' and non-ASCII digits; a count is plain ASCII digits.
    if (!ASCII_DIGITS.matcher(text).matches()) {
      throw new BadParameter(
          "count", "count must be a whole number in ASCII digits, was '" + abbreviate(text) + "'");
    }
    int count = Integer.parseInt(text);
    if (count < 1 || count > MAX_COUNT) {
      throw new BadParameter(
          "count", "count must be between 1 and " + MAX_COUNT + ", was " + count);
    }
    return count;
  }

  private static Map<String, String> parseQuery(String rawQuery) throws BadParameter {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadParameter(
            abbreviate(pair), "malformed percent-encoding in '" + abbreviate(pair) + "'");
      }
      if (query.putIfAbsent(name, value) != null) {
        throw new BadParameter(
            abbreviate(name), "parameter '" + abbreviate(name) + "' given more than once");
      }
    }
    return query;
  }

  /** Echoes at most 40 code points of caller input, so errors stay small. */
  private static String abbreviate(String text) {
    int limit = 40;
    if (text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, limit))
        + "... ("
        + text.length()
        + " chars)";
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop(0);
    tickets.close();
    segments.close();
    database.close();
  }

  /** A request parameter that is missing, malformed or out of range. */
  private static final class BadParameter extends Exception {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    BadParameter(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }
  }
}
