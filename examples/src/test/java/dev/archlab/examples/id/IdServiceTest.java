package dev.archlab.examples.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static IdService service;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    service = IdService.start("127.0.0.1", 0, 7);
    client = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + service.port() + pathAndQuery);
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"snowflake", "ticket", "segment", "uuid7"})
  void generate_eachStrategy_answersDistinctIdsAsStrings(String strategy) throws Exception {
    HttpResponse<String> response = get("/generate?strategy=" + strategy + "&count=50");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = JSON.readTree(response.body());
    assertEquals(strategy, body.get("strategy").asText());
    Set<String> ids = new HashSet<>();
    body.get("ids").forEach(id -> ids.add(id.asText()));
    assertEquals(50, ids.size(), "50 distinct ids");
    body.get("ids").forEach(id -> assertTrue(id.isTextual(), "ids are JSON strings"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/generate?strategy=flake|strategy|strategy must be one of",
        "/generate?count=0|count|count must be between 1 and 10000, was 0",
        "/generate?count=10001|count|count must be between 1 and 10000, was 10001",
        "/generate?count=abc|count|count must be a whole number in ASCII digits, was 'abc'",
        "/generate?count=99999999999999999999|count|count must be a whole number",
        "/generate?count=1&count=2|count|given more than once",
        "/generate?colour=red|colour|unknown parameter 'colour'",
        "/generate?count=%2B3|count|count must be a whole number in ASCII digits, was '+3'",
        "/generate?count=%EF%BC%95|count|count must be a whole number in ASCII digits"
      })
  void generate_badParameter_answers400NamingIt(String path, String parameter, String message)
      throws Exception {
    HttpResponse<String> response = get(path);

    assertEquals(400, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertEquals(parameter, body.get("parameter").asText(), response.body());
    assertTrue(body.get("error").asText().contains(message), response.body());
  }

  @Test
  void generate_hugeValue_isEchoedOnlyInPart() throws Exception {
    HttpResponse<String> response = get("/generate?strategy=" + "a".repeat(100_000));

    assertEquals(400, response.statusCode());
    assertTrue(response.body().length() < 300, "short error, was " + response.body().length());
    assertTrue(response.body().contains("(100000 chars)"), response.body());
  }

  @Test
  void generate_malformedPercentEncoding_answers400() throws Exception {
    // The JDK's HttpClient refuses to send such a URI, so this request goes over a raw socket;
    // the JDK's HttpServer itself rejects it before the handler runs, without a JSON body.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port())) {
      socket
          .getOutputStream()
          .write(
              "GET /generate?strategy=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    }
  }

  @Test
  void unknownPath_answers404AndPost_answers405() throws Exception {
    assertEquals(404, get("/nope").statusCode());
    URI uri = URI.create("http://127.0.0.1:" + service.port() + "/generate");
    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  @Test
  void concurrentRequests_neverShareAnId() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<JsonNode>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String strategy = List.of("snowflake", "ticket", "segment").get(i % 3);
        answers.add(
            pool.submit(
                () -> {
                  HttpResponse<String> response =
                      get("/generate?strategy=" + strategy + "&count=200");
                  // A refused request names its reason here instead of failing later on "ids".
                  assertEquals(200, response.statusCode(), response.body());
                  return JSON.readTree(response.body());
                }));
      }
      Set<String> seen = new HashSet<>();
      int total = 0;
      for (Future<JsonNode> answer : answers) {
        JsonNode body = answer.get();
        for (JsonNode id : body.get("ids")) {
          seen.add(body.get("strategy").asText() + ":" + id.asText());
          total++;
        }
      }
      assertEquals(40 * 200, total);
      assertEquals(total, seen.size(), "no id repeated within a strategy");
    }
  }
}
