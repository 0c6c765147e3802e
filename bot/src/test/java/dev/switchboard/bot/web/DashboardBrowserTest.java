package dev.switchboard.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.message.MessageState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's chromium, driven by Selenium through Debian's chromedriver (given by path, so
 * Selenium Manager downloads nothing): a message sent from the page appears and reaches "delivered" without a
 * reload. Leaves a screenshot at {@code target/dashboard.png} (the README shows a copy from docs/).
 */
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    WebRig rig;
    ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        rig = WebRig.start(dir, 100);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--window-size=1400,1500",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        rig.close();
    }

    @Test
    void aMessageSentFromThePageAppearsAndReachesDeliveredWithoutAReload() throws Exception {
        String earlier = rig.sendMessage("Agent-1", "sent before the page was opened");
        rig.awaitState(earlier, MessageState.DELIVERED);

        browser.get(rig.base.toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> d.findElement(By.id("live")).getText().equals("live"));
        assertFalse(browser.findElements(By.cssSelector("#c-dist .uplot")).isEmpty(), "uPlot (WebJar) drew a chart");
        assertEquals(3, browser.findElements(By.cssSelector("#agents tbody tr")).size());
        assertTrue(browser.findElement(By.cssSelector("tr[data-id='" + earlier + "']"))
                .getText()
                .contains("sent before the page was opened"));
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");

        new Select(browser.findElement(By.id("send-agent"))).selectByValue("Agent-2");
        browser.findElement(By.id("send-text")).sendKeys("please rebase onto main");
        browser.findElement(By.id("send-button")).click();
        // the first write asks for the token, once; it stays in the page's memory
        WebElement token = wait.until(d -> {
            WebElement t = d.findElement(By.id("token"));
            return t.isDisplayed() ? t : null;
        });
        token.sendKeys(WebRig.TOKEN);
        browser.findElement(By.cssSelector("#token-form button")).click();

        wait.until(d -> d.findElement(By.id("send-result")).getText().startsWith("queued "));
        String id = rig.app.queue().list(List.of(), "Agent-2", 1).get(0).id();
        // the row appears (from the live event or the send's answer) and shows the text
        wait.until(d -> d.findElements(By.cssSelector("tr[data-id='" + id + "']")).stream()
                .anyMatch(r -> r.getText().contains("please rebase onto main")));
        try {
            wait.until(d -> "delivered"
                    .equals(d.findElement(By.cssSelector("tr[data-id='" + id + "'] td:nth-child(3)"))
                            .getDomAttribute("data-state")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "the page never showed " + id + " delivered (it is "
                            + rig.app.queue().find(id).orElseThrow().state() + "); live: "
                            + browser.findElement(By.id("live")).getText() + "; rows: "
                            + browser.findElement(By.id("messages")).getDomProperty("outerHTML") + "; console: "
                            + browser.manage().logs().get("browser").getAll(),
                    e);
        }
        assertEquals(
                "yes",
                ((JavascriptExecutor) browser).executeScript("return window.__sameDocument;"),
                "the page was not reloaded");
        assertEquals(
                MessageState.DELIVERED, rig.app.queue().find(id).orElseThrow().state());
        Object stored = ((JavascriptExecutor) browser)
                .executeScript(
                        "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie;");
        assertFalse(String.valueOf(stored).contains(WebRig.TOKEN), "the token is kept in memory only");

        // a second message: no second question for the token
        browser.findElement(By.id("send-text")).sendKeys("and rerun the tests");
        browser.findElement(By.id("send-button")).click();
        wait.until(d -> d.findElement(By.id("send-result")).getText().contains("queued ")
                && !d.findElement(By.id("send-text")).getDomProperty("value").contains("rerun"));
        assertFalse(browser.findElement(By.id("token-form")).isDisplayed());

        wait.until(d -> !d.findElement(By.id("t-delivered")).getText().equals("–")
                && Integer.parseInt(d.findElement(By.id("t-delivered")).getText()) >= 2);
        Path shot = Path.of("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anAlertAppearsInThePanelLiveAndTheSnapshotButtonShowsWhatTheAgentShows() throws Exception {
        String delivered = rig.sendMessage("Agent-1", "look at the failing build");
        rig.awaitState(delivered, MessageState.DELIVERED);
        browser.get(rig.base.toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> d.findElement(By.id("live")).getText().equals("live"));
        wait.until(d -> d.findElement(By.id("alerts-note")).getText().equals("no active alerts"));
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");

        // Agent-3's inbox cannot be written: three failures open its breaker, then the rules are checked
        Path inbox = rig.config.inboxOf(rig.app.agents().resolve("Agent-3").orElseThrow());
        Files.createDirectories(inbox.getParent());
        Files.deleteIfExists(inbox);
        Files.writeString(inbox, "not a folder");
        rig.sendMessage("Agent-3", "are you there?");
        WebElement alert = wait.until(d -> {
            rig.app.alerts().evaluate();
            return d.findElements(By.cssSelector("#alerts li")).stream()
                    .filter(li -> li.getText().startsWith("Agent-3: inbox delivery is paused"))
                    .findFirst()
                    .orElse(null);
        });
        assertTrue(alert.getText().contains("since"), alert.getText());
        assertEquals(
                "yes",
                ((JavascriptExecutor) browser).executeScript("return window.__sameDocument;"),
                "the alert came over the live stream, not a reload");

        // the snapshot button asks for the token (a screen can show anything), then shows the inbox file
        browser.findElement(By.id("peek-Agent-1")).click();
        WebElement token = wait.until(d -> {
            WebElement t = d.findElement(By.id("token"));
            return t.isDisplayed() ? t : null;
        });
        token.sendKeys(WebRig.TOKEN);
        browser.findElement(By.cssSelector("#token-form button")).click();
        WebElement shown = wait.until(d -> {
            List<WebElement> pre = d.findElements(By.cssSelector("#peek-body pre"));
            return pre.isEmpty() || !pre.get(0).getText().contains("look at the failing build") ? null : pre.get(0);
        });
        assertTrue(shown.getText().startsWith("Agent-1 · newest inbox and outbox files"), shown.getText());
    }
}
