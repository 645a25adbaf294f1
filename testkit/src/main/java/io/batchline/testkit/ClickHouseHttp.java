package io.batchline.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A minimal ClickHouse HTTP client for checks, independent of the client the consumer uses, so a
 * bug there cannot hide itself in the assertions.
 */
public final class ClickHouseHttp {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;

  public ClickHouseHttp(String url) {
    this.endpoint = URI.create(url.endsWith("/") ? url : url + "/");
  }

  /** Runs a statement and returns the body; throws with the server's message on error. */
  public String query(String sql) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "ClickHouse "
                + response.statusCode()
                + " for ["
                + sql
                + "]: "
                + response.body().strip());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse unreachable at " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public long queryLong(String sql) {
    return Long.parseLong(query(sql + " FORMAT TabSeparated").strip());
  }

  public List<String> queryLines(String sql) {
    String body = query(sql + " FORMAT TabSeparated").strip();
    return body.isEmpty() ? List.of() : List.of(body.split("\n"));
  }

  public boolean ping() {
    try {
      return query("SELECT 1").strip().equals("1");
    } catch (RuntimeException e) {
      return false;
    }
  }
}
