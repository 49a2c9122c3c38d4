package dev.archlab.examples.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.autocomplete.LiveSuggester;
import dev.archlab.autocomplete.Ranking;
import dev.archlab.testsupport.IntegrationServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;

/**
 * The search page in real headless Chromium (Debian's chromium and chromium-driver; nothing is
 * downloaded at test time). Under CI a missing browser fails the test; elsewhere it is skipped.
 */
class AutocompletePageIT {
  private static AutocompleteServer server;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void startBrowserAndServer() throws Exception {
    Path chromium = Path.of(envOr("ARCHLAB_CHROMIUM_BIN", "/usr/bin/chromium"));
    Path chromedriver = Path.of(envOr("ARCHLAB_CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      String reason = "chromium or chromedriver missing at " + chromium + ", " + chromedriver;
      if (IntegrationServers.underCi()) {
        throw new AssertionError(reason + " (.ci/run installs chromium and chromium-driver)");
      }
      throw new TestAbortedException("skipped outside CI: " + reason);
    }
    LiveSuggester live =
        LiveSuggester.builder(AutocompleteServerTest.catalog())
            .ranking(new Ranking("A", 1_000, 1_000_000))
            .build();
    server = AutocompleteServer.start(live, "127.0.0.1", 0, "page-test-token");

    profile = Files.createTempDirectory("archlab-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=900,700",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(900, 700));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openPage() {
    driver.get("http://127.0.0.1:" + server.port() + "/");
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(5));
  }

  private static List<WebElement> options() {
    return driver.findElements(By.cssSelector("#suggestions li[role=option]"));
  }

  private static WebElement box() {
    return driver.findElement(By.id("search-box"));
  }

  @Test
  void typing_showsHighlightedSuggestionsAsAnAriaCombobox() throws Exception {
    box().sendKeys("ip");
    waiting().until(d -> options().size() == 3);
    assertEquals("true", box().getAttribute("aria-expanded"));
    assertEquals("suggestions", box().getAttribute("aria-controls"));
    assertEquals("listbox", driver.findElement(By.id("suggestions")).getAttribute("role"));
    assertEquals("iPhone", options().get(0).findElement(By.className("term")).getText());
    assertEquals("iP", options().get(0).findElement(By.tagName("mark")).getText());
    waiting().until(d -> d.findElement(By.id("status")).getText().startsWith("3 suggestions"));

    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Path shot = Path.of("target", "autocomplete-page.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, png);
    assertTrue(png.length > 1000);
  }

  @Test
  void arrowsEnterAndEscape_moveChooseAndClose() {
    box().sendKeys("ip");
    waiting().until(d -> options().size() == 3);
    box().sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    assertEquals("suggestion-1", box().getAttribute("aria-activedescendant"));
    assertEquals("true", options().get(1).getAttribute("aria-selected"));
    box().sendKeys(Keys.ARROW_UP);
    assertEquals("suggestion-0", box().getAttribute("aria-activedescendant"));
    box().sendKeys(Keys.ENTER);
    assertEquals("iPhone", box().getAttribute("value"));
    assertEquals("false", box().getAttribute("aria-expanded"));
    assertEquals("You chose: iPhone", driver.findElement(By.id("chosen")).getText());

    box().sendKeys(Keys.BACK_SPACE);
    waiting().until(d -> !options().isEmpty() && d.findElement(By.id("suggestions")).isDisplayed());
    box().sendKeys(Keys.ESCAPE);
    waiting().until(d -> !d.findElement(By.id("suggestions")).isDisplayed());
    assertEquals("false", box().getAttribute("aria-expanded"));
  }

  @Test
  void emptyBox_showsPopularTerms() {
    box().click();
    waiting().until(d -> !options().isEmpty());
    assertEquals("Popular searches", driver.findElement(By.id("list-heading")).getText());
    assertEquals("iPhone", options().get(0).findElement(By.className("term")).getText());
  }

  @Test
  void markupInTerms_isShownAsTextNeverInjected() {
    box().sendKeys("<img");
    waiting().until(d -> options().size() == 1);
    assertEquals(
        "<img src=x onerror=alert(1)>",
        options().get(0).findElement(By.className("term")).getText());
    assertEquals(0, driver.findElements(By.cssSelector("#suggestions img")).size());
  }

  @Test
  void kanaAndRomaji_reachJapaneseTerms() {
    box().sendKeys("toukyo");
    waiting().until(d -> !options().isEmpty());
    assertEquals("東京", options().get(0).findElement(By.className("term")).getText());
  }

  /** Copies the screenshot into docs/ when asked: {@code -Darchlab.updateScreenshot=true}. */
  @AfterAll
  static void publishScreenshot() throws Exception {
    Path shot = Path.of("target", "autocomplete-page.png");
    if (Boolean.getBoolean("archlab.updateScreenshot") && Files.exists(shot)) {
      Files.copy(
          shot,
          Path.of("..", "docs", "autocomplete-page.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
