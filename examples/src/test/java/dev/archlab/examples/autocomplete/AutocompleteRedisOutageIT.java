package dev.archlab.examples.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archlab.autocomplete.LiveSuggester;
import dev.archlab.autocomplete.SharedStates;
import dev.archlab.testsupport.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service with its shared state in a real redis-server that the test stops. */
class AutocompleteRedisOutageIT {
  private static final String TOKEN = "test-token-123";
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(int port, String method, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Authorization", "Bearer " + TOKEN)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void adminWritesDuringAnOutage_answer503AndChangeNothing() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      LiveSuggester live =
          LiveSuggester.builder(AutocompleteServerTest.catalog())
              .sharedState(SharedStates.redis(redis.uri(), "outage-it", Duration.ofHours(1)))
              .build();
      try (AutocompleteServer server = AutocompleteServer.start(live, "127.0.0.1", 0, TOKEN)) {
        int port = server.port();
        redis.kill();

        var blocked = send(port, "POST", "/api/admin/blocklist", "{\"term\":\"ipad\"}");
        assertEquals(503, blocked.statusCode(), blocked.body());
        assertTrue(
            new ObjectMapper().readTree(blocked.body()).get("error").asText().contains("Redis"));
        var added =
            send(
                port,
                "POST",
                "/api/admin/entries",
                "{\"text\":\"ipod\",\"weight\":5000,\"category\":\"tablets\"}");
        assertEquals(503, added.statusCode(), added.body());
        assertEquals(
            503,
            send(port, "DELETE", "/api/admin/entries?text=ipad&category=tablets", null)
                .statusCode());

        // Searches keep answering from the node's last state, unchanged.
        var found = send(port, "GET", "/api/search?q=ip", null);
        assertEquals(200, found.statusCode());
        assertTrue(found.body().contains("\"ipad\""), found.body());
        assertTrue(!found.body().contains("\"ipod\""), found.body());
        assertEquals(200, send(port, "GET", "/api/admin/stats", null).statusCode());
      }
    }
  }
}
