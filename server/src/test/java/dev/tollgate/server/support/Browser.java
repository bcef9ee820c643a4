package dev.tollgate.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for browser tests; one per test class (startup is slow). Fails clearly when
 * Chromium or chromedriver is missing: a browser test that silently skips proves nothing.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(10);

  private final ChromeDriver driver;
  private final String base;

  public Browser(String base) {
    this.driver = headlessChromium();
    this.base = base;
  }

  /** Debian's Chromium, headless, quiet (no network of its own); fails clearly when it is not installed. */
  static ChromeDriver headlessChromium() {
    for (Path required : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(required)) {
        throw new IllegalStateException(required + " is missing: install chromium and chromium-driver (see .ci/run)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  /**
   * The path once it is {@code expected}, or whatever it is when the wait runs out: a click that
   * submits a form can return before the browser has followed the answer's redirect.
   */
  public String awaitPath(String expected) {
    try {
      new WebDriverWait(driver, WAIT).until(d -> expected.equals(path()));
    } catch (org.openqa.selenium.TimeoutException e) {
      // the caller's assertion shows where the browser is instead
    }
    return path();
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  public void select(String css, String value) {
    new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Waits until {@code css} matches an element. */
  public WebElement await(String css) {
    return new WebDriverWait(driver, WAIT).until(d -> {
      var found = d.findElements(By.cssSelector(css));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  /** Saves a PNG of the window to target/screenshots/{name}.png. */
  public Path screenshot(String name) {
    return screenshot(driver, name);
  }

  static Path screenshot(ChromeDriver driver, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
