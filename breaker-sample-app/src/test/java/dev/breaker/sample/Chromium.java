package dev.breaker.sample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium, driven through chromedriver; both come from the Debian packages
 * {@code chromium} and {@code chromium-driver}, given by path so that Selenium Manager neither
 * looks for nor downloads anything. Each browser starts with a fresh profile of its own.
 */
final class Chromium implements AutoCloseable {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;

    private final ChromeDriver driver;

    private Chromium() throws IOException {
        this.profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + this.profile, "--window-size=1280,600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
        this.driver = new ChromeDriver(service, options);
    }

    /**
     * Start a browser, or skip the test, saying why, when Chromium is not installed.
     * @return the browser
     */
    static Chromium start() {
        assumeTrue(Files.isExecutable(BROWSER), "Chromium is not installed at " + BROWSER
                + ": the browser tests need the Debian packages chromium and chromium-driver");
        try {
            return new Chromium();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    ChromeDriver driver() {
        return this.driver;
    }

    /**
     * Save what the browser shows.
     * @param file the PNG file to write
     */
    void screenshot(Path file) throws IOException {
        File taken = this.driver.getScreenshotAs(OutputType.FILE);
        Files.copy(taken.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        try {
            this.driver.quit();
        }
        finally {
            FileSystemUtils.deleteRecursively(this.profile);
        }
    }
}
