package dev.breaker.sample.bot;

import dev.breaker.sample.downstream.DownstreamClient;
import dev.breaker.spring.CircuitProtected;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Talks to each user's bot backend. The {@code bot} breaker is keyed by user id: one user's
 * failing backend opens that user's breaker only, and every other user goes on being served.
 */
@Service
public class BotService {

    private final DownstreamClient downstream;

    public BotService(DownstreamClient downstream) {
        this.downstream = downstream;
    }

    @CircuitProtected(name = "bot", key = "#userId")
    public String reply(String userId, String message) {
        return downstream.get("bot", Map.of("user", userId, "message", message));
    }
}
