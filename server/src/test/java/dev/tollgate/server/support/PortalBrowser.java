package dev.tollgate.server.support;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal tests' view of {@link Browser}'s headless Chromium (absolute URLs, waits by locator):
 * one per test class ({@link #start()} in @BeforeAll,
 * {@link #close()} in @AfterAll). Screenshots go to {@code server/target/screenshots/}.
 */
public final class PortalBrowser implements AutoCloseable {
  /** Longest wait for a page or an element: pages answer in well under a second. */
  static final Duration WAIT_MAX = Duration.ofSeconds(15);

  private final ChromeDriver driver;

  private PortalBrowser(ChromeDriver driver) {
    this.driver = driver;
  }

  public static PortalBrowser start() {
    return new PortalBrowser(Browser.headlessChromium());
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public WebElement waitFor(By by) {
    return new WebDriverWait(driver, WAIT_MAX).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public void waitForUrl(String fragment) {
    new WebDriverWait(driver, WAIT_MAX).until(ExpectedConditions.urlContains(fragment));
  }

  public String text(By by) {
    return waitFor(by).getText();
  }

  public String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Saves {@code target/screenshots/portal-<name>.png} and returns its path. */
  public Path screenshot(String name) {
    return Browser.screenshot(driver, "portal-" + name);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
