package dev.tollgate.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the page tests: one per test class ({@link #start()} in @BeforeAll,
 * {@link #close()} in @AfterAll). Screenshots go to {@code server/target/screenshots/}.
 */
public final class PortalBrowser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** Longest wait for a page or an element: pages answer in well under a second. */
  static final Duration WAIT_MAX = Duration.ofSeconds(15);

  private final ChromeDriver driver;

  private PortalBrowser(ChromeDriver driver) {
    this.driver = driver;
  }

  public static PortalBrowser start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("browser tests need Chromium at " + CHROMIUM + " and ChromeDriver at "
          + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT_MAX);
    return new PortalBrowser(driver);
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
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve("portal-" + name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
