package dev.breaker.sample;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The dashboard page as a user sees it in the browser: cards, summary bar and buttons. */
final class DashboardView {

    private final WebDriver driver;

    DashboardView(WebDriver driver, String url) {
        this.driver = driver;
        driver.get(url);
    }

    List<String> breakers() {
        return this.driver.findElements(By.cssSelector("[data-breaker]"))
            .stream()
            .map((card) -> card.getDomAttribute("data-breaker"))
            .toList();
    }

    String state(String breaker) {
        return text(breaker, ".state");
    }

    String retry(String breaker) {
        return text(breaker, ".retry");
    }

    /** @return the seconds until the breaker's next retry, as the card shows them, or -1 when it shows none */
    int retrySeconds(String breaker) {
        String seconds = card(breaker).findElement(By.cssSelector(".retry")).getDomAttribute("data-seconds");
        return (seconds == null || seconds.isEmpty()) ? -1 : Integer.parseInt(seconds);
    }

    List<String> openKeys(String breaker) {
        return card(breaker).findElements(By.cssSelector(".open-keys li")).stream().map(WebElement::getText).toList();
    }

    List<WebElement> within(String breaker, String selector) {
        return card(breaker).findElements(By.cssSelector(selector));
    }

    String summary(String field) {
        return this.driver.findElement(By.cssSelector("[data-summary='" + field + "']")).getText();
    }

    List<WebElement> actionButtons() {
        return this.driver.findElements(By.cssSelector("button[data-action]"));
    }

    String notice() {
        return this.driver.findElement(By.id("notice")).getText();
    }

    /**
     * Click one of a card's buttons and answer the dialog that asks for confirmation.
     * @param breaker the card's breaker
     * @param action {@code reset}, {@code force-open} or {@code force-close}
     * @param duration what to type as the duration, or an empty string
     * @param reason what to type as the reason, or an empty string
     * @param confirm whether to confirm rather than cancel
     */
    void act(String breaker, String action, String duration, String reason, boolean confirm) {
        card(breaker).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
        WebElement dialog = this.driver.findElement(By.id("confirm"));
        if (!duration.isEmpty()) {
            dialog.findElement(By.name("duration")).sendKeys(duration);
        }
        if (!reason.isEmpty()) {
            dialog.findElement(By.name("reason")).sendKeys(reason);
        }
        dialog.findElement(By.cssSelector(confirm ? "button[value='confirm']" : "button[value='cancel']")).click();
    }

    private String text(String breaker, String selector) {
        return card(breaker).findElement(By.cssSelector(selector)).getText();
    }

    private WebElement card(String breaker) {
        return this.driver.findElement(By.cssSelector("[data-breaker='" + breaker + "']"));
    }
}
