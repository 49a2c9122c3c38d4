package dev.archlab.examples.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archlab.autocomplete.Entry;
import dev.archlab.autocomplete.LiveSuggester;
import dev.archlab.autocomplete.Ranking;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutocompleteServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "test-token-123";

  private AutocompleteServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  static List<Entry> catalog() {
    List<Entry> entries = new ArrayList<>();
    entries.add(Entry.of("iPhone", 900, "phones"));
    entries.add(Entry.of("iphone case", 800, "accessories"));
    entries.add(Entry.of("ipad", 700, "tablets"));
    entries.add(Entry.of("<img src=x onerror=alert(1)>", 650, "evil"));
    entries.add(Entry.of("東京", 500, "place").withReadings("トウキョウ"));
    for (int i = 0; i < 2_000; i++) {
      entries.add(Entry.of("item" + i, i % 500, "bulk"));
    }
    return entries;
  }

  @BeforeEach
  void start() throws Exception {
    LiveSuggester live =
        LiveSuggester.builder(catalog())
            .ranking(new Ranking("A", 1_000, 1_000_000))
            .abTest(new Ranking("B", 0, 1_000_000), 0.5)
            .build();
    server = AutocompleteServer.start(live, "127.0.0.1", 0, TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, String body, boolean admin)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (admin) {
      request.header("Authorization", "Bearer " + TOKEN);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request the JDK client refuses to send (malformed percent-encoding), over a socket. */
  private String rawGet(String pathAndQuery) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private JsonNode terms(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("suggestions");
  }

  @Test
  void search_returnsRankedSuggestionsWithHighlightAndReadings() throws Exception {
    JsonNode found = terms("/api/search?q=" + q("ＩＰ") + "&limit=3");
    assertEquals("iPhone", found.get(0).get("term").asText());
    assertEquals(0, found.get(0).get("highlight").get(0).asInt());
    assertEquals(2, found.get(0).get("highlight").get(1).asInt());
    assertEquals(3, found.size());
    assertEquals("東京", terms("/api/search?q=toukyo").get(0).get("term").asText());
    assertEquals("iphone case", terms("/api/search?q=case&mode=infix").get(0).get("term").asText());
    assertEquals(
        "ipad",
        terms("/api/search?q=ipda&mode=fuzzy&category=tablets").get(0).get("term").asText());
    assertEquals("iPhone", terms("/api/popular?limit=1").get(0).get("term").asText());
  }

  @Test
  void badParameters_answer400NamingTheParameter() throws Exception {
    for (String[] bad :
        new String[][] {
          {"/api/search?q=a&limit=0", "limit"},
          {"/api/search?q=a&limit=abc", "limit"},
          {"/api/search?q=a&mode=regex", "mode"},
          {"/api/search?q=" + "a".repeat(101), "q"},
          {"/api/search?q=a&category=nope", "category"},
          {"/api/popular?category=nope", "category"},
        }) {
      HttpResponse<String> response = get(bad[0]);
      assertEquals(400, response.statusCode(), bad[0]);
      assertEquals(bad[1], JSON.readTree(response.body()).get("parameter").asText(), bad[0]);
      assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("json"));
    }
    String unknown =
        JSON.readTree(get("/api/search?q=a&category=nope").body()).get("error").asText();
    assertTrue(unknown.contains("'nope'") && unknown.contains("tablets"), unknown);
    assertEquals(404, get("/api/nothing").statusCode());
    // The JDK server itself refuses a malformed URI with 400 before any handler runs.
    String raw = rawGet("/api/search?q=%zz");
    assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
    assertEquals(400, send("POST", "/api/history", "{not json", false).statusCode());
    assertEquals(400, send("POST", "/api/history", "{\"term\":\"\"}", false).statusCode());
  }

  @Test
  void history_matchesTermsAsSearchDoesAndRefusesUnknownOnes() throws Exception {
    assertEquals("iPhone", terms("/api/search?q=i&user=u1").get(0).get("term").asText());
    assertEquals(
        204,
        send("POST", "/api/history", "{\"term\":\"IPAD\",\"user\":\"u1\"}", false).statusCode());
    assertEquals("ipad", terms("/api/search?q=i&user=u1").get(0).get("term").asText());

    HttpResponse<String> unknown =
        send(
            "POST",
            "/api/history",
            "{\"term\":\"nonexistent-term-xyz\",\"session\":\"u1\"}",
            false);
    assertEquals(404, unknown.statusCode());
    assertEquals("term", JSON.readTree(unknown.body()).get("parameter").asText());
    JsonNode counters =
        JSON.readTree(send("GET", "/api/admin/stats", null, true).body()).get("counters");
    assertEquals(
        1, counters.path("A.selections").asLong() + counters.path("B.selections").asLong());
  }

  @Test
  void adminEntries_validateCategoryAndExistence_wrongMethodsAnswer405() throws Exception {
    for (String category :
        new String[] {"\"a\\u0001b\"", "\"" + "c".repeat(65) + "\"", "\" \"", "7"}) {
      HttpResponse<String> bad =
          send(
              "POST",
              "/api/admin/entries",
              "{\"text\":\"ipod\",\"weight\":1,\"category\":" + category + "}",
              true);
      assertEquals(400, bad.statusCode(), category);
      assertEquals("category", JSON.readTree(bad.body()).get("parameter").asText());
    }
    HttpResponse<String> noCategory = send("DELETE", "/api/admin/entries?text=ipad", null, true);
    assertEquals(400, noCategory.statusCode());
    assertEquals("category", JSON.readTree(noCategory.body()).get("parameter").asText());
    assertEquals(
        404,
        send("DELETE", "/api/admin/entries?text=ipod&category=tablets", null, true).statusCode());
    assertEquals(
        404,
        send("DELETE", "/api/admin/entries?text=ipad&category=phones", null, true).statusCode());
    assertEquals(
        204,
        send("DELETE", "/api/admin/entries?text=ipad&category=tablets", null, true).statusCode());
    assertEquals(
        404,
        send("DELETE", "/api/admin/entries?text=ipad&category=tablets", null, true).statusCode());

    for (String[] wrong :
        new String[][] {
          {"GET", "/api/history", "POST"},
          {"POST", "/api/search", "GET"},
          {"DELETE", "/api/admin/rebuild", "POST"},
          {"PUT", "/api/admin/entries", "POST, DELETE"},
          {"POST", "/", "GET"},
        }) {
      HttpResponse<String> response = send(wrong[0], wrong[1], null, true);
      assertEquals(405, response.statusCode(), wrong[0] + " " + wrong[1]);
      assertEquals(wrong[2], response.headers().firstValue("Allow").orElse(""), wrong[1]);
    }
    assertEquals(404, send("GET", "/api/admin/nothing", null, true).statusCode());
  }

  @Test
  void adminEndpoints_needTheTokenAndTakeEffectAtOnce() throws Exception {
    assertEquals(401, send("POST", "/api/admin/rebuild", null, false).statusCode());
    assertEquals(
        204, send("POST", "/api/admin/blocklist", "{\"term\":\"case\"}", true).statusCode());
    JsonNode found = terms("/api/search?q=ip");
    for (JsonNode s : found) {
      assertFalse(s.get("term").asText().contains("case"));
    }
    assertEquals(
        204,
        send(
                "POST",
                "/api/admin/entries",
                "{\"text\":\"ipod\",\"weight\":5000,\"category\":\"music\"}",
                true)
            .statusCode());
    assertEquals("ipod", terms("/api/search?q=ip").get(0).get("term").asText());
    assertEquals(
        204,
        send("DELETE", "/api/admin/entries?text=ipod&category=music", null, true).statusCode());
    assertEquals("iPhone", terms("/api/search?q=ip").get(0).get("term").asText());
    HttpResponse<String> rebuilt = send("POST", "/api/admin/rebuild", null, true);
    assertEquals(2, JSON.readTree(rebuilt.body()).get("indexVersion").asInt());

    for (int i = 0; i < 20; i++) {
      get("/api/search?q=ip&user=user-" + i);
      send("POST", "/api/history", "{\"term\":\"ipad\",\"session\":\"user-" + i + "\"}", false);
    }
    HttpResponse<String> stats = send("GET", "/api/admin/stats", null, true);
    JsonNode counters = JSON.readTree(stats.body()).get("counters");
    assertTrue(counters.path("A.queries").asLong() + counters.path("B.queries").asLong() >= 20);
    assertEquals(
        20, counters.path("A.selections").asLong() + counters.path("B.selections").asLong());
    assertTrue(counters.path("B.queries").asLong() > 0 && counters.path("A.queries").asLong() > 0);
  }

  @Test
  void page_isServedWithASecurityPolicyAndTermsAreData() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("role=\"combobox\""));
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("'self'"));
    assertEquals(200, get("/autocomplete.js").statusCode());
    JsonNode evil = terms("/api/search?q=" + q("<img"));
    assertEquals("<img src=x onerror=alert(1)>", evil.get(0).get("term").asText());
  }

  @Test
  void rebuildsUnderLoad_failNoRequest() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      Thread client =
          Thread.ofVirtual()
              .start(
                  () -> {
                    int i = 0;
                    while (!stop.get()) {
                      try {
                        HttpResponse<String> response = get("/api/search?q=item" + (i++ % 50));
                        if (response.statusCode() != 200
                            || JSON.readTree(response.body()).get("suggestions").isEmpty()) {
                          failures.incrementAndGet();
                        }
                        done.incrementAndGet();
                      } catch (Exception e) {
                        failures.incrementAndGet();
                      }
                    }
                  });
      clients.add(client);
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(200, send("POST", "/api/admin/rebuild", null, true).statusCode());
    }
    stop.set(true);
    for (Thread client : clients) {
      client.join();
    }
    assertEquals(0, failures.get());
    assertTrue(done.get() > 0);
  }
}
